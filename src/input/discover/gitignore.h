/* Whether git ignores a file of the tree: a file that is there and not
 * ignored is committed with the repository (or about to be), one that is
 * ignored is a local setting of the checkout (a deployment's secrets.env). */
#ifndef SW_DISCOVER_GITIGNORE_H
#define SW_DISCOVER_GITIGNORE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* The verdict of one .gitignore's text (len bytes, not NUL-terminated) on
 * rel, a "/"-separated path relative to the .gitignore's folder: 1 when its
 * last matching pattern ignores rel, 0 when it is a "!" pattern that takes
 * rel back, -1 when no pattern matches. Patterns match as git's do
 * (config_glob_match); a folder that matches ignores what is under it. */
int gitignore_verdict(const char *text, size_t len, const char *rel);
/* Whether the .gitignore files of path's folder and of the folders above it
 * that the checked tree holds (read_confine refuses the others), read top
 * down with the deeper file's verdict winning, ignore path (a path as the
 * walk spells it). Thread-safe. */
bool git_ignored(struct arena *a, const char *path);

#endif
