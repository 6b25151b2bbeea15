/* SW0272: The image's User names a user its /etc/passwd does not have. */
#include <string.h>

#include "input/image/image.h"
#include "checks/check.h"

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;
	unsigned long uid;

	if (!img->user || !*img->user || image_user_uid(img, img->user, &uid))
		return;
	/* A link seaworthy could not follow to its content is no proof. */
	if (!image_passwd_known(img)) {
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
			   "User \"%s\" is not checked: the image's /etc/passwd is a link to a "
			   "file seaworthy does not read", img->user)->severity = SEV_INFO;
		return;
	}
	report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
		   "User \"%s\" is not in the image's /etc/passwd: the container fails to start "
		   "(\"unable to find user\")", img->user);
}

const struct check check_image_unknown_user = {
	.rule = &SW0272,
	.image = check,
};
