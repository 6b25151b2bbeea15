/* SW0403: chown -R runs in a separate RUN after COPY. */
#include "checks/check.h"

#include <string.h>

#include "util/path.h"
#include "util/strbuf.h"
#include "util/str.h"

/*
 * Commands that only adjust files: a RUN made of these exists for the
 * chown, so its layer is nothing but a second copy of the files.
 */
static bool is_permission_only(const struct m_instr *in)
{
	static const char *const ok[] = {
		"chown", "chgrp", "chmod", "mkdir", "touch", "ln", "set", "true", ":",
		"echo", "sudo", "su-exec", "gosu", "find", "xargs", NULL
	};

	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const char *name = sh_cmd_name(&in->sh.cmds[i]);
		bool found = false;

		for (size_t k = 0; ok[k] && !found; k++)
			found = str_eq(name, ok[k]);
		if (!found)
			return false;
	}
	return true;
}

static void check_run(struct rule_ctx *c, const struct m_stage *s, const struct m_instr *run)
{
	if (!is_permission_only(run))
		return;
	for (size_t j = 0; j < run->sh.ncmds; j++) {
		const struct sh_cmd *cmd = &run->sh.cmds[j];
		struct strbuf lines = STRBUF_INIT;
		unsigned *nums = NULL;
		const char *cwd, *path = NULL;
		struct fs_cmd fc;
		size_t nlines = 0, cap = 0;
		struct finding *f;

		if (!fs_cmd_parse(c->a, cmd, &fc) || strcmp(fc.name, "chown") || !fc.recursive ||
		    !fc.spec)
			continue;
		cwd = run_cwd(c->a, run, j);
		/* Every COPY/ADD before the RUN, without --chown, above or below a path. */
		for (size_t i = 1; i < run->index; i++) {
			const struct m_instr *in = &s->instrs[i];
			const char *dest;
			bool hit = false;

			if ((in->kind != K_COPY && in->kind != K_ADD) || in->chown || in->nwords < 2)
				continue;
			dest = path_resolve(c->a, in->workdir, in->words[in->nwords - 1]);
			for (size_t p = 0; p < fc.npaths && !hit; p++) {
				const char *q;

				if (fc.paths[p]->has_subst)
					continue;
				q = path_resolve(c->a, cwd, fc.paths[p]->text);
				/* chown of / says nothing about one COPY */
				if (strcmp(q, "/") && (path_within(dest, q) || path_within(q, dest))) {
					hit = true;
					if (!path)
						path = q;
				}
			}
			if (hit)
				*ARENA_PUSH(c->a, nums, nlines, cap) = in->node->start.line;
		}
		/* "line 3", "lines 3 and 5", "lines 3, 5 and 7" */
		for (size_t k = 0; k < nlines; k++)
			strbuf_addf(&lines, "%s%u", !k ? "" : k + 1 == nlines ? " and " : ", ", nums[k]);
		if (nlines) {
			f = rule_report(c, run, "`chown -R %s %s` stores the files copied at line%s %s "
					"a second time, in a layer of its own", fc.spec, path,
					nlines > 1 ? "s" : "", lines.buf);
			f->fix = arena_printf(c->a, "Copy with --chown=%s (COPY --chown=%s ...) and drop "
					      "the chown -R", fc.spec, fc.spec);
		}
		strbuf_release(&lines);
	}
}

static void check(struct rule_ctx *c)
{
	for (size_t k = 0; k < c->df->nstages; k++) {
		const struct m_stage *s = &c->df->stages[k];

		for (size_t i = 1; i < s->ninstrs; i++)
			if (s->instrs[i].kind == K_RUN)
				check_run(c, s, &s->instrs[i]);
	}
}

const struct check check_chown_separate_layer = {
	.rule = &SW0403,
	.dockerfile = check,
};
