/* SW0871: The image config has no Healthcheck. */
#include "input/image/image.h"
#include "checks/check.h"

static void check(struct rule_ctx *c)
{
	if (!c->image->healthcheck && c->image->nports)
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
			   "the image exposes %s but has no Healthcheck", c->image->ports[0]);
}

const struct check check_image_no_healthcheck = {
	.rule = &SW0871,
	.image = check,
};
