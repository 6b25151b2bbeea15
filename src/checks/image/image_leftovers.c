/* SW0071: Package caches and build leftovers in the final filesystem. */
#include <string.h>

#include "input/image/image.h"
#include "checks/check.h"
#include "util/str.h"

static const struct { const char *prefix, *what; bool anywhere; } kinds[] = {
	{ "var/lib/apt/lists/", "apt package lists", false },
	{ "var/cache/apt/", "apt package cache", false },
	{ "var/cache/apk/", "apk package cache", false },
	{ "root/.cache/pip/", "pip cache", false },
	{ "root/.npm/", "npm cache", false },
	{ ".git/", "a .git folder", true },
	{ "node_modules/.cache/", "node_modules/.cache", true },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

/* path is under dir at the root, or (anywhere) under any folder. */
static bool under(const char *path, const char *dir, bool anywhere)
{
	size_t n = strlen(dir);

	if (!strncmp(path, dir, n))
		return true;
	for (const char *p = strchr(path, '/'); anywhere && p; p = strchr(p + 1, '/'))
		if (!strncmp(p + 1, dir, n))
			return true;
	return false;
}

static void check(struct rule_ctx *c)
{
	const struct image *img = c->image;
	long long bytes[NKINDS] = { 0 };
	size_t files[NKINDS] = { 0 };

	for (size_t i = 0; i < img->capfiles; i++) {
		const struct img_file *f = img->files[i];

		if (!f || !f->present || f->type != 'f')
			continue;
		for (size_t k = 0; k < NKINDS; k++) {
			const char *p = kinds[k].prefix;

			/* apt's lock and partial/ are there after a clean too. */
			if (under(f->path, p, kinds[k].anywhere) &&
			    !(k == 0 && (str_eq(f->path + strlen(p), "lock") ||
					 !strncmp(f->path + strlen(p), "partial/", 8)))) {
				bytes[k] += f->size;
				files[k]++;
				break;
			}
		}
	}
	for (size_t k = 0; k < NKINDS; k++)
		if (files[k])
			report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
				   "the final filesystem holds %s: %zu file%s, %lld bytes", kinds[k].what,
				   files[k], files[k] == 1 ? "" : "s", bytes[k]);
}

const struct check check_image_leftovers = {
	.rule = &SW0071,
	.image = check,
};
