/* .env files as compose-go's dotenv package reads them: its fixtures
 * (the .env files in dotenv/fixtures) and parser tests, re-typed here. */
#include <stdio.h>
#include <stdlib.h>

#include "input/compose/dotenv.h"
#include "unit.h"

struct parsed {
	struct arena a;
	struct env e;
	int rc;
	unsigned line;
	const char *msg;
};

static void parse_with(struct parsed *p, const char *src, const struct env *first)
{
	p->a = (struct arena)ARENA_INIT;
	memset(&p->e, 0, sizeof(p->e));
	p->line = 0;
	p->msg = NULL;
	p->rc = dotenv_parse(&p->a, "t.env", src, strlen(src), &p->e, first, &p->line, &p->msg);
}

static const char *get(const struct parsed *p, const char *name)
{
	const struct env_var *v = env_get(&p->e, name, strlen(name));

	return v ? v->value : NULL;
}

/* One statement: key must come out with want. */
static void one(const char *src, const char *key, const char *want)
{
	struct parsed p;
	const char *got;

	parse_with(&p, src, NULL);
	got = p.rc ? NULL : get(&p, key);
	if (!got || strcmp(got, want))
		unit_fail(__FILE__, __LINE__, "%s: %s is \"%s\", want \"%s\" (%s)", src, key,
			  got ? got : "(unset)", want, p.msg ? p.msg : "");
	arena_release(&p.a);
}

static void bad(const char *src, const char *want, unsigned line)
{
	struct parsed p;

	parse_with(&p, src, NULL);
	if (p.rc == 0)
		unit_fail(__FILE__, __LINE__, "%s: no error", src);
	else if (!p.msg || !strstr(p.msg, want) || (line && p.line != line))
		unit_fail(__FILE__, __LINE__, "%s: error %u: %s, want %u: %s", src, p.line,
			  p.msg ? p.msg : "(null)", line, want);
	arena_release(&p.a);
}

UNIT_TEST(dotenv_fixture_plain)
{
	struct parsed p;

	parse_with(&p, "OPTION_A=1\nOPTION_B=2\nOPTION_C= 3\nOPTION_D =4\nOPTION_E = 5\n"
		       "OPTION_F = \nOPTION_G=\nOPTION_H = my string # Inline comment\n"
		       "OPTION_I=data\"kill\n", NULL);
	CHECK(p.rc == 0);
	CHECK_STR(get(&p, "OPTION_A"), "1");
	CHECK_STR(get(&p, "OPTION_B"), "2");
	CHECK_STR(get(&p, "OPTION_C"), "3");
	CHECK_STR(get(&p, "OPTION_D"), "4");
	CHECK_STR(get(&p, "OPTION_E"), "5");
	CHECK_STR(get(&p, "OPTION_F"), "");
	CHECK_STR(get(&p, "OPTION_G"), "");
	CHECK_STR(get(&p, "OPTION_H"), "my string");
	CHECK_STR(get(&p, "OPTION_I"), "data\"kill");
	CHECK(p.e.n == 9);
	CHECK(env_get(&p.e, "OPTION_H", 8)->line == 8);
	CHECK_STR(env_get(&p.e, "OPTION_H", 8)->file, "t.env");
	arena_release(&p.a);
}

UNIT_TEST(dotenv_fixture_quoted)
{
	struct parsed p;

	parse_with(&p, "OPTION_A='1'\nOPTION_B='2'\nOPTION_C=''\nOPTION_D='\\n'\nOPTION_E=\"1\"\n"
		       "OPTION_F=\"2\"\nOPTION_G=\"\"\nOPTION_H=\"\\n\"\nOPTION_I = \"echo 'asd'\"\n"
		       "OPTION_J = 'first line\nsecond line\nthird line\nand so on'\n"
		       "OPTION_Z = \"last value\"\n", NULL);
	CHECK(p.rc == 0);
	CHECK_STR(get(&p, "OPTION_A"), "1");
	CHECK_STR(get(&p, "OPTION_C"), "");
	CHECK_STR(get(&p, "OPTION_D"), "\\n");
	CHECK_STR(get(&p, "OPTION_E"), "1");
	CHECK_STR(get(&p, "OPTION_G"), "");
	CHECK_STR(get(&p, "OPTION_H"), "\n");
	CHECK_STR(get(&p, "OPTION_I"), "echo 'asd'");
	CHECK_STR(get(&p, "OPTION_J"), "first line\nsecond line\nthird line\nand so on");
	CHECK_STR(get(&p, "OPTION_Z"), "last value");
	/* Lines are counted through multi-line values. */
	CHECK(env_get(&p.e, "OPTION_Z", 8)->line == 14);
	arena_release(&p.a);
}

UNIT_TEST(dotenv_fixture_substitutions)
{
	struct parsed p;

	parse_with(&p, "OPTION_A=${OPTION_A:-1}\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\n"
		       "OPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n", NULL);
	CHECK(p.rc == 0);
	CHECK_STR(get(&p, "OPTION_A"), "1");
	CHECK_STR(get(&p, "OPTION_B"), "1");
	CHECK_STR(get(&p, "OPTION_C"), "1");
	CHECK_STR(get(&p, "OPTION_D"), "1_1");
	CHECK_STR(get(&p, "OPTION_E"), "");
	arena_release(&p.a);
}

UNIT_TEST(dotenv_inherited)
{
	struct arena a = ARENA_INIT;
	struct env shell = { 0 };
	struct parsed p;

	/* inherited-not-found-multi-var.env */
	parse_with(&p, "FOO=bar\nVARIABLE_NOT_FOUND\nBAR=baz\n", NULL);
	CHECK(p.rc == 0 && p.e.n == 2);
	CHECK_STR(get(&p, "FOO"), "bar");
	CHECK_STR(get(&p, "BAR"), "baz");
	CHECK(get(&p, "VARIABLE_NOT_FOUND") == NULL);
	CHECK(env_get(&p.e, "BAR", 3)->line == 3);
	arena_release(&p.a);
	/* inherited-multi-var.env, with the variable in the shell. */
	env_set(&a, &shell, "VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE", NULL, 0);
	parse_with(&p, "VAR_TO_BE_LOADED_FROM_OS_ENV\nfoo=bar\nbar=baz\n", &shell);
	CHECK(p.rc == 0 && p.e.n == 3);
	CHECK_STR(get(&p, "VAR_TO_BE_LOADED_FROM_OS_ENV"), "SOME_RANDOM_VALUE");
	CHECK_STR(get(&p, "foo"), "bar");
	arena_release(&p.a);
	arena_release(&a);
}

UNIT_TEST(dotenv_shell_first)
{
	struct arena a = ARENA_INIT;
	struct env shell = { 0 };
	struct parsed p;

	env_set(&a, &shell, "A", "shell", NULL, 0);
	env_set(&a, &shell, "ME", "YES", NULL, 0);
	/* The shell wins in references, even over the file's own values; the
	 * file's value itself is still what the file says. */
	parse_with(&p, "A=file\nB=$A\nTEST=$ME\nC=${C:-def}\n", &shell);
	CHECK(p.rc == 0);
	CHECK_STR(get(&p, "A"), "file");
	CHECK_STR(get(&p, "B"), "shell");
	CHECK_STR(get(&p, "TEST"), "YES");
	CHECK_STR(get(&p, "C"), "def");
	arena_release(&p.a);
	/* Values already in e (an earlier file) can be referred to. */
	p.a = (struct arena)ARENA_INIT;
	memset(&p.e, 0, sizeof(p.e));
	env_set(&p.a, &p.e, "EARLIER", "e1", "first.env", 1);
	CHECK(dotenv_parse(&p.a, "second.env", "X=${EARLIER}-2\n", 15, &p.e, &shell, NULL, NULL) == 0);
	CHECK_STR(get(&p, "X"), "e1-2");
	CHECK_STR(env_get(&p.e, "X", 1)->file, "second.env");
	arena_release(&p.a);
	arena_release(&a);
}

UNIT_TEST(dotenv_parsing)
{
	struct parsed p;

	parse_with(&p, "ONE=1\nTWO='2'\nTHREE = \"3\"", NULL);
	CHECK(p.rc == 0);
	CHECK_STR(get(&p, "ONE"), "1");
	CHECK_STR(get(&p, "TWO"), "2");
	CHECK_STR(get(&p, "THREE"), "3");
	arena_release(&p.a);

	one("FOO=bar", "FOO", "bar");
	one("FOO =bar", "FOO", "bar");
	one("FOO= bar", "FOO", "bar");
	one("FOO=\"bar\"", "FOO", "bar");
	one("FOO='bar'", "FOO", "bar");
	one("FOO=\"escaped\\\"bar\"", "FOO", "escaped\"bar");
	one("FOO=\"\\\"quoted\\\"\"", "FOO", "\"quoted\"");
	one("FOO=\"'d'\"", "FOO", "'d'");
	one("OPTION_A: 1", "OPTION_A", "1");
	one("OPTION_A: Foo=bar", "OPTION_A", "Foo=bar");
	one("OPTION_A=1:B", "OPTION_A", "1:B");
	one("export OPTION_A=2", "OPTION_A", "2");
	one("export OPTION_B='\\n'", "OPTION_B", "\\n");
	one("export exportFoo=2", "exportFoo", "2");
	one("exportFOO=2", "exportFOO", "2");
	one("export_FOO =2", "export_FOO", "2");
	one("export.FOO= 2", "export.FOO", "2");
	one("export\tOPTION_A=2", "OPTION_A", "2");
	one("  export OPTION_A=2", "OPTION_A", "2");
	one("\texport OPTION_A=2", "OPTION_A", "2");
	one("export OPTION_A=\"export A\"", "OPTION_A", "export A");
	one("export=1", "export", "1");
	one("FOO=\"bar\\nbaz\"", "FOO", "bar\nbaz");
	one("FOO=a\\tb", "FOO", "a\\tb");
	one("FOO=\"a\\tb\"", "FOO", "a\tb");
	one("KEY=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z\"", "KEY", "Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ");
	one("FOO.BAR=foobar", "FOO.BAR", "foobar");
	one("FOO=foobar=", "FOO", "foobar=");
	one("FOO=bar ", "FOO", "bar");
	one("KEY=value value", "KEY", "value value");
	one("FOO=bar # this is foo", "FOO", "bar");
	one("FOO=bar #this is foo", "FOO", "bar");
	one("FOO=bar #", "FOO", "bar");
	one("FOO=123#not-an-inline-comment", "FOO", "123#not-an-inline-comment");
	one("FOO=\"bar#baz\"", "FOO", "bar#baz");
	one("FOO=\"bar#baz\"#", "FOO", "bar#baz");
	one("FOO=\"bar#baz\" # comment", "FOO", "bar#baz");
	one("FOO='bar#baz' # comment", "FOO", "bar#baz");
	one("FOO=\"bar#baz#bang\" # comment", "FOO", "bar#baz#bang");
	one("FOO=\"ba#r\"", "FOO", "ba#r");
	one("FOO='ba#r'", "FOO", "ba#r");
	one("FOO=\"bar\\n\\ b\\az\"", "FOO", "bar\n\\ b\az");
	one("FOO=\"bar\\\\\\n\\ b\\az\"", "FOO", "bar\\\n\\ b\az");
	one("FOO=\"bar\\\\r\\ b\\az\"", "FOO", "bar\\r\\ b\az");
	one(" KEY =value", "KEY", "value");
	one("   KEY=value", "KEY", "value");
	one("\tKEY=value", "KEY", "value");
	one("KEY=\"\\0123\"", "KEY", "S");
	one("KEY=\"\\0377\"", "KEY", "\xc3\xbf");	/* a rune, as Go's string(rune) */
	one("KEY=\"\\0\"", "KEY", "\\");		/* the rewritten \0 stays */
	one("KEY=\"\\0779\"", "KEY", "\\779");
	one("KEY=\"\\x07\"", "KEY", "\\x07");
	one("KEY=\"\\u12e4\"", "KEY", "\\u12e4");
	one("KEY=\"\\U00101234\"", "KEY", "\\U00101234");
	one("KEY=\"a\\cb\"", "KEY", "a\\cb");
	one("KEY='it\\'s'", "KEY", "it's");
	one("KEY='a\\nb'", "KEY", "a\\nb");
	one("KEY='$HOME ${X}'", "KEY", "$HOME ${X}");
	one("KEY=\"a\\\\\"", "KEY", "a\\");
	one("KEY=1\r\nNEXT=2\r\n", "KEY", "1");
	one("KEY=1\r\nNEXT=2\r\n", "NEXT", "2");
	one("A=\"x\" B=y", "B", "y");
	one("\xef\xbb\xbfOPTION_A=1\nOPTION_B=2\n", "OPTION_A", "1");
}

UNIT_TEST(dotenv_keys)
{
	struct parsed p;

	parse_with(&p, "\na=b\na[1]=c\na.propertyKey=d\n"
		       "\xc3\xa1rv\xc3\xadzt\xc5\xb1r\xc5\x91-T\xc3\x9cK\xc3\x96RF\xc3\x9aR\xc3\x93G\xc3\x89P"
		       "=\xc3\x81RV\xc3\x8dZT\xc5\xb0R\xc5\x90-t\xc3\xbck\xc3\xb6rf\xc3\xbar\xc3\xb3g\xc3\xa9p\n"
		       "VAR-WITH-DASHES=dashes\nVAR.WITH.DOTS=dots\nVAR_WITH_UNDERSCORES=underscores\n", NULL);
	CHECK(p.rc == 0 && p.e.n == 7);
	CHECK_STR(get(&p, "a"), "b");
	CHECK_STR(get(&p, "a[1]"), "c");
	CHECK_STR(get(&p, "a.propertyKey"), "d");
	CHECK_STR(get(&p, "VAR-WITH-DASHES"), "dashes");
	CHECK_STR(get(&p, "VAR.WITH.DOTS"), "dots");
	arena_release(&p.a);
	/* The last definition wins. */
	one("A=1\nA=2\n", "A", "2");
}

UNIT_TEST(dotenv_expanding)
{
	one("FOO=test\nBAR=$FOO", "BAR", "test");
	one("FOO=test\nBAR=${FOO}bar", "BAR", "testbar");
	one("BAR=$FOO", "BAR", "");
	one("FOO=test\nBAR=\"quote $FOO\"", "BAR", "quote test");
	one("BAR='quote $FOO'", "BAR", "quote $FOO");
	one("FOO=\"foo\\$BAR\"", "FOO", "foo$BAR");
	one("FOO=\"foo\\${BAR}\"", "FOO", "foo${BAR}");
	one("FOO=test\nBAR=\"foo\\${FOO} ${FOO}\"", "BAR", "foo${FOO} test");
	one("FOO=$$BAR", "FOO", "$BAR");
	one("RESULT=${UNSET_VAR:-Default Value}", "RESULT", "Default Value");
	one("EMPTY_VAR=\nRESULT=${EMPTY_VAR:-Default Value}", "RESULT", "Default Value");
	one("EMPTY_VAR=\nRESULT=${EMPTY_VAR-Default Value}", "RESULT", "");
	one("T=Test Value\nRESULT=${T:?Default Value}", "RESULT", "Test Value");
	one("EMPTY_VAR=\nRESULT=${EMPTY_VAR?Test error}", "RESULT", "");
	one("TEST_URLS=\"stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443\"",
	    "TEST_URLS", "stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443");
	bad("RESULT=${UNSET_VAR:?Test error}", "required variable UNSET_VAR is missing a value: Test error", 1);
	bad("EMPTY_VAR=\nRESULT=${EMPTY_VAR:?Test error}", "required variable EMPTY_VAR is missing a value", 2);
	bad("A=1\nRESULT=\"${}\"", "invalid interpolation format", 2);
}

UNIT_TEST(dotenv_errors)
{
	static const char *const unterminated[] = {
		"KEY=\"", "KEY=\"value", "KEY=\"value\\\"", "KEY=\"value'", "KEY='", "KEY='value",
		"KEY='value\\'", "KEY='value\"",
	};

	for (size_t i = 0; i < sizeof(unterminated) / sizeof(*unterminated); i++)
		bad(unterminated[i], "unterminated quoted value", 1);
	bad("A=1\nB=2\n\nC=\"multi\nline\n", "unterminated quoted value \"multi", 4);
	bad("lol$wut", "unexpected character \"$\" in variable name \"lol$wut\"", 1);
	bad("%!(EXTRA string)=foo", "unexpected character \"%\" in variable name \"%!(EXTRA string)=foo\"", 1);
	/* invalid1.env: a key with a space, on line 7. */
	bad("# comment\nA=1\nB=2\n\n'C'=3\n", "unexpected character", 5);
	bad("A=1\nB=2\nC=3\nD=4\nE=5\nF=6\nINVALID LINE\nfoo=bar\n", "key cannot contain a space", 7);
	bad("A=1\nexport ", "zero length string", 2);
	one("A=\xff", "A", "\xff");	/* values are bytes */
	bad("\xff=1", "unexpected character", 1);	/* keys are runes */
}

UNIT_TEST(dotenv_ignored_lines)
{
	struct parsed p;

	parse_with(&p, "\n\r\n\t\t \n# Comment\n\t # comment\n  \n", NULL);
	CHECK(p.rc == 0 && p.e.n == 0);
	arena_release(&p.a);
	parse_with(&p, "", NULL);
	CHECK(p.rc == 0 && p.e.n == 0);
	arena_release(&p.a);
	/* A trailing word with no `=` is compose-go's key "", dropped. */
	parse_with(&p, "A=1\nTRAILING", NULL);
	CHECK(p.rc == 0 && p.e.n == 1);
	arena_release(&p.a);
	parse_with(&p, "=\"value\"\n", NULL);
	CHECK(p.rc == 0 && p.e.n == 0);
	arena_release(&p.a);
}

UNIT_TEST(dotenv_process_env)
{
	struct arena a = ARENA_INIT;
	struct env e = { 0 };
	const struct env_var *v;

	setenv("SW_TEST_DOTENV_VAR", "x=y", 1);
	env_from_process(&a, &e);
	v = env_get(&e, "SW_TEST_DOTENV_VAR", 18);
	CHECK(v && !strcmp(v->value, "x=y") && v->file == NULL);
	CHECK(env_get(&e, "SW_TEST_DOTENV_VAR_NOT", 22) == NULL);
	CHECK(env_get(&e, "SW_TEST_DOTENV", 14) == NULL);
	CHECK(env_get(&e, "SW_TEST_DOTENV_VAR\0", 19) == NULL);
	CHECK(env_get(NULL, "X", 1) == NULL);
	unsetenv("SW_TEST_DOTENV_VAR");
	arena_release(&a);
}
