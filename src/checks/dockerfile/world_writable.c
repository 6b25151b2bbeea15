/* SW0404: chmod 777 or a+w on app folders. */
#include "checks/check.h"

#include <string.h>

#include "util/path.h"
#include "util/strbuf.h"
#include "util/str.h"

/*
 * Whether a chmod mode lets every user write: octal with the "other" write
 * bit (777, 0666, 1777), or a symbolic clause giving w to o or a (a+w,
 * o+rwx, ugo=rwx). A bare +w honours the umask, so it doesn't count.
 */
static bool world_writable(const char *mode)
{
	size_t n = mode ? strlen(mode) : 0;

	if (!n)
		return false;
	if (strspn(mode, "01234567") == n)
		return n <= 4 && strchr("2367", mode[n - 1]);
	while (*mode) {
		size_t len = strcspn(mode, ",");
		bool other = false;
		size_t i = 0;

		for (; i < len && strchr("ugoa", mode[i]); i++)
			if (mode[i] == 'o' || mode[i] == 'a')
				other = true;
		/* each op (+ - =) starts a new list of permissions */
		while (i < len) {
			char op = mode[i++];
			bool w = false;

			for (; i < len && !strchr("+-=", mode[i]); i++)
				if (mode[i] == 'w')
					w = true;
			if (other && w && (op == '+' || op == '='))
				return true;
		}
		mode += len;
		if (*mode == ',')
			mode++;
	}
	return false;
}

/* /tmp-like places are meant to be shared (with the sticky bit). */
static bool is_tmp(const char *p)
{
	return path_within(p, "/tmp") || path_within(p, "/var/tmp") || path_within(p, "/dev/shm");
}

/* One finding per RUN: the first world-writable chmod or mkdir -m, with
 * how many more the RUN has, and the folders they open. */
static void check_run(struct rule_ctx *c, const struct m_instr *in)
{
	struct strbuf bad = STRBUF_INIT;
	const struct sh_cmd *first = NULL;
	size_t nbad = 0, ncmds = 0;
	struct finding *f;

	for (size_t j = 0; j < in->sh.ncmds; j++) {
		const struct sh_cmd *cmd = &in->sh.cmds[j];
		const char *name = sh_cmd_name(cmd), *cwd;
		struct fs_cmd fc;
		size_t before = nbad;

		/* chmod 777 and mkdir -m 777; install -m is rare enough to skip */
		if (!fs_cmd_parse(c->a, cmd, &fc) || (strcmp(name, "chmod") && strcmp(name, "mkdir")))
			continue;
		/* 1777: shared like /tmp, with the sticky bit */
		if (!world_writable(fc.spec) || (strlen(fc.spec) == 4 && fc.spec[0] == '1'))
			continue;
		cwd = run_cwd(c->a, in, j);
		for (size_t p = 0; p < fc.npaths; p++) {
			const struct sh_word *w = fc.paths[p];
			if (!w->has_subst && is_tmp(path_resolve(c->a, cwd, w->text)))
				continue;
			/* as written: a relative path may be under an inherited WORKDIR */
			if (nbad++ < 3)
				strbuf_addf(&bad, "%s%s", nbad > 1 ? ", " : "", w->text);
			else if (nbad == 4)
				strbuf_addstr(&bad, ", ...");
		}
		if (nbad > before && !ncmds++)
			first = cmd;
	}
	if (!first) {
		strbuf_release(&bad);
		return;
	}
	if (str_eq(sh_cmd_name(first), "mkdir") && ncmds == 1)
		f = rule_report(c, in, "`%s` creates %s writable by every user",
				sh_cmd_text(c->a, first, 72), bad.buf);
	else if (ncmds == 1)
		f = rule_report(c, in, "`%s` lets every user write to %s",
				sh_cmd_text(c->a, first, 72), bad.buf);
	else
		f = rule_report(c, in, "`%s` and %zu more let every user write to %s",
				sh_cmd_text(c->a, first, 60), ncmds - 1, bad.buf);
	strbuf_release(&bad);
	f->fix = "Give the folder to the app user instead (chown app:app DIR, or COPY "
		 "--chown) and keep the mode at 755 for folders, 644 for files";
}

static void check(struct rule_ctx *c)
{
	for (size_t k = 0; k < c->df->nstages; k++) {
		const struct m_stage *s = &c->df->stages[k];

		/* Everything runs as one user who is not root: there is no
		 * other user to write (the mode is for any --user uid). */
		if (!m_user_is_root(s->user))
			continue;
		for (size_t i = 1; i < s->ninstrs; i++) {
			const struct m_instr *in = &s->instrs[i];
			const char *dest;
			struct finding *f;

			if (in->kind == K_RUN) {
				check_run(c, in);
				continue;
			}
			if ((in->kind != K_COPY && in->kind != K_ADD) || !world_writable(in->chmod) ||
			    in->nwords < 2)
				continue;
			dest = path_resolve(c->a, in->workdir, in->words[in->nwords - 1]);
			if (is_tmp(dest))
				continue;
			f = rule_report(c, in, "--chmod=%s lets every user write to the files copied "
					"to %s", in->chmod, dest);
			f->fix = "Use --chown=<user>:<group> with a mode like 755 (or 644 for files) "
				 "instead of a world-writable --chmod";
		}
	}
}

const struct check check_world_writable = {
	.rule = &SW0404,
	.dockerfile = check,
};
