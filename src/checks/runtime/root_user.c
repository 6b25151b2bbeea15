/* The main process runs as root: SW0251 (compose user:), SW0271 (image),
 * SW0281 (live). A Dockerfile's own USER is SW0201's (checks/dockerfile):
 * a service that keeps it is not reported twice. */
#include "checks/runtime/runtime.h"
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

static void image(struct rule_ctx *c, const struct spec *s)
{
	const struct sp_user *u = &s->user;

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
