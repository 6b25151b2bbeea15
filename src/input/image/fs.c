/* Questions about an image's final filesystem. */
#include <stdlib.h>
#include <string.h>

#include "input/image/image.h"
#include "util/strbuf.h"

/* Paths longer than this are not resolved: the kernel's PATH_MAX, which
 * also keeps the walk below linear in a long link's length. */
#define RESOLVE_MAX 4096
#define MAX_LINKS 40

const struct img_file *image_resolve(struct arena *a, const struct image *img, const char *path)
{
	struct strbuf cur = STRBUF_INIT, rest = STRBUF_INIT;
	const struct img_file *f = NULL;
	unsigned links = 0;
	size_t i = 0;
	bool ok = strlen(path) <= RESOLVE_MAX;

	(void)a;
	strbuf_addstr(&rest, path);
	/* One component at a time, as the kernel walks: a link's target
	 * replaces the components read so far (absolute) or the last one. */
	while (ok && i < rest.len) {
		size_t j, n, keep;
		const char *comp;

		while (i < rest.len && rest.buf[i] == '/')
			i++;
		for (j = i; j < rest.len && rest.buf[j] != '/'; j++)
			;
		comp = rest.buf + i;
		n = j - i;
		if (!n || (n == 1 && comp[0] == '.')) {
			i = j;
			continue;
		}
		if (n == 2 && comp[0] == '.' && comp[1] == '.') {
			const char *slash = strrchr(cur.buf, '/');

			strbuf_setlen(&cur, slash ? (size_t)(slash - cur.buf) : 0);
			i = j;
			continue;
		}
		keep = cur.len;
		if (cur.len)
			strbuf_addch(&cur, '/');
		strbuf_add(&cur, comp, n);
		f = image_lookup(img, cur.buf);
		if (f && f->type == 'l' && f->link) {
			struct strbuf next = STRBUF_INIT;

			if (++links > MAX_LINKS) {
				ok = false;
				break;
			}
			strbuf_setlen(&cur, f->link[0] == '/' ? 0 : keep);
			strbuf_addstr(&next, f->link);
			strbuf_addch(&next, '/');
			strbuf_add(&next, rest.buf + j, rest.len - j);
			strbuf_release(&rest);
			rest = next;
			i = 0;
			ok = rest.len <= RESOLVE_MAX;
			continue;
		}
		i = j;
	}
	f = ok ? image_lookup(img, cur.buf) : NULL;
	strbuf_release(&cur);
	strbuf_release(&rest);
	return f;
}

const char *image_layer_desc(struct arena *a, const struct image *img, int layer)
{
	const char *by = layer >= 0 && (size_t)layer < img->nlayers ?
			 img->layers[layer].created_by : NULL;

	if (!by || !*by)
		return arena_printf(a, "layer %d", layer);
	return arena_printf(a, "layer %d (%.*s%s)", layer, 60, by, strlen(by) > 60 ? "..." : "");
}

/* etc/passwd as the runtime reads it: through a symbolic link (resolved)
 * or a hard link (its target, a path of the archive); NULL when absent. */
static const struct img_file *passwd_file(const struct image *img)
{
	const struct img_file *pw = image_lookup(img, "etc/passwd");

	if (pw && pw->type == 'l')
		pw = image_resolve(NULL, img, "etc/passwd");
	else if (pw && pw->type == 'h' && pw->link)
		pw = image_resolve(NULL, img, pw->link);
	return pw;
}

bool image_passwd_known(const struct image *img)
{
	const struct img_file *pw = image_lookup(img, "etc/passwd");

	return !pw || (pw->type == 'f' && pw->content) ||
	       (passwd_file(img) && passwd_file(img)->content);
}

bool image_user_uid(const struct image *img, const char *user, unsigned long *uid)
{
	const struct img_file *pw = passwd_file(img);
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
