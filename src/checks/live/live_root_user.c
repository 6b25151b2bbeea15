/* SW0281: a container runs as root. */
#include "checks/live/live_util.h"

#include "checks/compose/compose_util.h"

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

const struct check check_live_root_user = {
	.rule = &SW0281,
	.live = check,
};
