/* What an image's config runs, in the image's own files: its Entrypoint
 * and Cmd followed into the scripts they run by the follower every layer
 * shares (input/shell/entry.h), over the final filesystem. */
#include <stdlib.h>
#include <string.h>

#include "input/image/image.h"
#include "util/str.h"

/* The image's final filesystem as entry_fs.read sees it. */
static enum entry_status img_read(void *ctx, struct arena *a, const char *path,
				  const char *runner, bool on_path, struct entry_file *out)
{
	struct image *img = ctx;
	const struct img_file *named = image_lookup(img, path), *f = image_resolve(a, img, path);

	out->display = path;
	if (!f) {
		/* A link that loops or leads nowhere; else nothing there, which
		 * only a PATH folder may be. */
		if (on_path && (!named || named->type != 'l'))
			return ENTRY_NONE;
		if (!named || named->type != 'l') {
			out->why = arena_printf(a, "%s runs %s, which the image does not have",
						runner, path);
			return ENTRY_MISSING;
		}
		out->why = arena_printf(a, "%s runs %s, a symbolic link that loops or leads to "
					"nothing in the image: not followed", runner, path);
		return ENTRY_MISSING;
	}
	if (f->type == 'h') {
		/* A hard link: the bytes are its target's, a path of the layer. */
		const struct img_file *t = f->link ? image_lookup(img, f->link) : NULL;

		if (!t || t->type != 'f')
			return ENTRY_NONE;
		f = t;
	}
	out->display = arena_printf(a, "/%s", f->path);
	if (f->type == 'd')
		return ENTRY_NONE;
	if (f->type != 'f') {
		out->why = arena_printf(a, "%s runs %s, which is no regular file in the image: "
					"not followed", runner, out->display);
		return ENTRY_MISSING;
	}
	if (f->head == 'b')
		return ENTRY_BINARY;
	if (f->content) {
		out->text = f->content;
		out->len = f->clen;
		return ENTRY_TEXT;
	}
	if (f->size == 0) {
		out->text = "";
		return ENTRY_TEXT;
	}
	if (f->size > IMAGE_MAX_SCRIPT) {
		out->why = arena_printf(a, "%lld bytes, more than the %u KiB read of a script",
					(long long)f->size, IMAGE_MAX_SCRIPT >> 10);
		return ENTRY_UNREAD;
	}
	if (f->fetched) {
		out->why = "its content could not be read from its layer";
		return ENTRY_UNREAD;
	}
	/* The loader reads it on its next pass. */
	((struct img_file *)f)->want = true;
	return ENTRY_LATER;
}

static bool img_reaches(void *ctx, const char *dir)
{
	const struct image *img = ctx;

	return image_resolve(NULL, img, dir) != NULL;
}

static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The names in folder dir (symbolic links of its path followed). */
static const char **img_list(void *ctx, struct arena *a, const char *dir, size_t *n)
{
	const struct image *img = ctx;
	const struct img_file *d = image_resolve(a, img, dir);
	const char **names = NULL;
	size_t cap = 0, dl;

	*n = 0;
	if (!d || d->type != 'd')
		return NULL;
	dl = strlen(d->path);
	for (size_t i = 0; i < img->capfiles; i++) {
		const struct img_file *f = img->files[i];

		if (f && f->present && !strncmp(f->path, d->path, dl) && f->path[dl] == '/' &&
		    !strchr(f->path + dl + 1, '/'))
			*ARENA_PUSH(a, names, *n, cap) = f->path + dl + 1;
	}
	if (*n)
		qsort(names, *n, sizeof(*names), cmp_name);
	return names;
}

void image_follow(struct arena *a, struct image *img)
{
	struct entry_root *roots = arena_alloc(a, 2 * sizeof(*roots));
	const char *cwd = img->workdir && img->workdir[0] == '/' ? img->workdir : "/";
	struct entry_fs fs = { img, img_read, img_reaches, img_list };
	size_t n = 0;

	/* The command line, as a stage's (checks/dockerfile/helpers.c
	 * main_process): the Entrypoint, the Cmd its arguments; ["sh", "-c",
	 * S] runs S, with the Cmd as its $0... */
	memset(&img->cmd_apart, 0, sizeof(img->cmd_apart));
	if (img->nentrypoint && img->ncmd) {
		const char **all = arena_alloc(a, (img->nentrypoint + img->ncmd) * sizeof(*all));
		size_t split = 0;
		bool apart = true;

		if (sh_argv_shell_c(img->entrypoint, img->nentrypoint)) {
			sh_parse_argv(a, img->entrypoint, img->nentrypoint, &img->main);
			for (size_t i = 0; i < img->main.ncmds; i++)
				for (size_t k = 0; k < img->main.cmds[i].argc; k++)
					apart &= !str_eq(img->main.cmds[i].argv[k].text, "$@");
			apart = !apart;
		} else {
			const char *script;

			memcpy(all, img->entrypoint, img->nentrypoint * sizeof(*all));
			memcpy(all + img->nentrypoint, img->cmd, img->ncmd * sizeof(*all));
			split = strlen(sh_argv_script(a, img->entrypoint, img->nentrypoint));
			script = sh_argv_script(a, all, img->nentrypoint + img->ncmd);
			sh_parse(a, script, strlen(script), &img->main);
			for (size_t i = 0; i < img->main.ncmds; i++)
				apart &= img->main.cmds[i].off < split;
		}
		if (apart)
			sh_parse_argv(a, img->cmd, img->ncmd, &img->cmd_apart);
	} else if (img->nentrypoint) {
		sh_parse_argv(a, img->entrypoint, img->nentrypoint, &img->main);
	} else {
		sh_parse_argv(a, img->cmd, img->ncmd, &img->main);
	}
	n = 0;
	if (img->nentrypoint) {
		struct sh_script *sh = arena_alloc(a, sizeof(*sh));

		sh_parse_argv(a, img->entrypoint, img->nentrypoint, sh);
		roots[n++] = (struct entry_root){ .sh = sh, .cwd = cwd,
						  .runner = "the image's Entrypoint",
						  .at = "the Entrypoint of the image config",
						  .via = 'E' };
	}
	if (img->ncmd) {
		struct sh_script *sh = arena_alloc(a, sizeof(*sh));

		sh_parse_argv(a, img->cmd, img->ncmd, sh);
		roots[n++] = (struct entry_root){ .sh = sh, .cwd = cwd, .runner = "the image's Cmd",
						  .at = "the Cmd of the image config", .via = 'C' };
	}
	entry_follow(a, &fs, roots, n, true, &img->entry);
}
