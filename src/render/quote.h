/* Helpers shared by the CI renderers (sarif, junit, github, gitlab,
 * checkstyle): every string they print comes from the report, which holds
 * whatever bytes the inputs had, so all of it goes through here first. */
#ifndef SW_RENDER_QUOTE_H
#define SW_RENDER_QUOTE_H

#include "findings/findings.h"
#include "util/strbuf.h"

/* Appends s with each invalid UTF-8 byte replaced by U+FFFD. */
void quote_utf8(struct strbuf *sb, const char *s);

/* A JSON string of s (NULL as ""), invalid UTF-8 repaired as quote_utf8
 * does. The caller owns the reference. */
struct json_t;
struct json_t *quote_json(const char *s);

/* Appends s as a JSON string literal, quotes included, byte for byte what
 * jansson's dump writes for quote_json(s). */
void quote_json_str(struct strbuf *sb, const char *s);

/* Appends s for an XML 1.0 document: & < > " ' as entities, characters
 * XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF) and invalid UTF-8 as
 * U+FFFD. In an attribute (attr) line breaks and tabs become character
 * references, or a parser would normalize them to spaces. */
void quote_xml(struct strbuf *sb, const char *s, int attr);

/* Appends s as a relative URI reference: bytes outside RFC 3986's
 * unreserved set, sub-delims, '@' and '/' are percent-encoded. */
void quote_uri(struct strbuf *sb, const char *s);

/* Appends "message. Fix: fix." (punctuation added only where missing);
 * just the message when the finding has no fix. */
void quote_message_fix(struct strbuf *sb, const struct finding *f);

/* The finding's fingerprint; findings without one (no file to hash) get a
 * hash of rule, file and message, so every finding has a stable one. */
const char *finding_fp(const struct finding *f, char buf[17]);

#endif
