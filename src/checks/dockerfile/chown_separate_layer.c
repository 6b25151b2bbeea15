/* SW0403: chown -R runs in a separate RUN after COPY. */
#include "checks/check.h"

#include <dirent.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

#define SMALL_COPY (64u << 10)	/* a second copy this small is not worth a finding */
#define MAX_WALK 2000		/* context entries looked at per finding */

/* Adds the size of path (a file, or a folder's files) to *total, up to
 * *left entries; false when it cannot tell (a missing path, too many). */
static bool add_size(const char *path, unsigned long long *total, size_t *left)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	bool ok = true;

	if (!(*left)-- || lstat(path, &st))
		return false;
	if (!S_ISDIR(st.st_mode)) {
		*total += (unsigned long long)st.st_size;
		return true;
	}
	if (!(d = opendir(path)))
		return false;
	while (ok && *total < SMALL_COPY && (e = readdir(d))) {
		char sub[4096];

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name) >= sizeof(sub))
			ok = false;
		else
			ok = add_size(sub, total, left);
	}
	closedir(d);
	return ok;
}

/* Whether the files COPY in takes from the build context weigh under
 * SMALL_COPY: a config file or two, whose second copy costs nothing. */
static bool copies_little(const struct rule_ctx *c, const struct m_instr *in,
			  unsigned long long *total, size_t *left)
{
	if (in->copy_from || !c->df->dir)
		return false;
	for (size_t w = 0; w + 1 < in->nwords; w++) {
		const char *src = in->words[w], *dot = strrchr(src, '.');
		char pat[4096];
		glob_t g;
		bool ok = true;

		/* ADD fetches URLs and unpacks archives: their size is not the file's */
		if (in->kind == K_ADD && (strstr(src, "://") || (dot && (strstr(dot, "tar") ||
			strstr(dot, "gz") || strstr(dot, "xz") || strstr(dot, "bz2") ||
			strstr(dot, "zst")))))
			return false;
		if (strchr(src, '$') || src[0] == '/' || strstr(src, "..") ||
		    (size_t)snprintf(pat, sizeof(pat), "%s/%s", c->df->dir, src) >= sizeof(pat))
			return false;
		if (glob(pat, 0, NULL, &g))
			return false;
		for (size_t k = 0; k < g.gl_pathc && ok; k++)
			ok = add_size(g.gl_pathv[k], total, left);
		globfree(&g);
		if (!ok || *total >= SMALL_COPY)
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
		size_t nlines = 0, cap = 0, left = MAX_WALK;
		unsigned long long total = 0;
		bool little = true;
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
			if (hit) {
				*ARENA_PUSH(c->a, nums, nlines, cap) = in->node->start.line;
				little = little && copies_little(c, in, &total, &left);
			}
		}
		/* "line 3", "lines 3 and 5", "lines 3, 5 and 7" */
		for (size_t k = 0; k < nlines; k++)
			strbuf_addf(&lines, "%s%u", !k ? "" : k + 1 == nlines ? " and " : ", ", nums[k]);
		if (nlines && !little) {
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
