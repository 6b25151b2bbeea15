/* Running another program (ShellCheck, for SW0032) over texts of the run
 * without writing them to disk: each text is an anonymous memory file
 * (memfd_create) that the program reads as /dev/fd/N, inherited by it
 * alone. Its output is read whole, with a time limit. */
#ifndef SW_SPAWN_H
#define SW_SPAWN_H

#include <stdbool.h>
#include <stddef.h>

/* The program name is looked for on PATH (a name with a slash is taken
 * as it is): its path into buf, 0; -1 when there is none that may be run. */
int spawn_find(const char *name, char *buf, size_t size);

/* An anonymous memory file holding data[0..len), closed on exec (spawn_run
 * hands it on), its offset at 0: the descriptor, or -1 with errno set (ENOSYS
 * where there are none). The caller closes it. */
int spawn_memfd(const char *name, const char *data, size_t len);

struct spawn_result {
	char *out;		/* its standard output, NUL-terminated (malloc'd) */
	size_t outlen;
	char *err;		/* the start of its standard error (malloc'd) */
	size_t errlen;
	int status;		/* as waitpid gives it */
	bool timed_out;		/* killed after timeout_ms */
	bool too_large;		/* killed after max_out bytes of output */
};

/* Runs path with argv (argv[0] first, NULL-terminated) and the process's
 * environment, its standard input /dev/null, the descriptors keep[0..nkeep)
 * inherited at the same numbers and no other (all of seaworthy's are
 * close-on-exec), and waits for it, reading both outputs as they come.
 * 0, with *res to release with spawn_result_release; -1 with errno when it
 * could not be started. */
int spawn_run(const char *path, char *const argv[], const int *keep, size_t nkeep,
	      unsigned timeout_ms, size_t max_out, struct spawn_result *res);
void spawn_result_release(struct spawn_result *res);

#endif
