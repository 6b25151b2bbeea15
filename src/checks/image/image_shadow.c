/* SW0274: /etc/shadow holds password hashes or empty passwords, or
 * /etc/passwd gives two users the same uid. */
#include <stdlib.h>
#include <string.h>

#include "input/image/image.h"
#include "checks/check.h"

/* Calls fn for each line's first field and the field number n. */
static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;
	const struct img_file *sh = image_lookup(img, "etc/shadow");
	const struct img_file *pw = image_lookup(img, "etc/passwd");

	if (sh && sh->content) {
		for (const char *p = sh->content, *e; p < sh->content + sh->clen; p = e + 1) {
			const char *c1, *c2;

			e = memchr(p, '\n', (size_t)(sh->content + sh->clen - p));
			if (!e)
				e = sh->content + sh->clen;
			c1 = memchr(p, ':', (size_t)(e - p));
			if (!c1)
				continue;
			c2 = memchr(c1 + 1, ':', (size_t)(e - c1 - 1));
			if (!c2)
				c2 = e;
			if (c2 == c1 + 1)
				report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
					   "/etc/shadow: user %.*s has an empty password",
					   (int)(c1 - p), p);
			else if (c1[1] == '$')
				report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
					   "/etc/shadow: user %.*s has a password hash, which every "
					   "copy of the image ships", (int)(c1 - p), p);
		}
	}
	if (pw && pw->content) {
		unsigned long seen[256];
		size_t n = 0;

		for (const char *p = pw->content, *e; p < pw->content + pw->clen; p = e + 1) {
			const char *f = p;
			unsigned long uid;

			e = memchr(p, '\n', (size_t)(pw->content + pw->clen - p));
			if (!e)
				e = pw->content + pw->clen;
			for (int k = 0; k < 2 && f && f < e; k++)
				f = memchr(f, ':', (size_t)(e - f)), f = f ? f + 1 : NULL;
			if (!f || f >= e || *f < '0' || *f > '9')
				continue;
			uid = strtoul(f, NULL, 10);
			for (size_t k = 0; k < n; k++)
				if (seen[k] == uid) {
					report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
						   "/etc/passwd: uid %lu is given to several users "
						   "(%.*s is one)", uid,
						   (int)strcspn(p, ":\n"), p);
					break;
				}
			if (n < sizeof(seen) / sizeof(seen[0]))
				seen[n++] = uid;
		}
	}
}

const struct check check_image_shadow = {
	.rule = &SW0274,
	.image = check,
};
