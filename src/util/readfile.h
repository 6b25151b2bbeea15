#ifndef SW_READFILE_H
#define SW_READFILE_H

#include <stddef.h>

#include "util/arena.h"

/* Reads a whole file ("-" for standard input) into the arena, NUL-terminated.
 * Returns NULL and sets *why (static text) on failure. Refuses files over
 * max bytes and non-regular files other than stdin and pipes. */
char *read_file(struct arena *a, const char *path, size_t max, size_t *len, const char **why);

#endif
