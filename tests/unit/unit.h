/* Tiny harness for internals. UNIT_TEST(name) { ... } registers a test;
 * CHECK(cond) and CHECK_STR(got, want) record failures and go on. */
#ifndef SW_UNIT_H
#define SW_UNIT_H

#include <stdio.h>
#include <string.h>

typedef void unit_fn(void);
void unit_register(const char *name, unit_fn *fn);
void unit_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Marks the running test as skipped, with a reason; call then return. */
void unit_skip(const char *why);
/* Path to ../shared (from SW_SHARED or the default), or NULL if absent. */
const char *unit_shared_dir(void);

#define UNIT_TEST(name) \
	static void unit_##name(void); \
	__attribute__((constructor)) static void unit_reg_##name(void) \
	{ unit_register(#name, unit_##name); } \
	static void unit_##name(void)

#define CHECK(c) do { if (!(c)) unit_fail(__FILE__, __LINE__, "CHECK(%s)", #c); } while (0)
#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); \
	if (!g_ || !w_ || strcmp(g_, w_)) unit_fail(__FILE__, __LINE__, \
		"%s: got \"%s\", want \"%s\"", #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } while (0)

#endif
