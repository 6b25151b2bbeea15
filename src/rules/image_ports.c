/* SW0971: The image exposes port 22, or a privileged port while it runs
 * as a non-root user. */
#include <stdlib.h>

#include "image/image.h"
#include "rules/rule.h"

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

const struct rule rule_image_ports = {
	.id = "SW0971",
	.title = "The image exposes SSH or a privileged port it cannot bind",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "image",
	.why = "Port 22 in an image means an SSH server inside the container. A port below 1024 "
	       "needs root or CAP_NET_BIND_SERVICE to bind: with a non-root USER the server "
	       "fails to start, or someone adds the capability back.",
	.bad = "USER app\nEXPOSE 80 22\n",
	.good = "USER app\nEXPOSE 8080   # publish it as 80:8080\n",
	.fix = "Listen on a port above 1023 and map it when publishing (-p 80:8080)",
	.check_image = check,
};
