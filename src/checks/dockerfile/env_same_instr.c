/* SW0017: an ENV value reads a variable the same ENV sets. */
#include "checks/check.h"

#include <ctype.h>
#include <string.h>

#include "util/str.h"

/* Calls back for each $NAME or ${NAME...} the builder expands in the raw
 * value v[0..n): not in single quotes, not escaped. Stops when fn says. */
static const char *first_ref(const char *v, size_t n, char esc,
			     bool (*fn)(void *ctx, const char *name, size_t len), void *ctx)
{
	bool single = false;

	for (size_t i = 0; i < n; i++) {
		size_t b, e;

		if (v[i] == esc && !single) {
			i++;
			continue;
		}
		if (v[i] == '\'') {
			single = !single;
			continue;
		}
		if (single || v[i] != '$' || i + 1 >= n)
			continue;
		b = i + 1 + (v[i + 1] == '{');
		for (e = b; e < n && (isalnum((unsigned char)v[e]) || v[e] == '_'); e++)
			;
		if (e > b && fn(ctx, v + b, e - b))
			return v + b;
	}
	return NULL;
}

struct want {
	const struct df_node *n;
	size_t self;		/* the pair whose value is read */
	size_t hit;		/* the pair that sets the name found */
};

static bool set_here(void *ctx, const char *name, size_t len)
{
	struct want *w = ctx;

	for (size_t k = 0; k + 1 < w->n->nargs; k += 3) {
		const char *key = w->n->args[k].value;

		/* PATH=/opt/bin:$PATH means the PATH from before, as it should. */
		if (k != w->self && strlen(key) == len && !memcmp(key, name, len)) {
			w->hit = k;
			return true;
		}
	}
	return false;
}

/* Whether this ENV gives name the value it had (ENV A=$A B=$A): then
 * reading the old one changes nothing. */
static bool same_value(const struct m_instr *in, const char *name)
{
	const struct m_var *old = m_lookup(in, name);

	for (size_t k = 0; old && k < in->nvars; k++)
		if (str_eq(in->vars[k].name, name))
			return str_eq(in->vars[k].value, old->value);
	return false;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];
			const struct df_node *n = in->node;

			if (in->kind != K_ENV || n->nargs < 6)
				continue;
			for (size_t k = 0; k + 1 < n->nargs; k += 3) {
				struct want w = { n, k, 0 };
				const struct df_arg *v = &n->args[k + 1];

				if (!first_ref(v->value, v->len, c->df->df->escape, set_here, &w) ||
				    same_value(in, n->args[w.hit].value))
					continue;
				rule_report_at(c, v->pos, v->pos.col + (unsigned)v->len,
					       "%s reads %s from before this ENV, not the value this "
					       "ENV gives it: set %s in an ENV of its own first",
					       n->args[k].value, n->args[w.hit].value,
					       n->args[w.hit].value);
				break;
			}
		}
	}
}

const struct check check_env_same_instr = {
	.rule = &SW0017,
	.dockerfile = check,
};
