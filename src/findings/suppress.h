/* Inline suppressions: comments that silence findings, with a reason.
 *   # seaworthy ignore=ID[,ID] -- reason          the next instruction
 *   # seaworthy stage ignore=ID[,ID] -- reason    the stage of the next FROM
 *   # seaworthy global ignore=ID[,ID] -- reason   the whole file
 * and, in Dockerfiles, hadolint's own, for the rules that check the same:
 *   # hadolint ignore=DL3006[,DL...] [# reason]    the next instruction
 *   # hadolint global ignore=DL3006[,DL...]        the whole file
 * Found by position in the raw text, so any comment-capable format works. */
#ifndef SW_SUPPRESS_H
#define SW_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "findings/findings.h"

struct rule;

struct suppress_opts {
	bool require_reasons;
	/* Whether a rule ran (not filtered out): only those can be unused. */
	bool (*rule_ran)(const struct rule *rule, void *ctx);
	void *ctx;
};

/* Whether a file's text can hold a suppression at all (it names seaworthy
 * or hadolint): most files do not, and need not be scanned. */
bool suppress_mentioned(const char *buf, size_t len);

/* One statement of a file (a Dockerfile instruction): its first and last
 * line, and whether it starts a stage (FROM). */
struct stmt_span {
	unsigned first, last;
	bool stage;
};

/* Applies the suppression comments of a file made of statements (a
 * Dockerfile: ignore= silences the next statement, stage ignore= up to the
 * next stage) to findings[from..] of the file, and reports unused
 * suppressions and, if required, missing reasons. nlines is the file's;
 * len is 0 when suppress_mentioned() found nothing to read in buf. */
void suppress_statements(struct report *r, size_t from, const char *file, const char *buf,
			 size_t len, unsigned nlines, const struct stmt_span *stmts, size_t nstmts,
			 const struct suppress_opts *o);

/* The same for a YAML file (compose): a comment on a line applies to that
 * line, a comment line alone applies to the next line that is not a
 * comment, and `# seaworthy disable-file` silences the whole file. Only
 * findings whose file is `file` are considered. */
void suppress_yaml(struct report *r, size_t from, const char *file, const char *buf, size_t len,
		   const struct suppress_opts *o);

#endif
