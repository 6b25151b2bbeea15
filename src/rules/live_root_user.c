/* SW0281: a container runs as root. */
#include "rules/live_util.h"

#include "rules/compose_util.h"

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;

	if (!*ct->user) {
		lv_report(c, "runs as root: neither its image nor the container sets a user");
	} else if (cx_user_is_root(ct->user)) {
		/* The image may be fine and the run overrides it. */
		if (ct->has_image && *ct->image_user && !cx_user_is_root(ct->image_user))
			lv_report(c, "runs as root: user %s overrides the image's user %s",
				  ct->user, ct->image_user);
		else
			lv_report(c, "runs as root (user %s)", ct->user);
	}
}

const struct rule rule_live_root_user = {
	.id = "SW0281",
	.title = "A container runs as root",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "live",
	.why = "Whatever the Dockerfile or compose file says, this is the user the running "
	       "container has: no user in the image and none given to docker run, or an "
	       "explicit root (root, 0, 0:0). Root in a container is root on the host's kernel: "
	       "a container escape or a writable host mount gives full control.",
	.bad = "docker run -d --name api acme/api:1.8          # the image sets no USER\n"
	       "docker run -d --name job --user root acme/job:2\n",
	.good = "docker run -d --name api --user 10001:10001 acme/api:1.8\n"
		"# better: USER app in the image's Dockerfile\n",
	.fix = "Set an unprivileged USER in the image (or run the container with --user "
	       "10001:10001, user: in compose) and recreate the container",
	.check_live = check,
};
