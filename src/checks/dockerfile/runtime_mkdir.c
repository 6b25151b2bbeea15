/* SW0401: Directories are created or chowned when the container starts. */
#include "checks/check.h"

#include <string.h>

#include "input/image/image.h"
#include "util/path.h"
#include "util/str.h"
#include "util/strbuf.h"


/* What is known of the container a start command runs in: what the
 * image fixes (ENV), what is mounted over it, where the command runs. */
struct where {
	struct arena *a;
	const char *cwd;		/* the script's working directory */
	const char **mounts;		/* clean absolute container paths */
	size_t nmounts;
	const struct m_stage *stage;	/* its ENV, or NULL */
	const char *const *env;		/* an image config's "NAME=value", or NULL */
	size_t nenv;
};

/* What a start command does to the filesystem, the first one found. */
struct hit {
	const struct sh_cmd *cmd;
	const char *path;	/* the target named when others of the command are fine */
	size_t count;
};

/* Places the runtime makes at start (tmpfs, devices, kernel views):
 * creating or owning there at start is by design. */
static bool is_runtime_dir(const char *p)
{
	static const char *const dirs[] = { "/tmp", "/var/tmp", "/run", "/var/run", "/dev",
					    "/proc", "/sys", NULL };

	for (size_t i = 0; dirs[i]; i++)
		if (path_within(p, dirs[i]))
			return true;
	return false;
}

/* The value the image fixes for name (the last ENV of the stage chain, or
 * the image config's), or NULL: then it is given at run time. */
static const char *env_value(const struct where *w, const char *name, size_t n)
{
	const char *v = NULL;

	for (size_t i = 0; w->stage && i < w->stage->nscope; i++) {
		const struct m_var *m = &w->stage->scope[i];

		if (!m->is_arg && m->has_value && strlen(m->name) == n && !strncmp(m->name, name, n))
			v = m->value;
	}
	for (size_t i = 0; w->env && i < w->nenv; i++)
		if (!strncmp(w->env[i], name, n) && w->env[i][n] == '=')
			v = w->env[i] + n + 1;
	return v && *v && !strchr(v, '$') ? v : NULL;
}

/* The word with every $NAME and ${NAME...} replaced by what the image's
 * ENV fixes, or NULL when one is left to run time (or is $(..), $1...). */
static const char *expand(const struct where *w, const char *t)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r = NULL;

	while (*t) {
		const char *name, *v;
		size_t n;
		bool braced;

		if (*t == '`')
			goto out;
		if (*t != '$') {
			strbuf_addch(&sb, *t++);
			continue;
		}
		braced = t[1] == '{';
		name = t + 1 + braced;
		for (n = 0; name[n] == '_' || (name[n] >= 'A' && name[n] <= 'Z') ||
			    (name[n] >= 'a' && name[n] <= 'z') || (n && name[n] >= '0' && name[n] <= '9');
		     n++)
			;
		if (!n || !(v = env_value(w, name, n)))
			goto out;
		t = name + n;
		if (braced) {	/* ${NAME:-default}: the ENV value wins */
			int depth = 1;

			for (; *t && depth; t++)
				depth += *t == '{' ? 1 : *t == '}' ? -1 : 0;
		}
		strbuf_addstr(&sb, v);
	}
	r = arena_strdup(w->a, sb.buf);
out:
	strbuf_release(&sb);
	return r;
}

/* The target as the container sees it when creating or owning it at start
 * could move to build time, or NULL: its path is given at run time, made
 * by the runtime, or on a mount (which starts empty or host-owned). */
static const char *fixed_target(const struct where *w, const struct sh_word *word)
{
	const char *t = word->has_subst ? expand(w, word->text) : word->text;

	if (!t || !*t)
		return NULL;
	t = path_resolve(w->a, w->cwd ? w->cwd : "/", t);
	if (is_runtime_dir(t))
		return NULL;
	for (size_t i = 0; i < w->nmounts; i++)
		if (path_within(t, w->mounts[i]))
			return NULL;
	return t;
}

/* A mkdir, chown or chmod the image could have done at build time: the
 * first such target, or NULL (*skipped: some other target is not). An
 * owner given at run time ($PUID) is not. */
static const char *fs_setup_target(const struct where *w, const struct sh_cmd *c, bool *skipped)
{
	const char *first = NULL;
	struct fs_cmd fc;

	if (!fs_cmd_parse(w->a, c, &fc))
		return NULL;
	if (fc.spec && strchr(fc.spec, '$') && strcmp(fc.name, "chmod") && strcmp(fc.name, "mkdir"))
		return NULL;
	for (size_t i = 0; i < fc.npaths; i++) {
		const char *t = fixed_target(w, fc.paths[i]);

		if (!t)
			*skipped = true;
		else if (!first)
			first = t;
	}
	return first;
}

static void scan(const struct where *w, const struct sh_script *sh, struct hit *h)
{
	for (size_t i = 0; i < sh->ncmds; i++) {
		bool skipped = false;
		const char *t = fs_setup_target(w, &sh->cmds[i], &skipped);

		if (t && !h->count++) {
			h->cmd = &sh->cmds[i];
			h->path = skipped ? t : NULL;
		}
	}
}

/* " (/var/log/nginx is not mounted)" when other targets of the command
 * are fine. */
static const char *which(struct arena *a, const struct hit *h)
{
	return h->path ? arena_printf(a, " (%s is not mounted)", h->path) : "";
}

/* The mount points a stage's container has: its VOLUMEs (base stages'
 * too) and the volumes: targets of the compose services that run it. */
static void stage_mounts(struct rule_ctx *c, struct where *w)
{
	size_t cap = 0;

	for (const struct m_stage *s = c->stage; s; s = s->base_stage)
		for (size_t j = 0; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			for (size_t k = 0; in->kind == K_VOLUME && k < in->nwords; k++)
				if (!strchr(in->words[k], '$'))
					*ARENA_PUSH(c->a, w->mounts, w->nmounts, cap) =
						path_resolve(c->a, "/", in->words[k]);
		}
	for (size_t i = 0; i < c->nships; i++) {
		const struct df_ship *sh = &c->ships[i];

		if (m_stage_named(c->df, sh->target) != c->stage)
			continue;
		for (size_t k = 0; k < sh->nmounts; k++)
			if (sh->mounts[k][0] == '/')
				*ARENA_PUSH(c->a, w->mounts, w->nmounts, cap) =
					path_resolve(c->a, "/", sh->mounts[k]);
	}
}

/* " (and 2 more mkdir/chown/chmod)" */
static const char *more(struct arena *a, const struct hit *h)
{
	return h->count > 1 ? arena_printf(a, " (and %zu more mkdir/chown/chmod)", h->count - 1) : "";
}

static void check_instr(struct rule_ctx *c, const struct where *stage, const struct m_instr *in)
{
	const char *what = in->kind == K_CMD ? "CMD" : "ENTRYPOINT";
	struct hit h = { NULL, NULL, 0 };
	struct where w = *stage;

	w.cwd = in->workdir;
	scan(&w, &in->sh, &h);
	if (h.count)
		rule_report(c, in, "the %s runs `%s` at container start instead of at build "
				"time%s%s", what, sh_cmd_text(c->a, h.cmd, 72), which(c->a, &h),
				more(c->a, &h));
}

/* The entry scripts the stage runs (input/dockerfile/entry.h), each
 * reported at its first start-time mkdir, chown or chmod. */
static void check_scripts(struct rule_ctx *c, const struct where *at)
{
	for (size_t k = 0; c->entry && k < c->entry->n; k++) {
		const struct entry_script *sc = &c->entry->scripts[k];
		struct hit h = { NULL, NULL, 0 };
		struct where w = *at;

		w.cwd = sc->root->scripts_cwd ? sc->root->scripts_cwd : sc->root->cwd;
		scan(&w, &sc->sh, &h);
		if (h.count)
			rule_report_script(c, sc, h.cmd->off, "`%s` runs at every container start "
					   "instead of at build time%s%s",
					   sh_cmd_text(c->a, h.cmd, 72), which(c->a, &h),
					   more(c->a, &h));
	}
}

static void check(struct rule_ctx *c)
{
	const struct m_instr *ep, *cmd;
	struct where w = { .a = c->a };

	if (!c->stage)
		return;
	w.stage = c->stage;
	stage_mounts(c, &w);
	m_stage_main_process(c->stage, &ep, &cmd);
	if (ep)
		check_instr(c, &w, ep);
	if (cmd)
		check_instr(c, &w, cmd);
	check_scripts(c, &w);
}

/* An image: its config's command line and the scripts of the image it
 * runs (SW0472). */
static void check_image_cmd(struct rule_ctx *c, const struct where *w,
			    const struct sh_script *sh, const char *what)
{
	struct hit h = { NULL, NULL, 0 };

	scan(w, sh, &h);
	if (h.count)
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0, "%s runs `%s` at container start "
			   "instead of at build time%s%s", what, sh_cmd_text(c->a, h.cmd, 72),
			   which(c->a, &h), more(c->a, &h));
}

static void check_image(struct rule_ctx *c)
{
	const struct image *img = c->image;
	struct where w = { .a = c->a, .cwd = img->workdir, .env = img->env, .nenv = img->nenv };

	w.mounts = arena_alloc(c->a, (img->nvolumes + 1) * sizeof(*w.mounts));
	for (size_t k = 0; k < img->nvolumes; k++)
		w.mounts[w.nmounts++] = path_resolve(c->a, "/", img->volumes[k]);
	check_image_cmd(c, &w, &img->main, img->nentrypoint ? "the image's Entrypoint" :
								   "the image's Cmd");
	if (img->cmd_apart.ncmds)
		check_image_cmd(c, &w, &img->cmd_apart, "the image's Cmd");
	check_scripts(c, &w);
}

const struct check check_runtime_mkdir = {
	.rule = &SW0401,
	.stage = check,
	.image = check_image,
	.image_rule = &SW0472,
};
