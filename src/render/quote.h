/* Helpers shared by the renderers: every string they print comes from the
 * report, which holds whatever bytes the inputs had, so all of it goes
 * through here first.
 *
 * The display form of a string is what may be printed of it anywhere: valid
 * UTF-8 (U+FFFD for the rest) with no character that acts on a terminal, a
 * log or a viewer instead of being text. C0 controls but tab, and DEL, are
 * shown as \n, \r or \xHH; C1 controls, the bidi controls (U+061C,
 * U+200E-200F, U+202A-202E, U+2066-2069) and U+2028-2029 as \uHHHH; and the
 * '[' of the CI log commands that runners find anywhere in a line ("##[",
 * "##vso[") as \[. Each format then quotes the display form its own way. */
#ifndef SW_RENDER_QUOTE_H
#define SW_RENDER_QUOTE_H

#include <stdbool.h>

#include "findings/findings.h"
#include "util/strbuf.h"

/* Appends s with each invalid UTF-8 byte replaced by U+FFFD. */
void quote_utf8(struct strbuf *sb, const char *s);

/* Appends the display form of s. */
void quote_display(struct strbuf *sb, const char *s);
/* Appends the display form of a name that starts a line, with "./" first
 * unless it starts with a letter, a digit or one of "./_-<", so that no
 * input begins a line with something a CI runner reads as a command. */
void quote_line_start(struct strbuf *sb, const char *s);
/* Whether s is its own display form. */
bool quote_is_display(const char *s);

/* A JSON string of s (NULL as ""), invalid UTF-8 repaired as quote_utf8
 * does: for the catalogue's own text. The caller owns the reference. */
struct json_t;
struct json_t *quote_json(const char *s);
/* The same for a string from the inputs: its display form. */
struct json_t *quote_json_input(const char *s);

/* Appends the display form of s as a JSON string literal, quotes included,
 * byte for byte what jansson's dump writes for quote_json_input(s). */
void quote_json_str(struct strbuf *sb, const char *s);

/* Appends the display form of s for an XML 1.0 document: & < > " ' as
 * entities, U+FFFE and U+FFFF as U+FFFD. Outside an attribute (!attr) line
 * feeds are kept, for text the renderer lays out in lines: strings from the
 * inputs go through quote_display first there. In an attribute tabs become
 * character references, or a parser would normalize them to spaces. */
void quote_xml(struct strbuf *sb, const char *s, int attr);

/* Appends s as a relative URI reference: bytes outside RFC 3986's
 * unreserved set, sub-delims, '@' and '/' are percent-encoded. */
void quote_uri(struct strbuf *sb, const char *s);

/* Appends "message. Fix: fix." (punctuation added only where missing), in
 * display form; just the message when the finding has no fix. */
void quote_message_fix(struct strbuf *sb, const struct finding *f);

/* The finding's fingerprint; findings without one (no file to hash) get a
 * hash of rule, file and message, so every finding has a stable one. */
const char *finding_fp(const struct finding *f, char buf[17]);

#endif
