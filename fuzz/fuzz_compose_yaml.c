/* libFuzzer target for the compose YAML loader: y_load, then interp_tree
 * against a small environment, then a walk that checks the tree's
 * invariants (positions set, keys scalar, depth within Y_MAX_DEPTH) and a
 * y_clone of the whole; then y_load_all and the same walk on each document. No input may crash, hang, leak or trip a
 * sanitizer; a failure must come with a message and a position. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/compose/interp.h"
#include "yaml/yaml.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const env_vars[][2] = {
	{ "HOME", "/root" },
	{ "EMPTY", "" },
	{ "TAG", "1.2" },
	{ "PORT", "8080" },
	{ "DOLLAR", "$A ${B}" },	/* not re-expanded */
};
#define NVARS (sizeof(env_vars) / sizeof(env_vars[0]))

struct counts {
	size_t unset, errors;
};

static void on_unset(void *ctx, const char *name, const struct y_node *at)
{
	if (!name || !at || at->kind != Y_SCALAR)
		abort();
	((struct counts *)ctx)->unset++;
}

static void on_error(void *ctx, const char *msg, const struct y_node *at)
{
	if (!msg || !*msg || !at)
		abort();
	((struct counts *)ctx)->errors++;
}

struct item {
	const struct y_node *n;
	size_t depth;
};

/* Every node once, without recursion; aborts on a broken invariant. */
static size_t check_tree(const struct y_node *root)
{
	struct item *stack;
	size_t n = 0, cap = 64, seen = 0;

	if (!root)
		return 0;
	stack = malloc(cap * sizeof(*stack));
	if (!stack)
		abort();
	stack[n++] = (struct item){ root, 1 };
	while (n) {
		struct item it = stack[--n];
		const struct y_node *x = it.n;
		size_t add = 0;

		seen++;
		if (!x || it.depth > Y_MAX_DEPTH || x->pos.line == 0 || x->pos.col == 0 || !x->pos.file)
			abort();
		if (x->via.file && x->via.line == 0)
			abort();
		switch (x->kind) {
		case Y_SCALAR:
			if (!x->str || x->str[x->len] != '\0')
				abort();
			(void)y_is_null(x);
			(void)y_bool(x);
			break;
		case Y_MAP:
			add = 2 * x->npairs;
			break;
		case Y_SEQ:
			add = x->nitems;
			break;
		default:
			abort();
		}
		if (n + add > cap) {
			while (n + add > cap)
				cap *= 2;
			stack = realloc(stack, cap * sizeof(*stack));
			if (!stack)
				abort();
		}
		if (x->kind == Y_MAP) {
			for (size_t i = 0; i < x->npairs; i++) {
				if (!x->pairs[i].key || x->pairs[i].key->kind != Y_SCALAR ||
				    y_get(x, x->pairs[i].key->str) == NULL)
					abort();
				stack[n++] = (struct item){ x->pairs[i].key, it.depth + 1 };
				stack[n++] = (struct item){ x->pairs[i].value, it.depth + 1 };
			}
		} else if (x->kind == Y_SEQ) {
			for (size_t i = 0; i < x->nitems; i++)
				stack[n++] = (struct item){ x->items[i], it.depth + 1 };
		}
	}
	free(stack);
	return seen;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct env env = { 0 };
	struct counts c = { 0, 0 };
	struct interp_hooks hooks = { .unset = on_unset, .error = on_error, .ctx = &c };
	struct y_node *root = NULL;
	struct y_error err;
	struct y_pos via = { "via.yml", 1, 1 };

	arena_init(&a);
	for (size_t i = 0; i < NVARS; i++)
		env_set(&a, &env, env_vars[i][0], env_vars[i][1], NULL, 0);
	if (y_load(&a, "fuzz.yml", (const char *)data, size, &root, &err) == 0) {
		size_t before = check_tree(root), after;
		int nerr = interp_tree(&a, root, &env, &hooks);

		if (nerr < 0 || (size_t)nerr != c.errors)
			abort();
		after = check_tree(root);
		if (before != after || check_tree(y_clone(&a, root, via)) != before)
			abort();
	} else if (!err.msg || !*err.msg || err.pos.line == 0 || root) {
		abort();
	}
	arena_release(&a);
	/* Every document, as compose-go reads them. */
	{
		struct y_node **roots = NULL;
		size_t nroots = 0;

		arena_init(&a);
		if (y_load_all(&a, "fuzz.yml", (const char *)data, size, &roots, &nroots, &err) == 0) {
			for (size_t i = 0; i < nroots; i++)
				check_tree(roots[i]);
		} else if (!err.msg || !*err.msg || err.pos.line == 0 || roots || nroots) {
			abort();
		}
		arena_release(&a);
	}
	return 0;
}
