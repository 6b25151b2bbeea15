/* Fatal paths: die() for conditions the user can't fix by changing input
 * (out of memory), BUG() for broken invariants. Bad input never dies. */
#ifndef SW_DIE_H
#define SW_DIE_H

_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void bug_fl(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)

#endif
