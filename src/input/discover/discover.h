/* Finds the inputs under the paths given on the command line. */
#ifndef SW_DISCOVER_H
#define SW_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "input/discover/classify.h"
#include "util/arena.h"
#include "util/path.h"


/* A file's identity: its device and inode, so that a file reached by two
 * paths (a symlink, ./x and x) is known as one. */
struct file_id {
	dev_t dev;
	ino_t ino;
};

struct input {
	enum input_kind kind;
	const char *path;	/* to open ("-" for stdin) */
	const char *display;	/* to print: relative, without a leading ./ */
	const char *dir;	/* directory holding it (build context guess); NULL for stdin */
	/* Its identity when discover stat'ed it (a path given by name), and
	 * its size when that showed a regular file. */
	bool has_id, has_size;
	struct file_id id;
	size_t size;
};

/* One folder entry: its name and type (DT_*; readdir's, else lstat's; a
 * symlink stays DT_LNK, never followed), and input_kind_of(name), asked
 * once here for the three walks that read it. */
struct dir_entry {
	const char *name;
	unsigned char type;
	unsigned char kind;	/* enum input_kind */
};

/* A folder as the walk read it: every entry, sorted by name, and for each
 * entry that is a folder walked in turn, that folder (else NULL). The compose
 * and script discovery read these instead of the disk: one walk for all. */
struct dir_node {
	const char *path;	/* as walked: root, root/sub, ... */
	struct dir_entry *ents;
	size_t n;
	struct dir_node **sub;	/* per entry */
	int depth;		/* 0 for a path given */
};

struct input_list {
	struct input *v;
	size_t n, cap;
	/* Every folder walked, in order (where compose projects may live). */
	struct dir_node **dirs;
	size_t ndirs, capdirs;
	/* The paths given that are folders, in order. */
	struct dir_node **roots;
	size_t nroots, caproots;
	/* Paths that could not be read at all (missing, unreadable): input
	 * errors, "cannot read: why". */
	struct bad_path { const char *path, *why; } *bad;
	size_t nbad, capbad;
	/* Files named as inputs that the walk did not check because they are
	 * no regular file (a FIFO, a device, a dangling or looping symlink):
	 * notes, since docker could not build from them either; the first
	 * MAX_SKIPPED_SAID are kept (nsaid), nskipped counts them all. */
	struct skipped_path { const char *path, *why; enum input_kind kind; } *skipped;
	size_t nsaid, capskipped, nskipped;
	size_t nskipped_df, nskipped_compose;	/* of each kind, all of them */
	/* The first folder not searched because it is deeper than
	 * DISCOVER_MAX_DEPTH, and how many were not (an input error: what is
	 * below may be a Dockerfile that would be built). */
	const char *too_deep;
	size_t ntoo_deep;
};

/* How deep a walk goes below a folder given (docs/architecture.md). */
#define DISCOVER_MAX_DEPTH 64
/* How many skipped files are named one by one. */
#define MAX_SKIPPED_SAID 20

/* Walks each path (files are taken whatever their name) in a sorted,
 * deterministic order, skipping .git, node_modules and vendor. */
void discover(struct arena *a, const char *const *paths, size_t npaths, struct input_list *out);
/* A path's stat, or the errno of its failure. */
struct path_stat {
	int err;
	struct stat st;
};
/* stat(2) of path into ps ("-" is not stat'ed). Safe in any thread. */
void discover_stat(const char *path, struct path_stat *ps);
/* discover, with each path's stat already made (pre[i] for paths[i]):
 * the caller may make them in parallel. */
void discover_stated(struct arena *a, const char *const *paths, size_t npaths,
		     const struct path_stat *pre, struct input_list *out);
/* The entries of dir but . and .., sorted by name, in a; (size_t)-1 with
 * errno set when it cannot be read. */
size_t discover_read_dir(struct arena *a, const char *dir, struct dir_entry **out);
/* Walks dir as discover does and returns its tree, in a. */
struct dir_node *discover_tree(struct arena *a, const char *dir);
/* type, or when readdir could not tell (DT_UNKNOWN) the lstat of path. */
unsigned char discover_type(const char *path, unsigned char type);
/* Why a file of the given type (DT_*) found at path is not read as an
 * input: NULL when it is a regular file or a symlink to one; else static
 * text ("a FIFO, not a regular file", "a dangling symlink"). Never opens
 * it. */
const char *discover_not_regular(const char *path, unsigned char type);
/* Records in out that path, named as an input of kind, was skipped for why. */
void discover_skipped(struct arena *a, struct input_list *out, const char *path,
		      enum input_kind kind, const char *why);

#endif
