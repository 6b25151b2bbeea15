/* What a container's entry command runs beyond its own words: the shell
 * scripts of the image it starts, followed through wrappers (tini, exec,
 * gosu), `sh FILE`, `. FILE` and calls of other scripts, each read once
 * (docs/rules.md says what is and is not followed). One follower for
 * every layer: where the files come from is the caller's (struct
 * entry_fs): the build context through COPY and ADD for a Dockerfile
 * (input/dockerfile/entry.c), the image's own files for an image
 * (input/image/entry.c). Everything lives in the arena. */
#ifndef SW_SHELL_ENTRY_H
#define SW_SHELL_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "input/shell/shell.h"
#include "util/arena.h"

/* At most this many scripts are followed from one image or stage. */
#define ENTRY_MAX_SCRIPTS 16

/* What entry_fs.read found at a path of the image. */
enum entry_status {
	ENTRY_NONE,	/* nothing there: a program of the base image, not followed */
	ENTRY_TEXT,	/* text and len are the file's bytes */
	ENTRY_MISSING,	/* named, but nothing readable there (why, note_file/line) */
	ENTRY_BINARY,	/* a program, not a script */
	ENTRY_UNREAD,	/* there, but could not be read (why): always noted */
	ENTRY_LATER,	/* there, not read yet: the caller fetches it and follows again */
};

struct entry_file {
	const char *text;	/* NUL-terminated */
	size_t len;
	const char *display;	/* the file as findings and notes name it */
	const char *why;	/* ENTRY_MISSING and ENTRY_UNREAD: the reason */
	const char *note_file;	/* where a note about it goes (default: display) */
	unsigned note_line;
};

/* The files of an image as one layer knows them. read is asked for
 * absolute, clean image paths; runner names what runs the file ("CMD",
 * "the image's Entrypoint") for its messages; on_path says the path is
 * one of the PATH folders a bare command name is looked for in (no
 * file there is no news). reaches says whether the
 * image may hold anything the layer knows of in or under dir (a cheap
 * test before many reads); list gives the names in folder dir, sorted,
 * each once (NULL, *n = 0: none). */
struct entry_fs {
	void *ctx;
	enum entry_status (*read)(void *ctx, struct arena *a, const char *path,
				  const char *runner, bool on_path, struct entry_file *out);
	bool (*reaches)(void *ctx, const char *dir);
	const char **(*list)(void *ctx, struct arena *a, const char *dir, size_t *n);
};

/* A command line the container starts with: an ENTRYPOINT or CMD, or
 * the Entrypoint or Cmd of an image config. */
struct entry_root {
	const struct sh_script *sh;
	const char *cwd;	/* its working directory ("/" when none) */
	const char *scripts_cwd; /* that of the scripts it runs (NULL: cwd) */
	const char *runner;	/* "CMD", "the image's Entrypoint" */
	const char *at;		/* how messages place it: "CMD at Dockerfile:40" */
	char via;		/* 'E' an entrypoint, 'C' a command */
	const void *origin;	/* the caller's (the Dockerfile's instruction) */
};

struct entry_script {
	const char *display;	/* the file, as findings name it */
	const char *image_path;	/* where the image has it */
	const char *text;	/* its bytes, NUL-terminated */
	size_t len;
	struct sh_script sh;
	const struct entry_root *root;	/* the command line it is reached from */
	size_t parent;		/* index of the script that runs it; SIZE_MAX: root does */
	size_t parent_off;	/* where the parent (or the root's script) runs it */
	bool sourced;		/* `. FILE`: runs in the parent's shell */
	/* A file of a built image, not of the tree: findings name it in
	 * their message, as the image layer names its files. */
	bool in_image;
	/* How it is reached: "CMD at Dockerfile:40 runs docker/start.sh". */
	const char *how;
};

struct entry_note {
	const char *file;
	unsigned line;
	const char *message;
};

struct entry_set {
	struct entry_script *scripts;
	size_t n;
	/* Scripts that should have been read and were not (missing, too
	 * large, binary, a symlink loop): said once per run. */
	struct entry_note *notes;
	size_t nnotes;
	/* Files asked for that the fs will read later (ENTRY_LATER). */
	size_t later;
	/* Where the scripts came from, for what the checks read beside
	 * them (a supervisord config, s6 service folders). */
	struct entry_fs fs;
	/* A program in another language (Python, Node...) it runs that execs
	 * a privilege-dropping tool (os.execve("/usr/sbin/gosu", ...)): its
	 * display path, or NULL. Such scripts are not read otherwise. */
	const char *foreign_drop;
};

/* Follows what the roots run into the scripts of fs. in_image marks the
 * scripts as files of a built image. */
void entry_follow(struct arena *a, const struct entry_fs *fs, const struct entry_root *roots,
		  size_t nroots, bool in_image, struct entry_set *out);

/* The file at path through the set's fs: its text (NUL-terminated, len
 * in *len), or NULL when it is not there or not text. */
const char *entry_read(struct arena *a, const struct entry_set *e, const char *path,
		       size_t *len);
/* The names in folder dir, as entry_fs.list; NULL when the fs cannot list. */
const char **entry_list(struct arena *a, const struct entry_set *e, const char *dir, size_t *n);
/* Whether the image may hold something in or under dir (true when the fs
 * cannot tell). */
bool entry_reaches(const struct entry_set *e, const char *dir);

/* Whether the script defines a shell function of that name (`name()`,
 * `function name`): a call of it runs no program. */
bool entry_script_defines(const struct entry_script *sc, const char *name);

/* The 1-based line and column of byte off of a script. */
void entry_script_pos(const struct entry_script *sc, size_t off, unsigned *line, unsigned *col);

/* The command line of exec-form words (an image config's Entrypoint and
 * Cmd), parsed as the shell would see them quoted: ["sh", "-c", S] is the
 * script S. In the arena. */
void sh_parse_argv(struct arena *a, const char *const *words, size_t n, struct sh_script *out);
/* Whether the words are ["sh", "-c", S, ...] (any shell, -ec...). */
bool sh_argv_shell_c(const char *const *words, size_t n);
/* The script sh_parse_argv parses. */
const char *sh_argv_script(struct arena *a, const char *const *words, size_t n);

#endif
