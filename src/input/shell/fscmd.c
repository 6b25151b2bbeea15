/* Commands that make and own folders (mkdir, chown, chgrp, chmod), read
 * from parsed shell, and commands as text for messages. */
#include <string.h>

#include "input/shell/shell.h"
#include "util/strbuf.h"
#include "util/str.h"

bool fs_cmd_parse(struct arena *a, const struct sh_cmd *c, struct fs_cmd *out)
{
	const char *name = sh_cmd_name(c);
	bool opts = true, is_mkdir = str_eq(name, "mkdir"), is_chmod = str_eq(name, "chmod");
	bool want_spec = !is_mkdir;
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	if (!is_mkdir && !is_chmod && strcmp(name, "chown") && strcmp(name, "chgrp"))
		return false;
	out->name = name;
	for (size_t i = 1; i < c->argc; i++) {
		const struct sh_word *w = &c->argv[i];
		const char *t = w->text;

		if (opts && str_eq(t, "--")) {
			opts = false;
			continue;
		}
		/* chmod -x file: a mode, not an option */
		if (opts && t[0] == '-' && t[1] && !(is_chmod && want_spec && strchr("rwxXst", t[1]))) {
			if (t[1] == '-') {
				if (str_eq(t, "--recursive"))
					out->recursive = true;
				else if (!strncmp(t, "--reference", 11))
					want_spec = false;
				else if (is_mkdir && !strncmp(t, "--mode=", 7))
					out->spec = t + 7;
				else if (is_mkdir && str_eq(t, "--mode") && i + 1 < c->argc)
					out->spec = c->argv[++i].text;
				continue;
			}
			if (strchr(t, 'R') && !is_mkdir)
				out->recursive = true;
			if (is_mkdir && strchr(t, 'm')) {
				const char *m = strchr(t, 'm');

				if (m[1])
					out->spec = m + 1;	/* -m755 */
				else if (i + 1 < c->argc)
					out->spec = c->argv[++i].text;
			}
			continue;
		}
		if (want_spec) {
			want_spec = false;
			out->spec = t;
			continue;
		}
		*ARENA_PUSH(a, out->paths, out->npaths, cap) = w;
	}
	return true;
}

const char *sh_cmd_text(struct arena *a, const struct sh_cmd *c, size_t max)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	for (size_t i = 0; i < c->argc; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", c->argv[i].text);
	if (max > 3 && sb.len > max) {
		strbuf_setlen(&sb, max - 3);
		strbuf_addstr(&sb, "...");
	}
	r = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return r;
}
