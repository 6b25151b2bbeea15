#include "util/pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "util/arena.h"
#include "util/die.h"

/* CPU affinity (sched_getaffinity, pthread_*affinity_np, sched_getcpu) is
 * Linux's: elsewhere helpers are not pinned and cpu_count() says 1. */
#ifdef __linux__
#define POOL_AFFINITY 1
#else
#define POOL_AFFINITY 0
#endif

/* How long a waiting thread spins (yielding) before it sleeps: a sleeping
 * virtual CPU took 0.5 to 1.7 ms to run a new thread here, about as long as
 * a whole small task. */
#define SPIN_NS 20000000LL

struct helper {
	struct pool *p;
	size_t slot;
	pthread_t tid;
	bool pinned;		/* started on a CPU of its own */
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	atomic_uint gen;	/* bumped for each task, and to stop */
	atomic_bool quit;
	atomic_size_t pending;	/* helpers not done with the task yet */
	size_t k;		/* slots of the task */
	void (*fn)(void *ctx, size_t slot);
	void *ctx;
	struct helper *h;
	size_t n;
#if POOL_AFFINITY
	cpu_set_t all;		/* the CPUs the process may use */
#endif
	bool have_all;
	long long spin_ns;	/* how long a waiting thread spins */
};

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static bool new_task(struct pool *p, unsigned seen)
{
	return atomic_load_explicit(&p->gen, memory_order_acquire) != seen;
}

static bool task_done(struct pool *p, unsigned unused)
{
	(void)unused;
	return !atomic_load(&p->pending);
}

/* Waits until ready(p, arg): spinning (yielding) for spin_ns, then asleep
 * on cv, which is signalled under mu when the answer changes. */
static void await(struct pool *p, pthread_cond_t *cv, bool (*ready)(struct pool *, unsigned),
		  unsigned arg)
{
	long long until = now_ns() + p->spin_ns;

	for (unsigned i = 1; !ready(p, arg); i++) {
		if (i % 64 == 0 && now_ns() > until) {
			pthread_mutex_lock(&p->mu);
			while (!ready(p, arg))
				pthread_cond_wait(cv, &p->mu);
			pthread_mutex_unlock(&p->mu);
			return;
		}
		sched_yield();
	}
}

static void *helper_main(void *arg)
{
	struct helper *h = arg;
	struct pool *p = h->p;
	unsigned seen = 0;

#if POOL_AFFINITY
	if (h->pinned)
		pthread_setaffinity_np(pthread_self(), sizeof(p->all), &p->all);
#endif
	for (;;) {
		await(p, &p->work_cv, new_task, seen);
		seen = atomic_load_explicit(&p->gen, memory_order_acquire);
		if (atomic_load(&p->quit))
			break;
		if (h->slot < p->k)
			p->fn(p->ctx, h->slot);
		if (atomic_fetch_sub(&p->pending, 1) == 1) {
			pthread_mutex_lock(&p->mu);
			pthread_cond_signal(&p->done_cv);
			pthread_mutex_unlock(&p->mu);
		}
	}
	/* What this thread cached of released arena blocks goes with it. */
	arena_thread_done();
	return NULL;
}

size_t cpu_count(void)
{
#if POOL_AFFINITY
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return (size_t)CPU_COUNT(&set);
#endif
	return 1;
}

#if POOL_AFFINITY
/* The next CPU of set from cpu on that is not the caller's, wrapping
 * around; CPU_SETSIZE when there is none. */
static size_t next_cpu(const cpu_set_t *set, size_t cpu)
{
	int self = sched_getcpu();

	for (size_t k = 0; k < CPU_SETSIZE; k++) {
		size_t c = (cpu + k) % CPU_SETSIZE;

		if (CPU_ISSET(c, set) && (int)c != self)
			return c;
	}
	return CPU_SETSIZE;
}
#endif

struct pool *pool_start(size_t n)
{
	struct pool *p;

	if (!n)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p || !(p->h = calloc(n, sizeof(*p->h))))
		die("out of memory");
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work_cv, NULL);
	pthread_cond_init(&p->done_cv, NULL);
#if POOL_AFFINITY
	p->have_all = sched_getaffinity(0, sizeof(p->all), &p->all) == 0;
#endif
	/* More threads than CPUs would spin on each other's time: they sleep. */
	p->spin_ns = n < cpu_count() ? SPIN_NS : 0;
	for (size_t i = 0, cpu = 0; i < n; i++) {
		struct helper *h = &p->h[p->n];
		pthread_attr_t at;
		int rc;

		*h = (struct helper){ .p = p, .slot = p->n + 1 };
		pthread_attr_init(&at);
#if POOL_AFFINITY
		/* A new thread starts on its parent's CPU and waits there until
		 * the scheduler moves it, which on an idle virtual machine took
		 * milliseconds: each helper starts on another CPU, and then lets
		 * the scheduler place it as it likes (helper_main). */
		if (p->have_all && (cpu = next_cpu(&p->all, cpu)) < CPU_SETSIZE) {
			cpu_set_t one;

			CPU_ZERO(&one);
			CPU_SET(cpu, &one);
			h->pinned = pthread_attr_setaffinity_np(&at, sizeof(one), &one) == 0;
			cpu++;
		}
#else
		(void)cpu;
#endif
		rc = pthread_create(&h->tid, &at, helper_main, h);
		pthread_attr_destroy(&at);
		if (rc != 0)
			break;	/* fewer helpers: the caller's share grows */
		p->n++;
	}

	if (!p->n) {
		pool_stop(p);
		return NULL;
	}
	return p;
}

size_t pool_size(const struct pool *p)
{
	return p ? p->n : 0;
}

void pool_run(struct pool *p, size_t k, void (*fn)(void *ctx, size_t slot), void *ctx)
{
	if (!p || k <= 1) {
		fn(ctx, 0);
		return;
	}
	if (k > p->n + 1)
		BUG("pool_run: %zu slots for %zu helpers", k, p->n);
	p->fn = fn;
	p->ctx = ctx;
	p->k = k;
	atomic_store(&p->pending, p->n);
	pthread_mutex_lock(&p->mu);
	atomic_fetch_add_explicit(&p->gen, 1, memory_order_release);
	pthread_cond_broadcast(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
	fn(ctx, 0);
	await(p, &p->done_cv, task_done, 0);
}

void pool_stop(struct pool *p)
{
	if (!p)
		return;
	atomic_store(&p->quit, true);
	pthread_mutex_lock(&p->mu);
	atomic_fetch_add_explicit(&p->gen, 1, memory_order_release);
	pthread_cond_broadcast(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
	for (size_t i = 0; i < p->n; i++)
		pthread_join(p->h[i].tid, NULL);
	pthread_cond_destroy(&p->work_cv);
	pthread_cond_destroy(&p->done_cv);
	pthread_mutex_destroy(&p->mu);
	free(p->h);
	free(p);
}
