/* SW0971: The image exposes port 22, or a privileged port while it runs
 * as a non-root user. */
#include <stdlib.h>

#include "input/image/image.h"
#include "checks/check.h"

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;
	unsigned long uid = 0;
	bool nonroot = img->user && *img->user && image_user_uid(img, img->user, &uid) && uid;

	for (size_t i = 0; i < img->nports; i++) {
		char *end;
		unsigned long port = strtoul(img->ports[i], &end, 10);

		if (end == img->ports[i])
			continue;
		if (port == 22)
			report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
				   "the image exposes %s (SSH): use docker exec instead",
				   img->ports[i]);
		else if (port < 1024 && nonroot)
			report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
				   "the image exposes privileged port %s but runs as %s: a non-root "
				   "process cannot bind it without extra capabilities", img->ports[i],
				   img->user);
	}
}

const struct check check_image_ports = {
	.rule = &SW0971,
	.image = check,
};
