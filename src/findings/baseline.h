/* Baselines: adopt seaworthy on an old repository and fail only on what is
 * new. A baseline records each finding's rule, file and fingerprint (a hash
 * of the offending lines' text, not their number), so edits elsewhere in the
 * file do not make a known finding new again. */
#ifndef SW_BASELINE_H
#define SW_BASELINE_H

#include <stddef.h>

#include "findings/findings.h"

struct baseline_entry {
	const char *rule, *file, *fingerprint;
	bool used;
};

struct baseline {
	const char *path;
	struct baseline_entry *v;
	size_t n, cap;
};

/* Writes the report's (unsuppressed) findings; -1 and a message on stderr
 * when the file cannot be written. */
int baseline_write(const struct report *r, const char *path);
/* Loads a baseline; problems become input errors in r. */
int baseline_load(struct arena *a, const char *path, struct baseline *out, struct report *r);
/* Drops the findings the baseline knows (each entry matches once);
 * returns how many were dropped. */
size_t baseline_filter(struct report *r, struct baseline *b);

#endif
