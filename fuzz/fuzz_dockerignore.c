/* libFuzzer target for .dockerignore text (dockerignore_parse and its
 * matching): the input's first line is the path asked about, the rest the
 * file. No input may crash, hang or trip a sanitizer; a path's verdict
 * with its folders' results handed down equals the one worked out alone. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/discover/dockerignore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nl = memchr(text, '\n', size), *why;
	size_t n = nl ? (size_t)(nl - text) : size, line;
	struct arena a = ARENA_INIT;
	struct dockerignore *d;
	char *rel = malloc(n + 1);

	if (!rel)
		return 0;
	memcpy(rel, text, n);
	rel[n] = '\0';
	d = dockerignore_parse(&a, nl ? nl + 1 : text + size, nl ? size - n - 1 : 0, &why, &line);
	if (d) {
		size_t bytes = (dockerignore_npatterns(d) + 7) / 8 + 1;
		unsigned char *self = malloc(bytes);
		bool alone = dockerignore_match(d, rel, NULL, self);

		(void)dockerignore_excluded(d, rel);
		(void)dockerignore_enters(d, rel);
		if (!strchr(rel, '/') && alone != dockerignore_excluded(d, rel))
			abort();
		free(self);
	}
	free(rel);
	arena_release(&a);
	return 0;
}
