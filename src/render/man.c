/* The rule catalogue as an mdoc(7) page, seaworthy-rules(7). It is generated
 * from the rule table by `seaworthy rules --man` (make man), and tests/run.sh
 * compares it with man/seaworthy-rules.7, so the page cannot drift.
 *
 * Everything taken from the table is escaped for roff: backslashes, control
 * lines (. and ' at the start of a line), quotes in macro arguments, and
 * characters outside ASCII (as \[uXXXX], for groff without preconv). Code,
 * that is the examples and `spans` in the prose, writes - as \- so that
 * options survive copy and paste. */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "checks/check.h"

/* The page's date (.Dd). It is fixed so the output is reproducible; bump it
 * when the layout of the page changes. */
#define MAN_DATE "November 27, 2026"

enum {
	ESC_CODE = 1 << 0,	/* - as \- */
	ESC_QUOTED = 1 << 1,	/* inside a quoted macro argument: " as \(dq */
	ESC_PROSE = 1 << 2,	/* - as \- where it starts a word (an option) */
	ESC_LITERAL = 1 << 3,	/* in a literal block: tabs are kept */
	ESC_NOBREAK = 1 << 4,	/* blanks as \  so that a code span is not broken */
};

/* Decodes one UTF-8 sequence at s (n bytes left); 0 when it is invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len;
	unsigned c;

	if (s[0] >= 0xc2 && s[0] < 0xe0) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] < 0xf0) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] < 0xf5) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c < 0xe000))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return len;
}

/* Writes n bytes of s escaped; the caller has dealt with the start of the
 * line. Invalid UTF-8 becomes U+FFFD. */
static void put_escaped(FILE *out, const char *s, size_t n, unsigned flags)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp;
		size_t len;

		if (c == '\\') {
			fputs("\\e", out);
		} else if (c == '-' && ((flags & ESC_CODE) || ((flags & ESC_PROSE) &&
			   (!i || s[i - 1] == ' ' || s[i - 1] == '(' || s[i - 1] == '-')))) {
			fputs("\\-", out);
		} else if (c == '"' && (flags & ESC_QUOTED)) {
			fputs("\\(dq", out);
		} else if ((c == ' ' || c == '\t') && (flags & ESC_NOBREAK)) {
			fputs("\\ ", out);
		} else if (c == '\t' && (flags & ESC_LITERAL)) {
			putc(c, out);
		} else if (c < 0x20 || c == 0x7f) {
			putc(' ', out);
		} else if (c < 0x80) {
			putc(c, out);
		} else if ((len = utf8_decode((const unsigned char *)s + i, n - i, &cp))) {
			fprintf(out, "\\[u%04X]", cp);
			i += len - 1;
		} else {
			fputs("\\[uFFFD]", out);
		}
	}
}

/* A roff control character at the start of a line needs a zero-width
 * escape in front of it to be read as text. */
static void line_start(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
}

/* A whole macro argument, quoted: quoted arguments are never read as macro
 * names or delimiters. */
static void put_arg(FILE *out, const char *s)
{
	putc('"', out);
	put_escaped(out, s, strlen(s), ESC_QUOTED);
	putc('"', out);
}

static bool sentence_end(const char *p)
{
	size_t blanks = strspn(p + 1, " ");

	return (p[0] == '.' || p[0] == '?' || p[0] == '!') && blanks &&
	       p[1 + blanks] >= 'A' && p[1 + blanks] <= 'Z';
}

/* One line of prose, escaped: `code` spans become quoted code, and each
 * sentence ends the output line (mdoc wants a new line for a new sentence,
 * for the spacing after a full stop). */
static void escape_prose_line(FILE *out, const char *p, size_t n)
{
	const char *end = p + n, *close;

	while (p < end) {
		size_t run = 0;

		if (*p == '`' && (close = memchr(p + 1, '`', (size_t)(end - p - 1)))) {
			fputs("\\(oq", out);
			put_escaped(out, p + 1, (size_t)(close - p - 1), ESC_CODE | ESC_NOBREAK);
			fputs("\\(cq", out);
			p = close + 1;
			continue;
		}
		if (*p == '`') {
			fputs("\\(ga", out);
			p++;
			continue;
		}
		while (p + run < end && p[run] != '`' && !(p + run + 2 < end && sentence_end(p + run)))
			run++;
		if (p + run < end && p[run] != '`') {
			/* A sentence ends at p[run]: keep its mark, end the line. */
			put_escaped(out, p, run + 1, ESC_PROSE);
			putc('\n', out);
			p += run + 2;
			continue;
		}
		put_escaped(out, p, run, ESC_PROSE);
		p += run;
	}
	putc('\n', out);
}

/* Writes escaped text lines filled to 80 columns at blanks (escapes and
 * code spans hold none), guarding control characters at the start of each
 * line. */
static void put_filled(FILE *out, const char *text)
{
	size_t col = 0;

	for (const char *p = text; *p;) {
		size_t n;

		if (*p == '\n' || *p == ' ') {
			if (*p == '\n' && col) {
				putc('\n', out);
				col = 0;
			}
			p++;
			continue;
		}
		n = strcspn(p, " \n");
		if (col && col + 1 + n > 80) {
			putc('\n', out);
			col = 0;
		}
		if (col) {
			putc(' ', out);
			col++;
		} else if (*p == '.' || *p == '\'') {
			fputs("\\&", out);
			col += 2;
		}
		fwrite(p, 1, n, out);
		col += n;
		p += n;
	}
	if (col)
		putc('\n', out);
}

/* Prose that may hold several paragraphs (blank lines between them). */
static void put_prose(FILE *out, const char *text)
{
	bool pending_par = false, any = false;

	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n == strspn(p, " \t")) {
			pending_par = any;
		} else {
			char *buf = NULL;
			size_t len = 0;
			FILE *mem = open_memstream(&buf, &len);

			if (pending_par)
				fputs(".Pp\n", out);
			if (mem) {
				escape_prose_line(mem, p, n);
				fclose(mem);
				put_filled(out, buf);
			}
			free(buf);
			pending_par = false;
			any = true;
		}
		p = e ? e + 1 : p + strlen(p);
	}
}

/* An example, verbatim. */
static void put_literal(FILE *out, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	fprintf(out, ".Pp\n%s\n.Bd -literal -offset indent\n", label);
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		line_start(out, p);
		put_escaped(out, p, n, ESC_CODE | ESC_LITERAL);
		putc('\n', out);
		p = e ? e + 1 : p + strlen(p);
	}
	fputs(".Ed\n", out);
}

static void put_point(FILE *out, const struct rule *r)
{
	if (r->checklist >= 1 && r->checklist <= 10) {
		fprintf(out, "%d (", r->checklist);
		put_escaped(out, checklist[r->checklist - 1].title,
			    strlen(checklist[r->checklist - 1].title), 0);
		fputs(")\n", out);
	} else {
		fputs("none (general best practice)\n", out);
	}
}

static void put_rule(FILE *out, const struct rule *r)
{
	char heading[512];

	snprintf(heading, sizeof(heading), "%s: %s", r->id, r->title);
	fputs(".Ss ", out);
	put_arg(out, heading);
	fputs("\n.Bl -tag -width Checklist -compact\n.It Severity\n", out);
	fprintf(out, "%s\n.It Checklist\n", severity_name(r->severity));
	put_point(out, r);
	fputs(".It Layer\n", out);
	line_start(out, r->layer);
	put_escaped(out, r->layer, strlen(r->layer), 0);
	fprintf(out, "\n.It Applies\n%s", r->scope == SCOPE_PRODUCTION ? "production files" :
		"every file");
	if (r->peers && r->peers->tool) {
		fputs("\n.It hadolint\n", out);
		for (const struct peer_rule *p = r->peers; p->tool; p++)
			fprintf(out, "%s%s", p == r->peers ? "" : ", ", p->id);
	}
	if (r->default_off)
		fputs("\n.It Default\noff", out);
	fputs("\n.El\n", out);
	if (r->default_off) {
		fputs(".Pp\nOff by default: reported only when\n.Fl -select\nnames it or\n"
		      ".Ic enable\nin\n.Pa .seaworthy.yaml\nlists it.\n", out);
		put_prose(out, r->default_off);
	}
	if (r->why && *r->why) {
		fputs(".Pp\n", out);
		put_prose(out, r->why);
	}
	put_literal(out, "Bad:", r->bad);
	put_literal(out, "Good:", r->good);
	if (r->fix && *r->fix) {
		fputs(".Pp\nFix:\n", out);
		put_prose(out, r->fix);
	}
	if (r->options && r->options->name) {
		fputs(".Pp\nOptions, set under\n.Ic rules\nin\n.Pa .seaworthy.yaml :\n"
		      ".Bl -tag -width Ds\n", out);
		for (const struct rule_option *o = r->options; o->name; o++) {
			fputs(".It ", out);
			put_arg(out, o->name);
			fputs(o->list ? " Pq a list\n" : o->integer ? " Pq a whole number\n" : "\n",
			      out);
			if (o->help && *o->help)
				put_prose(out, o->help);
		}
		fputs(".El\n", out);
	}
}

void render_rules_man(FILE *out)
{
	fputs(".\\\" Generated by `seaworthy rules --man` from the rule table; do not edit.\n"
	      ".\\\" Regenerate with: make man\n", out);
	fputs(".Dd " MAN_DATE "\n.Dt SEAWORTHY-RULES 7\n.Os seaworthy\n", out);
	fputs(".Sh NAME\n.Nm seaworthy-rules\n.Nd the rules seaworthy checks\n", out);
	fputs(".Sh DESCRIPTION\n"
	      "This page lists every rule of\n.Xr seaworthy 1 :\n"
	      "why it matters, a bad and a good example, and the fix.\n"
	      "It is generated from the rule table, as is the output of\n"
	      ".Ic seaworthy rules\nand\n.Ic seaworthy explain Ar ID .\n"
	      ".Pp\n"
	      "Rule ids read\n.Li SW Ns Ar pp Ns Ar nn :\n"
	      "checklist point\n.Ar pp\n"
	      "(00 for general best practices), rule\n.Ar nn .\n"
	      "Severities are\n.Cm error ,\n.Cm warning\nand\n.Cm info ;\n"
	      "a project may change them with the\n.Ic severity\n"
	      "setting of its configuration file.\n"
	      ".Pp\n", out);
	fputs(".Bl -tag -width SW0000 -compact\n", out);
	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = rule_table[i];

		fputs(".It ", out);
		put_arg(out, r->id);
		putc('\n', out);
		line_start(out, r->title);
		put_escaped(out, r->title, strlen(r->title), 0);
		putc('\n', out);
	}
	fputs(".El\n.Sh RULES\n", out);
	for (size_t i = 0; i < rule_count; i++)
		put_rule(out, rule_table[i]);
	fputs(".Sh SEE ALSO\n.Xr seaworthy 1\n", out);
}
