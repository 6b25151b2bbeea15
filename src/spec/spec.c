/* Lookups over the runtime description. */
#include "spec/spec.h"

#include <string.h>

#include "util/str.h"

static const struct sp_kv *kv_find(const struct sp_kv *v, size_t n, const char *key)
{
	for (size_t i = n; i-- > 0;)	/* the last one wins */
		if (v[i].key && str_eq(v[i].key, key))
			return &v[i];
	return NULL;
}

const char *spec_label(const struct spec *s, const char *key)
{
	const struct sp_kv *kv = kv_find(s->labels, s->nlabels, key);

	return kv ? kv->value : NULL;
}

const char *spec_log_opt(const struct spec *s, const char *key)
{
	const struct sp_kv *kv = kv_find(s->log_opts, s->nlog_opts, key);

	return kv ? kv->value : NULL;
}

bool spec_has_log_opt(const struct spec *s, const char *key)
{
	return kv_find(s->log_opts, s->nlog_opts, key) != NULL;
}

const struct sp_kv *spec_env(const struct spec *s, const char *key)
{
	return kv_find(s->env, s->nenv, key);
}

bool sp_at_same(const struct sp_at *x, const struct sp_at *y)
{
	return x->line == y->line && x->col == y->col &&
	       (x->file == y->file || (x->file && y->file && str_eq(x->file, y->file)));
}
