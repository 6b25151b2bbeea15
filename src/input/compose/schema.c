/* Validating the merged tree against the Compose Specification's JSON
 * Schema (schema.h), in one walk, the way compose-go's schema/schema.go
 * does with gojsonschema: values typed as go-yaml v3 types them (a plain
 * 1000 is an integer, a quoted or interpolated one a string), strings cast
 * first where compose-go's interpolation casts them, each problem reported
 * with compose-go's wording (PATH must be a TYPE, PATH Additional property
 * K is not allowed ...) at the position of the value or key. Unlike
 * compose-go, which stops at the first error, every problem is reported.
 * Map keys that are not strings (`123:`) are refused everywhere, as
 * compose-go's convertToStringKeysRecursive refuses them. */
#include <math.h>
#include <pthread.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "input/compose/load.h"
#include "input/compose/schema.h"
#include "util/strbuf.h"

/* The path of the value being checked, for messages ("services.web.ports.0"). */
struct vpath {
	const char *seg[MAX_DEPTH + 1];
	size_t idx[MAX_DEPTH + 1];	/* seg NULL: a list index */
	int n;
};

struct vctx {
	struct ld *L;
	struct vpath p;
};

/* gojsonschema's field ("services.web.ports.0"), or with brackets for list
 * items ("networks.x.ipam.config[0]") as convertToStringKeysRecursive says
 * them. */
static const char *path_fmt(struct vctx *c, bool brackets)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (int i = 0; i < c->p.n; i++) {
		if (c->p.seg[i]) {
			if (i)
				strbuf_addch(&sb, '.');
			strbuf_addstr(&sb, c->p.seg[i]);
		} else if (brackets) {
			strbuf_addf(&sb, "[%zu]", c->p.idx[i]);
		} else {
			strbuf_addf(&sb, "%s%zu", i ? "." : "", c->p.idx[i]);
		}
	}
	s = arena_strdup(c->L->a, sb.len ? sb.buf : "(root)");
	strbuf_release(&sb);
	return s;
}

static const char *path_text(struct vctx *c)
{
	return path_fmt(c, false);
}

/* --- go-yaml v3's typing of plain scalars (resolve.go) -------------------- */

static bool tag_is(const struct y_node *n, const char *type)
{
	return n->tag && !strncmp(n->tag, "tag:yaml.org,2002:", 18) && !strcmp(n->tag + 18, type);
}

/* strconv.ParseInt(s, 0, 64) or ParseUint, underscores removed first. */
static bool go_int(const char *s)
{
	const char *digits = "0123456789";
	size_t n;

	if (*s == '+' || *s == '-')
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		digits = "0123456789abcdefABCDEF";
		s += 2;
	} else if (s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) {
		digits = "01234567";
		s += 2;
	} else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
		digits = "01";
		s += 2;
	} else if (s[0] == '0' && s[1]) {
		digits = "01234567";
		s++;
	}
	n = strspn(s, digits);
	/* Past 20 digits it overflows 64 bits: a float, then. */
	return n && !s[n] && n <= 19;
}

/* go-yaml's yamlStyleFloat: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool yaml_float(const char *s)
{
	size_t n;

	if (*s == '+' || *s == '-')
		s++;
	if (*s == '.') {
		if (!(n = strspn(s + 1, "0123456789")))
			return false;
		s += 1 + n;
	} else {
		if (!(n = strspn(s, "0123456789")))
			return false;
		s += n;
		if (*s == '.')
			s += 1 + strspn(s + 1, "0123456789");
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(n = strspn(s, "0123456789")))
			return false;
		s += n;
	}
	return !*s;
}

/* The JSON type compose-go's validator sees for a scalar; *num its value
 * when it is a number. */
static unsigned scalar_type(const struct y_node *n, double *num)
{
	char buf[64];
	size_t o = 0;

	*num = 0;
	/* Most values: a quoted string, or a plain one that starts with a
	 * letter no null, boolean or number starts with. */
	if (!n->tag && (!n->plain || (n->len && !strchr("+-.0123456789~nNtTfF", n->str[0]))))
		return SCH_STR;
	if (y_is_null(n))
		return SCH_NULL;
	if (tag_is(n, "str") || tag_is(n, "binary") || tag_is(n, "timestamp"))
		return SCH_STR;
	if (!n->plain && !n->tag)
		return SCH_STR;
	if (n->tag && !tag_is(n, "int") && !tag_is(n, "float") && !tag_is(n, "bool"))
		return SCH_STR;
	if (y_bool(n) >= 0)
		return SCH_BOOL;
	if (!strcmp(n->str, ".nan") || !strcmp(n->str, ".NaN") || !strcmp(n->str, ".NAN")) {
		*num = NAN;
		return SCH_NUM;
	}
	{
		const char *t = n->str + (n->str[0] == '+' || n->str[0] == '-');

		if (!strcmp(t, ".inf") || !strcmp(t, ".Inf") || !strcmp(t, ".INF")) {
			*num = INFINITY;
			return SCH_NUM;
		}
	}
	if (n->len >= sizeof(buf) || !strchr("+-.0123456789", n->str[0]))
		return SCH_STR;
	for (const char *s = n->str; *s; s++)
		if (*s != '_')
			buf[o++] = *s;
	buf[o] = 0;
	if (go_int(buf)) {
		*num = (double)strtoll(buf, NULL, 0);
		return SCH_INT;
	}
	if (yaml_float(buf)) {
		*num = strtod(buf, NULL);
		/* gojsonschema reads 1.0 as the integer 1. */
		return *num > -9e18 && *num < 9e18 && *num == (double)(long long)*num ? SCH_INT
										      : SCH_NUM;
	}
	return SCH_STR;
}

/* --- casts and formats ----------------------------------------------------- */

/* compose-go's toBoolean. */
static int cast_bool(const char *s)
{
	static const char *const yes[] = { "true", "yes", "y", "on", NULL };
	static const char *const no[] = { "false", "no", "n", "off", NULL };

	for (const char *const *p = yes; *p; p++)
		if (!strcasecmp(s, *p))
			return 1;
	for (const char *const *p = no; *p; p++)
		if (!strcasecmp(s, *p))
			return 0;
	return -1;
}

/* strconv.Atoi / ParseInt(s, 10, 64). */
static bool cast_int(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	return *s && strspn(s, "0123456789") == strlen(s) && strlen(s) <= 19;
}

/* strconv.ParseFloat: decimal forms, inf and nan. */
static bool cast_float(const char *s)
{
	const char *t = s + (*s == '+' || *s == '-');

	return yaml_float(s) || !strcasecmp(t, "inf") || !strcasecmp(t, "infinity") ||
	       !strcasecmp(s, "nan");
}

/* time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, or "0". */
bool ld_go_duration(const char *s)
{
	static const char *const units[] = { "ns", "us", "\xc2\xb5s", "\xce\xbcs", "ms", "s", "m",
					     "h", NULL };

	if (*s == '+' || *s == '-')
		s++;
	if (!strcmp(s, "0"))
		return true;
	if (!*s)
		return false;
	while (*s) {
		size_t n = strspn(s, "0123456789"), f = 0, u;
		bool ok = false;

		if (s[n] == '.')
			f = 1 + strspn(s + n + 1, "0123456789");
		if (!n && f <= 1)
			return false;
		s += n + f;
		u = strcspn(s, "0123456789.");
		for (const char *const *p = units; *p; p++)
			if (strlen(*p) == u && !strncmp(s, *p, u))
				ok = true;
		if (!ok)
			return false;
		s += u;
	}
	return true;
}

/* docker/go-units RAMInBytes: ^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$ */
bool ld_go_bytes(const char *s)
{
	size_t n = strspn(s, "0123456789");

	if (!n)
		return false;
	s += n;
	while (*s == '.') {
		if (!(n = strspn(s + 1, "0123456789")))
			return false;
		s += 1 + n;
	}
	if (*s == ' ')
		s++;
	if (*s && strchr("kKmMgGtTpP", *s))
		s++;
	if (*s == 'i' || *s == 'I')
		s++;
	if (*s == 'b' || *s == 'B')
		s++;
	return !*s;
}

/* --- the walk -------------------------------------------------------------- */

static bool accepts(unsigned types, unsigned t)
{
	if (!types)
		return true;
	if (t == SCH_INT)
		return types & (SCH_INT | SCH_NUM);
	return types & t;
}

static void verr(struct vctx *c, const struct y_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void verr(struct vctx *c, const struct y_node *at, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ld_error(c->L, at, "%s", msg);
}

static pthread_once_t regex_once = PTHREAD_ONCE_INIT;
static regex_t *regexes;
static size_t nregexes;

static void compile_regexes(void)
{
	while (sch_regexes[nregexes])
		nregexes++;
	regexes = calloc(nregexes + 1, sizeof(*regexes));
	for (size_t i = 0; regexes && i < nregexes; i++)
		if (regcomp(&regexes[i], sch_regexes[i], REG_EXTENDED | REG_NOSUB))
			regcomp(&regexes[i], "$^", REG_EXTENDED | REG_NOSUB);
}

static bool regex_match(unsigned i, const char *s)
{
	pthread_once(&regex_once, compile_regexes);
	return !regexes || i >= nregexes || !regexec(&regexes[i], s, 0, NULL, 0);
}

static bool pat_match(const struct sch_pat *p, const char *k)
{
	switch (p->kind) {
	case SCH_PAT_PREFIX:
		return starts_with(k, p->arg);
	case SCH_PAT_ANY:	/* ".+": a character that is not a newline */
		return k[strspn(k, "\n")] != 0;
	case SCH_PAT_LINE:	/* "^.+$" */
		return *k && !strchr(k, '\n');
	case SCH_PAT_CHARSET:
		return *k && strspn(k, p->arg) == strlen(k);
	default:
		return regex_match(p->regex, k);
	}
}

static const struct sch_node *prop_of(const struct sch_node *s, const char *k)
{
	size_t lo = 0, hi = s->nprops;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(k, s->props[mid].name);

		if (!c)
			return s->props[mid].node;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* The property of s closest to k, when close enough to be a typo. */
static const char *did_you_mean(const struct sch_node *s, const char *k)
{
	const char *best = NULL;
	size_t bd = 3, len = strlen(k);

	for (size_t i = 0; i < s->nprops; i++) {
		size_t d = edit_distance(k, s->props[i].name);

		if (d < bd && d <= (len + 1) / 2) {
			bd = d;
			best = s->props[i].name;
		}
	}
	return best;
}

static void walk(struct vctx *c, const struct y_node *n, const struct sch_node *s);

static bool push(struct vctx *c, const struct y_node *at, const char *seg, size_t idx)
{
	if (c->p.n >= MAX_DEPTH) {
		ld_too_deep(c->L, at);
		return false;
	}
	c->p.seg[c->p.n] = seg;
	c->p.idx[c->p.n] = idx;
	c->p.n++;
	return true;
}

/* Keys must be strings (compose-go convertToStringKeysRecursive). */
static bool check_key(struct vctx *c, const struct y_node *k)
{
	double num;
	unsigned t = scalar_type(k, &num);

	if (t != SCH_STR)
		verr(c, k, "Non-string key %s: %s", c->p.n ? arena_printf(c->L->a, "in %s",
			path_fmt(c, true)) : "at top level", t == SCH_NULL ? "<nil>" : k->str);
	return t == SCH_STR;
}

static void walk_map(struct vctx *c, const struct y_node *n, const struct sch_node *s)
{
	for (size_t i = 0; i < n->npairs; i++) {
		const struct y_node *k = n->pairs[i].key, *v = n->pairs[i].value;
		const struct sch_node *ps = s ? prop_of(s, k->str) : NULL;
		bool matched = ps != NULL;

		if (!check_key(c, k))
			continue;
		if (!push(c, v, k->str, 0))
			return;
		if (ps)
			walk(c, v, ps);
		for (size_t j = 0; s && j < s->npats; j++)
			if (pat_match(&s->pats[j], k->str)) {
				if (!matched || s->pats[j].node != ps)
					walk(c, v, s->pats[j].node);
				matched = true;
			}
		if (!matched && (!s || !s->closed))
			walk(c, v, NULL);	/* any value: its keys still */
		c->p.n--;
		if (!matched && s && s->closed) {
			const char *m = did_you_mean(s, k->str);

			if (m)
				verr(c, k, "%s Additional property %s is not allowed (did you mean %s?)",
				     path_text(c), k->str, m);
			else
				verr(c, k, "%s Additional property %s is not allowed", path_text(c),
				     k->str);
		}
	}
	for (size_t r = 0; s && r < s->nrequired; r++)
		if (!pair_of(n, s->required[r]))
			verr(c, n, "%s %s is required", path_text(c), s->required[r]);
}

static bool same_scalar(const struct y_node *a, const struct y_node *b)
{
	double na, nb;

	return a->kind == Y_SCALAR && b->kind == Y_SCALAR && a->len == b->len &&
	       !memcmp(a->str, b->str, a->len) && scalar_type(a, &na) == scalar_type(b, &nb);
}

/* uniqueItems, for lists of scalars (the ones Compose has): short lists
 * compared pair by pair, long ones through a table of the texts. */
static void check_unique(struct vctx *c, const struct y_node *n)
{
	struct smap seen = { 0 };

	if (n->nitems < 2)
		return;
	for (size_t i = 1; i < n->nitems; i++) {
		const struct y_node *it = n->items[i];
		size_t *j = NULL, k = 0;

		if (it->kind != Y_SCALAR)
			continue;
		if (n->nitems <= 32) {
			while (k < i && !same_scalar(n->items[k], it))
				k++;
			if (k < i) {
				verr(c, it, "%s array items[%zu,%zu] must be unique", path_text(c), k, i);
				break;
			}
			continue;
		}
		if (i == 1 && n->items[0]->kind == Y_SCALAR)
			smap_put(&seen, n->items[0]->str, 0);
		if ((j = smap_find(&seen, it->str)) && same_scalar(n->items[*j], it)) {
			verr(c, it, "%s array items[%zu,%zu] must be unique", path_text(c), *j, i);
			break;
		}
		smap_put(&seen, it->str, i);
	}
	smap_free(&seen);
}

static void walk_scalar(struct vctx *c, const struct y_node *n, const struct sch_node *s,
			double num, unsigned t)
{
	if (s->nenum && t == SCH_STR) {
		bool ok = false;

		for (size_t i = 0; i < s->nenum && !ok; i++)
			ok = !strcmp(n->str, s->enums[i]);
		/* The list only for the message: most values are in it. */
		if (!ok) {
			struct strbuf sb = STRBUF_INIT;

			for (size_t i = 0; i < s->nenum; i++)
				strbuf_addf(&sb, "%s\"%s\"", i ? ", " : "", s->enums[i]);
			verr(c, n, "%s must be one of the following: %s", path_text(c), sb.buf);
			strbuf_release(&sb);
		}
	}
	if (s->pattern && t == SCH_STR && !regex_match(s->pattern_regex, n->str))
		verr(c, n, "%s Does not match pattern '%s'", path_text(c), s->pattern);
	if (s->has_min && (t & (SCH_INT | SCH_NUM)) && num < (double)s->min)
		verr(c, n, "%s Must be greater than or equal to %ld", path_text(c), s->min);
	if (s->has_max && (t & (SCH_INT | SCH_NUM)) && num > (double)s->max)
		verr(c, n, "%s Must be less than or equal to %ld", path_text(c), s->max);
	if (s->format == SCH_FMT_DURATION && t == SCH_STR && !ld_go_duration(n->str))
		verr(c, n, "%s: invalid duration \"%s\"", path_text(c), n->str);
	if (s->format == SCH_FMT_BYTES && t == SCH_STR && !ld_go_bytes(n->str))
		verr(c, n, "%s: invalid size: '%s'", path_text(c), n->str);
}

/* The type after compose-go's cast of a string; 0 when it does not cast
 * (reported). */
static unsigned cast(struct vctx *c, const struct y_node *n, const struct sch_node *s)
{
	const char *why = NULL;
	unsigned t = SCH_STR;

	switch (s->cast) {
	case SCH_CAST_BOOL:
		if (cast_bool(n->str) < 0)
			why = arena_printf(c->L->a, "invalid boolean: %s", n->str);
		t = SCH_BOOL;
		break;
	case SCH_CAST_INT:
		if (!cast_int(n->str))
			why = arena_printf(c->L->a, "strconv.Atoi: parsing \"%s\": invalid syntax",
					   n->str);
		t = SCH_INT;
		break;
	case SCH_CAST_FLOAT:
		if (!cast_float(n->str))
			why = arena_printf(c->L->a, "strconv.ParseFloat: parsing \"%s\": invalid "
					   "syntax", n->str);
		t = SCH_NUM;
		break;
	case SCH_CAST_BYTES:
		if (!ld_go_bytes(n->str))
			why = arena_printf(c->L->a, "invalid size: '%s'", n->str);
		t = SCH_INT;
		break;
	case SCH_CAST_DURATION:
		if (!ld_go_duration(n->str))
			why = arena_printf(c->L->a, "time: invalid duration \"%s\"", n->str);
		break;
	}
	if (why) {
		verr(c, n, "error while interpolating %s: failed to cast to expected type: %s",
		     path_text(c), why);
		return 0;
	}
	return t;
}

static void walk(struct vctx *c, const struct y_node *n, const struct sch_node *s)
{
	unsigned t;
	double num = 0;

	if (n->kind == Y_MAP)
		t = SCH_OBJ;
	else if (n->kind == Y_SEQ)
		t = SCH_ARR;
	else
		t = scalar_type(n, &num);
	if (s && s->cast && t == SCH_STR && !(t = cast(c, n, s)))
		return;
	if (s && s->noneof) {
		const struct sch_node *b = NULL;

		for (size_t i = 0; i < s->noneof && !b; i++)
			if (accepts(s->oneof[i]->types, t))
				b = s->oneof[i];
		if (!b) {
			verr(c, n, "%s must be a %s", path_text(c), s->what);
			return;
		}
		s = b;
		if (s->cast && t == SCH_STR && !(t = cast(c, n, s)))
			return;
	}
	if (s && !accepts(s->types, t)) {
		verr(c, n, "%s must be a %s", path_text(c), s->what);
		return;
	}
	if (n->kind == Y_MAP) {
		walk_map(c, n, s);
	} else if (n->kind == Y_SEQ) {
		for (size_t i = 0; i < n->nitems; i++) {
			if (!push(c, n->items[i], NULL, i))
				return;
			walk(c, n->items[i], s ? s->items : NULL);
			c->p.n--;
		}
		if (s && s->unique)
			check_unique(c, n);
	} else if (s) {
		walk_scalar(c, n, s, num, t);
	}
}

void ld_validate(struct ld *L, const struct y_node *root)
{
	struct vctx *c = malloc(sizeof(*c));

	if (!c || !root)
		goto out;
	c->L = L;
	c->p.n = 0;
	walk(c, root, sch_root);
out:
	free(c);
}
