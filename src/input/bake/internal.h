/* Inside the bake reader: the syntax tree both HCL and JSON are read into
 * (hcl.c, json.c), the values it evaluates to (eval.c), and the loader's
 * state (bake.c). Everything lives in the load's arena. */
#ifndef SW_BAKE_INTERNAL_H
#define SW_BAKE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "input/bake/bake.h"

/* --- syntax --------------------------------------------------------------- */

enum hx_kind {
	HX_NULL, HX_BOOL, HX_NUM,	/* literals; s is the text ("true", "1.5") */
	HX_STR,			/* a literal string (a template with no interpolation) */
	HX_TEMPLATE,		/* kids: HX_STR pieces, expressions, HX_TIF, HX_TFOR */
	HX_TIF,			/* %{if a} b %{else} c %{endif}; b, c templates (c may be NULL) */
	HX_TFOR,		/* %{for ...} ... %{endfor}: not evaluated */
	HX_VAR,			/* s: a name */
	HX_TUPLE,		/* kids */
	HX_OBJECT,		/* kids: key, value, key, value... (an identifier key is HX_STR) */
	HX_CALL,		/* s: the function; kids: arguments; expand: `...` after the last */
	HX_COND,		/* a ? b : c */
	HX_BINARY,		/* a op b */
	HX_UNARY,		/* op a */
	HX_ATTR,		/* a.s */
	HX_INDEX,		/* a[b] */
	HX_SPLAT,		/* a.* or a[*]: not evaluated */
	HX_FOR,			/* [for ...] or {for ...}: not evaluated */
};

/* Binary and unary operators, as op. */
enum { OP_OR = 1, OP_AND, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_ADD, OP_SUB,
       OP_MUL, OP_DIV, OP_MOD, OP_NOT, OP_NEG };

struct hx {
	enum hx_kind kind;
	unsigned char op;
	bool expand;
	unsigned short depth;	/* of the tree below: never over BAKE_MAX_NEST */
	const char *s;
	size_t len;
	struct hx **kids;
	size_t n;
	struct hx *a, *b, *c;
	struct y_pos pos;
};

struct h_attr {
	const char *name;
	struct y_pos pos;	/* the name */
	struct hx *x;
};

struct h_block;

struct h_body {
	struct h_attr *attrs;
	size_t nattrs, capattrs;
	struct h_block *blocks;
	size_t nblocks, capblocks;
};

struct h_block {
	const char *type;
	struct y_pos pos;	/* the type */
	const char **labels;
	struct y_pos *lpos;
	size_t nlabels;
	struct h_body body;
};

/* A syntax error: where and what (in the arena). */
struct h_error {
	struct y_pos pos;
	const char *msg;
};

/* HCL native syntax; a JSON document read as HCL's JSON syntax reads it.
 * Return -1 with *err on a syntax error or a nesting past BAKE_MAX_NEST. */
int hcl_parse(struct arena *a, const char *file, const char *buf, size_t len,
	      struct h_body *out, struct h_error *err);
int json_parse(struct arena *a, const char *file, const char *buf, size_t len,
	       struct h_body *out, struct h_error *err);
/* A JSON string's text as a template (hcl.c): pos is the string's. NULL with
 * *err on a malformed template. */
struct hx *hcl_parse_template(struct arena *a, const char *text, size_t len, struct y_pos pos,
			      struct h_error *err);

/* --- values --------------------------------------------------------------- */

enum bv_kind { BV_UNKNOWN, BV_NULL, BV_BOOL, BV_NUM, BV_STR, BV_LIST, BV_MAP };

struct bval {
	enum bv_kind k;
	bool b;			/* BOOL; UNKNOWN: an input error was reported (no note) */
	double num;		/* NUM (s holds its text) */
	const char *s;		/* STR, NUM; UNKNOWN: why it is not known (or NULL) */
	size_t len;
	struct bval *items;	/* LIST, MAP (the values) */
	const char **keys;	/* MAP */
	struct y_pos *kpos;	/* MAP: where each key is written */
	size_t n;
	struct y_pos pos;	/* the expression it came from */
};

/* ARENA_PUSH, starting at two elements: most lists of a bake file (labels,
 * a block's attributes, a list's items) are short, and eight-element
 * arrays made the tree twenty times its text. */
#define BK_PUSH(a, arr, n, cap) \
	((__typeof__(arr))arena_push_((a), &(arr), &(n), &(cap), sizeof(*(arr)), 2))

/* A string map of the arena: name -> index. */
struct bmap_e {
	const char *k;
	size_t len, v;
};
struct bmap {
	struct bmap_e *e;
	size_t cap, n;
};
size_t *bmap_get(const struct bmap *m, const char *k, size_t len);
/* Sets k (not copied) to v; returns true when k was new. */
bool bmap_put(struct arena *a, struct bmap *m, const char *k, size_t len, size_t v);

/* --- the loader ----------------------------------------------------------- */

struct bvar {
	const char *name;
	struct y_pos pos;
	struct hx *def;		/* the value: the global attribute, else the block's default */
	struct hx *type;	/* the block's `type`, or NULL */
	bool block;		/* declared by a variable block (so the environment may set it) */
	bool from_env;
	int state;		/* 0 not evaluated, 1 being evaluated, 2 done */
	struct bval val;
};

struct bk {
	struct arena *a;
	struct report *r;
	const struct env *env;
	bool env_lookup;	/* BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP is not set */
	int errors;
	struct bvar *vars;
	size_t nvars, capvars;
	struct bmap varmap;
	struct bmap funcs;	/* user function blocks: calls to them are not evaluated */
	struct bake_note *notes;
	size_t nnotes, capnotes;
	size_t steps, total;	/* budgets spent: BAKE_MAX_STEPS, BAKE_MAX_TOTAL */
	size_t entries;		/* and BAKE_MAX_ENTRIES */
	bool steps_said, total_said, entries_said;
	int var_depth;
	int eval_depth;		/* bk_eval's recursion: BAKE_MAX_EVAL_DEPTH */
	bool matrix;		/* evaluating a matrix target: unknown names are matrix values */
};

void bk_error(struct bk *k, struct y_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void bk_note(struct bk *k, struct y_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Spends n steps of BAKE_MAX_STEPS; false (said once) when it ran out. */
bool bk_step(struct bk *k, size_t n, struct y_pos pos);
/* Spends n of BAKE_MAX_ENTRIES: what targets hold, inherited values
 * copied, bounds the memory a load takes. */
bool bk_entries(struct bk *k, size_t n, struct y_pos pos);

/* Evaluates x (eval.c). Errors are reported and give an UNKNOWN with b set. */
struct bval bk_eval(struct bk *k, const struct hx *x);
/* A variable's value, evaluated once (eval.c). */
struct bval bk_var(struct bk *k, size_t i, struct y_pos at);
/* strconv.ParseBool, which Buildx reads booleans from the environment
 * with: 1 true, 0 false, -1 neither. */
int bk_parse_bool(const char *s);
/* v as a string (numbers and booleans converted as HCL does); NULL for
 * null, unknown, lists and maps, *why saying which. */
const char *bv_string(struct arena *a, const struct bval *v, const char **why);

#endif
