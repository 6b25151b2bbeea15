#include "findings/findings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/die.h"
#include "util/smap.h"
#include "util/str.h"
#include "util/strbuf.h"

void report_init(struct report *r, struct arena *a)
{
	memset(r, 0, sizeof(*r));
	r->a = a;
	r->note_idx = (struct smap)SMAP_IN(a);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_quote(char c)
{
	return c == '\'' || c == '"' || c == '`';
}

/* Bytes of the character at m[i]: a UTF-8 lead byte and what follows it. */
static size_t char_len(const char *m, size_t i, size_t len)
{
	size_t n = 1;

	while (i + n < len && n < 4 && ((unsigned char)m[i + n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* Whether m[i] closes a value opened by quote q: not followed by a letter
 * or a digit (so "it's" does not close one). */
static bool closes(const char *m, size_t i, size_t len, char q)
{
	return m[i] == q && (i + 1 == len || !is_alnum(m[i + 1]));
}

/* msg[0..len) as stored: each value it quotes (between ' " or `, opened
 * after anything but a letter or digit) and each run without white space
 * keeps its first MESSAGE_VALUE_MAX characters and "…"; the whole keeps at
 * most MESSAGE_MAX bytes. One pass: linear in len. */
static const char *bounded(struct arena *a, const char *m, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0, run = 0;
	const char *out;

	if (len <= MESSAGE_VALUE_MAX)
		return arena_strndup(a, m, len);
	while (i < len && sb.len <= MESSAGE_MAX) {
		size_t n;

		if (is_quote(m[i]) && (!i || !is_alnum(m[i - 1]))) {
			char q = m[i];
			size_t chars = 0;

			strbuf_addch(&sb, q);
			for (i++; i < len && !closes(m, i, len, q); i += n, chars++) {
				n = char_len(m, i, len);
				if (chars == MESSAGE_VALUE_MAX) {
					strbuf_addstr(&sb, "\xe2\x80\xa6");
					while (i < len && !closes(m, i, len, q))
						i++;
					break;
				}
				strbuf_add(&sb, m + i, n);
			}
			if (i < len)
				strbuf_addch(&sb, m[i++]);
			run = 0;
			continue;
		}
		if (is_space(m[i])) {
			strbuf_addch(&sb, m[i++]);
			run = 0;
			continue;
		}
		if (run == MESSAGE_VALUE_MAX) {
			strbuf_addstr(&sb, "\xe2\x80\xa6");
			while (i < len && !is_space(m[i]))
				i++;
			run = 0;
			continue;
		}
		n = char_len(m, i, len);
		strbuf_add(&sb, m + i, n);
		i += n;
		run++;
	}
	if (sb.len > MESSAGE_MAX) {
		size_t cut = MESSAGE_MAX - 3;

		while (cut && ((unsigned char)sb.buf[cut] & 0xc0) == 0x80)
			cut--;
		strbuf_setlen(&sb, cut);
		strbuf_addstr(&sb, "\xe2\x80\xa6");
	}
	out = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

static size_t path_hash(const char *s)
{
	size_t h = 5381;

	for (; *s; s++)
		h = h * 33 ^ (unsigned char)*s;
	/* The low bits pick the slot: fold the high ones in (paths share
	 * their ends, "/Dockerfile"). */
	return h ^ h >> 29 ^ h >> 47;
}

/* Where path's index is (or goes) in the slots. */
static size_t *input_slot(const struct report *r, const char *path)
{
	size_t mask = r->capslots - 1, i = path_hash(path) & mask;

	while (r->input_slots[i] && strcmp(r->inputs[r->input_slots[i] - 1].path, path))
		i = (i + 1) & mask;
	return &r->input_slots[i];
}

void report_input(struct report *r, const struct input_record *in)
{
	struct input_record *e;
	size_t *slot;

	if ((r->ninputs + 1) * 2 > r->capslots) {
		size_t cap = r->capslots ? r->capslots * 2 : 64;

		r->input_slots = arena_alloc(r->a, cap * sizeof(*r->input_slots));
		memset(r->input_slots, 0, cap * sizeof(*r->input_slots));
		r->capslots = cap;
		for (size_t i = 0; i < r->ninputs; i++)
			*input_slot(r, r->inputs[i].path) = i + 1;
	}
	slot = input_slot(r, in->path);
	if (*slot) {
		e = &r->inputs[*slot - 1];
		if (in->part_of && (!e->part_of || !strstr(e->part_of, in->part_of)))
			e->part_of = e->part_of ? arena_printf(r->a, "%s; %s", e->part_of, in->part_of) :
						  arena_strdup(r->a, in->part_of);
		if (e->skipped && !in->skipped)
			e->skipped = NULL;	/* checked after all, as part of something */
		return;
	}
	e = ARENA_PUSH(r->a, r->inputs, r->ninputs, r->capinputs);
	*slot = r->ninputs;
	*e = *in;
	e->path = arena_strdup(r->a, in->path);
	e->purpose_why = in->purpose_why ? arena_strdup(r->a, in->purpose_why) : NULL;
	e->part_of = in->part_of ? arena_strdup(r->a, in->part_of) : NULL;
	e->skipped = in->skipped ? arena_strdup(r->a, in->skipped) : NULL;
}

static int cmp_input(const void *pa, const void *pb)
{
	const struct input_record *a = pa, *b = pb;

	return strcmp(a->path, b->path);
}

void report_reserve_inputs(struct report *r, size_t n)
{
	ARENA_RESERVE(r->a, r->inputs, r->ninputs, r->capinputs, n);
}

void report_sort_inputs(struct report *r)
{
	if (r->ninputs > 1)
		qsort(r->inputs, r->ninputs, sizeof(*r->inputs), cmp_input);
	r->capslots = 0;	/* the indices are stale now */
	r->input_slots = NULL;
}

static const char *vfmt(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static const char *vfmt(struct arena *a, const char *fmt, va_list ap)
{
	char stack[512], *p = stack;
	const char *out;
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(stack, sizeof(stack), fmt, cp);
	va_end(cp);
	if (n < 0)
		BUG("bad format");
	if ((size_t)n >= sizeof(stack)) {
		p = malloc((size_t)n + 1);
		if (!p)
			die("out of memory");
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	}
	out = bounded(a, p, (size_t)n);
	if (p != stack)
		free(p);
	return out;
}

/* A new finding of rule at file:line:col..end_line:end_col, message unset. */
static struct finding *push(struct report *r, const struct rule *rule, const char *file,
			    unsigned line, unsigned col, unsigned end_line, unsigned end_col)
{
	struct finding *f = ARENA_PUSH(r->a, r->findings, r->nfindings, r->capfindings);

	f->rule = rule;
	f->severity = rule->severity;
	f->file = file;
	f->line = line;
	f->col = col ? col : 1;
	f->end_line = end_line >= line ? end_line : line;
	f->end_col = end_col ? end_col : f->col;
	f->fix = rule->fix;
	return f;
}

struct finding *report_add_str(struct report *r, const struct rule *rule, const char *file,
			       unsigned line, unsigned col, unsigned end_line, unsigned end_col,
			       const char *msg, size_t len)
{
	struct finding *f = push(r, rule, file, line, col, end_line, end_col);

	f->message = bounded(r->a, msg, len);
	return f;
}

struct finding *report_add(struct report *r, const struct rule *rule, const char *file,
			   unsigned line, unsigned col, unsigned end_line, unsigned end_col,
			   const char *fmt, ...)
{
	struct finding *f = push(r, rule, file, line, col, end_line, end_col);
	va_list ap;

	va_start(ap, fmt);
	f->message = vfmt(r->a, fmt, ap);
	va_end(ap);
	return f;
}

void report_error(struct report *r, const char *file, unsigned line, const char *fmt, ...)
{
	struct input_error *e = ARENA_PUSH(r->a, r->errors, r->nerrors, r->caperrors);
	va_list ap;

	e->file = file;
	e->line = line;
	e->col = 0;
	va_start(ap, fmt);
	e->message = vfmt(r->a, fmt, ap);
	va_end(ap);
}

void report_error_col(struct report *r, const char *file, unsigned line, unsigned col,
		      const char *fmt, ...)
{
	struct input_error *e = ARENA_PUSH(r->a, r->errors, r->nerrors, r->caperrors);
	va_list ap;

	e->file = file;
	e->line = line;
	e->col = line ? col : 0;
	va_start(ap, fmt);
	e->message = vfmt(r->a, fmt, ap);
	va_end(ap);
}

void report_note(struct report *r, const char *file, const char *fmt, ...)
{
	va_list ap;
	const char *msg;

	va_start(ap, fmt);
	msg = vfmt(r->a, fmt, ap);
	va_end(ap);
	report_note_str(r, file, msg);
}

void report_note_str(struct report *r, const char *file, const char *msg)
{
	size_t *at, k;

	/* Said once: several services or projects may meet the same thing.
	 * A scan while they are few (a worker's, per file), a table after. */
	if (r->nnotes < 16) {
		for (k = 0; k < r->nnotes; k++)
			if (!strcmp(r->notes[k].message, msg) && str_eq_null(r->notes[k].file, file))
				return;
	} else {
		for (; r->nindexed < r->nnotes; r->nindexed++) {
			struct report_note *n = &r->notes[r->nindexed];

			at = smap_find(&r->note_idx, n->message);
			n->same = at ? *at + 1 : 0;
			smap_put(&r->note_idx, n->message, r->nindexed);
		}
		at = smap_find(&r->note_idx, msg);
		for (k = at ? *at + 1 : 0; k; k = r->notes[k - 1].same)
			if (str_eq_null(r->notes[k - 1].file, file))
				return;
	}
	*ARENA_PUSH(r->a, r->notes, r->nnotes, r->capnotes) =
		(struct report_note){ .file = file, .message = msg };
}

void report_notes_cut(struct report *r, size_t n0)
{
	if (n0 >= r->nnotes)
		return;
	r->nnotes = n0;
	if (r->nindexed > n0) {
		smap_clear(&r->note_idx);
		r->nindexed = 0;
	}
}

static void add_redact(struct report *r, const char *name, const char *value, size_t len)
{
	for (size_t k = 0; k < r->nredact; k++)
		if (!strcmp(r->redact[k].name, name) && !strncmp(r->redact[k].value, value, len) &&
		    !r->redact[k].value[len])
			return;
	*ARENA_PUSH(r->a, r->redact, r->nredact, r->capredact) = (struct report_redact){
		.name = arena_strdup(r->a, name), .value = arena_strndup(r->a, value, len) };
}

void report_redact(struct report *r, const char *name, const char *value)
{
	size_t len = value ? strlen(value) : 0;

	if (len < REDACT_MIN)
		return;
	add_redact(r, name, value, len);
	/* The parts of an image reference or a path, as fixes quote them
	 * ("image: hunter2secret:<version>"), when long enough to matter. */
	for (size_t i = 0, j; i < len; i = j + 1) {
		j = i + strcspn(value + i, ":/@");
		if (j - i >= REDACT_PART_MIN && j - i < len)
			add_redact(r, name, value + i, j - i);
	}
}

static int cmp_redact(const void *pa, const void *pb)
{
	const struct report_redact *a = pa, *b = pb;
	size_t la = strlen(a->value), lb = strlen(b->value);

	return la != lb ? (la < lb) - (la > lb) : strcmp(a->name, b->name);
}

/* s with every recorded value replaced (r->redact sorted longest first). */
static const char *redacted(struct report *r, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out, *p;
	bool any = false;

	if (!s)
		return s;
	for (size_t k = 0; k < r->nredact && !any; k++)
		any = strstr(s, r->redact[k].value) != NULL;
	if (!any)
		return s;
	for (p = s; *p;) {
		size_t k;

		for (k = 0; k < r->nredact; k++) {
			size_t n = strlen(r->redact[k].value);

			if (!strncmp(p, r->redact[k].value, n)) {
				strbuf_addf(&sb, "${%s}", r->redact[k].name);
				p += n;
				break;
			}
		}
		if (k == r->nredact)
			strbuf_addch(&sb, *p++);
	}
	out = arena_strndup(r->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

void report_redact_apply(struct report *r)
{
	if (!r->nredact)
		return;
	qsort(r->redact, r->nredact, sizeof(*r->redact), cmp_redact);
	for (size_t i = 0; i < r->nfindings; i++) {
		r->findings[i].message = redacted(r, r->findings[i].message);
		r->findings[i].fix = redacted(r, r->findings[i].fix);
		if (r->findings[i].via)
			r->findings[i].via = redacted(r, r->findings[i].via);
	}
	for (size_t i = 0; i < r->nerrors; i++) {
		r->errors[i].message = redacted(r, r->errors[i].message);
		r->errors[i].file = redacted(r, r->errors[i].file);
	}
	for (size_t i = 0; i < r->nnotes; i++) {
		r->notes[i].message = redacted(r, r->notes[i].message);
		r->notes[i].file = redacted(r, r->notes[i].file);
	}
}

static void vunread(struct report *r, unsigned layers, bool some, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void vunread(struct report *r, unsigned layers, bool some, const char *fmt, va_list ap)
{
	struct report_unread *u = ARENA_PUSH(r->a, r->unread, r->nunread, r->capunread);

	u->layers = layers;
	u->some = some;
	u->why = vfmt(r->a, fmt, ap);
}

void report_unread(struct report *r, unsigned layers, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vunread(r, layers, false, fmt, ap);
	va_end(ap);
}

void report_unread_some(struct report *r, unsigned layers, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vunread(r, layers, true, fmt, ap);
	va_end(ap);
}

static int strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c = strcmp_null(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if ((c = strcmp(a->rule->id, b->rule->id)))
		return c;
	if ((c = strcmp(a->message, b->message)))
		return c;
	return strcmp_null(a->via, b->via);
}

static int cmp_error(const void *pa, const void *pb)
{
	const struct input_error *a = pa, *b = pb;
	int c = strcmp_null(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return strcmp(a->message, b->message);
}

void report_sort(struct report *r)
{
	/* Checks set fixes and suppressions set reasons after report_add:
	 * they are bounded here, before anything is output. */
	for (size_t i = 0; i < r->nfindings; i++) {
		struct finding *f = &r->findings[i];

		if (f->via && strlen(f->via) > MESSAGE_VALUE_MAX)
			f->via = bounded(r->a, f->via, strlen(f->via));
		if (f->fix && f->fix != f->rule->fix && strlen(f->fix) > MESSAGE_VALUE_MAX)
			f->fix = bounded(r->a, f->fix, strlen(f->fix));
		if (f->suppress_reason && strlen(f->suppress_reason) > MESSAGE_VALUE_MAX)
			f->suppress_reason = bounded(r->a, f->suppress_reason,
						     strlen(f->suppress_reason));
	}
	if (r->nfindings > 1)
		qsort(r->findings, r->nfindings, sizeof(*r->findings), cmp_finding);
	if (r->nerrors > 1)
		qsort(r->errors, r->nerrors, sizeof(*r->errors), cmp_error);
}

/* FNV-1a, 64 bits: stable, dependency-free, good enough to tell lines apart. */
static unsigned long long fnv(unsigned long long h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Hashes lines first..last of buf, white space folded; line_at[k] is the
 * offset of line k+1. */
static unsigned long long hash_lines(unsigned long long h, const char *buf, size_t len,
				     const size_t *line_at, unsigned nlines, unsigned first,
				     unsigned last)
{
	bool space = false;
	size_t i, end;

	if (!first || first > nlines)
		return h;
	i = line_at[first - 1];
	end = last < nlines ? line_at[last] : len;
	for (; i < end; i++) {
		char c = buf[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = true;
			continue;
		}
		if (space)
			h = fnv(h, " ", 1);
		space = false;
		h = fnv(h, &c, 1);
	}
	return h;
}

static bool in_file(const struct finding *f, const char *file)
{
	return !file || (f->file && !strcmp(f->file, file));
}

void report_fingerprint(struct report *r, size_t from, const char *file, const char *buf,
			size_t len)
{
	size_t *line_at, nlines = 1;
	unsigned need = 0;
	char (*plain)[sizeof(r->findings[0].fingerprint)];
	struct smap dups = SMAP_INIT;

	if (from >= r->nfindings)
		return;
	/* Line offsets up to the last line any finding needs. */
	for (size_t i = from; i < r->nfindings; i++)
		if (in_file(&r->findings[i], file) && r->findings[i].end_line + 1 > need)
			need = r->findings[i].end_line + 1;
	line_at = malloc((need + 1) * sizeof(*line_at));
	if (!line_at)
		die("out of memory");
	line_at[0] = 0;
	for (const char *p = buf, *end = buf + len; nlines <= need;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			break;
		line_at[nlines++] = (size_t)(nl - buf) + 1;
		p = nl + 1;
	}
	for (size_t i = from; i < r->nfindings; i++) {
		struct finding *f = &r->findings[i];
		unsigned long long h = 14695981039346656037ULL;

		if (!in_file(f, file))
			continue;
		h = fnv(h, f->rule->id, strlen(f->rule->id) + 1);
		if (f->file)
			h = fnv(h, f->file, strlen(f->file) + 1);
		h = hash_lines(h, buf, len, line_at, (unsigned)nlines, f->line, f->end_line);
		snprintf(f->fingerprint, sizeof(f->fingerprint), "%016llx", h);
	}
	/* The same rule on identical text: number the repeats, by the count
	 * of earlier findings holding that hash (counted in a table: a scan
	 * back for each was quadratic). */
	plain = malloc((r->nfindings - from) * sizeof(*plain));
	if (!plain)
		die("out of memory");
	for (size_t i = from; i < r->nfindings; i++) {
		struct finding *f = &r->findings[i];
		size_t *seen, dup;

		memcpy(plain[i - from], f->fingerprint, sizeof(plain[0]));
		seen = smap_find(&dups, plain[i - from]);
		dup = seen ? (*seen)++ : 0;
		if (!seen)
			smap_put(&dups, plain[i - from], 1);
		if (dup && in_file(f, file)) {
			unsigned long long h = strtoull(f->fingerprint, NULL, 16);
			unsigned d = (unsigned)dup;

			h = fnv(h, &d, sizeof(d));
			snprintf(f->fingerprint, sizeof(f->fingerprint), "%016llx", h);
		}
	}
	smap_free(&dups);
	free(plain);
	free(line_at);
}

void report_dedupe(struct report *r)
{
	size_t k = 0;

	for (size_t i = 0; i < r->nfindings; i++) {
		if (k && !cmp_finding(&r->findings[k - 1], &r->findings[i]))
			continue;
		r->findings[k++] = r->findings[i];
	}
	r->nfindings = k;
}

void report_fingerprint_messages(struct report *r, size_t from)
{
	for (size_t i = from; i < r->nfindings; i++) {
		struct finding *f = &r->findings[i];
		unsigned long long h = 14695981039346656037ULL;

		h = fnv(h, f->rule->id, strlen(f->rule->id) + 1);
		if (f->file)
			h = fnv(h, f->file, strlen(f->file) + 1);
		h = fnv(h, f->message, strlen(f->message));
		snprintf(f->fingerprint, sizeof(f->fingerprint), "%016llx", h);
	}
}
