#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "unit.h"

/* Registered by constructors before main; grows as needed, so no test is
 * ever dropped. */
static struct unit_test { const char *name; unit_fn *fn; } *tests;
static int ntests, captests, cur_failed, cur_skipped;

void unit_register(const char *name, unit_fn *fn)
{
	if (ntests == captests) {
		captests = captests ? captests * 2 : 256;
		tests = realloc(tests, (size_t)captests * sizeof(*tests));
		if (!tests) {
			fprintf(stderr, "unit: out of memory registering %s\n", name);
			exit(2);
		}
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	cur_failed++;
	if (cur_failed > 20)
		return;
	fprintf(stderr, "  %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void unit_skip(const char *why)
{
	cur_skipped = 1;
	fprintf(stderr, "  skipped: %s\n", why);
}

const char *unit_shared_dir(void)
{
	const char *d = getenv("SW_SHARED");
	struct stat st;

	if (!d || !*d)
		d = "../shared";
	return stat(d, &st) == 0 && S_ISDIR(st.st_mode) ? d : NULL;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0, skipped = 0;

	for (int i = 0; i < ntests; i++) {
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		cur_failed = cur_skipped = 0;
		tests[i].fn();
		if (cur_failed) {
			failed++;
			printf("FAIL %s (%d checks)\n", tests[i].name, cur_failed);
		} else if (cur_skipped) {
			skipped++;
			printf("SKIP %s\n", tests[i].name);
		} else {
			passed++;
			printf("ok   %s\n", tests[i].name);
		}
	}
	printf("unit: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
	free(tests);
	return failed ? 1 : 0;
}
