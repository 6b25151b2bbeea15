/* SW0471: A folder the image's non-root user must write to (a VOLUME, or a
 * log/data/upload/tmp folder of the app) is owned by root; or an app folder
 * is world-writable. */
#include <string.h>

#include "input/image/image.h"
#include "checks/check.h"
#include "util/str.h"

static const char *const writable[] = { "log", "logs", "data", "uploads", "upload", "tmp",
					"cache", NULL };

static void look(struct rule_ctx *c, const char *path, const char *why, unsigned long uid)
{
	const struct image *img = c->image;
	const struct img_file *f = image_resolve(c->a, img, path);

	if (!f || f->type != 'd')
		return;
	if (f->uid == 0 && uid != 0 && !(f->mode & 0002))
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
			   "%s %s is owned by root (mode %04o, from %s), so user %s cannot write "
			   "to it", why, path, f->mode, image_layer_desc(c->a, img, f->layer),
			   img->user);
	else if ((f->mode & 0002) && !(f->mode & 01000))
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
			   "%s %s is world-writable (mode %04o, from %s)", why, path, f->mode,
			   image_layer_desc(c->a, img, f->layer));
}

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;
	unsigned long uid = 0;

	if (!img->user || !*img->user || !image_user_uid(img, img->user, &uid) || uid == 0)
		return;	/* root can write anywhere; SW0271/SW0272 say the rest */
	for (size_t i = 0; i < img->nvolumes; i++)
		look(c, img->volumes[i], "the VOLUME", uid);
	if (!img->workdir || !*img->workdir || str_eq(img->workdir, "/"))
		return;
	for (size_t i = 0; writable[i]; i++) {
		const char *p = arena_printf(c->a, "%s/%s", img->workdir, writable[i]);
		bool vol = false;

		for (size_t k = 0; k < img->nvolumes; k++)
			vol |= str_eq(img->volumes[k], p);
		if (!vol)
			look(c, p, "the app folder", uid);
	}
}

const struct check check_image_root_owned_dirs = {
	.rule = &SW0471,
	.image = check,
};
