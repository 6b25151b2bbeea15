/* SW0401: Directories are created or chowned when the container starts. */
#include "checks/check.h"

#include <string.h>

#include "input/image/image.h"
#include "util/str.h"
#include "lexicon/lexicon.h"


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

/* " (and 2 more mkdir/chown/chmod)" */
static const char *more(struct arena *a, const struct hit *h)
{
	return h->count > 1 ? arena_printf(a, " (and %zu more mkdir/chown/chmod)", h->count - 1) : "";
}

static void check_instr(struct rule_ctx *c, const struct m_instr *in)
{
	const char *what = in->kind == K_CMD ? "CMD" : "ENTRYPOINT";
	struct hit h = { NULL, NULL, 0 };

	scan(c->a, &in->sh, in->script, &h);
	if (h.count)
		rule_report(c, in, "the %s runs `%s` at container start instead of at build "
				"time%s", what, sh_cmd_text(c->a, h.cmd, 72),
				more(c->a, &h));
}

/* The entry scripts the stage runs (input/dockerfile/entry.h), each
 * reported at its first start-time mkdir, chown or chmod. */
static void check_scripts(struct rule_ctx *c)
{
	for (size_t k = 0; c->entry && k < c->entry->n; k++) {
		const struct entry_script *sc = &c->entry->scripts[k];
		struct hit h = { NULL, NULL, 0 };

		scan(c->a, &sc->sh, sc->text, &h);
		if (h.count)
			rule_report_script(c, sc, h.cmd->off, "`%s` runs at every container start "
					   "instead of at build time%s",
					   sh_cmd_text(c->a, h.cmd, 72), more(c->a, &h));
	}
}

static void check(struct rule_ctx *c)
{
	const struct m_instr *ep, *cmd;

	if (!c->stage)
		return;
	m_stage_main_process(c->stage, &ep, &cmd);
	if (ep)
		check_instr(c, ep);
	if (cmd)
		check_instr(c, cmd);
	check_scripts(c);
}

/* An image: its config's command line and the scripts of the image it
 * runs (SW0472). */
static void check_image_cmd(struct rule_ctx *c, const struct sh_script *sh, const char *what)
{
	struct hit h = { NULL, NULL, 0 };

	scan(c->a, sh, NULL, &h);
	if (h.count)
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0, "%s runs `%s` at container start "
			   "instead of at build time%s", what, sh_cmd_text(c->a, h.cmd, 72),
			   more(c->a, &h));
}

static void check_image(struct rule_ctx *c)
{
	const struct image *img = c->image;

	check_image_cmd(c, &img->main, img->nentrypoint ? "the image's Entrypoint" :
							   "the image's Cmd");
	if (img->cmd_apart.ncmds)
		check_image_cmd(c, &img->cmd_apart, "the image's Cmd");
	check_scripts(c);
}

const struct check check_runtime_mkdir = {
	.rule = &SW0401,
	.stage = check,
	.image = check_image,
	.image_rule = &SW0472,
};
