/* Docker Buildx bake files (docker-bake.hcl, docker-bake.json and their
 * overrides) read the way `docker buildx bake -f a -f b` reads them: the
 * files merged in order, variables from their defaults and the environment,
 * `inherits` resolved, Buildx's defaults applied. What comes out is every
 * target as Buildx would build it, each value with where it was written.
 *
 * HCL is read in full (blocks, attributes, expressions, templates with
 * `${}` and `%{if}`, heredocs, comments), and evaluated where the value does
 * not depend on more than the files and the environment: literals, variables,
 * templates, lists and maps, operators, conditionals and a few string
 * functions. What is not evaluated (other function calls, `for`
 * expressions, references to other targets such as `${target.base.tags}`,
 * user `function` blocks, matrix targets) leaves the value unresolved
 * (s == NULL, unresolved set) with a note that says why: the reader never
 * guesses. Buildx's differences from HCL that matter here are followed: a
 * declared variable's environment value beats its default and a global
 * attribute; a name used without being declared is an error; a target
 * defined twice is merged; a cycle of `inherits` is ignored.
 *
 * Everything returned lives in the arena given to the loader. */
#ifndef SW_BAKE_H
#define SW_BAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "findings/findings.h"
#include "input/compose/env.h"
#include "util/arena.h"
#include "yaml/yaml.h"

/* Budgets (docs/architecture.md): past one, an input error naming the
 * limit, and the reader goes on without what was past it. */
#define BAKE_MAX_FILES 256		/* files merged by one load */
#define BAKE_MAX_BLOCKS 16384		/* target, group, variable and function blocks together */
#define BAKE_MAX_NEST 128		/* nesting of blocks, expressions and templates */
#define BAKE_MAX_INHERITS 64		/* `inherits` naming targets that inherit, deep */
#define BAKE_MAX_VAR_DEPTH 64		/* variables whose values name variables, deep */
#define BAKE_MAX_EVAL_DEPTH 512		/* evaluation through variables, deep */
#define BAKE_MAX_VALUE ((size_t)1 << 20)	/* one string made by interpolation */
#define BAKE_MAX_TOTAL ((size_t)16 << 20)	/* the strings made by interpolation, together */
#define BAKE_MAX_STEPS ((size_t)1 << 24)	/* evaluation and merge steps of one load */
#define BAKE_MAX_ENTRIES ((size_t)1 << 20)	/* list items and map entries made for targets */

/* One value. s is NULL when it is not set, or set but could not be
 * evaluated (unresolved; a note says why, or an input error was reported).
 * pos is where it is written: the expression, or the list item or map entry
 * when the list or map is written in place; for a default, the target's
 * name (dflt set). */
struct bake_value {
	const char *s;
	struct y_pos pos;
	bool unresolved;
	bool dflt;
};

/* A map entry (args, contexts), in the order the keys first appear. */
struct bake_kv {
	const char *key;
	struct y_pos key_pos;
	struct bake_value value;
	/* contexts only: the folder a local named context names (resolved
	 * against the working directory); NULL for `target:`, images, URLs and
	 * unresolved values. */
	const char *path;
};

struct bake_list {
	struct bake_value *v;
	size_t n;
};

struct bake_map {
	struct bake_kv *kv;
	size_t n;
};

/* A target as Buildx resolves it: its blocks (in every file) merged, then
 * laid over what it inherits, then Buildx's defaults. */
struct bake_target {
	const char *name;
	struct y_pos pos;		/* the label of its first block */
	struct bake_value context;	/* "." by default */
	struct bake_value dockerfile;	/* "Dockerfile" by default (also when "") */
	struct bake_value dockerfile_inline;	/* the Dockerfile's text; s NULL when unset */
	struct bake_value target;	/* the stage built; s NULL: the last one */
	struct bake_value description;
	/* The build context's folder (a `cwd://` prefix taken off), joined to
	 * the working directory; NULL when the context is a Git or HTTP URL or
	 * unresolved. */
	const char *context_path;
	/* The Dockerfile to read: relative to the context as Buildx has it
	 * (`cwd://` relative to the working directory), NULL when it is not a
	 * local file (a remote context, dockerfile-inline set, unresolved). */
	const char *dockerfile_path;
	struct bake_map contexts;	/* named contexts; "" values removed, as Buildx does */
	struct bake_map args;		/* build arguments; null values dropped */
	struct bake_list tags;		/* duplicates and "" removed */
	struct bake_list platforms;	/* duplicates and "" removed */
	struct bake_list outputs;	/* `output`; an object item as "k=v,k=v", keys sorted */
	struct bake_list inherits;	/* as written, every block's lists in order */
	bool matrix;			/* a matrix target: not expanded (a note says so) */
};

struct bake_group {
	const char *name;
	struct y_pos pos;
	struct bake_list targets;	/* as written (the last block of that name) */
};

struct bake_variable {
	const char *name;
	struct y_pos pos;		/* its block or global attribute */
	struct bake_value value;	/* as a string; s NULL for lists, maps, null, unresolved */
	bool from_env;			/* the environment's value beat the default */
};

/* What the reader could not evaluate, or ignored: not an input error. */
struct bake_index;

struct bake_note {
	struct y_pos pos;
	const char *msg;
};

struct bake {
	struct bake_target *targets;	/* in the order they are first defined */
	size_t n;
	struct bake_group *groups;	/* the same */
	size_t ngroups;
	struct bake_variable *variables;	/* the same; variable blocks and global attributes */
	size_t nvariables;
	struct bake_note *notes;	/* in the order met */
	size_t nnotes;
	const char *workdir;		/* what relative paths were resolved against */
	const char *const *files;	/* display paths of the files read, in merge order */
	size_t nfiles;
	const struct bake_index *index;	/* the names, hashed (the loader's) */
};

/* One file's text for bake_load_buffers: name is the display path (its
 * ending says JSON or HCL: ".json", ".hcl"; otherwise a text that starts
 * with '{' is JSON). */
struct bake_file {
	const char *name;
	const char *buf;
	size_t len;
};

/* Reads paths[0..n) (as `docker buildx bake -f paths[0] -f paths[1] ...`)
 * and merges them into *out. workdir is the folder bake runs in, against
 * which context, dockerfile and named-context paths resolve (Buildx resolves
 * them against its working directory); NULL means the folder of paths[0],
 * where bake finds its default files. env is the process environment
 * (env_from_process), NULL for none. Every problem is an input error in r
 * (`file:line: message`); a file that cannot be read or parsed is left out
 * and the others are still merged. Returns 0, or -1 when an input error was
 * reported; *out is filled either way. */
int bake_load(struct arena *a, const char *const *paths, size_t n, const char *workdir,
	      const struct env *env, struct bake *out, struct report *r);
/* The same over texts already read (the fuzzer, the tests); workdir NULL
 * means the folder of files[0].name. */
int bake_load_buffers(struct arena *a, const struct bake_file *files, size_t n,
		      const char *workdir, const struct env *env, struct bake *out,
		      struct report *r);
/* One text. */
int bake_load_buffer(struct arena *a, const char *name, const char *buf, size_t len,
		     const struct env *env, struct bake *out, struct report *r);

/* Adds each note to r (report_note: "line N: ..."), for a caller that wants
 * the user to see them. */
void bake_report_notes(const struct bake *b, struct report *r);

/* The target called name, or NULL. */
const struct bake_target *bake_find_target(const struct bake *b, const char *name);
/* What `docker buildx bake NAME` builds: a group's targets (groups in it
 * expanded, each target once, in the order met), or the target NAME, or
 * nothing when neither exists. A group wins over a target of the same name,
 * as in Buildx; "default" is what bake builds with no name. *out is an
 * array in the arena. Linear in the groups and targets. */
size_t bake_resolve(const struct bake *b, struct arena *a, const char *name,
		    const struct bake_target ***out);

/* Whether a named context's value is `target:NAME`, the result of building
 * the bake target NAME (so not an image pulled from a registry); *stage (may
 * be NULL) gets NAME, a pointer into value. */
bool bake_context_is_stage(const char *value, const char **stage);

/* Whether a file name (its last path component counts) is one of the bake
 * files Buildx reads by default: docker-bake.json, docker-bake.hcl,
 * docker-bake.override.json, docker-bake.override.hcl. */
bool bake_is_file(const char *path);
/* Its place in Buildx's default order (0 .. 3, the order above), -1 when it
 * is not one: sort a folder's bake files by it before bake_load. */
int bake_file_order(const char *path);

#endif
