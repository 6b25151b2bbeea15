/* Compose interpolation against compose-go's template tests (FOO=first,
 * BAR=""), plus hooks, paths and whole trees. */
#include <stdio.h>

#include "input/compose/interp.h"
#include "unit.h"
#include "util/strbuf.h"

struct seen {
	struct strbuf unset, errors;
	int nerrors;
};

static void on_unset(void *ctx, const char *name, const struct y_node *at)
{
	struct seen *s = ctx;

	(void)at;
	strbuf_addf(&s->unset, "%s;", name);
}

static void on_error(void *ctx, const char *msg, const struct y_node *at)
{
	struct seen *s = ctx;

	strbuf_addf(&s->errors, "%u: %s\n", at ? at->pos.line : 0, msg);
	s->nerrors++;
}

static void setup(struct arena *a, struct env *e)
{
	memset(e, 0, sizeof(*e));
	env_set(a, e, "FOO", "first", NULL, 0);
	env_set(a, e, "BAR", "", NULL, 0);
}

/* Substitutes s; NULL on error. */
static const char *sub(struct arena *a, const char *s, struct seen *seen)
{
	struct env e;
	struct interp_hooks h = { .unset = on_unset, .error = on_error, .ctx = seen };

	setup(a, &e);
	return interp_string(a, s, &e, &h, NULL);
}

static void expect(const char *tmpl, const char *want)
{
	struct arena a = ARENA_INIT;
	struct seen s = { STRBUF_INIT, STRBUF_INIT, 0 };
	const char *got = sub(&a, tmpl, &s);

	if (!got || strcmp(got, want))
		unit_fail(__FILE__, __LINE__, "%s: got \"%s\", want \"%s\" (%s)", tmpl,
			  got ? got : "(error)", want, s.errors.buf);
	strbuf_release(&s.unset);
	strbuf_release(&s.errors);
	arena_release(&a);
}

/* Must fail with an error containing want. */
static void expect_error(const char *tmpl, const char *want)
{
	struct arena a = ARENA_INIT;
	struct seen s = { STRBUF_INIT, STRBUF_INIT, 0 };
	const char *got = sub(&a, tmpl, &s);

	if (got)
		unit_fail(__FILE__, __LINE__, "%s: no error, got \"%s\"", tmpl, got);
	else if (s.nerrors != 1 || !strstr(s.errors.buf, want))
		unit_fail(__FILE__, __LINE__, "%s: errors \"%s\", want \"%s\"", tmpl, s.errors.buf, want);
	strbuf_release(&s.unset);
	strbuf_release(&s.errors);
	arena_release(&a);
}

UNIT_TEST(interp_plain_forms)
{
	expect("foo", "foo");
	expect("This $FOO var", "This first var");
	expect("This ${FOO} var", "This first var");
	expect("This ${missing} var", "This  var");
	expect("This ${BAR} var", "This  var");
	expect("$FOO-bar", "first-bar");	/* docker/compose#8601 */
	expect("$FOO$FOO", "firstfirst");
	expect("${FOO}${FOO}", "firstfirst");
	expect("$foo_1x", "");
	expect("${fOo}", "");		/* case matters for names */
	expect("$1", "$1");
	expect("pre${FOO}post", "prefirstpost");
}

UNIT_TEST(interp_dollars)
{
	expect("$${foo}", "${foo}");
	expect("$$FOO", "$FOO");
	expect("$$$FOO", "$first");
	expect("$$$$", "$$");
	/* A lone $ is kept. */
	expect("a $ string", "a $ string");
	expect("^REGEX$", "^REGEX$");
	expect("$}", "$}");
	expect("$", "$");
	expect("$ $-x $.", "$ $-x $.");
	expect("cost: 5$", "cost: 5$");
}

UNIT_TEST(interp_invalid)
{
	static const char *const bad[] = {
		"${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "${FOO", "x ${FOO:-a", "${1}",
		"${FOO:-a\nb}", "${-x}", "ok $FOO ${}",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		expect_error(bad[i], "invalid interpolation format: ");
	expect_error("${}", "you may need to escape any $ with another $");
	/* An error inside a used default; an unused default is not looked at. */
	expect_error("${BAR:-${}}", "invalid interpolation format");
	expect("${FOO:-${}}", "first");
}

UNIT_TEST(interp_defaults)
{
	expect("ok ${missing:-def}", "ok def");
	expect("ok ${missing-def}", "ok def");
	expect("ok ${BAR:-def}", "ok def");
	expect("ok ${FOO:-def}", "ok first");
	expect("ok ${BAR-def}", "ok ");
	expect("ok ${BAR:-/non:-alphanumeric}", "ok /non:-alphanumeric");
	expect("${missing:-}", "");
	expect("${missing:-a b  c}", "a b  c");
	expect("${missing:-{\"a\":1}}", "{\"a\":1}");
	expect("${missing:-x}}", "x}");
	expect("${missing-a}${missing-b}", "ab");
	expect("${missing-a} and ${FOO} and ${missing:-c}", "a and first and c");
	/* Outer text does not change which operator applies. */
	expect("-ok ${BAR:-defaultValue}", "-ok defaultValue");
	expect("+ok ${UNSET:-${BAR-defaultValue}}", "+ok ");
	expect(":-ok ${UNSET-defaultValue}", ":-ok defaultValue");
	expect(":?ok ${BAR-defaultValue}", ":?ok ");
	expect(":+ok ${BAR:-defaultValue}", ":+ok defaultValue");
	expect("?ok ${BAR:-defaultValue}", "?ok defaultValue");
	/* The first operator wins. */
	expect("${UNSET_VAR-myerror?msg}", "myerror?msg");
	expect("${FOO?bar-baz}", "first");
	expect("${UNSET-a:-b}", "a:-b");
}

UNIT_TEST(interp_nested_defaults)
{
	expect("ok ${UNSET_VAR-$FOO}", "ok first");
	expect("ok ${UNSET_VAR-${FOO}}", "ok first");
	expect("ok ${UNSET_VAR-${FOO} ${FOO}}", "ok first first");
	expect("ok ${BAR:-$FOO}", "ok first");
	expect("ok ${BAR:-${FOO}}", "ok first");
	expect("ok ${BAR:-${FOO} ${FOO}}", "ok first first");
	expect("ok ${BAR+$FOO}", "ok first");
	expect("ok ${BAR+$FOO ${FOO:+second}}", "ok first second");
	expect("${A:-${B:-${C:-deep}}}", "deep");
	expect("${A:-${B:-${FOO:-deep}}}x", "firstx");
	expect("${A:-$${B}}", "${B}");
}

UNIT_TEST(interp_alternatives)
{
	expect("ok ${UNSET_VAR:+presence_value}", "ok ");
	expect("ok ${UNSET_VAR+presence_value}", "ok ");
	expect("ok ${FOO:+presence_value}", "ok presence_value");
	expect("ok ${FOO+presence_value}", "ok presence_value");
	expect("ok ${BAR+presence_value}", "ok presence_value");
	expect("ok ${BAR:+presence_value}", "ok ");
}

UNIT_TEST(interp_required)
{
	expect_error("not ok ${UNSET_VAR:?Mandatory Variable Unset}",
		     "required variable UNSET_VAR is missing a value: Mandatory Variable Unset");
	expect_error("not ok ${BAR:?Mandatory Variable Empty}",
		     "required variable BAR is missing a value: Mandatory Variable Empty");
	expect_error("not ok ${UNSET_VAR:?}", "required variable UNSET_VAR is missing a value");
	expect_error("not ok ${UNSET_VAR?Mandatory Variable Unset}",
		     "required variable UNSET_VAR is missing a value: Mandatory Variable Unset");
	expect_error("not ok ${UNSET_VAR?}", "required variable UNSET_VAR is missing a value");
	expect_error("not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}",
		     "required variable UNSET_VAR is missing a value: Mandatory Variable first");
	expect_error("${UNSET_VAR?bar-baz}", "required variable UNSET_VAR is missing a value: bar-baz");
	expect("ok ${FOO:?err}", "ok first");
	expect("ok ${FOO?err}", "ok first");
	expect("ok ${BAR?err}", "ok ");
	expect_error("${UNSET:?${}}", "invalid interpolation format");
}

UNIT_TEST(interp_unset_hook)
{
	struct arena a = ARENA_INIT;
	struct seen s = { STRBUF_INIT, STRBUF_INIT, 0 };

	CHECK_STR(sub(&a, "$A ${B} ${C:-x} ${D-} ${E:+y} ${FOO} $BAR ${F:-$G}", &s), "  x   first  ");
	/* Only a variable used without any operator warns, as in Compose. */
	CHECK_STR(s.unset.buf, "A;B;G;");
	CHECK(s.nerrors == 0);
	/* No hooks at all is fine. */
	CHECK(interp_string(&a, "${X:?boom}", NULL, NULL, NULL) == NULL);
	CHECK_STR(interp_string(&a, "$X-y", NULL, NULL, NULL), "-y");
	strbuf_release(&s.unset);
	strbuf_release(&s.errors);
	arena_release(&a);
}

UNIT_TEST(interp_nesting_limit)
{
	struct strbuf sb = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	struct seen s = { STRBUF_INIT, STRBUF_INIT, 0 };

	for (int i = 0; i < 5000; i++)
		strbuf_addstr(&sb, "${A:-");
	strbuf_addch(&sb, 'x');
	for (int i = 0; i < 5000; i++)
		strbuf_addch(&sb, '}');
	CHECK(sub(&a, sb.buf, &s) == NULL);
	CHECK(strstr(s.errors.buf, "nested too deeply") != NULL);
	/* Many operators in a row are no nesting. */
	strbuf_reset(&sb);
	for (int i = 0; i < 20000; i++)
		strbuf_addstr(&sb, "${A:-x}");
	CHECK(sub(&a, sb.buf, &s) != NULL);
	strbuf_release(&sb);
	strbuf_release(&s.unset);
	strbuf_release(&s.errors);
	arena_release(&a);
}

UNIT_TEST(interp_tree_paths)
{
	struct arena a = ARENA_INIT;
	struct seen s = { STRBUF_INIT, STRBUF_INIT, 0 };
	struct interp_hooks h = { .unset = on_unset, .error = on_error, .ctx = &s };
	const char *src =
		"services:\n"
		"  $FOO:\n"
		"    image: ${FOO}:${TAG:-latest}\n"
		"    ports: ['${P:?port needed}', \"$$HOME\", 80]\n"
		"    command: ${}\n"
		"x-meta: $FOO\n";
	struct y_node *root, *web;
	struct y_error ye;
	struct env e;

	setup(&a, &e);
	CHECK(y_load(&a, "c.yml", src, strlen(src), &root, &ye) == 0);
	if (!root)
		return;
	CHECK(interp_tree(&a, root, &e, &h) == 2);
	web = y_get(y_get(root, "services"), "$FOO");	/* keys stay */
	CHECK(web != NULL);
	if (!web)
		return;
	CHECK_STR(y_get(web, "image")->str, "first:latest");
	CHECK(y_get(web, "image")->len == 12);
	CHECK_STR(y_get(web, "ports")->items[0]->str, "${P:?port needed}");
	CHECK_STR(y_get(web, "ports")->items[1]->str, "$HOME");
	CHECK_STR(y_get(root, "x-meta")->str, "first");
	CHECK(strstr(s.errors.buf,
		     "4: error while interpolating services.$FOO.ports[0]: required variable P "
		     "is missing a value: port needed\n") != NULL);
	CHECK(strstr(s.errors.buf,
		     "5: invalid interpolation format for services.$FOO.command: \"${}\"; you may "
		     "need to escape any $ with another $\n") != NULL);
	CHECK(interp_tree(&a, NULL, &e, &h) == 0);
	strbuf_release(&s.unset);
	strbuf_release(&s.errors);
	arena_release(&a);
}

static const char *map_lookup(void *ctx, const char *name, size_t len)
{
	(void)ctx;
	return len == 1 && *name == 'X' ? "ex" : NULL;
}

UNIT_TEST(interp_substitute_engine)
{
	struct arena a = ARENA_INIT;
	const char *err = NULL;

	CHECK_STR(interp_substitute(&a, "a$X${Y:-b}", 10, map_lookup, NULL, &err), "aexb");
	CHECK(interp_substitute(&a, "${Y?no}", 7, map_lookup, NULL, &err) == NULL);
	CHECK_STR(err, "required variable Y is missing a value: no");
	CHECK(interp_substitute(&a, "${", 2, map_lookup, NULL, &err) == NULL);
	CHECK_STR(err, "invalid interpolation format: \"${\"; you may need to escape any $ with another $");
	/* Length-bounded: what follows len is not read. */
	CHECK_STR(interp_substitute(&a, "$X}junk", 2, map_lookup, NULL, &err), "ex");
	arena_release(&a);
}
