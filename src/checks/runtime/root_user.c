/* The main process runs as root: SW0251 (compose user:), SW0271 (image),
 * SW0281 (live). A Dockerfile's own USER is SW0201's (checks/dockerfile):
 * a service that keeps it is not reported twice. An image whose entry
 * command or script drops root for good (gosu, su-exec...) does not run
 * as root. */
#include "checks/runtime/runtime.h"
#include "input/image/image.h"
#include "input/shell/drop.h"
#include "spec/user.h"

static void service(struct rule_ctx *c, const struct spec *s)
{
	const struct sp_user *u = &s->user;

	if (u->from != SP_COMPOSE || !user_is_root(u->name))
		return;
	/* Cross-file: say which good USER of the Dockerfile this undoes. */
	if (u->image_user && !m_user_is_root(u->image_user))
		sp_report(c, s, &u->at, "runs as root: user: %s overrides USER %s of its Dockerfile "
			  "(%s:%u)", u->name, u->image_user, u->image_file, u->image_at.line);
	else
		sp_report(c, s, &u->at, "runs as root (user: %s)", u->name);
}

/* Whether what the image runs drops root for good (exec gosu app "$@"):
 * its config's command line, or a script of the image it runs
 * (input/shell/drop.h, as SW0201 judges a stage). A drop only in some
 * branch is reported, naming the branch. */
static bool image_drops(struct rule_ctx *c, const struct spec *s)
{
	const struct image *img = s->origin;
	struct sh_drop d = { 0 };
	struct finding *f;
	unsigned line, col;

	if (img && sh_find_drop(&img->main, NULL, NULL, &d))
		return true;
	if (c->entry && c->entry->foreign_drop)
		return true;	/* a Python or Node program that execs gosu */
	for (size_t k = 0; c->entry && k < c->entry->n; k++)
		if (sh_find_drop(&c->entry->scripts[k].sh, c->entry->scripts[k].text,
				 &c->entry->scripts[k], &d))
			return true;
	if (!d.cmd || !d.sc)
		return false;
	entry_script_pos(d.sc, d.cond_off, &line, &col);
	f = rule_report_script(c, d.sc, d.cmd->off, "the image drops to user %s (%s) only under "
			       "`%s` (line %u): otherwise the main process runs as root", d.user,
			       sh_cmd_name(d.cmd), sh_cond_text(c->a, d.text, d.cond_off), line);
	f->severity = SEV_WARNING;
	f->fix = "Drop privileges on every path to the main process, or set USER in the Dockerfile";
	return true;
}

static void image(struct rule_ctx *c, const struct spec *s)
{
	const struct sp_user *u = &s->user;

	if ((!u->name || u->uid == 0) && image_drops(c, s))
		return;
	if (!u->name)
		sp_report(c, s, NULL, "the config sets no User, so the container runs as root");
	else if (u->uid == 0)
		sp_report(c, s, NULL, "User \"%s\" is uid 0 in the image's /etc/passwd, so the "
			  "container runs as root", u->name);
}

static void container(struct rule_ctx *c, const struct spec *s)
{
	const struct sp_user *u = &s->user;

	if (!u->name)
		sp_report(c, s, NULL, "runs as root: neither its image nor the container sets a user");
	else if (user_is_root(u->name) && u->image_user && !user_is_root(u->image_user))
		/* The image may be fine and the run overrides it. */
		sp_report(c, s, NULL, "runs as root: user %s overrides the image's user %s",
			  u->name, u->image_user);
	else if (user_is_root(u->name))
		sp_report(c, s, NULL, "runs as root (user %s)", u->name);
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		if (s->kind == SPEC_SERVICE)
			service(c, s);
		else if (s->kind == SPEC_IMAGE)
			image(c, s);
		else
			container(c, s);
	}
}

const struct check check_rt_root_user = {
	.on = { [SPEC_SERVICE] = &SW0251, [SPEC_IMAGE] = &SW0271, [SPEC_CONTAINER] = &SW0281 },
	.spec = check,
};
