/* Compose v2 interpolation: ${V} $V ${V:-d} ${V-d} ${V:?e} ${V?e} ${V:+a}
 * ${V+a}, nested defaults, $$ for a literal $, a lone $ kept as is; ${} and
 * malformed braces are errors. Applied to every scalar of a tree (keys
 * excluded, x- fields included as Compose does). */
#ifndef SW_COMPOSE_INTERP_H
#define SW_COMPOSE_INTERP_H

#include <stdbool.h>
#include <stddef.h>

#include "input/compose/env.h"
#include "yaml/yaml.h"

struct interp_hooks {
	/* An unset variable with no default was used (Compose warns). */
	void (*unset)(void *ctx, const char *name, const struct y_node *at);
	/* A syntax error or a ${V:?msg} / ${V?msg} failure. */
	void (*error)(void *ctx, const char *msg, const struct y_node *at);
	void *ctx;
	/* Optional: a ${V:?msg} / ${V?msg} whose variable has no value. Set,
	 * it is told instead of error and V counts as empty (a checkout: the
	 * deployment sets it); NULL: the failure Compose gives. */
	void (*required)(void *ctx, const char *name, const struct y_node *at);
	/* Optional: a variable whose value is, or holds, the process
	 * environment's (env_var.process) was substituted: messages are to
	 * show ${name} for it (report_redact). */
	void (*process)(void *ctx, const char *name, const char *value);
};

/* Interpolates s; returns the result in the arena, or NULL after calling
 * hooks->error. A result over 1 MiB is an error ("too large"). */
const char *interp_string(struct arena *a, const char *s, const struct env *env,
			  const struct interp_hooks *hooks, const struct y_node *at);
/* Interpolates every scalar value of the tree in place; past 16 MiB of
 * results together, an error, and the rest stays as it was. Returns the
 * number of errors. */
int interp_tree(struct arena *a, struct y_node *root, const struct env *env,
		const struct interp_hooks *hooks);

/* The engine alone, for other lookups (.env files): lookup returns a
 * variable's value, or NULL when it is unset (unset variables are silently
 * empty here). Returns the result in the arena, or NULL with *err (in the
 * arena, no path) on an invalid template, a failed ${V:?msg}, or a result
 * over 1 MiB. */
typedef const char *interp_lookup_fn(void *ctx, const char *name, size_t len);
const char *interp_substitute(struct arena *a, const char *s, size_t len,
			      interp_lookup_fn *lookup, void *ctx, const char **err);

#endif
