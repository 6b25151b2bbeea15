/* SW0272: The image's User names a user its /etc/passwd does not have. */
#include <string.h>

#include "image/image.h"
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;
	unsigned long uid;

	if (!img->user || !*img->user || image_user_uid(img, img->user, &uid))
		return;
	report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
		   "User \"%s\" is not in the image's /etc/passwd: the container fails to start "
		   "(\"unable to find user\")", img->user);
}

const struct rule rule_image_unknown_user = {
	.id = "SW0272",
	.title = "The image's USER does not exist in the image",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "image",
	.why = "Docker resolves a user name through the image's own /etc/passwd when the "
	       "container starts; a name it lacks makes every start fail. A numeric uid always "
	       "works.",
	.bad = "USER app   # but no useradd app in any stage that ends in the image\n",
	.good = "RUN useradd --uid 10001 app\nUSER app\n",
	.fix = "Create the user in the final stage, or use a numeric USER 10001",
	.check_image = check,
};
