/* Compose's .env syntax (compose-go dotenv): KEY=value, `export` prefix,
 * single quotes (literal), double quotes (escapes \n \t \\ \" and ${}
 * interpolation), multi-line quoted values, # comments, KEY: value, blank
 * lines. In the arena. */
#ifndef SW_COMPOSE_DOTENV_H
#define SW_COMPOSE_DOTENV_H

#include <stdbool.h>
#include <stddef.h>

#include "input/compose/env.h"
#include "util/arena.h"

/* Parses a .env file into e (values may refer to earlier ones and to
 * lookup_first, which wins, as the shell environment beats .env).
 * Returns -1 with *err_line and *err_msg set on a syntax error. */
int dotenv_parse(struct arena *a, const char *file, const char *buf, size_t len,
		 struct env *e, const struct env *lookup_first, unsigned *err_line,
		 const char **err_msg);

#endif
