/* libFuzzer target for .env files (dotenv_parse, with a shell environment
 * to look things up in first) and for the interpolation engine on its own
 * (interp_substitute over the same bytes). No input may crash, hang, leak
 * or trip a sanitizer; a failure must come with a message and a line, a
 * success must give named variables with a line. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/compose/dotenv.h"
#include "input/compose/interp.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *lookup(void *ctx, const char *name, size_t len)
{
	const struct env_var *v = env_get(ctx, name, len);

	return v ? v->value : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct env shell = { 0 }, e = { 0 };
	unsigned line = 0;
	const char *msg = NULL, *out, *err = NULL;
	unsigned nlines = 1;

	for (size_t i = 0; i < size; i++)
		nlines += data[i] == '\n';
	arena_init(&a);
	env_set(&a, &shell, "HOME", "/root", NULL, 0);
	env_set(&a, &shell, "EMPTY", "", NULL, 0);
	env_set(&a, &shell, "A", "a", NULL, 0);
	if (dotenv_parse(&a, "fuzz.env", (const char *)data, size, &e, &shell, &line, &msg) == 0) {
		for (size_t i = 0; i < e.n; i++)
			if (!e.v[i].name || !*e.v[i].name || !e.v[i].value || e.v[i].line < 1 ||
			    e.v[i].line > nlines || !e.v[i].file)
				abort();
	} else if (!msg || !*msg || line < 1 || line > nlines) {
		abort();
	}
	out = interp_substitute(&a, (const char *)data, size, lookup, &shell, &err);
	if (!out && (!err || !*err))
		abort();
	arena_release(&a);
	return 0;
}
