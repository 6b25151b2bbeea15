/* SW0572: A secret file (private key, .env, .npmrc token, cloud or registry
 * credentials) is shipped in a layer, even when a later layer deletes it. */
#include "input/image/image.h"
#include "checks/check.h"

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;

	for (size_t i = 0; i < img->nsecrets; i++) {
		const struct img_secret *s = &img->secrets[i];
		const struct img_file *f = image_lookup(img, s->path);

		report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
			   "/%s (%s) was added by %s%s", s->path, s->what,
			   image_layer_desc(c->a, img, s->layer),
			   f && f->layer == s->layer ? "" :
			   "; a later layer deletes it, but the earlier layer still ships it");
	}
}

const struct check check_image_secret_file = {
	.rule = &SW0572,
	.image = check,
};
