/* Variable expansion exactly as BuildKit's shell lexer (frontend/dockerfile/
 * shell/lex.go) does it for ADD, COPY, ENV, EXPOSE, FROM, LABEL, STOPSIGNAL,
 * USER, VOLUME, WORKDIR and exec-form words. Results live in the arena. */
#ifndef SW_EXPAND_H
#define SW_EXPAND_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

struct expand_env {
	/* Value of name[0..len), or NULL when unset ("" when set but empty). */
	const char *(*lookup)(void *ctx, const char *name, size_t len);
	/* Optional: told of every variable reference, and whether it was set. */
	void (*on_ref)(void *ctx, const char *name, size_t len, bool set);
	void *ctx;
};

/* Expands one word (quotes removed, as ProcessWord). Returns 0 and sets *out,
 * or -1 and sets *err to a static or arena message. escape is '\\' or '`'. */
int expand_word(struct arena *a, const char *word, size_t len, char escape,
		const struct expand_env *env, char **out, const char **err);

/* Expands and splits into words (as ProcessWords). *words is an arena array. */
int expand_words(struct arena *a, const char *word, size_t len, char escape,
		 const struct expand_env *env, char ***words, size_t *nwords,
		 const char **err);

#endif
