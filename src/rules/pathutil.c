#include "rules/pathutil.h"

#include <string.h>

#include "util/strbuf.h"
#include "util/str.h"

const char *path_resolve(struct arena *a, const char *cwd, const char *p)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s, *r;

	if (!p)
		p = "";
	if (p[0] != '/') {
		strbuf_addstr(&sb, cwd && cwd[0] == '/' ? cwd : "/");
		strbuf_addch(&sb, '/');
	}
	strbuf_addstr(&sb, p);

	/* Fold in place: out never runs ahead of the reader. */
	{
		char *buf = sb.buf;
		size_t out = 0;

		s = sb.buf;
		while (*s) {
			const char *e;
			size_t n;

			while (*s == '/')
				s++;
			if (!*s)
				break;
			e = strchr(s, '/');
			n = e ? (size_t)(e - s) : strlen(s);
			if (n == 1 && s[0] == '.') {
				/* nothing */
			} else if (n == 2 && s[0] == '.' && s[1] == '.') {
				while (out > 0 && buf[out - 1] != '/')
					out--;
				if (out > 0)
					out--;	/* the slash before it */
			} else {
				buf[out++] = '/';
				memmove(buf + out, s, n);
				out += n;
			}
			s += n;
		}
		if (!out)
			buf[out++] = '/';
		buf[out] = '\0';
		r = arena_strndup(a, buf, out);
	}
	strbuf_release(&sb);
	return r;
}

bool path_within(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	if (str_eq(dir, "/"))
		return p[0] == '/';
	return !strncmp(p, dir, n) && (p[n] == '\0' || p[n] == '/');
}

const char *path_base(struct arena *a, const char *p)
{
	size_t n = strlen(p);
	const char *s;

	while (n > 1 && p[n - 1] == '/')
		n--;
	for (s = p + n; s > p && s[-1] != '/'; s--)
		;
	return arena_strndup(a, s, (size_t)(p + n - s));
}

bool path_has_glob(const char *p)
{
	return strpbrk(p, "*?[") != NULL;
}

const char *run_cwd(struct arena *a, const struct m_instr *in, size_t idx)
{
	const char *cwd = in->workdir ? in->workdir : "/";
	unsigned depth;

	if (idx >= in->sh.ncmds)
		return cwd;
	depth = in->sh.cmds[idx].depth;
	for (size_t i = 0; i < idx; i++) {
		const struct sh_cmd *c = &in->sh.cmds[i];

		if (c->depth != depth || strcmp(sh_cmd_name(c), "cd"))
			continue;
		/* `cd $DIR` leaves us unsure: keep the last known directory. */
		if (c->argc == 2 && !c->argv[1].has_subst && c->argv[1].text[0] != '-')
			cwd = path_resolve(a, cwd, c->argv[1].text);
	}
	return cwd;
}

size_t stage_chain(const struct m_stage *s, const struct m_stage **out, size_t max)
{
	size_t n = 0;

	/* Base stages always come earlier in the file, so this ends. */
	for (const struct m_stage *t = s; t && n < max; t = t->base_stage)
		n++;
	for (size_t i = n; i > 0; i--) {
		out[i - 1] = s;
		s = s->base_stage;
	}
	return n;
}

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
