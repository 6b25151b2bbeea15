/* SW1071: Log files baked into the image, or a log folder that is neither
 * a VOLUME nor linked to the container's output. */
#include <string.h>

#include "input/image/image.h"
#include "checks/check.h"
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;
	const char *app = img->workdir && img->workdir[0] == '/' && img->workdir[1] ?
			  img->workdir + 1 : NULL;
	size_t applen = app ? strlen(app) : 0;

	for (size_t i = 0; i < img->capfiles; i++) {
		const struct img_file *f = img->files[i];

		if (!f || !f->present || f->type != 'f' || f->size <= 0 || !str_ends_with(f->path, ".log"))
			continue;
		if (strncmp(f->path, "var/log/", 8) &&
		    !(app && !strncmp(f->path, app, applen) && f->path[applen] == '/'))
			continue;
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
			   "/%s (%lld bytes) is a log file baked into the image by %s", f->path,
			   (long long)f->size, image_layer_desc(c->a, img, f->layer));
	}
	if (app) {
		const char *p = arena_printf(c->a, "%s/logs", img->workdir);
		const struct img_file *d = image_lookup(img, p);
		bool vol = false;

		for (size_t k = 0; k < img->nvolumes; k++)
			vol |= str_eq(img->volumes[k], p);
		if (d && d->type == 'd' && !vol)
			report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
				   "%s is a log folder that is neither a VOLUME nor linked to "
				   "/dev/stdout: its logs are lost with the container", p);
	}
}

const struct check check_image_log_files = {
	.rule = &SW1071,
	.image = check,
};
