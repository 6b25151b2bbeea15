/* SW0053: a secret is written literally in a service's environment. */
#include "checks/compose/compose_util.h"

#include <string.h>
#include <strings.h>

#include "spec/secret.h"
#include "util/str.h"


/* Whether pos is in one of the project's compose files (not an env_file). */
static bool in_compose_file(const struct c_project *p, const struct y_pos *pos)
{
	for (size_t k = 0; pos->file && k < p->nfiles; k++)
		if (p->files[k] && str_eq(p->files[k], pos->file))
			return true;
	return false;
}

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		for (size_t k = 0; k < s->nenvironment; k++) {
			const struct c_kv *kv = &s->environment[k];
			const char *v = kv->value, *tok;
			bool url;

			if (!kv->key || !v || !*v || text_is_placeholder(v))
				continue;
			tok = text_known_token(v);
			url = text_has_url_credentials(v);
			if (!tok && !url &&
			    (!var_name_is_secret(kv->key) || v[0] == '/' || text_is_switch(v)))
				continue;
			/* A value interpolated from .env or the shell keeps the
			 * secret out of the compose file: only literals count. */
			if (!in_compose_file(p, &kv->pos) || cx_written_with_variable(c->a, &kv->pos) ||
			    !cx_source_text(c->a, &kv->pos))
				continue;
			cx_report_value(c, s, kv, "service %s sets %s to %s written in the compose "
					"file: it is committed with the file and shown by docker "
					"inspect", s->name, kv->key,
					url ? "a URL with a password" : tok ? tok : "a literal secret");
		}
	}
}

const struct check check_compose_env_secret = {
	.rule = &SW0053,
	.compose = check,
};
