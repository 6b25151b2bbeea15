/* Variable expansion against BuildKit's own test vectors (envVarTest,
 * wordsTest) and a few cases of ours: patterns, backtick escapes, the
 * on_ref callback and depth limits. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"
#include "input/dockerfile/expand.h"
#include "util/arena.h"
#include "util/strbuf.h"

#define MAX_VARS 64

struct test_env {
	const char *name[MAX_VARS], *value[MAX_VARS];
	size_t n;
};

/* Later definitions win, as BuildKit's BuildEnvs overwrites. */
static const char *env_lookup(void *ctx, const char *name, size_t len)
{
	struct test_env *e = ctx;

	for (size_t i = e->n; i-- > 0;)
		if (strlen(e->name[i]) == len && !memcmp(e->name[i], name, len))
			return e->value[i];
	return NULL;
}

/* "name=value" (or just "name": set, empty), copied into the arena. */
static void env_set(struct test_env *e, struct arena *a, const char *def)
{
	const char *eq = strchr(def, '=');

	if (e->n == MAX_VARS)
		return;
	e->name[e->n] = arena_strndup(a, def, eq ? (size_t)(eq - def) : strlen(def));
	e->value[e->n] = arena_strdup(a, eq ? eq + 1 : "");
	e->n++;
}

static char *read_file(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb, NULL);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* strings.TrimSpace (ASCII is all the vectors need), into the arena. */
static char *trim(struct arena *a, const char *s, size_t n)
{
	while (n && is_blank(*s))
		s++, n--;
	while (n && is_blank(s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

static char *vector_path(struct arena *a, const char *name)
{
	const char *dir = unit_shared_dir();

	return dir ? arena_printf(a, "%s/conformance/buildkit/shell/%s", dir, name) : NULL;
}

UNIT_TEST(expand_envvartest)
{
	struct arena a = ARENA_INIT;
	struct test_env e = { .n = 0 };
	struct expand_env env = { env_lookup, NULL, &e };
	char *path = vector_path(&a, "envVarTest"), *text, *line, *nl;
	int lineno = 0, ran = 0;

	if (!path || !(text = read_file(path))) {
		unit_skip("shared/conformance/buildkit/shell/envVarTest not found (set SW_SHARED)");
		arena_release(&a);
		return;
	}
	env_set(&e, &a, "PWD=/home");
	env_set(&e, &a, "SHELL=bash");
	env_set(&e, &a, "KOREAN=한국어");
	env_set(&e, &a, "NULL=");
	for (line = text; *line; line = nl) {
		size_t len;
		char *t, *p1, *p2, *plat, *in, *want, *got;
		const char *err = NULL;
		int ret;

		nl = strchr(line, '\n');
		len = nl ? (size_t)(nl - line) : strlen(line);
		nl = nl ? nl + 1 : line + len;
		lineno++;
		if (*line == '#')
			continue;
		t = trim(&a, line, len);
		if (!*t)
			continue;
		p1 = strchr(t, '|');
		p2 = p1 ? strchr(p1 + 1, '|') : NULL;
		if (!p2 || strchr(p2 + 1, '|')) {
			unit_fail(__FILE__, __LINE__, "envVarTest:%d: malformed line", lineno);
			continue;
		}
		plat = trim(&a, t, (size_t)(p1 - t));
		in = trim(&a, p1 + 1, (size_t)(p2 - p1 - 1));
		want = trim(&a, p2 + 1, strlen(p2 + 1));
		if (strcmp(plat, "A") && strcmp(plat, "U"))
			continue;
		ran++;
		ret = expand_word(&a, in, strlen(in), '\\', &env, &got, &err);
		if (!strcmp(want, "error")) {
			if (!ret)
				unit_fail(__FILE__, __LINE__, "envVarTest:%d: %s: want error, got \"%s\"",
					  lineno, in, got);
			else if (!err)
				unit_fail(__FILE__, __LINE__, "envVarTest:%d: %s: error without message",
					  lineno, in);
		} else if (ret) {
			unit_fail(__FILE__, __LINE__, "envVarTest:%d: %s: want \"%s\", got error: %s",
				  lineno, in, want, err ? err : "(null)");
		} else if (strcmp(got, want)) {
			unit_fail(__FILE__, __LINE__, "envVarTest:%d: %s: want \"%s\", got \"%s\"",
				  lineno, in, want, got);
		}
	}
	if (!ran)
		unit_fail(__FILE__, __LINE__, "envVarTest: no A or U lines");
	free(text);
	arena_release(&a);
}

UNIT_TEST(expand_wordstest)
{
	struct arena a = ARENA_INIT;
	struct test_env e = { .n = 0 };
	struct expand_env env = { env_lookup, NULL, &e };
	char *path = vector_path(&a, "wordsTest"), *text, *line, *nl;
	int lineno = 0, ran = 0;

	if (!path || !(text = read_file(path))) {
		unit_skip("shared/conformance/buildkit/shell/wordsTest not found (set SW_SHARED)");
		arena_release(&a);
		return;
	}
	for (line = text; *line; line = nl) {
		struct strbuf got = STRBUF_INIT;
		size_t len, nwords;
		char *l, *bar, *in, *want, **words;
		const char *err = NULL;

		nl = strchr(line, '\n');
		len = nl ? (size_t)(nl - line) : strlen(line);
		nl = nl ? nl + 1 : line + len;
		lineno++;
		l = arena_strndup(&a, line, len);
		if (*l == '#' || !*trim(&a, l, len))
			continue;
		if (!strncmp(l, "ENV ", 4)) {
			/* Trailing spaces in the value are significant. */
			l += 3;
			while (*l == ' ')
				l++;
			env_set(&e, &a, l);
			continue;
		}
		bar = strchr(l, '|');
		if (!bar || strchr(bar + 1, '|')) {
			unit_fail(__FILE__, __LINE__, "wordsTest:%d: malformed line", lineno);
			continue;
		}
		in = trim(&a, l, (size_t)(bar - l));
		for (want = bar + 1; *want == ' '; want++)
			;
		ran++;
		/* Joined with ',' as the file writes them; an error is "error". */
		if (expand_words(&a, in, strlen(in), '\\', &env, &words, &nwords, &err)) {
			strbuf_addstr(&got, "error");
		} else {
			for (size_t i = 0; i < nwords; i++) {
				if (i)
					strbuf_addch(&got, ',');
				strbuf_addstr(&got, words[i]);
			}
			if (words[nwords])
				unit_fail(__FILE__, __LINE__, "wordsTest:%d: words not NULL-terminated",
					  lineno);
		}
		if (strcmp(got.buf, want))
			unit_fail(__FILE__, __LINE__, "wordsTest:%d: %s: want \"%s\", got \"%s\"",
				  lineno, in, want, got.buf);
		strbuf_release(&got);
	}
	if (!ran)
		unit_fail(__FILE__, __LINE__, "wordsTest: no test lines");
	free(text);
	arena_release(&a);
}

struct case_ {
	const char *env;	/* "A=1;B=2" */
	const char *in, *want;	/* want NULL: must fail */
};

static void run_cases(const struct case_ *c, size_t n, char escape)
{
	for (size_t i = 0; i < n; i++) {
		struct arena a = ARENA_INIT;
		struct test_env e = { .n = 0 };
		struct expand_env env = { env_lookup, NULL, &e };
		const char *s = c[i].env, *err = NULL;
		char *got = NULL;
		int ret;

		while (s && *s) {
			const char *semi = strchr(s, ';');
			size_t len = semi ? (size_t)(semi - s) : strlen(s);

			env_set(&e, &a, arena_strndup(&a, s, len));
			s += len + (semi ? 1 : 0);
		}
		ret = expand_word(&a, c[i].in, strlen(c[i].in), escape, &env, &got, &err);
		if (!c[i].want && !ret)
			unit_fail(__FILE__, __LINE__, "%s: want error, got \"%s\"", c[i].in, got);
		else if (c[i].want && ret)
			unit_fail(__FILE__, __LINE__, "%s: want \"%s\", got error: %s",
				  c[i].in, c[i].want, err);
		else if (c[i].want && strcmp(got, c[i].want))
			unit_fail(__FILE__, __LINE__, "%s: want \"%s\", got \"%s\"",
				  c[i].in, c[i].want, got);
		arena_release(&a);
	}
}

/* From BuildKit's lex_test.go (TestProcessWithMatches and friends). */
UNIT_TEST(expand_patterns)
{
	static const struct case_ cases[] = {
		{ "FOO=xxx;BAR=", "${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", "xxx  ccc" },
		{ "FOO=xxx;BAR=", "${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", "xxx bbb ccc" },
		{ "FOO=xxx;BAR=", "${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", "aaa bbb " },
		{ "FOO=xxx;BAR=", "${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", "aaa  " },
		{ "FOO=xxx;BAR=", "${BAR?bbb}", "" },
		{ "FOO=xxx;BAR=", "${BAZ?ccc}", NULL },
		{ "FOO=xxx;BAR=", "${BAR:?bbb}", NULL },
		{ "FOO=xxx;BAR=", "${FOO=aaa}", NULL },
		{ "FOO=xxx;BAR=", "${FOO=:aaa}", NULL },
		{ "FOO=()[]{}^$.*?|\\x", "${FOO#()[]{\\}^$.\\*\\?|\\\\}", "x" },
		{ "FOO=xx**", "${FOO%%\\**}", "xx" },
		{ "FOO=xxyy", "${FOO#*x*y}", "y" },
		{ "FOO=xxyy", "${FOO#*}", "xxyy" },
		{ "FOO=xxyy;BAR=x", "${FOO#$BAR}", "xyy" },
		{ "FOO=xxyy;BAR=", "${FOO#$BAR}", "xxyy" },
		{ "FOO=xxyy", "${FOO#}", "xxyy" },
		{ "FOO=xxyy", "${FOO##*x}", "yy" },
		{ "FOO=xxyy", "${FOO##}", "xxyy" },
		{ "FOO=???y", "${FOO#?\\?}", "?y" },
		{ "FOO=xxyy", "${ABC:-.}${FOO%x}${ABC:-.}", ".xxyy." },
		{ "FOO=a***yy*", "${FOO%%\\**\\*}", "a" },
		{ "FOO=xxyy", "${FOO%}", "xxyy" },
		{ "FOO=xxyy;BAR=", "${FOO%%$BAR}", "xxyy" },
		{ "FOO=/foo*/*/*.txt;NEEDLE=\\*/", "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
		  "/foo.*/*.txt - /foo..*.txt" },
		{ "FOO=/tmp/tmp/bar.txt;NEEDLE=/tmp", "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}",
		  "/tmp/bar.txt - /bar.txt" },
		{ "FOO=/a/foo/b/c.txt;NEEDLE=/?/;REPLACEMENT=/",
		  "${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
		  "/foo/b/c.txt - /foo/c.txt" },
		{ "FOO=http://google.de;NEEDLE=http://;REPLACEMENT=https://",
		  "${FOO/$NEEDLE/$REPLACEMENT}", "https://google.de" },
		{ "FOO=/tmp/foo.txt", "${FOO//\\//\\/}", "\\/tmp\\/foo.txt" },
		{ "FOO=xxyy;BAR=", "${FOO/$BAR/ww}", "wwxxyy" },
		{ "FOO=xxyy", "${FOO//ww}", NULL },
		{ "FOO=xxyy", "${FOO//}", NULL },
		{ "FOO=xxyy", "${FOO///}", "xxyy" },
		{ "", "${FOO///}", "" },
		{ "VAR=plain;ARG=x", "${VAR:?message here$ARG}", "plain" },
		{ "VAR=;ARG=x", "${VAR?message here$ARG}", "" },
		{ "TARGETOS=linux;TARGETARCH=arm;TARGETVARIANT=v7",
		  "x-${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tgz",
		  "x-linux-arm-v7.tgz" },
		/* Ours. Brackets are literal: BuildKit escapes them. */
		{ "FOO=[a]b", "${FOO#[a]}", "b" },
		{ "FOO=ab", "${FOO#[a]}", "ab" },
		/* Go's '.' stops at newlines. */
		{ "FOO=a\nb", "${FOO##*}", "\nb" },
		{ "FOO=a\nb", "${FOO%%*}", "a\n" },
		{ "FOO=a.b.c", "${FOO%.*}", "a.b" },
		{ "FOO=a.b.c", "${FOO%%.*}", "a" },
		{ "FOO=a.b.c", "${FOO#*.}", "b.c" },
		{ "FOO=a.b.c", "${FOO##*.}", "c" },
		/* ':' before # and % is accepted and ignored. */
		{ "FOO=a.b.c", "${FOO:#*.}", "b.c" },
		/* // goes through regexp.Expand: $0 is the match, $$ a '$'. */
		{ "FOO=foo", "${FOO//o/'[$0]'}", "f[o][o]" },
		{ "FOO=foo", "${FOO//o/'${0}$$$1$x'}", "fo$o$" },
		{ "FOO=foo", "${FOO/o/'[$0]'}", "f[$0]o" },
		{ "FOO=abc", "${FOO///-}", "-a-b-c-" },
		{ "FOO=abc", "${FOO//*/-}", "-" },
		{ "FOO=abc", "${FOO//x*/-}", "abc" },
		{ "FOO=abc", "${FOO//b*/-}", "a-" },
		{ "FOO=abc", "${FOO#\\x}", NULL },
		{ "FOO=abc", "${FOO%\\x}", NULL },
		{ "FOO=abc", "${FOO/\\x/y}", NULL },
		{ "FOO=a}b", "${FOO/\\}/-}", "a-b" },
		{ "FOO=a}b", "${FOO%\\}b}", "a" },
		{ "", "${#PWD}", NULL },
		{ "", "${a:}", NULL },
		{ "", "${a:}}", NULL },
		{ "a=1", "${a:-'x y'}${b:-\"$a z\"}", "11 z" },
		{ "", "$", "$" },
		{ "", "$ x", "$ x" },
		{ "", "${", NULL },
	};

	run_cases(cases, sizeof(cases) / sizeof(*cases), '\\');
}

UNIT_TEST(expand_backtick_escape)
{
	static const struct case_ cases[] = {
		{ "b=B", "a`$b", "a$b" },
		{ "X=foo", "C:\\path\\$X", "C:\\path\\foo" },
		{ "X=foo", "\"C:\\${X}\"", "C:\\foo" },
		{ "", "\"a`\"b\"", "a\"b" },
		{ "", "\"a\\\"", "a\\" },
		{ "", "\"a``b\"", "a`b" },
		{ "", "\"a`b\"", "a`b" },
		{ "", "a`", "a" },
		{ "", "a` b", "a b" },
		{ "", "'a`b'", "a`b" },
	};

	run_cases(cases, sizeof(cases) / sizeof(*cases), '`');
}

struct refs {
	struct test_env *env;
	struct strbuf log;
};

static const char *refs_lookup(void *ctx, const char *name, size_t len)
{
	return env_lookup(((struct refs *)ctx)->env, name, len);
}

static void refs_on_ref(void *ctx, const char *name, size_t len, bool set)
{
	struct refs *r = ctx;

	strbuf_addf(&r->log, "%.*s=%d ", (int)len, name, set);
}

UNIT_TEST(expand_on_ref)
{
	struct arena a = ARENA_INIT;
	struct test_env e = { .n = 0 };
	struct refs r = { &e, STRBUF_INIT };
	struct expand_env env = { refs_lookup, refs_on_ref, &r };
	const char *err = NULL, *s = "$A${B:-${C}}'$D'\"$E\"$1";
	char *out = NULL;

	env_set(&e, &a, "A=a");
	env_set(&e, &a, "C=");
	CHECK(!expand_word(&a, s, strlen(s), '\\', &env, &out, &err));
	CHECK_STR(out, "a$D");
	/* Inner references come first: the default is expanded before B. */
	CHECK_STR(r.log.buf, "A=1 C=1 B=0 E=0 1=0 ");
	strbuf_release(&r.log);
	arena_release(&a);
}

static char *nested(struct arena *a, int depth)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	for (int i = 0; i < depth; i++)
		strbuf_addstr(&sb, i % 2 ? "\"${v:-" : "${v:-");
	strbuf_addch(&sb, 'x');
	for (int i = depth; i-- > 0;)
		strbuf_addstr(&sb, i % 2 ? "}\"" : "}");
	s = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return s;
}

UNIT_TEST(expand_depth_limit)
{
	struct arena a = ARENA_INIT;
	struct expand_env env = { NULL, NULL, NULL };
	const char *err = NULL;
	char *out = NULL, *s, **words;
	size_t n;

	s = nested(&a, 40);
	CHECK(!expand_word(&a, s, strlen(s), '\\', &env, &out, &err));
	CHECK_STR(out, "x");

	s = nested(&a, 100000);
	CHECK(expand_word(&a, s, strlen(s), '\\', &env, &out, &err) == -1);
	CHECK(out == NULL);
	CHECK(err && strstr(err, "nested too deeply"));
	CHECK(expand_words(&a, s, strlen(s), '\\', &env, &words, &n, &err) == -1);
	CHECK(words == NULL && n == 0);

	/* Cut short, it's BuildKit's missing brace from the outermost level. */
	s = nested(&a, 30);
	*strchr(s, 'x') = '\0';
	CHECK(expand_word(&a, s, strlen(s), '\\', &env, &out, &err) == -1);
	CHECK(err && strstr(err, ": syntax error: missing '}'"));
	arena_release(&a);
}

/* ${v//x/${v//x/...}} grows exponentially; it must fail, not eat memory. */
UNIT_TEST(expand_budget)
{
	struct arena a = ARENA_INIT;
	struct test_env e = { .n = 0 };
	struct expand_env env = { env_lookup, NULL, &e };
	struct strbuf sb = STRBUF_INIT;
	const char *err = NULL;
	char *out = NULL;

	env_set(&e, &a, "a=0123456789");
	for (int i = 0; i < 10; i++)
		strbuf_addstr(&sb, "${a///");
	strbuf_addch(&sb, 'x');
	for (int i = 0; i < 10; i++)
		strbuf_addch(&sb, '}');
	CHECK(expand_word(&a, sb.buf, sb.len, '\\', &env, &out, &err) == -1);
	CHECK(err && strstr(err, "expansion too large"));
	/* Two levels are fine: 11 * 11 insertions. */
	CHECK(!expand_word(&a, "${a///${a///x}}", 15, '\\', &env, &out, &err));
	CHECK(out && strlen(out) == 10 + 11 * 21);
	strbuf_release(&sb);
	arena_release(&a);
}

UNIT_TEST(expand_errors)
{
	struct arena a = ARENA_INIT;
	struct test_env e = { .n = 0 };
	struct expand_env env = { env_lookup, NULL, &e };
	const char *err = NULL;
	char *out;

	env_set(&e, &a, "N=");
	CHECK(expand_word(&a, "a${x:?boom}", 11, '\\', &env, &out, &err) == -1);
	CHECK_STR(err, "failed to process \"a${x:?boom}\": x: boom");
	CHECK(expand_word(&a, "${N:?}", 6, '\\', &env, &out, &err) == -1);
	CHECK_STR(err, "failed to process \"${N:?}\": N: is not allowed to be empty");
	CHECK(expand_word(&a, "${x?}", 5, '\\', &env, &out, &err) == -1);
	CHECK_STR(err, "failed to process \"${x?}\": x: is not allowed to be unset");
	CHECK(expand_word(&a, "${x:=y}", 7, '\\', &env, &out, &err) == -1);
	CHECK_STR(err, "failed to process \"${x:=y}\": unsupported modifier (:=) in substitution");
	CHECK(expand_word(&a, "${}", 3, '\\', &env, &out, &err) == -1);
	CHECK_STR(err, "failed to process \"${}\": syntax error: bad substitution");
	CHECK(expand_word(&a, "${x:-'a", 7, '\\', &env, &out, &err) == -1);
	CHECK_STR(err, "failed to process \"${x:-'a\": syntax error: missing '}'");
	CHECK(expand_word(&a, "'a\t", 3, '\\', &env, &out, &err) == -1);
	CHECK_STR(err, "failed to process \"'a\\t\": unexpected end of statement while looking for matching single-quote");
	CHECK(expand_word(&a, "${x/a", 5, '\\', &env, &out, &err) == -1);
	CHECK_STR(err, "failed to process \"${x/a\": syntax error: missing '/' in ${}");
	CHECK(expand_word(&a, "${x%a\\b}", 8, '\\', &env, &out, &err) == -1);
	CHECK_STR(err, "failed to process \"${x%a\\\\b}\": invalid pattern (\\ba) in substitution: invalid escape '\\b'");
	arena_release(&a);
}

/* Bad UTF-8 reads as U+FFFD (as Go's scanner), a leading BOM is dropped,
 * and embedded NULs are just characters. */
UNIT_TEST(expand_bytes)
{
	struct arena a = ARENA_INIT;
	struct expand_env env = { NULL, NULL, NULL };
	const char *err = NULL;
	char *out = NULL;

	CHECK(!expand_word(&a, "a\xff" "b", 3, '\\', &env, &out, &err));
	CHECK_STR(out, "a\xef\xbf\xbd" "b");
	CHECK(!expand_word(&a, "\xef\xbb\xbf" "x\xef\xbb\xbf", 7, '\\', &env, &out, &err));
	CHECK_STR(out, "x\xef\xbb\xbf");
	CHECK(!expand_word(&a, "a\0b", 3, '\\', &env, &out, &err));
	CHECK(out && !memcmp(out, "a\0b", 4));
	arena_release(&a);
}

/* Random soup of the characters that matter: never crash, always answer. */
UNIT_TEST(expand_robust)
{
	static const char alpha[] = "${}:-+?#%/\\'\"`aZ1 *@.\n\xc3\xa9\xff";
	struct arena a = ARENA_INIT;
	struct test_env e = { .n = 0 };
	struct expand_env env = { env_lookup, NULL, &e };
	uint32_t seed = 12345;
	char buf[48];

	env_set(&e, &a, "a=a*b?c\\*");
	env_set(&e, &a, "Z=$0 $$ ${0}");
	env_set(&e, &a, "1=one");
	for (int iter = 0; iter < 30000; iter++) {
		size_t len, n = 0;
		const char *err = NULL;
		char *out = NULL, **words = NULL;
		int r1, r2;

		seed = seed * 1103515245u + 12345u;
		len = (seed >> 16) % sizeof(buf);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = alpha[(seed >> 16) % (sizeof(alpha) - 1)];
		}
		r1 = expand_word(&a, buf, len, iter % 2 ? '`' : '\\', &env, &out, &err);
		CHECK(r1 == 0 ? out != NULL : out == NULL && err != NULL);
		r2 = expand_words(&a, buf, len, iter % 2 ? '`' : '\\', &env, &words, &n, &err);
		CHECK(r1 == r2);
		CHECK(r2 == 0 ? words != NULL && words[n] == NULL : words == NULL);
		if (a.used_total > (8u << 20)) {
			arena_release(&a);
			e.n = 0;
			env_set(&e, &a, "a=a*b?c\\*");
			env_set(&e, &a, "Z=$0 $$ ${0}");
			env_set(&e, &a, "1=one");
		}
	}
	arena_release(&a);
}
