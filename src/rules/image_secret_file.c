/* SW0572: A secret file (private key, .env, .npmrc token, cloud or registry
 * credentials) is shipped in a layer, even when a later layer deletes it. */
#include "image/image.h"
#include "rules/rule.h"

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

const struct rule rule_image_secret_file = {
	.id = "SW0572",
	.title = "A secret file is shipped in an image layer",
	.severity = SEV_ERROR,
	.checklist = 5,
	.layer = "image",
	.why = "Every layer is part of the image: a key or credentials file copied in and deleted "
	       "by a later RUN rm is still in the earlier layer, and anyone who pulls the image "
	       "can extract it with docker save.",
	.bad = "COPY id_rsa /root/.ssh/id_rsa\nRUN git clone git@host:repo && rm /root/.ssh/id_rsa\n",
	.good = "RUN --mount=type=ssh git clone git@host:repo\n",
	.fix = "Keep secrets out of the build context (.dockerignore) and use "
	       "RUN --mount=type=secret or --mount=type=ssh",
	.check_image = check,
};
