/* Container path arithmetic: resolving COPY destinations, mkdir and chown
 * arguments against the WORKDIR, and comparing them. Lexical only: nothing
 * is looked up on disk. */
#ifndef SW_UTIL_PATH_H
#define SW_UTIL_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* p against the directory cwd, with ".", ".." and repeated or trailing
 * slashes folded: ("/app", "./data/") -> "/app/data". In the arena. */
const char *path_resolve(struct arena *a, const char *cwd, const char *p);
/* Whether the normalized path p is dir or lies below it. */
bool path_within(const char *p, const char *dir);
/* Last component of p, trailing slashes ignored ("src/" -> "src"). In the arena. */
const char *path_base(struct arena *a, const char *p);
/* Whether a COPY source names a glob. */
bool path_has_glob(const char *p);

/* The path as it should be printed: without leading "./", and relative
 * when it is under the current directory. In the arena (or path itself). */
const char *display_path(struct arena *a, const char *path);

/* Host paths, lexically (the compose loader's): */
/* p cleaned like Go's filepath.Clean, but a relative path stays relative
 * ("." for empty) and keeps its leading "../". In the arena. */
const char *path_clean(struct arena *a, const char *p);
/* dir/rel, cleaned; rel alone when it is absolute. In the arena. */
const char *path_join(struct arena *a, const char *dir, const char *rel);
/* The folder of p: "." when it has no slash, "/" for "/x". In the arena. */
const char *path_dir(struct arena *a, const char *p);
/* The last component of p (a pointer into p). */
const char *path_last(const char *p);
/* A folder as seaworthy prints it: "." for the current directory, relative
 * when under it. In the arena (or dir itself). */
const char *display_dir(struct arena *a, const char *dir);
#endif
