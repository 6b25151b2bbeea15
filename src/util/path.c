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

/* The working directory, read once whichever thread asks first (check
 * works in parallel); "" when unknown. It never changes during a run. */
static const char *work_dir(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, read_cwd);
	return cwd;
}

const char *display_path(struct arena *a, const char *path)
{
	size_t cl;

	while (path[0] == '.' && path[1] == '/' && path[2])
		for (path += 2; *path == '/'; path++)
			;
	if (path[0] != '/')
		return path;
	/* Absolute paths under the current directory are printed relative. */
	if (!*work_dir())
		return path;
	cl = strlen(cwd);
	if (!strncmp(path, cwd, cl) && path[cl] == '/' && path[cl + 1])
		return arena_strdup(a, path + cl + 1);
	return path;
}

/* Lexically cleans a path like Go's filepath.Clean, but relative paths stay
 * relative ("." for empty) and keep their leading "../". */
const char *path_clean(struct arena *a, const char *p)
{
	bool abs = p[0] == '/';
	size_t len = strlen(p);
	char *out = arena_alloc(a, len + 2);
	size_t o = 0, dotdot = 0;	/* out[0..dotdot) is "../../" that can't go */

	if (abs)
		out[o++] = '/', dotdot = 1;
	for (const char *s = p; *s;) {
		const char *e;
		size_t n;

		while (*s == '/')
			s++;
		if (!*s)
			break;
		e = strchr(s, '/');
		n = e ? (size_t)(e - s) : strlen(s);
		if (n == 1 && s[0] == '.') {
			/* skip */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (o > dotdot) {
				while (o > dotdot && out[o - 1] != '/')
					o--;
				if (o > dotdot)
					o--;	/* the slash before the element */
				else if (!abs && o > 0)
					o--;
			} else if (!abs) {
				if (o)
					out[o++] = '/';
				memcpy(out + o, "..", 2);
				o += 2;
				dotdot = o;
			}
		} else {
			if (o && out[o - 1] != '/')
				out[o++] = '/';
			memcpy(out + o, s, n);
			o += n;
		}
		s += n;
	}
	if (!o)
		out[o++] = '.';
	out[o] = 0;
	return out;
}

/* dir/rel, cleaned; rel when it is absolute. */
const char *path_join(struct arena *a, const char *dir, const char *rel)
{
	if (rel[0] == '/' || !dir || str_eq(dir, "."))
		return path_clean(a, rel);
	return path_clean(a, arena_path_join(a, dir, rel));
}

const char *path_dir(struct arena *a, const char *p)
{
	const char *slash = strrchr(p, '/');

	if (!slash)
		return ".";
	if (slash == p)
		return "/";
	return arena_strndup(a, p, (size_t)(slash - p));
}

const char *path_last(const char *p)
{
	const char *slash = strrchr(p, '/');

	return slash ? slash + 1 : p;
}

const char *display_dir(struct arena *a, const char *dir)
{
	if (dir[0] != '/')
		return display_path(a, dir);
	if (*work_dir() && !strcmp(path_clean(a, work_dir()), dir))
		return ".";
	return display_path(a, dir);
}
