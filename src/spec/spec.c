/* Lookups over the runtime description. */
#include "spec/spec.h"

#include <ctype.h>
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

/* A decimal number "12" or "1.5" at *p, times mul, truncated as Go's
 * int64(float64) does (go-units and the docker CLI compute in float64);
 * -1 when there is none or it is too large. Parsed by hand: strtod would
 * read the locale's decimal point. */
static long long scaled(const char **p, long long mul)
{
	const char *s = *p;
	double ip = 0, frac = 0, div = 1;

	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++)
		if ((ip = ip * 10 + (*s - '0')) > 1e19)
			return -1;
	if (*s == '.') {
		if (!isdigit((unsigned char)*++s))
			return -1;
		for (; isdigit((unsigned char)*s); s++)
			if (div < 1e15) {
				frac = frac * 10 + (*s - '0');
				div *= 10;
			}
	}
	*p = s;
	ip = (ip + frac / div) * (double)mul;
	return ip < 9.2e18 ? (long long)ip : -1;
}

long long spec_bytes(const char *s)
{
	static const char units[] = "kmgtp";
	const char *p = s, *u;
	long long mul = 1, v;

	if (!s)
		return -1;
	/* go-units' RAMInBytes: NUMBER[ ][kmgtp][i][b], any case, 1k = 1024. */
	if ((v = scaled(&p, 1)) < 0)
		return -1;
	if (*p == ' ')
		p++;
	if (*p && (u = strchr(units, tolower((unsigned char)*p)))) {
		for (const char *k = units; k <= u; k++)
			mul *= 1024;
		p++;
	}
	if (*p == 'i' || *p == 'I')
		p++;
	if (*p == 'b' || *p == 'B')
		p++;
	if (*p)
		return -1;
	p = s;
	return scaled(&p, mul);
}

long long spec_nano_cpus(const char *s)
{
	const char *p = s;
	long long v;

	if (!s || (v = scaled(&p, 1000000000LL)) < 0 || *p)
		return -1;
	return v;
}

bool sp_at_same(const struct sp_at *x, const struct sp_at *y)
{
	return x->line == y->line && x->col == y->col &&
	       (x->file == y->file || (x->file && y->file && str_eq(x->file, y->file)));
}
