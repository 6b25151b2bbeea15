/* Privilege drops in what a container runs: the user its main process
 * ends up as when the entry command or script hands it over for good
 * (exec gosu app "$@"), or only in some branch. */
#ifndef SW_SHELL_DROP_H
#define SW_SHELL_DROP_H

#include <stdbool.h>
#include <stddef.h>

#include "input/shell/entry.h"
#include "input/shell/shell.h"

/* The user a privilege-dropping command runs the rest as, or NULL when
 * cmd drops nothing (or "drops" to root). */
const char *sh_drop_user(const struct sh_cmd *cmd);

/* A privilege drop found in what a container runs. */
struct sh_drop {
	const struct sh_cmd *cmd;
	const char *user;
	const struct entry_script *sc;	/* NULL: in the entry command itself */
	const char *text;		/* the script text cmd's offsets are in */
	bool branch;			/* only under a condition */
	size_t cond_off;		/* where that condition starts */
};

/* Looks for a privilege drop in sh that is exec'd or is its last command:
 * true for one that always happens (*out set); one under a condition
 * only fills *out (when empty, and sc is set). text is what cmd offsets
 * are in (NULL: unknown); sc the script sh is, or NULL. */
bool sh_find_drop(const struct sh_script *sh, const char *text, const struct entry_script *sc,
		  struct sh_drop *out);

/* Whether a program in another language execs a privilege-dropping tool:
 * one of its names as a quoted string ("gosu", '/usr/sbin/su-exec') and a
 * call that replaces the process (execv, execve, execvp, exec(). */
bool sh_text_execs_drop(const char *text, size_t len);

/* The condition at off of text, up to `; then`, `; do` or the end of its
 * line, cut short. In the arena. */
const char *sh_cond_text(struct arena *a, const char *text, size_t off);

#endif
