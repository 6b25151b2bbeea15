/* The one reader of input files: Dockerfiles, compose and .env files, the
 * config, scripts, build-context files and the host's files all come
 * through here, under one limit. */
#ifndef SW_READFILE_H
#define SW_READFILE_H

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

/* For a regular file whose size the caller stat'ed (discovery does): no
 * fstat, and one read when the size still holds. */
char *read_file_sized(struct arena *a, const char *path, size_t size, size_t *len,
		      const char **why);

#endif
