/* SW0271: The image runs as root (no USER, or one that is uid 0 in the
 * image's own /etc/passwd). */
#include "image/image.h"
#include "rules/rule.h"

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

const struct rule rule_image_root_user = {
	.id = "SW0271",
	.title = "The image runs as root",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "image",
	.why = "A process running as root inside the container is root on the host's kernel: "
	       "any escape or mounted volume gives full control. The image config decides the "
	       "user, whatever the Dockerfile looked like.",
	.bad = "docker save myapp:1.0 -o myapp.tar   # config.User is \"\"\n",
	.good = "RUN useradd --uid 10001 app\nUSER app\n",
	.fix = "Create an unprivileged user in the image and set USER to it",
	.check_image = check,
};
