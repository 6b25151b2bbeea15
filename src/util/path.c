#include "util/path.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

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

static char cwd[4096];

static void read_cwd(void)
{
	if (!getcwd(cwd, sizeof(cwd)))
		cwd[0] = '\0';
}

const char *display_path(struct arena *a, const char *path)
{
	/* Once, whichever thread asks first: check works in parallel. */
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	size_t cl;

	while (path[0] == '.' && path[1] == '/' && path[2])
		for (path += 2; *path == '/'; path++)
			;
	if (path[0] != '/')
		return path;
	/* Absolute paths under the current directory are printed relative. */
	pthread_once(&once, read_cwd);
	if (!cwd[0])
		return path;
	cl = strlen(cwd);
	if (!strncmp(path, cwd, cl) && path[cl] == '/' && path[cl + 1])
		return arena_strdup(a, path + cl + 1);
	return path;
}
