/* libFuzzer target for BuildKit-style variable expansion: the first byte
 * picks the escape character (odd: backtick, even: backslash), the rest is
 * the word, expanded both as one word (ProcessWord) and split into words
 * (ProcessWords) against a small fixed environment. No input may crash,
 * hang, leak or trip a sanitizer, and a success must produce output. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/dockerfile/expand.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const env_vars[][2] = {
	{ "HOME", "/root" },
	{ "PATH", "/usr/local/bin:/usr/bin:/bin" },
	{ "EMPTY", "" },
	{ "A", "a" },
	{ "B", "b  c" },		/* splits into two words */
	{ "GLOB", "x*y?[z]" },	/* pattern characters in a value */
	{ "SLASH", "a/b/c/d.tar.gz" },
	{ "DOLLAR", "$A ${B}" },	/* not re-expanded */
	{ "UTF", "h\xc3\xa9llo \xe2\x80\x83 w" },
};
#define NVARS (sizeof(env_vars) / sizeof(env_vars[0]))

struct ctx {
	size_t refs;
};

static const char *lookup(void *ctx, const char *name, size_t len)
{
	(void)ctx;
	for (size_t i = 0; i < NVARS; i++)
		if (strlen(env_vars[i][0]) == len && !memcmp(env_vars[i][0], name, len))
			return env_vars[i][1];
	return NULL;
}

static void on_ref(void *ctx, const char *name, size_t len, bool set)
{
	struct ctx *c = ctx;

	(void)set;
	if (!name && len)
		abort();
	c->refs++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctx c = { 0 };
	struct expand_env env = { lookup, on_ref, &c };
	struct expand_env bare = { lookup, NULL, NULL };
	struct arena a;
	char escape, *out, **words, *word;
	const char *err;
	size_t len, nwords;

	if (!size)
		return 0;
	escape = (data[0] & 1) ? '`' : '\\';
	len = size - 1;
	/* Callers pass NUL-terminated words (which may hold NULs from JSON). */
	word = malloc(len + 1);
	if (!word)
		return 0;
	if (len)
		memcpy(word, data + 1, len);
	word[len] = '\0';

	arena_init(&a);
	err = NULL;
	if (expand_word(&a, word, len, escape, &env, &out, &err) == 0) {
		if (!out)
			abort();
	} else if (!err) {
		abort();
	}
	err = NULL;
	if (expand_words(&a, word, len, escape, (data[0] & 2) ? &bare : &env, &words,
			 &nwords, &err) == 0) {
		if (!words || words[nwords])
			abort();
		for (size_t i = 0; i < nwords; i++)
			if (!words[i])
				abort();
	} else if (!err) {
		abort();
	}
	arena_release(&a);
	free(word);
	return 0;
}
