/* SW0273: setuid or setgid files in the final filesystem. */
#include "input/image/image.h"
#include "checks/check.h"

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;

	for (size_t i = 0; i < img->capfiles; i++) {
		const struct img_file *f = img->files[i];

		if (f && f->present && f->type == 'f' && (f->mode & 06000))
			report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
				   "/%s is set%sid (mode %04o, owner %lu), added by %s", f->path,
				   f->mode & 04000 ? "u" : "g", f->mode, f->uid,
				   image_layer_desc(c->a, img, f->layer));
	}
}

const struct check check_image_setuid = {
	.rule = &SW0273,
	.image = check,
};
