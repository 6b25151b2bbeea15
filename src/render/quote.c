#include "render/quote.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "checks/check.h"

#define REPLACEMENT "\xef\xbf\xbd"

/* Length of the well-formed UTF-8 sequence at p (Unicode table 3-7: no
 * overlong forms, no surrogates, nothing past U+10FFFF), its code point in
 * *cp; 0 when p does not start one. */
static size_t utf8_seq(const unsigned char *p, uint32_t *cp)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		*cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		*cp = p[0] & 0x0f;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		*cp = p[0] & 0x07;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	/* Only the second byte has a narrower range; a NUL stops it anyway. */
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (p[k] & 0x3f);
	}
	return n;
}

/* Characters that change how text is shown rather than being text: C1
 * controls (CSI, NEL...), the bidi marks, embeddings, overrides and
 * isolates (Trojan Source), and the line and paragraph separators. */
static bool format_control(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Whether p starts a CI log command that runners find anywhere in a line:
 * GitHub's legacy "##[name]" and Azure's "##vso[". Returns the length up
 * to the '[' (excluded), or 0. */
static size_t log_command(const unsigned char *p)
{
	if (p[0] != '#' || p[1] != '#')
		return 0;
	if (p[2] == '[')
		return 2;
	if ((p[2] | 0x20) == 'v' && (p[3] | 0x20) == 's' && (p[4] | 0x20) == 'o' && p[5] == '[')
		return 5;
	return 0;
}

/* The character at p in the display form: returns how many bytes of p it
 * takes; when it is not shown as it is, esc gets what is shown instead
 * (esc[0] stays NUL otherwise). */
static size_t display_char(const unsigned char *p, char esc[16])
{
	uint32_t cp;
	size_t n;

	esc[0] = '\0';
	if (*p >= 0x20 && *p < 0x7f) {
		if (*p == '#' && (n = log_command(p))) {
			memcpy(esc, p, n);
			memcpy(esc + n, "\\[", 3);
			return n + 1;
		}
		return 1;
	}
	if (*p == '\t')
		return 1;
	n = utf8_seq(p, &cp);
	if (!n) {
		strcpy(esc, REPLACEMENT);
		return 1;
	}
	if (cp == '\n')
		strcpy(esc, "\\n");
	else if (cp == '\r')
		strcpy(esc, "\\r");
	else if (cp < 0x20 || cp == 0x7f)
		snprintf(esc, 16, "\\x%02x", (unsigned)cp);
	else if (format_control(cp))
		snprintf(esc, 16, "\\u%04x", (unsigned)cp);
	return n;
}

void quote_display(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[16];

	while (*p) {
		const unsigned char *run = p;
		size_t n;

		/* Plain ASCII, the common case, is copied a run at a time. */
		while (*p >= 0x20 && *p < 0x7f && *p != '#')
			p++;
		strbuf_add(sb, run, (size_t)(p - run));
		if (!*p)
			break;
		n = display_char(p, esc);
		if (esc[0])
			strbuf_addstr(sb, esc);
		else
			strbuf_add(sb, p, n);
		p += n;
	}
}

bool quote_is_display(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[16];

	while (*p) {
		p += display_char(p, esc);
		if (esc[0])
			return false;
	}
	return true;
}

void quote_utf8(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t cp;
		size_t n = utf8_seq(p, &cp);

		if (n) {
			strbuf_add(sb, p, n);
			p += n;
		} else {
			strbuf_addstr(sb, REPLACEMENT);
			p++;
		}
	}
}

void quote_xml(struct strbuf *sb, const char *s, int attr)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[16];

	while (*p) {
		size_t n;

		if (*p == '\n' && !attr) {
			strbuf_addch(sb, '\n');
			p++;
			continue;
		}
		n = display_char(p, esc);
		if (esc[0]) {
			strbuf_addstr(sb, esc);	/* no XML metacharacter in it */
			p += n;
			continue;
		}
		switch (*p) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&apos;"); break;
		case '\t': strbuf_addstr(sb, attr ? "&#9;" : "\t"); break;
		default:
			/* U+FFFE and U+FFFF are not XML characters. */
			if (n == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe)
				strbuf_addstr(sb, REPLACEMENT);
			else
				strbuf_add(sb, p, n);
		}
		p += n;
	}
}

void quote_line_start(struct strbuf *sb, const char *s)
{
	char c = s[0];

	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	      (c && strchr("./_-<", c))))
		strbuf_addstr(sb, "./");
	quote_display(sb, s);
}

void quote_uri(struct strbuf *sb, const char *s)
{
	/* ':' would make a first segment look like a scheme: always encoded. */
	static const char keep[] = "-._~!$&'()*+,;=@/";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p))
			strbuf_addch(sb, *p);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
}

static void add_sentence(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);

	quote_display(sb, s);
	if (n && !strchr(".!?", s[n - 1]))
		strbuf_addch(sb, '.');
}

void quote_message_fix(struct strbuf *sb, const struct finding *f)
{
	add_sentence(sb, f->message);
	if (f->via) {
		strbuf_addstr(sb, " Via: ");
		add_sentence(sb, f->via);
	}
	if (f->fix && *f->fix) {
		strbuf_addstr(sb, " Fix: ");
		add_sentence(sb, f->fix);
	}
}

/* 64-bit FNV-1a, fed NUL-separated fields. */
static uint64_t fnv(uint64_t h, const char *s)
{
	do {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	} while (*s++);
	return h;
}

const char *finding_fp(const struct finding *f, char buf[17])
{
	uint64_t h = 0xcbf29ce484222325ULL;

	if (f->fingerprint[0])
		return f->fingerprint;
	h = fnv(h, f->rule->id);
	h = fnv(h, f->file ? f->file : "");
	h = fnv(h, f->message);
	snprintf(buf, 17, "%016llx", (unsigned long long)h);
	return buf;
}

/* The bytes quote_json_str copies as they are: printable ASCII but '"',
 * '\\' and '#' (the start of what display_char may rewrite). */
static const unsigned char json_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

void quote_json_str(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[16];

	strbuf_addch(sb, '"');
	while (*p) {
		const unsigned char *run = p;
		size_t n;

		/* The common case: a run of plain ASCII, copied at once. */
		while (json_plain[*p])
			p++;
		strbuf_add(sb, run, (size_t)(p - run));
		if (!*p)
			break;
		n = display_char(p, esc);
		if (esc[0]) {
			/* The display form's backslashes are text: escaped. */
			for (const char *e = esc; *e; e++) {
				if (*e == '\\')
					strbuf_addch(sb, '\\');
				strbuf_addch(sb, *e);
			}
		} else if (*p == '"' || *p == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, (char)*p);
		} else if (*p == '\t') {
			strbuf_addstr(sb, "\\t");
		} else {
			strbuf_add(sb, p, n);
		}
		p += n;
	}
	strbuf_addch(sb, '"');
}

json_t *quote_json(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;

	quote_utf8(&sb, s ? s : "");
	j = json_string(sb.buf);
	strbuf_release(&sb);
	return j ? j : json_string("");
}

json_t *quote_json_input(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;

	quote_display(&sb, s ? s : "");
	j = json_string(sb.buf);
	strbuf_release(&sb);
	return j ? j : json_string("");
}
