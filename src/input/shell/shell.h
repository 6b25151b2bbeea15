/* Shell analysis for RUN, CMD and ENTRYPOINT: the script is split into simple
 * commands (on && || ; | & and newlines), respecting quotes, escapes and
 * heredoc bodies, and looking inside `sh -c '...'`. Rules match commands and
 * options, never raw text. Everything returned lives in the arena. */
#ifndef SW_SHELL_H
#define SW_SHELL_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

struct sh_word {
	const char *text;	/* with quotes and escapes removed */
	size_t off;		/* byte offset of the word in the source script */
	bool quoted;		/* any part was quoted */
	bool has_subst;		/* contains $var, ${..}, $(..) or `..` */
	/* text + base is the part after the last '/' (SH_BASE_UNKNOWN: not
	 * worked out, as for words that are no command's argv[0]). */
	unsigned base;
};

#define SH_BASE_UNKNOWN 0xffffffffu

enum sh_sep {
	SH_SEP_END = 0,	/* end of script */
	SH_SEP_SEMI,	/* ; or newline */
	SH_SEP_AND,	/* && */
	SH_SEP_OR,	/* || */
	SH_SEP_PIPE,	/* | */
	SH_SEP_BG,	/* & */
};

struct sh_cmd {
	struct sh_word *argv;	/* argv[0] is the command name */
	size_t argc;
	struct sh_word *assigns; /* NAME=value prefixes, e.g. FOO=1 cmd */
	size_t nassigns;
	enum sh_sep sep;	/* what follows this command */
	bool background;	/* ended by & */
	bool piped;		/* part of a pipeline (| before or after) */
	unsigned depth;		/* 0 top level; 1 inside sh -c '...', etc. */
	size_t off;		/* offset of the command's first word in the top script */
	/* How many if, case and loop constructs enclose it (0: it runs
	 * whenever the script gets that far), and the offset of the
	 * innermost one's keyword. */
	unsigned nest;
	size_t nest_off;
	/* In the body of a function definition, the function's name (""
	 * when unknown): it runs when the function is called, not where it
	 * is written. NULL outside any. */
	const char *function;
};

struct sh_script {
	struct sh_cmd *cmds;
	size_t ncmds;
	bool pipefail;		/* `set -o pipefail` (or -eo pipefail...) seen before the first pipe */
	bool has_pipe;
};

/* Never fails: unbalanced quotes end at end of input. */
void sh_parse(struct arena *a, const char *src, size_t len, struct sh_script *out);

/* Basename of argv[0] ("/usr/bin/apt-get" -> "apt-get"); "" when argc==0.
 * Inline: every rule asks it of every command. */
const char *sh_word_base_slow(const struct sh_word *w);
static inline const char *sh_cmd_name(const struct sh_cmd *c)
{
	if (!c->argc)
		return "";
	if (c->argv[0].base != SH_BASE_UNKNOWN)
		return c->argv[0].text + c->argv[0].base;
	return sh_word_base_slow(&c->argv[0]);
}
/* True if some argument equals opt, or a short-option cluster holds it
 * ("-y" matches "-qy"; "--yes" matches "--yes" and "--yes=..."). */
bool sh_cmd_has_opt(const struct sh_cmd *c, const char *opt);
/* First non-option argument after argv[0] (e.g. the subcommand), or NULL. */
const char *sh_cmd_subcommand(const struct sh_cmd *c);
/* Index of first argument equal to s after argv[0], or 0 if none. */
size_t sh_cmd_find_arg(const struct sh_cmd *c, const char *s);

/* Whether s starts with a #! line naming something other than a shell
 * (python, node...; #!/usr/bin/env [-S] X looks at X): its body isn't sh. */
bool sh_foreign_shebang(const char *s, size_t len);

/* A parsed mkdir, chown, chgrp or chmod command. */
struct fs_cmd {
	const char *name;	/* "mkdir", "chown", "chgrp", "chmod" */
	const char *spec;	/* owner or mode; mkdir's -m mode; NULL if none */
	bool recursive;		/* -R / --recursive */
	const struct sh_word **paths;
	size_t npaths;
};

/* Parses c when it is mkdir, chown, chgrp or chmod; false otherwise. */
bool fs_cmd_parse(struct arena *a, const struct sh_cmd *c, struct fs_cmd *out);

/* Commands that are neither a daemon nor a main process worth naming
 * (echo, set, wait, test...). */
bool cmd_trivial(const struct sh_cmd *cmd);
/* Whether n is the command the wrapper w runs (nohup x, exec x, gosu u
 * x): the shell parser emits it right after w, with argv into w's. */
bool sh_wraps(const struct sh_cmd *w, const struct sh_cmd *n);
/* The last command of the group starting at i: the wrapped ones follow
 * their wrapper. */
size_t sh_group_end(const struct sh_script *sh, size_t i);
/* The innermost command of the last meaningful group from index from on,
 * or NULL when nothing meaningful runs after it. */
const struct sh_cmd *sh_main_after(const struct sh_script *sh, size_t from);

/* The command's words joined by spaces, cut to about max bytes ("..."). */
const char *sh_cmd_text(struct arena *a, const struct sh_cmd *c, size_t max);

#endif
