/* The one writer of output files (--output, --write-baseline): a write
 * cannot half-succeed. The new content goes to a temporary file in the
 * destination's folder, which replaces the destination (rename) only when
 * every write, the flush and the close succeeded; otherwise the temporary
 * file is removed and the destination is as it was. A destination that
 * exists and is not a regular file (/dev/stdout, a FIFO, /dev/null) is
 * written in place, with the same checks; a symbolic link is kept and the
 * file it names replaced. */
#ifndef SW_WRITEFILE_H
#define SW_WRITEFILE_H

#include <stdio.h>

struct wfile {
	FILE *fp;
	char *tmp;	/* the temporary file; NULL when written in place */
	char *dest;	/* what tmp is renamed to */
};

/* Opens path for writing into w->fp. Returns -1 with *why (static text)
 * on failure, and nothing is left behind. */
int wfile_open(struct wfile *w, const char *path, const char **why);
/* Checks every write, closes, and renames. Returns -1 with *why on any
 * failure: the destination is then untouched. w is released either way. */
int wfile_commit(struct wfile *w, const char **why);
/* Gives up: closes and removes the temporary file. */
void wfile_abort(struct wfile *w);

#endif
