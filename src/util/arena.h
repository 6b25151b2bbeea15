/* One arena per run: everything a run parses and models lives here and is
 * freed at once by arena_release(). Returned memory is owned by the arena. */
#ifndef SW_ARENA_H
#define SW_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used_total;
};

#define ARENA_INIT { NULL, 0 }

void arena_init(struct arena *a);
/* Zeroed, aligned for any object. Never NULL (dies on OOM). */
void *arena_alloc(struct arena *a, size_t n);
/* Grows an array allocated in the arena; old contents are copied. */
void *arena_grow(struct arena *a, void *old, size_t old_n, size_t new_n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* dir "/" name, without doubling a trailing '/' of dir: the path joins of
 * the folder walks, where printf's cost showed. */
char *arena_path_join(struct arena *a, const char *dir, const char *name);
void arena_release(struct arena *a);
/* Frees the calling thread's cache of released blocks: a worker thread calls
 * it before it ends, so that nothing it cached is lost with it. */
void arena_thread_done(void);

/* Appends a zeroed element to an arena array: *arr has *n used of *cap,
 * and room for first elements once it has any. Returns a pointer to the
 * new element. */
void *arena_push_(struct arena *a, void *arrp, size_t *n, size_t *cap, size_t size,
		  size_t first);
#define ARENA_PUSH(a, arr, n, cap) \
	((__typeof__(arr))arena_push_((a), &(arr), &(n), &(cap), sizeof(*(arr)), 8))
/* Makes room in the arena array arr (n used of cap) for more elements at
 * once, so that a known number of them grows it once. The room is not
 * zeroed (nor touched) until ARENA_PUSH takes it, or the caller fills it
 * (arr[n++] = ...). */
void arena_reserve_(struct arena *a, void *arrp, size_t n, size_t *cap, size_t size, size_t more);
#define ARENA_RESERVE(a, arr, n, cap, more) \
	arena_reserve_((a), &(arr), (n), &(cap), sizeof(*(arr)), (more))

#endif
