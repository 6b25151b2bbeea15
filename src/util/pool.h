/* Helper threads for work that splits into independent items. They are
 * started early (a thread on an idle virtual CPU can take milliseconds to
 * run at all) and wait for work spinning a little before they sleep. The
 * pool is owned by its caller; pool_stop() joins and frees it. */
#ifndef SW_POOL_H
#define SW_POOL_H

#include <stddef.h>

struct pool;

/* How many CPUs this process may use (its affinity mask on Linux); 1 where
 * that cannot be known, so callers fall back to one thread. */
size_t cpu_count(void);
/* Starts n helpers; NULL when n is 0 or none could start. */
struct pool *pool_start(size_t n);
/* How many helpers are running (0 for NULL). */
size_t pool_size(const struct pool *p);
/* Runs fn(ctx, 0) on the calling thread and fn(ctx, s) on helper s for
 * s = 1..k-1 (k - 1 <= pool_size), and returns when all have returned. */
void pool_run(struct pool *p, size_t k, void (*fn)(void *ctx, size_t slot), void *ctx);
/* Stops and joins the helpers and frees p (which may be NULL). */
void pool_stop(struct pool *p);

#endif
