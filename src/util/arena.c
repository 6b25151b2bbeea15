#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	bool slab;		/* carved from a slab: never freed */
	_Alignas(max_align_t) unsigned char data[];
};

#define ARENA_BLOCK 65536
#define ARENA_CACHE 32

/* Released standard blocks are kept for the next arena: a run releases a
 * scratch arena per file, and fresh blocks cost page faults. Per thread, so
 * that the workers of `check` need no lock; arena_thread_done() empties it. */
static _Thread_local struct arena_block *cache;
static _Thread_local size_t ncache;

/* Standard blocks are carved from 2 MiB slabs the kernel may back with huge
 * pages: a run over a large tree touches tens of megabytes, and on a VM
 * every 4 KiB page fault costs microseconds (half the run's time over the
 * compose corpus). Sanitizer builds keep malloc, so that LeakSanitizer
 * still sees every pointer held in a block. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_SLABS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_SLABS 0
#endif
#endif
#ifndef ARENA_SLABS
#define ARENA_SLABS 1
#endif

#if ARENA_SLABS
#include <sys/mman.h>

#define SLAB_SIZE (2u << 20)
#define SLAB_UNIT ((sizeof(struct arena_block) + ARENA_BLOCK + 63) & ~(size_t)63)

static _Thread_local unsigned char *slab_next, *slab_end;

static struct arena_block *slab_block(void)
{
	struct arena_block *b;

	if (slab_end - slab_next < (ptrdiff_t)SLAB_UNIT) {
		/* Twice the size, to align a 2 MiB slab inside. The unaligned
		 * ends stay mapped but are never touched, so cost nothing. */
		unsigned char *m = mmap(NULL, 2 * SLAB_SIZE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uintptr_t at;

		if (m == MAP_FAILED)
			return NULL;
		at = ((uintptr_t)m + SLAB_SIZE - 1) & ~(uintptr_t)(SLAB_SIZE - 1);
		slab_next = (unsigned char *)at;
		slab_end = slab_next + SLAB_SIZE;
#ifdef MADV_HUGEPAGE	/* Linux's; elsewhere the slab keeps small pages */
		madvise(slab_next, SLAB_SIZE, MADV_HUGEPAGE);
#endif
	}
	b = (struct arena_block *)(void *)slab_next;
	slab_next += SLAB_UNIT;
	b->slab = true;
	return b;
}
#else
static struct arena_block *slab_block(void)
{
	return NULL;
}
#endif
#define ALIGN(n) (((n) + _Alignof(max_align_t) - 1) & ~(size_t)(_Alignof(max_align_t) - 1))

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used_total = 0;
}

/* zero false: for copies, which overwrite every byte at once. */
static void *alloc(struct arena *a, size_t n, bool zero)
{
	struct arena_block *b = a->head;
	void *p;

	n = ALIGN(n ? n : 1);
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		/* Not calloc: zeroing whole blocks costs more than zeroing what is used. */
		if (size == ARENA_BLOCK && cache) {
			b = cache;
			cache = b->next;
			ncache--;
		} else {
			b = size == ARENA_BLOCK ? slab_block() : NULL;
			if (!b) {
				b = malloc(sizeof(*b) + size);
				if (b)
					b->slab = false;
			}
		}
		if (!b)
			die("out of memory");
		b->size = size;
		b->used = 0;
		/* Big one-off blocks go behind the head so the head keeps its slack. */
		if (size != ARENA_BLOCK && a->head) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = b->data + b->used;
	b->used += n;
	a->used_total += n;
	if (zero)
		memset(p, 0, n);
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return alloc(a, n, true);
}

void *arena_grow(struct arena *a, void *old, size_t old_n, size_t new_n)
{
	char *p = alloc(a, new_n, false);
	size_t keep = old && old_n ? (old_n < new_n ? old_n : new_n) : 0;

	if (keep)
		memcpy(p, old, keep);
	memset(p + keep, 0, new_n - keep);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = alloc(a, n + 1, false);

	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_path_join(struct arena *a, const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	bool slash = dl && dir[dl - 1] == '/';
	char *p = arena_alloc(a, dl + !slash + nl + 1);

	memcpy(p, dir, dl);
	if (!slash)
		p[dl++] = '/';
	memcpy(p + dl, name, nl + 1);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		BUG("vsnprintf failed");
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head, *next;

	for (; b; b = next) {
		next = b->next;
		if (b->slab || (b->size == ARENA_BLOCK && ncache < ARENA_CACHE)) {
			b->next = cache;
			cache = b;
			ncache++;
		} else {
			free(b);
		}
	}
	a->head = NULL;
	a->used_total = 0;
}

void arena_thread_done(void)
{
	struct arena_block *b, *next;

	/* Slab blocks stay mapped (a slab is never unmapped); the rest go. */
	for (b = cache; b; b = next) {
		next = b->next;
		if (!b->slab)
			free(b);
	}
	cache = NULL;
	ncache = 0;
}

/* Moves the array *arrp (used elements n of size) to room for ncap;
 * the room past n is left as it is (untouched: fresh pages cost a fault
 * each). *arrp is a T *
 * for the caller's T: read and written by memcpy, as the bytes of a
 * pointer (through a char ** it would break the aliasing rules, which
 * inlining across files, -flto, exposes). */
static char *move_array(struct arena *a, void *arrp, size_t n, size_t ncap, size_t size)
{
	char *arr, *p;

	memcpy(&arr, arrp, sizeof(arr));
	p = alloc(a, ncap * size, false);
	if (arr && n)
		memcpy(p, arr, n * size);
	memcpy(arrp, &p, sizeof(p));
	return p;
}

void *arena_push_(struct arena *a, void *arrp, size_t *n, size_t *cap, size_t size,
		  size_t first)
{
	char *arr;

	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : first;

		arr = move_array(a, arrp, *n, ncap, size);
		/* Zeroed room: callers may count on it (a NULL past the end). */
		memset(arr + *n * size, 0, (ncap - *n) * size);
		*cap = ncap;
	} else {
		/* The room ARENA_RESERVE made is not zeroed. */
		memcpy(&arr, arrp, sizeof(arr));
		memset(arr + *n * size, 0, size);
	}
	return arr + (*n)++ * size;
}

void arena_reserve_(struct arena *a, void *arrp, size_t n, size_t *cap, size_t size, size_t more)
{
	if (*cap - n >= more)
		return;
	move_array(a, arrp, n, n + more, size);
	*cap = n + more;
}
