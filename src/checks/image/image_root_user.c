/* SW0271: The image runs as root (no USER, or one that is uid 0 in the
 * image's own /etc/passwd). */
#include "input/image/image.h"
#include "checks/check.h"

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;
	unsigned long uid = 1;

	if (!img->user || !*img->user)
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
			   "the config sets no User, so the container runs as root");
	else if (image_user_uid(img, img->user, &uid) && uid == 0)
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
			   "User \"%s\" is uid 0 in the image's /etc/passwd, so the container "
			   "runs as root", img->user);
}

const struct check check_image_root_user = {
	.rule = &SW0271,
	.image = check,
};
