/* Questions about an image's final filesystem. */
#include <stdlib.h>
#include <string.h>

#include "input/image/image.h"

const struct img_file *image_resolve(struct arena *a, const struct image *img, const char *path)
{
	char *cur = arena_strdup(a, path);

	/* Resolve the longest symlinked prefix, up to 40 hops (loops end). */
	for (int hops = 0; hops < 40; hops++) {
		size_t n = strlen(cur);
		bool changed = false;

		while (*cur == '/')
			cur++;
		for (size_t i = 0; i <= n && !changed; i++) {
			const struct img_file *f;
			char save;

			if (cur[i] != '/' && cur[i] != '\0')
				continue;
			save = cur[i];
			cur[i] = '\0';
			f = image_lookup(img, cur);
			cur[i] = save;
			if (!f || f->type != 'l' || !f->link)
				continue;
			if (f->link[0] == '/')
				cur = arena_printf(a, "%s%s", f->link, cur + i);
			else
				cur = arena_printf(a, "%.*s%s%s", (int)(strrchr(f->path, '/') ?
					strrchr(f->path, '/') - f->path + 1 : 0), f->path, f->link,
					cur + i);
			changed = true;
		}
		if (!changed)
			return image_lookup(img, cur);
	}
	return NULL;
}

const char *image_layer_desc(struct arena *a, const struct image *img, int layer)
{
	const char *by = layer >= 0 && (size_t)layer < img->nlayers ?
			 img->layers[layer].created_by : NULL;

	if (!by || !*by)
		return arena_printf(a, "layer %d", layer);
	return arena_printf(a, "layer %d (%.*s%s)", layer, 60, by, strlen(by) > 60 ? "..." : "");
}

bool image_user_uid(const struct image *img, const char *user, unsigned long *uid)
{
	const struct img_file *pw = image_lookup(img, "etc/passwd");
	size_t n = strcspn(user, ":");
	char *end;
	unsigned long num = strtoul(user, &end, 10);

	if (n && end == user + n && *user >= '0' && *user <= '9') {
		*uid = num;
		return true;
	}
	if (!pw || !pw->content)
		return false;
	for (const char *p = pw->content, *e; p < pw->content + pw->clen; p = e + 1) {
		const char *c1, *c2;

		e = memchr(p, '\n', (size_t)(pw->content + pw->clen - p));
		if (!e)
			e = pw->content + pw->clen;
		c1 = memchr(p, ':', (size_t)(e - p));
		if (!c1 || (size_t)(c1 - p) != n || strncmp(p, user, n))
			continue;
		c2 = memchr(c1 + 1, ':', (size_t)(e - c1 - 1));
		if (!c2)
			return false;
		*uid = strtoul(c2 + 1, NULL, 10);
		return true;
	}
	return false;
}
