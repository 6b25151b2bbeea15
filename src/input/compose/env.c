/* The variables of a compose run: the process environment and .env files. */
#include "input/compose/env.h"

#include <string.h>
#include <unistd.h>

const struct env_var *env_get(const struct env *e, const char *name, size_t len)
{
	/* With no NUL in name, strncmp() == 0 means v->name[len] exists. */
	if (!e || memchr(name, '\0', len))
		return NULL;
	for (size_t i = e->n; i-- > 0;) {
		const struct env_var *v = &e->v[i];

		/* The first byte first: the process environment is long. */
		if ((!len || v->name[0] == name[0]) && !strncmp(v->name, name, len) &&
		    v->name[len] == '\0')
			return v;
	}
	return NULL;
}

void env_set(struct arena *a, struct env *e, const char *name, const char *value,
	     const char *file, unsigned line)
{
	struct env_var *v = ARENA_PUSH(a, e->v, e->n, e->cap);

	v->name = arena_strdup(a, name);
	v->value = arena_strdup(a, value ? value : "");
	v->file = file;
	v->line = line;
}

void env_from_process(struct arena *a, struct env *e)
{
	for (char **p = environ; p && *p; p++) {
		const char *eq = strchr(*p, '=');
		struct env_var *v;

		if (!eq || eq == *p)
			continue;
		v = ARENA_PUSH(a, e->v, e->n, e->cap);
		v->name = arena_strndup(a, *p, (size_t)(eq - *p));
		v->value = arena_strdup(a, eq + 1);
		v->file = NULL;
		v->line = 0;
	}
}
