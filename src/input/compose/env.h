/* The variables a compose project is interpolated with: the process
 * environment, then .env files (the first definition found by env_get is
 * the last one set). In the arena. */
#ifndef SW_COMPOSE_ENV_H
#define SW_COMPOSE_ENV_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

struct env_var {
	const char *name, *value;
	const char *file;	/* where it came from; NULL for the process environment */
	unsigned line;
	/* Its value is, or holds, a value of the process environment (a .env
	 * line A=${HOME}/x too): messages show ${name} instead (report_redact). */
	bool process;
};

struct env {
	struct env_var *v;
	size_t n, cap;
	/* A hash of the names to their last definition (index + 1), kept by
	 * env_set and env_from_process; in the arena, mask + 1 slots. */
	size_t *slot, mask, nslots_used;
};

/* Looks a name up (the last definition wins); NULL when unset. Constant
 * time: a .env that refers to its variables thousands of times was
 * quadratic with a scan. */
const struct env_var *env_get(const struct env *e, const char *name, size_t len);
void env_set(struct arena *a, struct env *e, const char *name, const char *value,
	     const char *file, unsigned line);
/* env_set of a copy of v, its origin (process) kept. */
void env_set_var(struct arena *a, struct env *e, const struct env_var *v);
/* Room for `extra` more variables: the array and the hash sized at once. */
void env_reserve(struct arena *a, struct env *e, size_t extra);
/* out becomes a copy of from (NULL: empty) that shares from's strings:
 * from must live as long (the same arena). */
void env_copy(struct arena *a, struct env *out, const struct env *from);
/* Adds the process environment (environ). */
void env_from_process(struct arena *a, struct env *e);

#endif
