/* The Dockerfile syntax tree, as BuildKit's parser builds it. Strings are
 * NUL-terminated and owned by the run's arena; positions are 1-based, and
 * columns count bytes. */
#ifndef SW_DF_AST_H
#define SW_DF_AST_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

struct df_pos {
	unsigned line, col;
};

struct df_arg {
	const char *value;	/* as BuildKit's node value (may hold NUL from JSON) */
	size_t len;
	struct df_pos pos;	/* where it starts in the file */
};

struct df_heredoc {
	const char *name;	/* the delimiter, quotes removed */
	const char *content;	/* body lines, each with its newline */
	unsigned fd;
	bool expand;		/* delimiter was unquoted */
	bool chomp;		/* <<- strips leading tabs */
	unsigned start_line;	/* line of the first body line */
};

struct df_node {
	const char *name;	/* lowercased instruction, e.g. "run" */
	struct df_arg *flags;	/* "--from=x" ... in order, "--" dropped */
	size_t nflags;
	struct df_arg *args;
	size_t nargs;
	bool json;		/* exec (JSON array) form */
	struct df_node *sub;	/* ONBUILD's instruction */
	struct df_heredoc *heredocs;
	size_t nheredocs;
	const char *original;	/* the joined logical line */
	const char *rest;	/* the arguments part of original, after flags */
	struct df_pos start, end; /* keyword position; end of the last line */
	unsigned end_line;	/* last line, heredoc bodies included */
	const char **comments;	/* comment lines just above */
	size_t ncomments;
};

struct df_directive {
	const char *name;	/* lowercased: syntax, escape, check */
	const char *value;
	unsigned line;
};

struct df_file {
	const char *path;	/* as given for display */
	const char *buf;	/* whole file, NUL-terminated */
	size_t len;
	char escape;		/* '\\' or '`' */
	struct df_node *nodes;
	size_t nnodes;
	struct df_directive *directives;
	size_t ndirectives;
	unsigned nlines;
	unsigned empty_continuation_line; /* first one seen, 0 if none */
};

struct df_error {
	unsigned line;
	const char *msg;
};

/* Parses buf[0..len) (which must be NUL-terminated at len). On error fills
 * *err and returns -1; the partial *out must not be used. */
int df_parse(struct arena *a, const char *path, const char *buf, size_t len,
	     struct df_file *out, struct df_error *err);

/* Writes BuildKit's dump format for the file (one line per instruction). */
struct strbuf;
void df_dump(const struct df_file *f, struct strbuf *out);
/* Go's strconv.Quote of s[0..len). */
void df_quote(struct strbuf *out, const char *s, size_t len);

/* Value of flag "--name=..." on node, NULL if absent ("" for bare --name). */
const char *df_flag(const struct df_node *n, const char *name);

#endif
