/* SW0273: setuid or setgid files in the final filesystem. */
#include "image/image.h"
#include "rules/rule.h"

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

const struct rule rule_image_setuid = {
	.id = "SW0273",
	.title = "The image holds setuid or setgid binaries",
	.severity = SEV_INFO,
	.checklist = 2,
	.layer = "image",
	.why = "A setuid-root binary lets a non-root user become root inside the container "
	       "when it has a flaw. Few services need one; base images ship several (su, passwd, "
	       "mount).",
	.bad = "FROM debian:12   # /usr/bin/su, /usr/bin/passwd... are setuid root\n",
	.good = "RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\n",
	.fix = "Strip the bits (chmod a-s) from binaries the service does not need, or run with "
	       "--security-opt no-new-privileges",
	.check_image = check,
};
