#include "render/quote.h"

#include <jansson.h>
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

	while (*p) {
		uint32_t cp;
		size_t n = utf8_seq(p, &cp);

		if (!n) {
			strbuf_addstr(sb, REPLACEMENT);
			p++;
			continue;
		}
		switch (cp) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&apos;"); break;
		case '\r': strbuf_addstr(sb, "&#13;"); break;
		case '\n': strbuf_addstr(sb, attr ? "&#10;" : "\n"); break;
		case '\t': strbuf_addstr(sb, attr ? "&#9;" : "\t"); break;
		default:
			if (cp < 0x20 || cp == 0xfffe || cp == 0xffff)
				strbuf_addstr(sb, REPLACEMENT);
			else
				strbuf_add(sb, p, n);
		}
		p += n;
	}
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

	quote_utf8(sb, s);
	if (n && !strchr(".!?", s[n - 1]))
		strbuf_addch(sb, '.');
}

void quote_message_fix(struct strbuf *sb, const struct finding *f)
{
	add_sentence(sb, f->message);
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

void quote_json_str(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;

	strbuf_addch(sb, '"');
	while (*p) {
		const unsigned char *run = p;
		uint32_t cp;
		size_t n;

		/* The common case: a run of plain ASCII, copied at once. */
		while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
		strbuf_add(sb, run, (size_t)(p - run));
		if (!*p)
			break;
		if (*p >= 0x80) {
			n = utf8_seq(p, &cp);
			if (n) {
				strbuf_add(sb, p, n);
				p += n;
			} else {
				strbuf_addstr(sb, REPLACEMENT);
				p++;
			}
			continue;
		}
		/* The escapes jansson writes, so output is the same bytes. */
		strbuf_addch(sb, '\\');
		switch (*p) {
		case '"': strbuf_addch(sb, '"'); break;
		case '\\': strbuf_addch(sb, '\\'); break;
		case '\b': strbuf_addch(sb, 'b'); break;
		case '\f': strbuf_addch(sb, 'f'); break;
		case '\n': strbuf_addch(sb, 'n'); break;
		case '\r': strbuf_addch(sb, 'r'); break;
		case '\t': strbuf_addch(sb, 't'); break;
		default:
			strbuf_addstr(sb, "u00");
			strbuf_addch(sb, hex[*p >> 4]);
			strbuf_addch(sb, hex[*p & 15]);
		}
		p++;
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
