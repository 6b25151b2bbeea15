/* libFuzzer target for .gitignore text (gitignore_verdict): the input's
 * first line is the path asked about, the rest the .gitignore. No input may
 * crash, hang or trip a sanitizer, and the verdict is -1, 0 or 1; a file
 * with no pattern has no verdict. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/discover/gitignore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nl = memchr(text, '\n', size);
	size_t n = nl ? (size_t)(nl - text) : size;
	char *rel = malloc(n + 1);
	int v;

	if (!rel)
		return 0;
	memcpy(rel, text, n);
	rel[n] = '\0';
	v = gitignore_verdict(nl ? nl + 1 : text + size, nl ? size - n - 1 : 0, rel);
	if (v < -1 || v > 1 || (!nl && v != -1))
		abort();
	free(rel);
	return 0;
}
