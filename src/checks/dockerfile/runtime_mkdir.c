/* SW0401: Directories are created or chowned when the container starts. */
#include "checks/check.h"

#include <fnmatch.h>
#include <string.h>

#include "util/path.h"
#include "util/str.h"
#include "lexicon/lexicon.h"

#define MAX_CHAIN 64

/* What a start command does to the filesystem, the first one found. */
struct hit {
	const struct sh_cmd *cmd;
	const char *text;	/* the command's source, for line numbers */
	size_t count;
};

/* Runtime-only places: tmpfs at start, created then by design. */
static bool is_runtime_dir(const char *p)
{
	static const char *const dirs[] = { "/tmp", "/var/tmp", "/run", "/var/run", "/dev/shm", NULL };

	for (size_t i = 0; dirs[i]; i++) {
		size_t n = strlen(dirs[i]);

		if (!strncmp(p, dirs[i], n) && (!p[n] || p[n] == '/'))
			return true;
	}
	return false;
}

/* mkdir, chown or chmod on at least one path that isn't a runtime dir. */
static bool is_fs_setup(struct arena *a, const struct sh_cmd *c)
{
	struct fs_cmd fc;

	if (!fs_cmd_parse(a, c, &fc))
		return false;
	for (size_t i = 0; i < fc.npaths; i++)
		if (fc.paths[i]->has_subst || !is_runtime_dir(fc.paths[i]->text))
			return true;
	return false;
}

static void scan(struct arena *a, const struct sh_script *sh, const char *text, struct hit *h)
{
	for (size_t i = 0; i < sh->ncmds; i++) {
		if (!is_fs_setup(a, &sh->cmds[i]))
			continue;
		if (!h->count++) {
			h->cmd = &sh->cmds[i];
			h->text = text;
		}
	}
}

static unsigned line_of(const char *text, size_t off)
{
	unsigned line = 1;

	for (size_t i = 0; i < off && text[i]; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

static bool is_shell(const char *name)
{
	return lex_has(&lex_shells, name);
}

/* A #! line for something other than a shell (python, node...). */
static bool foreign_script(const char *s)
{
	char prog[64];
	const char *p = s + 2, *slash;
	size_t n;

	if (strncmp(s, "#!", 2))
		return false;
	for (int round = 0; round < 2; round++) {
		while (*p == ' ' || *p == '\t')
			p++;
		n = strcspn(p, " \t\r\n");
		if (n >= sizeof(prog))
			return true;
		memcpy(prog, p, n);
		prog[n] = '\0';
		p += n;
		slash = strrchr(prog, '/');
		slash = slash ? slash + 1 : prog;
		if (round == 0 && str_eq(slash, "env")) {
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '-')	/* env -S */
				p += strcspn(p, " \t\r\n");
			continue;
		}
		return !is_shell(slash) && strcmp(slash, "busybox");
	}
	return true;
}

/* A COPY/ADD of the chain, with what does not depend on the path sought
 * worked out once: find_script asks each of them for several paths. */
struct copy_src {
	const char *src;
	bool skip;		/* a URL, an empty word or a COPY <<EOF heredoc */
	bool glob;
	const char *base;	/* path_base(src) */
	const char *at;		/* dest resolved with base: where a file src lands */
	int kind;		/* m_context_kind(src), or -1 before it is asked */
};

struct copy_info {
	const char *dest;	/* resolved against the WORKDIR */
	bool dir_dest;
	struct copy_src *srcs;
	size_t nsrc;
};

static void copy_info_init(struct rule_ctx *c, const struct m_instr *in, struct copy_info *ci)
{
	size_t nsrc = in->nwords - 1;

	ci->nsrc = nsrc;
	ci->dest = path_resolve(c->a, in->workdir, in->words[nsrc]);
	ci->dir_dest = nsrc > 1 || !*in->words[nsrc] ||
		       in->words[nsrc][strlen(in->words[nsrc]) - 1] == '/';
	ci->srcs = arena_alloc(c->a, nsrc * sizeof(*ci->srcs));
	for (size_t i = 0; i < nsrc; i++) {
		struct copy_src *cs = &ci->srcs[i];
		const char *src = in->words[i];

		cs->src = src;
		cs->kind = -1;
		/* URLs and COPY <<EOF heredocs aren't context files */
		cs->skip = strstr(src, "://") || !*src || !strncmp(src, "<<", 2);
		if (cs->skip)
			continue;
		cs->glob = path_has_glob(src);
		cs->base = path_base(c->a, src);
		if (!cs->glob)
			cs->at = path_resolve(c->a, ci->dest, cs->base);
	}
}

/*
 * The context file a COPY/ADD put at path, or NULL: `COPY x.sh /p`,
 * `COPY x.sh /dir/`, `COPY scripts/ /dir/`, `COPY . .`, `COPY *.sh /dir/`.
 * pbase is path_base(path).
 */
static const char *source_for(struct rule_ctx *c, struct copy_info *ci, const char *path,
			      const char *pbase, const char **data, size_t *len)
{
	const char *dest = ci->dest;

	for (size_t i = 0; i < ci->nsrc; i++) {
		struct copy_src *cs = &ci->srcs[i];
		const char *src = cs->src, *cand[3];
		size_t ncand = 0;

		if (cs->skip)
			continue;
		if (cs->glob) {
			char *dir, *sl;

			if (fnmatch(cs->base, pbase, 0) ||
			    strcmp(path_resolve(c->a, dest, pbase), path))
				continue;
			dir = arena_strdup(c->a, src);
			sl = strrchr(dir, '/');
			if (sl)
				sl[1] = '\0';
			cand[ncand++] = arena_printf(c->a, "%s%s", sl ? dir : "", pbase);
		} else {
			size_t dl = strlen(dest);
			bool as_file = (!ci->dir_dest && str_eq(dest, path)) || str_eq(cs->at, path);
			/* a directory's contents land in dest */
			bool in_dir = path_within(path, dest) && strcmp(path, dest);

			/* One stat says which of these can be there at all, for
			 * every path asked (a command is looked up in six PATH
			 * folders), where each would have been a failed open. */
			if ((as_file || in_dir) && cs->kind < 0)
				cs->kind = m_context_kind(c->df, src);
			if (as_file && cs->kind == M_CONTEXT_FILE)
				cand[ncand++] = src;
			if (in_dir && cs->kind == M_CONTEXT_DIR)
				cand[ncand++] = arena_printf(c->a, "%s/%s", src,
							     path + (dl > 1 ? dl + 1 : 1));
		}
		for (size_t k = 0; k < ncand; k++) {
			const char *d = m_context_file(c->df, cand[k], len);

			if (d) {
				*data = d;
				return path_resolve(c->a, "/", cand[k]) + 1;
			}
		}
	}
	return NULL;
}

/* The COPY/ADD instructions of the chain from the build context, last first. */
struct copies {
	struct copy_info *v;
	size_t n;
	bool ready;
};

static void copies_init(struct rule_ctx *c, const struct m_stage **chain, size_t n,
			struct copies *cp)
{
	size_t cap = 0;

	cp->v = NULL;
	cp->n = 0;
	cp->ready = true;
	for (size_t k = n; k > 0; k--) {
		const struct m_stage *s = chain[k - 1];

		for (size_t i = s->ninstrs; i > 1; i--) {
			const struct m_instr *in = &s->instrs[i - 1];

			if ((in->kind != K_COPY && in->kind != K_ADD) || in->nwords < 2 ||
			    in->copy_from)
				continue;
			copy_info_init(c, in, ARENA_PUSH(c->a, cp->v, cp->n, cap));
		}
	}
}

/* Finds the script the last COPY/ADD of the chain put at path. */
static const char *find_script(struct rule_ctx *c, struct copies *cp, const struct m_stage **chain,
			       size_t n, const char *path, const char **data, size_t *len)
{
	const char *pbase = path_base(c->a, path);

	if (!cp->ready)
		copies_init(c, chain, n, cp);
	for (size_t i = 0; i < cp->n; i++) {
		const char *src = source_for(c, &cp->v[i], path, pbase, data, len);

		if (src)
			return src;
	}
	return NULL;
}

/* Where an argv[0] without a slash is found. */
static const char *const path_dirs[] = {
	"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", NULL
};

/* " (and 2 more mkdir/chown/chmod)" */
static const char *more(struct arena *a, const struct hit *h)
{
	return h->count > 1 ? arena_printf(a, " (and %zu more mkdir/chown/chmod)", h->count - 1) : "";
}

static void check_instr(struct rule_ctx *c, const struct m_stage **chain, size_t n,
			const struct m_instr *in)
{
	const char *what = in->kind == K_CMD ? "CMD" : "ENTRYPOINT";
	struct hit h = { NULL, NULL, 0 };
	struct copies cp = { NULL, 0, false };

	scan(c->a, &in->sh, in->script, &h);
	if (h.count) {
		rule_report(c, in, "the %s runs `%s` at container start instead of at build "
				"time%s", what, sh_cmd_text(c->a, h.cmd, 72),
				more(c->a, &h));
		return;
	}

	/* An entrypoint script from the build context. */
	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *cmd = &in->sh.cmds[i];
		const struct sh_word *w;
		const char *script = NULL, *data = NULL, *src = NULL;
		struct sh_script sh;
		size_t len = 0;

		if (!cmd->argc)
			continue;
		w = &cmd->argv[0];
		if (is_shell(sh_cmd_name(cmd)) && cmd->argc > 1 && cmd->argv[1].text[0] != '-')
			w = &cmd->argv[1];
		if (w->has_subst || !w->text[0])
			continue;
		if (strchr(w->text, '/') || w != &cmd->argv[0]) {
			script = path_resolve(c->a, in->workdir, w->text);
			src = find_script(c, &cp, chain, n, script, &data, &len);
		} else {
			for (size_t k = 0; path_dirs[k] && !src; k++) {
				script = arena_path_join(c->a, path_dirs[k], w->text);
				src = find_script(c, &cp, chain, n, script, &data, &len);
			}
		}
		if (!src || foreign_script(data))
			continue;
		sh_parse(c->a, data, len, &sh);
		scan(c->a, &sh, data, &h);
		if (!h.count)
			continue;
		rule_report(c, in, "the %s script %s runs `%s` at container start (%s:%u) instead "
				"of at build time%s", what, src, sh_cmd_text(c->a, h.cmd, 72), src,
				line_of(h.text, h.cmd->off),
				more(c->a, &h));
		return;
	}
}

static void check(struct rule_ctx *c)
{
	const struct m_stage *chain[MAX_CHAIN];
	const struct m_instr *ep = NULL, *cmd = NULL;
	size_t n;

	if (!c->stage)
		return;
	n = stage_chain(c->stage, chain, MAX_CHAIN);
	/* The ENTRYPOINT and CMD in effect: the last ones of the chain. */
	for (size_t k = 0; k < n; k++)
		for (size_t i = 1; i < chain[k]->ninstrs; i++) {
			const struct m_instr *in = &chain[k]->instrs[i];

			if (in->kind == K_ENTRYPOINT)
				ep = in;
			else if (in->kind == K_CMD)
				cmd = in;
		}
	if (ep)
		check_instr(c, chain, n, ep);
	if (cmd)
		check_instr(c, chain, n, cmd);
}

const struct check check_runtime_mkdir = {
	.rule = &SW0401,
	.stage = check,
};
