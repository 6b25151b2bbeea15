#include "input/discover/discover.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *dir_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return ".";
	if (slash == path)
		return "/";
	return arena_strndup(a, path, (size_t)(slash - path));
}

static struct input *add_input(struct arena *a, struct input_list *out, const char *path,
			       enum input_kind kind)
{
	struct input *in = ARENA_PUSH(a, out->v, out->n, out->cap);

	in->kind = kind;
	in->path = path;
	in->display = strcmp(path, "-") ? display_path(a, path) : "<stdin>";
	in->dir = strcmp(path, "-") ? dir_of(a, path) : NULL;
	return in;
}

static void add_bad(struct arena *a, struct input_list *out, const char *path, const char *why)
{
	struct bad_path *b = ARENA_PUSH(a, out->bad, out->nbad, out->capbad);

	b->path = display_path(a, path);
	b->why = why;
}

static const char *kind_of_mode(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO, not a regular file";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device, not a regular file";
	if (S_ISSOCK(m))
		return "a socket, not a regular file";
	if (S_ISDIR(m))
		return "a folder, not a regular file";
	return "not a regular file";
}

const char *discover_not_regular(const char *path, unsigned char type)
{
	struct stat st;

	if (type == DT_REG)
		return NULL;
	if (type != DT_LNK && type != DT_UNKNOWN)
		return kind_of_mode(DTTOIF(type));
	/* stat, not open: a link to a FIFO or /dev/zero is not opened. */
	if (stat(path, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return "a dangling symlink (its target does not exist)";
		if (errno == ELOOP)
			return "a symlink that loops";
		return strerror(errno);
	}
	if (S_ISREG(st.st_mode))
		return NULL;
	return type == DT_LNK ? (S_ISFIFO(st.st_mode) ? "a symlink to a FIFO, not to a regular file" :
				 S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ?
				 "a symlink to a device, not to a regular file" :
				 S_ISDIR(st.st_mode) ? "a symlink to a folder, not to a regular file" :
				 "a symlink to something other than a regular file") :
				 kind_of_mode(st.st_mode);
}

void discover_skipped(struct arena *a, struct input_list *out, const char *path,
		      enum input_kind kind, const char *why)
{
	if (kind == INPUT_COMPOSE)
		out->nskipped_compose++;
	else
		out->nskipped_df++;
	if (out->nskipped++ < MAX_SKIPPED_SAID)
		*ARENA_PUSH(a, out->skipped, out->nsaid, out->capskipped) =
			(struct skipped_path){ .path = display_path(a, path), .why = why,
					       .kind = kind };
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct dir_entry *)a)->name, ((const struct dir_entry *)b)->name);
}

size_t discover_read_dir(struct arena *a, const char *dir, struct dir_entry **out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct dir_entry *v = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (!d)
		return (size_t)-1;
	while ((e = readdir(d))) {
		struct dir_entry *de;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		de = ARENA_PUSH(a, v, n, cap);
		de->name = arena_strdup(a, e->d_name);
		de->type = e->d_type;
		de->kind = (unsigned char)input_kind_of(de->name);
	}
	closedir(d);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_entry);
	*out = v;
	return n;
}

unsigned char discover_type(const char *path, unsigned char type)
{
	struct stat st;

	if (type != DT_UNKNOWN)
		return type;
	return lstat(path, &st) < 0 ? DT_UNKNOWN : IFTODT(st.st_mode);
}

static struct dir_node *walk(struct arena *a, const char *dir, int depth, struct input_list *out)
{
	struct dir_node *node;
	struct dir_entry *ents;
	size_t n;

	if (depth > DISCOVER_MAX_DEPTH) {
		if (!out->ntoo_deep++)
			out->too_deep = display_path(a, dir);
		return NULL;
	}
	node = arena_alloc(a, sizeof(*node));
	node->path = dir;
	node->depth = depth;
	*ARENA_PUSH(a, out->dirs, out->ndirs, out->capdirs) = node;
	n = discover_read_dir(a, dir, &ents);
	if (n == (size_t)-1) {
		add_bad(a, out, dir, strerror(errno));
		return node;
	}
	node->ents = ents;
	node->n = n;
	node->sub = arena_alloc(a, (n ? n : 1) * sizeof(*node->sub));
	for (size_t i = 0; i < n; i++) {
		const char *name = ents[i].name;
		enum input_kind kind = ents[i].kind;
		/* Compose files are found per folder (compose/discover.c). */
		bool df = kind != INPUT_NONE && kind != INPUT_COMPOSE;
		unsigned char type = ents[i].type;
		const char *path;

		/* The entry's own type from readdir: no lstat for most of them,
		 * and a directory symlink is DT_LNK, never followed. */
		if (type == DT_REG && !df)
			continue;
		path = !strcmp(dir, ".") ? name : arena_path_join(a, dir, name);
		type = ents[i].type = discover_type(path, type);
		if (type == DT_DIR) {
			if (!strcmp(name, ".git") || !strcmp(name, "node_modules") ||
			    !strcmp(name, "vendor"))
				continue;
			node->sub[i] = walk(a, path, depth + 1, out);
		} else if (df) {
			const char *why = discover_not_regular(path, type);

			/* Said, never opened: a FIFO would block, /dev/zero
			 * never end. */
			if (why)
				discover_skipped(a, out, path, kind, why);
			else
				add_input(a, out, path, kind);
		}
	}
	return node;
}

struct dir_node *discover_tree(struct arena *a, const char *dir)
{
	struct input_list scratch = { 0 };

	return walk(a, dir, 0, &scratch);
}

void discover(struct arena *a, const char *const *paths, size_t npaths, struct input_list *out)
{
	discover_stated(a, paths, npaths, NULL, out);
}

void discover_stat(const char *path, struct path_stat *ps)
{
	ps->err = strcmp(path, "-") && stat(path, &ps->st) < 0 ? errno : 0;
}

void discover_stated(struct arena *a, const char *const *paths, size_t npaths,
		     const struct path_stat *pre, struct input_list *out)
{
	for (size_t i = 0; i < npaths; i++) {
		struct path_stat ps;
		struct stat st;

		if (!strcmp(paths[i], "-")) {
			add_input(a, out, "-", INPUT_DOCKERFILE);
			continue;
		}
		if (pre)
			ps = pre[i];
		else
			discover_stat(paths[i], &ps);
		if (ps.err) {
			add_bad(a, out, paths[i], strerror(ps.err));
			continue;
		}
		st = ps.st;
		if (S_ISDIR(st.st_mode)) {
			struct dir_node *root = walk(a, paths[i], 0, out);

			*ARENA_PUSH(a, out->roots, out->nroots, out->caproots) = root;
		} else {
			const char *base = strrchr(paths[i], '/');
			struct input *in;

			base = base ? base + 1 : paths[i];
			/* Named on the command line: checked whatever its name,
			 * as a Dockerfile unless it is a compose file by name. */
			in = add_input(a, out, paths[i], input_kind_of(base) == INPUT_COMPOSE ?
				       INPUT_COMPOSE : INPUT_DOCKERFILE);
			in->has_id = true;
			in->id = (struct file_id){ st.st_dev, st.st_ino };
			in->has_size = S_ISREG(st.st_mode) && st.st_size > 0;
			in->size = (size_t)st.st_size;
		}
	}
}
