/* What an input file is for. */
#include "input/discover/purpose.h"

#include "lexicon/lexicon.h"
#include "util/str.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* s is lower case; the first letter settles most calls cheaply. */
static bool word_is(const char *w, size_t n, const char *s)
{
	return n && tolower((unsigned char)*w) == *s && strlen(s) == n && !strncasecmp(w, s, n);
}

enum purpose purpose_of_word(const char *w, size_t n)
{
	static const char *const dev[] = { "dev", "devel", "development", "local", "debug", "devcontainer",
					   "gitpod", NULL };
	static const char *const test[] = { "test", "tests", "testing", "e2e", "it",
					    "integration", "fixture", "fixtures", "__tests__",
					    NULL };

	char c = n ? (char)tolower((unsigned char)*w) : 0;

	/* This runs for every word of every path: the first letter, lowered
	 * once, rules out most entries. */
	for (size_t k = 0; dev[k]; k++)
		if (c == dev[k][0] && word_is(w, n, dev[k]))
			return PURPOSE_DEVELOPMENT;
	for (size_t k = 0; test[k]; k++)
		if (c == test[k][0] && word_is(w, n, test[k]))
			return PURPOSE_TEST;
	if (word_is(w, n, "ci"))
		return PURPOSE_CI;
	/* Not example or sample: compose.example.yml is often the file users
	 * copy and deploy. */
	if (word_is(w, n, "demo"))
		return PURPOSE_EXAMPLE;
	return PURPOSE_PRODUCTION;
}

bool purpose_name_ships(const char *name)
{
	static const char *const words[] = { "prod", "production", "release", "deploy", "live",
					     NULL };

	for (size_t k = 0; words[k]; k++)
		if (str_has_word(name, words[k]))
			return true;
	return false;
}

/* A folder of the path that says what its files are for. */
static enum purpose of_folder(const char *w, size_t n)
{
	static const struct {
		const char *name;
		enum purpose p;
	} folders[] = {
		{ ".devcontainer", PURPOSE_DEVELOPMENT }, { "devcontainer", PURPOSE_DEVELOPMENT },
		{ "dev", PURPOSE_DEVELOPMENT }, { "development", PURPOSE_DEVELOPMENT },
		{ "devenv", PURPOSE_DEVELOPMENT }, { "tools", PURPOSE_DEVELOPMENT },
		{ "gitpod", PURPOSE_DEVELOPMENT }, { ".gitpod", PURPOSE_DEVELOPMENT },
		{ "test", PURPOSE_TEST }, { "tests", PURPOSE_TEST }, { "testing", PURPOSE_TEST },
		{ "e2e", PURPOSE_TEST }, { "fixtures", PURPOSE_TEST }, { "__tests__", PURPOSE_TEST },
		{ "integration-tests", PURPOSE_TEST }, { "testdata", PURPOSE_TEST },
		{ ".github", PURPOSE_CI }, { ".gitlab", PURPOSE_CI }, { ".circleci", PURPOSE_CI },
		{ ".buildkite", PURPOSE_CI }, { "ci", PURPOSE_CI },
		{ "bench", PURPOSE_TEST }, { "benchmark", PURPOSE_TEST },
		{ "benchmarks", PURPOSE_TEST },
		{ "examples", PURPOSE_EXAMPLE }, { "example", PURPOSE_EXAMPLE },
		{ "samples", PURPOSE_EXAMPLE }, { "contrib", PURPOSE_EXAMPLE },
		{ "docs", PURPOSE_EXAMPLE },
	};

	for (size_t k = 0; k < sizeof(folders) / sizeof(folders[0]); k++)
		if (word_is(w, n, folders[k].name))
			return folders[k].p;
	/* e2e_tests, integration-tests, dev-env: a word of it. */
	for (size_t i = 0; i < n;) {
		size_t m = 0;
		enum purpose p;

		while (i + m < n && !strchr("-_.", w[i + m]))
			m++;
		/* snipe-it, my-local-app: words too common in project names
		 * to say anything of a folder's files */
		if (m && m < n && !word_is(w + i, m, "it") && !word_is(w + i, m, "local") &&
		    (p = purpose_of_word(w + i, m)) != PURPOSE_PRODUCTION)
			return p;
		/* push-examples, code-samples */
		if (m && m < n && (word_is(w + i, m, "examples") || word_is(w + i, m, "samples")))
			return PURPOSE_EXAMPLE;
		i += m + 1;
	}
	return PURPOSE_PRODUCTION;
}

/* The first folder of path[above, end) that says what its files are
 * for, at path + *seg for *seglen bytes. The last answer is kept per
 * thread: a folder's files are asked one after another. */
static enum purpose of_folders(const char *path, size_t above, size_t end, size_t *seg,
			       size_t *seglen)
{
	static _Thread_local struct {
		char dir[512];
		size_t len, above, seg, seglen;
		enum purpose p;
	} last;
	enum purpose p = PURPOSE_PRODUCTION;

	if (last.len && last.len == end && last.above == above && !memcmp(last.dir, path, end)) {
		*seg = last.seg;
		*seglen = last.seglen;
		return last.p;
	}
	for (size_t i = above; i < end;) {
		size_t n = strcspn(path + i, "/");

		if (i + n > end)
			n = end - i;
		if ((p = of_folder(path + i, n)) != PURPOSE_PRODUCTION) {
			*seg = i;
			*seglen = n;
			break;
		}
		i += n + 1;
	}
	if (end < sizeof(last.dir)) {
		memcpy(last.dir, path, end);
		last.len = end;
		last.above = above;
		last.seg = *seg;
		last.seglen = *seglen;
		last.p = p;
	}
	return p;
}

/* The words of a file name, split on . - _ (Dockerfile.test, compose.ci.yml,
 * docker-compose-dev.yml, Dockerfile_e2e). */
static enum purpose of_name(const char *name)
{
	for (const char *p = name; *p;) {
		size_t n = strcspn(p, ".-_");
		enum purpose u = n ? purpose_of_word(p, n) : PURPOSE_PRODUCTION;

		/* builder.Dockerfile, Dockerfile.builder: an image that makes
		 * build outputs, run by a pipeline, not deployed */
		if (word_is(p, n, "builder"))
			u = PURPOSE_CI;
		/* docker-compose.build.yml, Dockerfile.build: builds from
		 * source on a developer's machine, beside the file that
		 * deploys the published images (not build.sh, a release's) */
		else if (word_is(p, n, "build") &&
			 (strcasestr(name, "compose") || strcasestr(name, "dockerfile") ||
			  strcasestr(name, "containerfile")))
			u = PURPOSE_DEVELOPMENT;
		if (u != PURPOSE_PRODUCTION)
			return u;
		p += n;
		p += strspn(p, ".-_");
	}
	return PURPOSE_PRODUCTION;
}

/* The first comment lines: "# for development only", "# used for testing". */
static enum purpose of_header(const char *text, size_t len)
{
	static const struct {
		const char *phrase;
		enum purpose p;
	} phrases[] = {
		{ "for development", PURPOSE_DEVELOPMENT }, { "development only", PURPOSE_DEVELOPMENT },
		{ "local development", PURPOSE_DEVELOPMENT }, { "not for production", PURPOSE_DEVELOPMENT },
		{ "for testing", PURPOSE_TEST }, { "test only", PURPOSE_TEST },
		{ "for tests", PURPOSE_TEST }, { "for ci", PURPOSE_CI },
		{ "not suitable for production", PURPOSE_DEVELOPMENT },
		{ "for developers", PURPOSE_DEVELOPMENT },
		/* an image that builds packages, not a service */
		{ "image for building", PURPOSE_CI },
	};
	const char *p = text, *end = text + len;

	for (int lines = 0; p && p < end && lines < 8; lines++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		char buf[256];
		size_t n;

		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p < e && *p == '#') {
			n = (size_t)(e - p) < sizeof(buf) - 1 ? (size_t)(e - p) : sizeof(buf) - 1;
			for (size_t k = 0; k < n; k++)
				buf[k] = (char)tolower((unsigned char)p[k]);
			buf[n] = '\0';
			/* Every phrase holds one of these: most comments hold none. */
			if (!strstr(buf, "for") && !strstr(buf, "only") && !strstr(buf, "develop")) {
				p = nl ? nl + 1 : NULL;
				continue;
			}
			for (size_t k = 0; k < sizeof(phrases) / sizeof(phrases[0]); k++)
				if (strstr(buf, phrases[k].phrase))
					return phrases[k].p;
		} else if (p < e && strncmp(p, "---", 3)) {
			break;	/* the first line that is not a comment ends it */
		}
		p = nl ? nl + 1 : NULL;
	}
	return PURPOSE_PRODUCTION;
}

enum purpose purpose_of_file(struct arena *a, const struct config *cfg, const char *path,
			     const char *text, size_t len, const char **why)
{
	return purpose_of_file_under(a, cfg, path, 0, text, len, why);
}

enum purpose purpose_of_file_under(struct arena *a, const struct config *cfg, const char *path,
				   size_t above, const char *text, size_t len, const char **why)
{
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
	enum purpose p;

	for (int k = 0; cfg && k < PURPOSE_N; k++)
		if (config_path_match(cfg, &cfg->purposes[k], path)) {
			*why = arena_printf(a, "%s: in .seaworthy.yaml", purpose_name((enum purpose)k));
			return (enum purpose)k;
		}
	if (slash) {
		size_t seg = 0, seglen = 0;

		if ((p = of_folders(path, above, (size_t)(slash - path), &seg, &seglen)) !=
		    PURPOSE_PRODUCTION) {
			*why = arena_printf(a, "in %.*s/", (int)seglen, path + seg);
			return p;
		}
	}
	if ((p = of_name(name)) != PURPOSE_PRODUCTION) {
		*why = "its name";
		return p;
	}
	if (text && (p = of_header(text, len)) != PURPOSE_PRODUCTION) {
		*why = "its first comment";
		return p;
	}
	*why = NULL;
	return PURPOSE_PRODUCTION;
}

/* A demo word in s[0..n) as a word of its own. */
static bool has_demo_word(const char *s, size_t n, bool after_is_a)
{
	for (size_t i = 0; i < n;) {
		size_t m = 0;

		while (i < n && !isalpha((unsigned char)s[i]))
			i++;
		while (i + m < n && isalpha((unsigned char)s[i + m]))
			m++;
		if (m && (!after_is_a || (i >= 5 && !strncasecmp(s + i - 5, "is a ", 5)) ||
			  (i >= 6 && !strncasecmp(s + i - 6, "is an ", 6))))
			for (const char *const *w = lex_demo_words.words; *w; w++)
				if (word_is(s + i, m, *w))
					return true;
		i += m;
	}
	return false;
}

enum purpose purpose_of_readme(const char *text, size_t len, const char **why)
{
	const char *p = text, *end = text + len;
	bool title_seen = false;

	*why = NULL;
	for (int lines = 0; p < end && lines < 40; lines++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
		size_t n = (size_t)(e - p);

		while (n && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		/* badges, images and HTML come before the title in many READMEs */
		if (!n || *p == '!' || *p == '<' || *p == '[') {
			p = nl ? nl + 1 : end;
			continue;
		}
		if (!title_seen) {
			title_seen = true;
			if (has_demo_word(p, n, false)) {
				*why = "title";
				return PURPOSE_EXAMPLE;
			}
		} else if (*p != '#' && *p != '=' && *p != '-') {
			if (has_demo_word(p, n, true)) {
				*why = "first paragraph";
				return PURPOSE_EXAMPLE;
			}
			break;	/* only the first paragraph line */
		}
		p = nl ? nl + 1 : end;
	}
	return PURPOSE_PRODUCTION;
}

/* The words of a heading, as of_folder reads a folder's: "it" and "local"
 * are too common in prose to say anything. */
static enum purpose of_heading(const char *h, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t m = 0;
		enum purpose p;

		while (i < n && !isalnum((unsigned char)h[i]))
			i++;
		while (i + m < n && isalnum((unsigned char)h[i + m]))
			m++;
		if (m && !word_is(h + i, m, "it") && !word_is(h + i, m, "local") &&
		    (p = purpose_of_word(h + i, m)) != PURPOSE_PRODUCTION)
			return p;
		/* "Development mode", "For developers", "Running tests" */
		if (m && (word_is(h + i, m, "developers") || word_is(h + i, m, "developer") ||
			  word_is(h + i, m, "contributing")))
			return PURPOSE_DEVELOPMENT;
		i += m;
	}
	return PURPOSE_PRODUCTION;
}

enum purpose purpose_of_section(const char *text, size_t len, unsigned line, const char **why)
{
	const char *p = text, *end = text + len, *head = NULL;
	size_t headlen = 0;
	bool fenced = false;
	enum purpose pu = PURPOSE_PRODUCTION;

	*why = NULL;
	for (unsigned l = 1; p && p < end && l < line; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
		const char *q = p;

		while (q < e && q - p < 4 && *q == ' ')
			q++;
		if (e - q >= 3 && (!strncmp(q, "```", 3) || !strncmp(q, "~~~", 3)))
			fenced = !fenced;
		else if (!fenced && q < e && *q == '#') {
			head = q;
			headlen = (size_t)(e - q);
		}
		p = nl ? nl + 1 : NULL;
	}
	if (head && (pu = of_heading(head, headlen)) != PURPOSE_PRODUCTION)
		*why = "its section's heading";
	return pu;
}
