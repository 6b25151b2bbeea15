/* Growable NUL-terminated string, after git's strbuf. buf is always a valid
 * string; release frees it, detach hands ownership (malloc'd) to the caller. */
#ifndef SW_STRBUF_H
#define SW_STRBUF_H

#include <stddef.h>
#include <string.h>

struct strbuf {
	size_t alloc, len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
void strbuf_setlen(struct strbuf *sb, size_t len);
/* Inline, like strbuf_addch: the parsers add short runs in their loops. */
static inline void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (sb->len + len >= sb->alloc)
		strbuf_grow(sb, len);
	if (len == 1)
		sb->buf[sb->len] = *(const char *)data;
	else if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}
void strbuf_addstr(struct strbuf *sb, const char *s);
/* Inline: the lexers add one byte at a time. */
static inline void strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->len + 1 >= sb->alloc)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
