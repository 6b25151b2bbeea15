/* SW0771: The image starts sshd or a process supervisor, or ships them. */
#include <string.h>

#include "input/image/image.h"
#include "checks/check.h"

static const char *const bins[] = { "usr/sbin/sshd", "usr/bin/supervisord",
				    "usr/local/bin/supervisord", "usr/bin/s6-svscan",
				    "usr/bin/runsvdir", "sbin/runsvdir", NULL };

static const char *started(const struct image *img)
{
	for (int pass = 0; pass < 2; pass++) {
		const char **v = pass ? img->cmd : img->entrypoint;
		size_t n = pass ? img->ncmd : img->nentrypoint;

		for (size_t i = 0; i < n; i++)
			if (strstr(v[i], "sshd") || strstr(v[i], "supervisord") ||
			    strstr(v[i], "runsvdir") || strstr(v[i], "s6-svscan"))
				return v[i];
	}
	return NULL;
}

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;
	const char *s = started(img);

	if (s) {
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
			   "the image starts %s: one container should run one service", s);
		return;
	}
	for (size_t i = 0; bins[i]; i++) {
		const struct img_file *f = image_lookup(img, bins[i]);

		if (f && f->type != 'd')
			report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
				   "/%s is installed (%s)", bins[i],
				   image_layer_desc(c->a, img, f->layer));
	}
}

const struct check check_image_service_manager = {
	.rule = &SW0771,
	.image = check,
};
