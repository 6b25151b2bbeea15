/* .gitignore, as far as seaworthy asks it: is this file committed? */
#include "input/discover/gitignore.h"

#include <string.h>

#include "config/config.h"
#include "util/path.h"
#include "util/readfile.h"

int gitignore_verdict(const char *text, size_t len, const char *rel)
{
	char pat[4096];
	int verdict = -1;

	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
		size_t n = (size_t)(e - p);
		bool negate = false;

		while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n && p[0] == '!') {
			negate = true;
			p++;
			n--;
		}
		/* blank lines, comments, and lines too long for any path */
		if (n && p[0] != '#' && n < sizeof(pat) && !memchr(p, '\0', n)) {
			memcpy(pat, p, n);
			pat[n] = '\0';
			if (config_glob_match(pat, rel))
				verdict = !negate;
		}
		p = nl ? nl + 1 : end;
	}
	return verdict;
}

bool git_ignored(struct arena *a, const char *path)
{
	const char *dirs[64], *clean = path_clean(a, path);
	size_t n = 0;
	bool ignored = false;

	for (const char *d = path_dir(a, clean); n < 64;) {
		dirs[n++] = d;
		if (!strcmp(d, ".") || !strcmp(d, "/") || !*d)
			break;
		d = path_dir(a, d);
	}
	while (n--) {
		const char *d = dirs[n], *why;
		/* path relative to d, a folder of it: "a/b/" off "a/b/x.env" */
		size_t len, skip = !strcmp(d, ".") ? 0 : !strcmp(d, "/") ? 1 : strlen(d) + 1;
		char *buf = read_file(a, path_join(a, d, ".gitignore"), &len, &why);
		int v;

		if (buf && (v = gitignore_verdict(buf, len, clean + skip)) >= 0)
			ignored = v;
	}
	return ignored;
}
