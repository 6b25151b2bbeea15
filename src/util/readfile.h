/* The one reader of input files: Dockerfiles, compose and .env files, the
 * config, scripts, build-context files and the host's files all come
 * through here, under one limit. */
#ifndef SW_READFILE_H
#define SW_READFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "util/arena.h"

/* The largest input file seaworthy reads (docs/architecture.md): a larger
 * one is refused with "file too large (limit 4 MiB)". */
#define READ_MAX (4u << 20)

/* Reads a whole file ("-" for standard input) into the arena, NUL-terminated.
 * Returns NULL, with *why (static text) and errno set, on failure. Refuses
 * files over READ_MAX bytes and anything but regular files (a FIFO or a
 * device named as a file is not waited on), except standard input. A file
 * whose size stat does not tell (/proc) is read to its end. */
char *read_file(struct arena *a, const char *path, size_t *len, const char **why);
/* The same, and *st (when not NULL) is the opened file's fstat, set whenever
 * the file could be opened: its device and inode tell files apart. */
char *read_file_st(struct arena *a, const char *path, size_t *len, const char **why,
		   struct stat *st);

/* Confinement (docs/architecture.md, "The checked tree"): once set, every
 * read above refuses, without opening it, a file whose real path (symlinks
 * and .. resolved) is outside all of dirs, or inside a .git folder below
 * one: *why is READ_OUTSIDE and errno EXDEV. So a committed symlink or an
 * include: /etc/shadow quotes nothing of its target. Set once before other
 * threads read, by the caller that knows the tree (check); dirs that do
 * not resolve are left out. read_confine(NULL, 0) lifts it. */
#define READ_OUTSIDE "it leads out of the checked tree (not read)"
void read_confine(const char *const *dirs, size_t n);
/* Marks dirs, as spelled, as real folders of the tree, so that reading a
 * file directly in one resolves nothing: for folders a walk found without
 * following symlinks, listed parent first (a folder whose parent is not
 * marked is resolved once here). After read_confine, before other threads
 * read; read_confine lifts the marks. */
void read_trust(const char *const *dirs, size_t n);
/* Whether the folder dir lies in the checked tree (always, unconfined):
 * for walks that list a folder's names before reading any file. */
bool read_dir_inside(const char *dir);
/* read_file with no confinement: for files the user chose, not the
 * project (the config, --config). */
char *read_file_anywhere(struct arena *a, const char *path, size_t *len, const char **why);

/* The first max bytes of a regular file at most (all of it when smaller),
 * confined as read_file, NUL-terminated, in the arena: for files read to
 * be recognised by their head (a private key), whatever their size. */
char *read_file_head(struct arena *a, const char *path, size_t max, size_t *len,
		     const char **why);

/* For a regular file whose size the caller stat'ed (discovery does): no
 * fstat, and one read when the size still holds. */
char *read_file_sized(struct arena *a, const char *path, size_t size, size_t *len,
		      const char **why);

#endif
