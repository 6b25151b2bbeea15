#include "findings/suppress.h"

#include <ctype.h>
#include <string.h>

#include "catalog/catalog.h"
#include "util/strbuf.h"

enum sup_scope { SUP_NEXT, SUP_STAGE, SUP_FILE };

struct sup {
	unsigned line, col, end_col;
	enum sup_scope scope;
	/* From "# hadolint ignore=": its ids mapped to the rules that check the
	 * same; hadolint needs the comment whatever seaworthy finds, so it is
	 * never reported as unused, and it has no place for a reason. */
	bool hadolint;
	const char *ids[32];
	bool used[32];
	size_t nids;
	const char *reason;
	unsigned from, to;	/* lines covered */
};

static const char *skip_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static bool word(const char **p, const char *e, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(e - *p) < n || strncmp(*p, w, n))
		return false;
	*p += n;
	return true;
}

/* "# hadolint [global] ignore=DL3006, DL3008 # reason", as hadolint reads
 * it (blanks around '=' and ',', a comment after the list): each id becomes
 * the rules that check the same here; an id with none is skipped. p is
 * past "hadolint". */
static bool parse_hadolint(struct arena *a, const char *p, const char *e, struct sup *out)
{
	const char *q = p;

	if (p == e || (*p != ' ' && *p != '\t'))
		return false;
	p = skip_ws(p, e);
	if (word(&p, e, "global")) {
		if (p == e || (*p != ' ' && *p != '\t'))
			return false;
		out->scope = SUP_FILE;
		p = skip_ws(p, e);
	}
	if (!word(&p, e, "ignore"))
		return false;
	p = skip_ws(p, e);
	if (p == e || *p != '=')
		return false;
	q = p = skip_ws(p + 1, e);
	for (;;) {
		const char *id = p;
		const struct rule *rules[8];
		char buf[32];
		size_t n;

		while (p < e && *p && strchr("DLSC0123456789", *p))
			p++;
		if (p == id)
			return false;
		if ((size_t)(p - id) < sizeof(buf)) {
			memcpy(buf, id, (size_t)(p - id));
			buf[p - id] = '\0';
			n = rule_find_peer("hadolint", buf, rules, 8);
			for (size_t k = 0; k < n && k < 8 && out->nids < 32; k++)
				out->ids[out->nids++] = rules[k]->id;
		}
		p = skip_ws(p, e);
		if (p < e && *p == ',') {
			p = skip_ws(p + 1, e);
			continue;
		}
		break;
	}
	out->hadolint = true;
	if (p < e && *p != '#')
		return false;	/* hadolint would not read it either */
	if (p < e) {
		const char *re = e;

		p = skip_ws(p + 1, e);
		while (re > p && isspace((unsigned char)re[-1]))
			re--;
		if (re > p)
			out->reason = arena_strndup(a, p, (size_t)(re - p));
	}
	if (!out->reason) {
		const char *re = p;

		while (re > q && isspace((unsigned char)re[-1]))
			re--;
		out->reason = arena_printf(a, "hadolint ignore=%.*s", (int)(re - q), q);
	}
	return true;
}

/* Parses one line; returns false when it is not a suppression comment.
 * hadolint's comments count where hadolint reads them (Dockerfiles). */
static bool parse_line(struct arena *a, const char *s, const char *e, unsigned line, struct sup *out,
		       bool hadolint)
{
	const char *p = skip_ws(s, e), *start = p;

	/* Every line comes here: most are no comment at all. */
	if (p == e || *p != '#')
		return false;
	p = skip_ws(p + 1, e);
	memset(out, 0, sizeof(*out));
	out->scope = SUP_NEXT;
	out->line = line;
	out->col = (unsigned)(start - s) + 1;
	out->end_col = (unsigned)(e - s) + 1;
	if (hadolint && word(&p, e, "hadolint"))
		return parse_hadolint(a, p, e, out) && out->nids > 0;
	if (!word(&p, e, "seaworthy") || p == e || (*p != ' ' && *p != '\t'))
		return false;
	p = skip_ws(p, e);
	if (word(&p, e, "global"))
		out->scope = SUP_FILE;
	else if (word(&p, e, "stage"))
		out->scope = SUP_STAGE;
	p = skip_ws(p, e);
	if (!word(&p, e, "ignore="))
		return false;
	while (p < e && out->nids < 32) {
		const char *id = p;

		while (p < e && (isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
			p++;
		if (p == id)
			break;
		out->ids[out->nids++] = arena_strndup(a, id, (size_t)(p - id));
		if (p < e && *p == ',')
			p++;
		else
			break;
	}
	p = skip_ws(p, e);
	if (e - p >= 2 && p[0] == '-' && p[1] == '-') {
		const char *re = e;

		p = skip_ws(p + 2, e);
		while (re > p && isspace((unsigned char)re[-1]))
			re--;
		if (re > p)
			out->reason = arena_strndup(a, p, (size_t)(re - p));
	}
	return out->nids > 0;
}

static void apply(struct report *r, size_t from, size_t nfind, struct sup *sups, size_t nsups,
		  const char *file, const struct suppress_opts *o)
{
	for (size_t i = from; i < nfind; i++) {
		struct finding *f = &r->findings[i];

		if (!f->file || strcmp(f->file, file))
			continue;
		for (size_t k = 0; k < nsups; k++) {
			struct sup *sp = &sups[k];

			if (f->line < sp->from || f->line > sp->to)
				continue;
			for (size_t j = 0; j < sp->nids; j++)
				if (!strcasecmp(sp->ids[j], f->rule->id)) {
					sp->used[j] = true;
					if (!f->suppressed) {
						f->suppressed = true;
						f->suppress_reason = sp->reason;
					}
				}
		}
	}
	for (size_t k = 0; k < nsups; k++) {
		struct sup *sp = &sups[k];

		for (size_t j = 0; j < sp->nids; j++) {
			const struct rule *rule = rule_find(sp->ids[j]);

			if (!rule) {
				struct strbuf why = STRBUF_INIT;

				rule_unknown(&why, sp->ids[j]);
				report_add(r, &SW0009, file, sp->line, sp->col, sp->line, sp->end_col,
					   "suppression names an unknown rule: %s", why.buf);
				strbuf_release(&why);
			} else if (!sp->used[j] && !sp->hadolint &&
				   (!o->rule_ran || o->rule_ran(rule, o->ctx))) {
				report_add(r, &SW0009, file, sp->line, sp->col,
					       sp->line, sp->end_col, sp->from ?
					       "suppression of %s suppresses nothing" :
					       "suppression of %s has nothing after it", rule->id);
			}
		}
		if (o->require_reasons && !sp->reason && !sp->hadolint)
			report_add(r, &SW0010, file, sp->line, sp->col, sp->line,
				   sp->end_col, "suppression of %s gives no reason", sp->ids[0]);
	}
}

/* Whether line[0, n) holds word, found by its letter at offset k (a rare
 * one, so memchr skips most of the line). */
static bool line_has(const char *line, size_t n, const char *word, size_t wn, size_t k)
{
	for (const char *q = line + k, *e = line + n; q < e && (q = memchr(q, word[k], (size_t)(e - q)));
	     q++)
		if ((size_t)(e - q) >= wn - k && !memcmp(q - k, word, wn))
			return true;
	return false;
}

bool suppress_mentioned(const char *buf, size_t len)
{
	const char *end = buf + len;

	/* Only a comment can: the rest of the line after each '#' (${V#x}
	 * too, which is harmless). */
	for (const char *p = buf; len && (p = memchr(p, '#', (size_t)(end - p)));) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t n;

		e = e ? e : end;
		n = (size_t)(e - p);
		if (line_has(p, n, "seaworthy", 9, 3) || line_has(p, n, "hadolint", 8, 2))
			return true;
		p = e;
	}
	return false;
}

/* The first statement that starts after line, or NULL. */
static const struct stmt_span *next_stmt(const struct stmt_span *v, size_t n, unsigned line,
					 size_t *idx)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].first > line) {
			*idx = i;
			return &v[i];
		}
	return NULL;
}

void suppress_statements(struct report *r, size_t from, const char *file, const char *buf,
			 size_t len, unsigned nlines, const struct stmt_span *stmts, size_t nstmts,
			 const struct suppress_opts *o)
{
	struct sup *sups = NULL;
	size_t nsups = 0, cap = 0, nfind = r->nfindings;
	unsigned line = 1;
	const char *end = buf + len;

	for (const char *s = buf; s < end; line++) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		const char *le = e ? e : end;
		struct sup sp;

		if (le > s && le[-1] == '\r')
			le--;
		if (parse_line(r->a, s, le, line, &sp, true)) {
			size_t idx;
			const struct stmt_span *n = next_stmt(stmts, nstmts, line, &idx);

			sp.from = 1;
			sp.to = nlines ? nlines : line;
			if (sp.scope == SUP_NEXT) {
				sp.from = n ? n->first : 0;
				sp.to = n ? n->last : 0;
			} else if (sp.scope == SUP_STAGE) {
				sp.from = n ? n->first : 0;
				sp.to = sp.from ? sp.to : 0;
				for (size_t k = n ? idx + 1 : nstmts; k < nstmts; k++)
					if (stmts[k].stage) {
						sp.to = stmts[k].first - 1;
						break;
					}
			}
			*ARENA_PUSH(r->a, sups, nsups, cap) = sp;
		}
		s = e ? e + 1 : end;
	}
	apply(r, from, nfind, sups, nsups, file, o);
}

void suppress_yaml(struct report *r, size_t from, const char *file, const char *buf, size_t len,
		   const struct suppress_opts *o)
{
	struct sup *sups = NULL;
	size_t nsups = 0, cap = 0, nfind = r->nfindings;
	unsigned line = 1, total = 1;
	bool disabled = false;

	/* Every comment names seaworthy: most files have none to look for. */
	if (!suppress_mentioned(buf, len))
		len = 0;
	for (size_t i = 0; i < len; i++)
		total += buf[i] == '\n';
	for (const char *s = buf, *end = buf + len; s < end; line++) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		const char *le = e ? e : end;
		const char *hash = s, *t = skip_ws(s, le);
		struct sup sp;
		bool alone = t < le && *t == '#';

		/* The comment may trail a value: find "# seaworthy" after a blank. */
		for (hash = s; (hash = memchr(hash, '#', (size_t)(le - hash))); hash++) {
			const char *w = skip_ws(hash + 1, le);

			if ((hash == t || hash[-1] == ' ' || hash[-1] == '\t') &&
			    (size_t)(le - w) >= 9 && !strncmp(w, "seaworthy", 9))
				break;
		}
		if (hash) {
			const char *w = skip_ws(skip_ws(hash + 1, le) + 9, le);

			if ((size_t)(le - w) >= 12 && !strncmp(w, "disable-file", 12))
				disabled = true;
			else if (parse_line(r->a, hash, le, line, &sp, false)) {
				sp.col = (unsigned)(hash - s) + 1;
				sp.from = sp.to = line;
				if (alone) {
					/* The next line that is not blank or a comment. */
					const char *n = e ? e + 1 : end;
					unsigned nl = line + 1;

					for (; n < end; nl++) {
						const char *ne = memchr(n, '\n', (size_t)(end - n));
						const char *nt = skip_ws(n, ne ? ne : end);

						if (nt < (ne ? ne : end) && *nt != '#' && *nt != '\r')
							break;
						n = ne ? ne + 1 : end;
					}
					sp.from = sp.to = n < end ? nl : 0;
				}
				if (sp.scope == SUP_FILE) {
					sp.from = 1;
					sp.to = total;
				}
				*ARENA_PUSH(r->a, sups, nsups, cap) = sp;
			}
		}
		s = e ? e + 1 : end;
	}
	if (disabled)
		for (size_t i = from; i < nfind; i++)
			if (r->findings[i].file && !strcmp(r->findings[i].file, file) &&
			    !r->findings[i].suppressed) {
				r->findings[i].suppressed = true;
				r->findings[i].suppress_reason = "seaworthy disable-file";
			}
	apply(r, from, nfind, sups, nsups, file, o);
}
