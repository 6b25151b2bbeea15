/* libFuzzer target for the config reader (.seaworthy.yaml): any bytes as
 * the file (config_load_buf reads nothing from the disk), then the exclude
 * globs against a few paths, deep ones included (a hostile "**" run was
 * exponential once); then the same bytes as hadolint's .hadolint.yaml over
 * what was read. No input may crash, hang, leak or trip a sanitizer;
 * every error must have a message and a line. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "config/config.h"
#include "findings/findings.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"Dockerfile", "app/Dockerfile", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/Dockerfile",
		"legacy/x.test.Dockerfile", ".hidden/Dockerfile",
		"a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/b",
	};
	struct arena a;
	struct report r;
	struct config c;
	int rc;

	arena_init(&a);
	report_init(&r, &a);
	rc = config_load_buf(&a, ".seaworthy.yaml", (const char *)data, size, &c, &r);
	if (rc != 0 && !r.nerrors)
		abort();
	if (config_load_hadolint_buf(&a, ".hadolint.yaml", (const char *)data, size, &c, &r) != 0 &&
	    !r.nerrors)
		abort();
	for (size_t i = 0; i < r.nerrors; i++)
		if (!r.errors[i].message || !*r.errors[i].message || !r.errors[i].line)
			abort();
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		(void)config_excluded(&c, paths[i]);
	arena_release(&a);
	return 0;
}
