/* SW0571: A secret in a history step of the image (a build ARG value
 * recorded in created_by); its config's Env is checked with the compose
 * environment (checks/runtime/env_secret.c). */
#include <string.h>

#include "input/image/image.h"
#include "checks/check.h"
#include "spec/secret.h"
#include "util/str.h"

/* NAME=value with a secret name and a literal, non-placeholder value. */
static const char *secret_assignment(struct arena *a, const char *s, const char **value)
{
	const char *eq = strchr(s, '=');
	char *name;

	if (!eq || eq == s || !eq[1])
		return NULL;
	name = arena_strndup(a, s, (size_t)(eq - s));
	*value = eq + 1;
	if (var_name_is_secret(name) && eq[1] != '$' && !text_is_placeholder(eq + 1))
		return name;
	return NULL;
}

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;
	const char *v;

	for (size_t i = 0; i < img->nhistory; i++) {
		const char *h = img->history[i];
		/* An ENV step ("ENV A=b", or the classic builder's "#(nop)  ENV
		 * A=b") whose value is still in Env was reported above. */
		bool env_step = !strncmp(h, "ENV ", 4) || strstr(h, "#(nop)  ENV ") ||
				strstr(h, "#(nop) ENV ");

		/* BuildKit records "RUN |2 NPM_TOKEN=abc ..." for build args. */
		for (const char *p = h; *p;) {
			size_t n = strcspn(p, " \t");
			const char *word = arena_strndup(c->a, p, n);
			const char *name = secret_assignment(c->a, word, &v);

			for (size_t k = 0; name && env_step && k < img->nenv; k++)
				if (str_eq(img->env[k], word))
					name = NULL;
			if (name) {
				report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
					   "history step %zu records the value of %s "
					   "(%s): docker history shows it", i, name,
					   env_step ? "an ENV a later step changed" : "a build ARG?");
				break;
			}
			p += n;
			p += strspn(p, " \t");
		}
	}
}

const struct check check_image_history_secret = {
	.rule = &SW0571,
	.image = check,
};
