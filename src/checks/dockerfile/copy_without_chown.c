/* SW0402: Files are copied as root into a folder the app user must write to. */
#include "checks/check.h"

#include <string.h>

#include "util/path.h"
#include "util/str.h"

#define MAX_CHAIN 64

enum why { W_CHOWN, W_MKDIR, W_WORKDIR };

/* A folder the final user writes to, and what says so. */
struct wdir {
	const char *path;
	enum why why;
	const struct m_instr *by;
};

/* Folder names apps write to. Root-level /tmp, /var and /run are system
 * places, so only their subfolders count. */
static bool writable_name(const char *name)
{
	static const char *const names[] = {
		"log", "logs", "upload", "uploads", "data", "tmp", "cache", "storage",
		"var", "run", "sessions", "media", NULL
	};

	for (size_t i = 0; names[i]; i++)
		if (str_eq(name, names[i]))
			return true;
	return false;
}

static bool looks_writable(const char *path)
{
	const char *s = path;
	int level = 0;

	while (*s) {
		size_t n;
		char comp[64];

		while (*s == '/')
			s++;
		n = strcspn(s, "/");
		if (!n)
			break;
		if (n < sizeof(comp)) {
			memcpy(comp, s, n);
			comp[n] = '\0';
			if (writable_name(comp) && (level > 0 || (strcmp(comp, "tmp") &&
			    strcmp(comp, "var") && strcmp(comp, "run"))))
				return true;
		}
		s += n;
		level++;
	}
	return false;
}

/* The user part of "user:group". */
static const char *user_part(struct arena *a, const char *spec)
{
	return arena_strndup(a, spec, strcspn(spec, ":."));
}

/* --chmod that lets everyone write: the user can write anyway. */
static bool world_writable_mode(const char *m)
{
	size_t n = m ? strlen(m) : 0;

	return n >= 3 && strspn(m, "01234567") == n && strchr("2367", m[n - 1]);
}

/* Whether a RUN after instruction `from` re-owns path (or a parent, recursively). */
static bool chowned_later(struct rule_ctx *c, const struct m_stage **chain, size_t n,
			  const struct m_instr *from, const char *path)
{
	bool after = false;

	for (size_t k = 0; k < n; k++)
		for (size_t i = 1; i < chain[k]->ninstrs; i++) {
			const struct m_instr *in = &chain[k]->instrs[i];

			if (in == from) {
				after = true;
				continue;
			}
			if (!after || in->kind != K_RUN)
				continue;
			for (size_t j = 0; j < in->sh.ncmds; j++) {
				struct fs_cmd fc;
				const char *cwd;

				if (!fs_cmd_parse(c->a, &in->sh.cmds[j], &fc) ||
				    strcmp(fc.name, "chown"))
					continue;
				cwd = run_cwd(c->a, in, j);
				for (size_t p = 0; p < fc.npaths; p++) {
					const char *q;

					if (fc.paths[p]->has_subst)
						continue;
					q = path_resolve(c->a, cwd, fc.paths[p]->text);
					if (str_eq(q, path) || (fc.recursive && path_within(path, q)))
						return true;
				}
			}
		}
	return false;
}

static void add(struct arena *a, struct wdir **w, size_t *n, size_t *cap, const char *path,
		enum why why, const struct m_instr *by)
{
	struct wdir *d = ARENA_PUSH(a, *w, *n, *cap);

	d->path = path;
	d->why = why;
	d->by = by;
}

static void check(struct rule_ctx *c)
{
	const struct m_stage *s = c->stage, *chain[MAX_CHAIN];
	struct wdir *w = NULL;
	size_t n, nw = 0, capw = 0;
	const char *user, *uname;

	/* Only a known, unprivileged user: root writes anywhere. */
	if (!s || !s->user || m_user_is_root(s->user) || strchr(s->user, '$'))
		return;
	user = s->user;
	uname = user_part(c->a, user);
	if (!*uname)
		return;
	n = stage_chain(s, chain, MAX_CHAIN);

	for (size_t k = 0; k < n; k++)
		for (size_t i = 1; i < chain[k]->ninstrs; i++) {
			const struct m_instr *in = &chain[k]->instrs[i];
			const struct wdir *hit = NULL;
			const char *dest, *where;
			struct finding *f;

			if (in->kind == K_RUN) {
				for (size_t j = 0; j < in->sh.ncmds; j++) {
					struct fs_cmd fc;
					const char *cwd;
					bool mk, own;

					if (!fs_cmd_parse(c->a, &in->sh.cmds[j], &fc))
						continue;
					mk = str_eq(fc.name, "mkdir");
					own = str_eq(fc.name, "chown") && fc.spec &&
					      str_eq(user_part(c->a, fc.spec), uname);
					if (!mk && !own)
						continue;
					cwd = run_cwd(c->a, in, j);
					for (size_t p = 0; p < fc.npaths; p++) {
						const char *q;

						if (fc.paths[p]->has_subst)
							continue;
						q = path_resolve(c->a, cwd, fc.paths[p]->text);
						if (own && strcmp(q, "/"))
							add(c->a, &w, &nw, &capw, q, W_CHOWN, in);
						else if (looks_writable(q))
							add(c->a, &w, &nw, &capw, q, W_MKDIR, in);
					}
				}
				continue;
			}
			if (in->kind == K_WORKDIR && in->nwords) {
				const char *p = path_resolve(c->a, in->workdir, in->words[0]);
				const char *b = path_base(c->a, p);

				if (writable_name(b) && looks_writable(p))
					add(c->a, &w, &nw, &capw, p, W_WORKDIR, in);
				continue;
			}
			if ((in->kind != K_COPY && in->kind != K_ADD) || in->nwords < 2 ||
			    in->chown || in->copy_from || world_writable_mode(in->chmod))
				continue;
			dest = path_resolve(c->a, in->workdir, in->words[in->nwords - 1]);
			/* The closest folder that holds the destination. */
			for (size_t d = 0; d < nw; d++)
				if (path_within(dest, w[d].path) &&
				    (!hit || strlen(w[d].path) >= strlen(hit->path)))
					hit = &w[d];
			if (!hit && !looks_writable(dest))
				continue;
			if (chowned_later(c, chain, n, in, dest))
				continue;	/* SW0403's business */
			where = hit && strcmp(hit->path, dest) ? hit->path : "that folder";
			if (!hit)
				f = rule_report(c, in, "files copied to %s without --chown belong to "
						"root, but it looks like a folder the final user %s "
						"writes to", dest, uname);
			else if (hit->why == W_CHOWN)
				f = rule_report(c, in, "files copied into %s without --chown belong to "
						"root, undoing the chown to %s at line %u", dest, uname,
						hit->by->node->start.line);
			else
				f = rule_report(c, in, "files copied into %s without --chown belong to "
						"root, but the final user %s must write to %s (%s "
						"at line %u)", dest, uname, where,
						hit->why == W_MKDIR ? "created" : "the WORKDIR",
						hit->by->node->start.line);
			f->fix = arena_printf(c->a, "Copy with --chown=%s (COPY --chown=%s ...), so "
					      "the user can write the files", user, user);
		}
}

const struct check check_copy_without_chown = {
	.rule = &SW0402,
	.stage = check,
};
