#ifndef SW_READFILE_H
#define SW_READFILE_H

#include <stddef.h>
#include <sys/stat.h>

#include "util/arena.h"

/* Reads a whole file ("-" for standard input) into the arena, NUL-terminated.
 * Returns NULL and sets *why (static text) on failure. Refuses files over
 * max bytes and non-regular files other than stdin and pipes. */
char *read_file(struct arena *a, const char *path, size_t max, size_t *len, const char **why);
/* The same, and *st (when not NULL) is the opened file's fstat, set whenever
 * the file could be opened: its device and inode tell files apart. */
char *read_file_st(struct arena *a, const char *path, size_t max, size_t *len, const char **why,
		   struct stat *st);

/* For a regular file whose size the caller stat'ed (discovery does): no
 * fstat, and one read when the size still holds. */
char *read_file_sized(struct arena *a, const char *path, size_t max, size_t size, size_t *len,
		      const char **why);

#endif
