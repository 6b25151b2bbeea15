/* .dockerignore, as BuildKit reads it: which files of the build context
 * a build leaves out (moby/patternmatcher and its ignorefile reader, applied
 * the way BuildKit's context transfer, fsutil, walks the context). */
#ifndef SW_DISCOVER_DOCKERIGNORE_H
#define SW_DISCOVER_DOCKERIGNORE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

struct dockerignore;

/* Reads an ignore file's text (len bytes, not NUL-terminated): a UTF-8 BOM
 * dropped, lines starting with "#" skipped, each line trimmed, "!" an
 * exception, each pattern cleaned like Go's filepath.Clean with its
 * leading "/" dropped. In the arena. NULL, with *why (static text) and
 * *line set, when BuildKit would refuse the file (a malformed pattern, a
 * lone "!", a line over 64 KiB: the build fails) or when a pattern uses
 * what its regular expression makes of a construct seaworthy does not
 * follow (a "*" or "?" inside brackets, "[:alpha:]", "\" before a letter
 * or a digit): what such a file leaves out is not known. */
struct dockerignore *dockerignore_parse(struct arena *a, const char *text, size_t len,
					const char **why, size_t *line);

/* How many patterns d holds: the size, in bits, of the match states below. */
size_t dockerignore_npatterns(const struct dockerignore *d);

/* Whether the context leaves out rel (a cleaned "/"-separated path relative
 * to the context's root), as patternmatcher's MatchesUsingParentResults
 * says: parent holds the per-pattern results of rel's folder (NULL for a
 * path at the root), self receives rel's, for the entries below it (both
 * (npatterns + 7) / 8 bytes; self may be NULL). The last pattern that
 * matches decides; a pattern that matched a folder matches what it holds. */
bool dockerignore_match(const struct dockerignore *d, const char *rel,
			const unsigned char *parent, unsigned char *self);

/* The same for rel alone, its folders matched first down from the root, as
 * the context walk would. */
bool dockerignore_excluded(const struct dockerignore *d, const char *rel);

/* Whether the walk still enters a folder dir it leaves out: only when an
 * exception ("!" pattern) is spelled below it, as fsutil decides. */
bool dockerignore_enters(const struct dockerignore *d, const char *dir);

#endif
