/* A process supervisor or sshd: what an image starts, or ships
 * (SW0771, image), and what runs in a container (SW0781, live). One
 * notion of a manager (spec/proc.h) over what each layer knows: an
 * image's entrypoint and command and, through its origin, its files; a
 * container's processes. A compose service's command is the stage's
 * (dockerfile/supervisor.c judges that). */
#include "checks/runtime/runtime.h"

#include <stdlib.h>
#include <string.h>

#include "input/image/image.h"
#include "lexicon/lexicon.h"
#include "spec/proc.h"
#include "util/str.h"

/* Where packages install programs. */
static const char *const bin_dirs[] = { "usr/sbin", "usr/bin", "usr/local/bin", "sbin", "bin",
					NULL };

static const char *started(const struct spec *s)
{
	for (int pass = 0; pass < 2; pass++) {
		const struct sp_list *l = pass ? &s->command : &s->entrypoint;

		for (size_t i = 0; i < l->n; i++)
			if (proc_word_runs_manager(l->v[i].s))
				return l->v[i].s;
	}
	return NULL;
}

/* Whether a script of the image that its config runs starts program
 * name: the stage checks' .image functions say so, at the script's line
 * (checks/dockerfile/supervisor.c), and "installed" would repeat it. */
static bool script_runs(const struct rule_ctx *c, const char *name)
{
	for (size_t k = 0; c->entry && k < c->entry->n; k++)
		for (size_t i = 0; i < c->entry->scripts[k].sh.ncmds; i++)
			if (str_eq(sh_cmd_name(&c->entry->scripts[k].sh.cmds[i]), name))
				return true;
	return false;
}

static void image(struct rule_ctx *c, const struct spec *s)
{
	const struct image *img = s->origin;
	const char *what = started(s);

	if (what) {
		sp_report(c, s, NULL, "the image starts %s: one container should run one service",
			  what);
		return;
	}
	for (size_t d = 0; bin_dirs[d]; d++)
		for (int list = 0; list < 2; list++)
			for (const char *const *w = (list ? &lex_ssh_servers : &lex_supervisors)->words;
			     *w; w++) {
				const char *path = arena_printf(c->a, "%s/%s", bin_dirs[d], *w);
				const struct img_file *f = image_lookup(img, path);

				if (f && f->type != 'd' && !script_runs(c, *w))
					sp_report(c, s, NULL, "/%s is installed (%s)", path,
						  image_layer_desc(c->a, img, f->layer));
			}
}

struct hit {
	const char *prog, *cmd;
};

static int cmp_hit(const void *x, const void *y)
{
	const struct hit *p = x, *q = y;
	int d = strcmp(p->prog, q->prog);

	return d ? d : strcmp(p->cmd, q->cmd);
}

static void container(struct rule_ctx *c, const struct spec *s)
{
	struct hit *hits;
	size_t n = 0;

	if (!s->nprocs)
		return;
	hits = arena_alloc(c->a, s->nprocs * sizeof(*hits));
	for (size_t k = 0; k < s->nprocs; k++) {
		const char *prog = proc_program(c->a, s->procs[k].cmd);

		if (proc_is_manager(prog, true)) {
			hits[n].prog = prog;
			hits[n++].cmd = s->procs[k].cmd;
		}
	}
	/* Sorted, one finding per program: PIDs and ps order vary. */
	qsort(hits, n, sizeof(*hits), cmp_hit);
	for (size_t k = 0; k < n; k++) {
		if (k && str_eq(hits[k].prog, hits[k - 1].prog))
			continue;
		if (str_eq(hits[k].prog, "sshd") || str_eq(hits[k].prog, "dropbear"))
			sp_report(c, s, NULL, "runs an SSH daemon (%s): a login service with its "
				  "own keys, where docker exec would do", hits[k].cmd);
		else
			sp_report(c, s, NULL, "runs %s (%s), a process supervisor: several "
				  "services share the container", hits[k].prog, hits[k].cmd);
	}
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		if (s->kind == SPEC_IMAGE)
			image(c, s);
		else if (s->kind == SPEC_CONTAINER)
			container(c, s);
	}
}

const struct check check_rt_service_manager = {
	.on = { [SPEC_IMAGE] = &SW0771, [SPEC_CONTAINER] = &SW0781 },
	.spec = check,
};
