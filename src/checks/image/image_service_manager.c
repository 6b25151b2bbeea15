/* SW0771: The image starts sshd or a process supervisor, or ships them. */
#include <string.h>

#include "checks/check.h"
#include "input/image/image.h"
#include "lexicon/lexicon.h"

/* Where packages install programs. */
static const char *const bin_dirs[] = { "usr/sbin", "usr/bin", "usr/local/bin", "sbin", "bin",
					NULL };

static bool manager(const char *prog)
{
	return lex_has(&lex_supervisors, prog) || lex_has(&lex_ssh_servers, prog);
}

/* Whether a word of the entrypoint or command runs a manager: a program
 * named by a word or by a word of a shell command line in it. */
static bool runs_manager(const char *w)
{
	char prog[256];

	for (const char *p = w; *p;) {
		size_t n = strcspn(p, " \t;&|()");
		const char *b = p;

		for (size_t k = 0; k < n; k++)
			if (p[k] == '/')
				b = p + k + 1;
		n -= (size_t)(b - p);
		if (n && n < sizeof(prog)) {
			memcpy(prog, b, n);
			prog[n] = '\0';
			if (manager(prog))
				return true;
		}
		p = b + n;
		p += strspn(p, " \t;&|()");
	}
	return false;
}

static const char *started(const struct image *img)
{
	for (int pass = 0; pass < 2; pass++) {
		const char **v = pass ? img->cmd : img->entrypoint;
		size_t n = pass ? img->ncmd : img->nentrypoint;

		for (size_t i = 0; i < n; i++)
			if (runs_manager(v[i]))
				return v[i];
	}
	return NULL;
}

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;
	const char *s = started(img);

	if (s) {
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
			   "the image starts %s: one container should run one service", s);
		return;
	}
	for (size_t d = 0; bin_dirs[d]; d++)
		for (int list = 0; list < 2; list++)
			for (const char *const *w = (list ? &lex_ssh_servers : &lex_supervisors)->words;
			     *w; w++) {
				const char *path = arena_printf(c->a, "%s/%s", bin_dirs[d], *w);
				const struct img_file *f = image_lookup(img, path);

				if (f && f->type != 'd')
					report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
						   "/%s is installed (%s)", path,
						   image_layer_desc(c->a, img, f->layer));
			}
}

const struct check check_image_service_manager = {
	.rule = &SW0771,
	.image = check,
};
