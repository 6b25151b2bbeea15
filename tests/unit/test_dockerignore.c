/* .dockerignore as BuildKit applies it (input/discover/dockerignore.c):
 * the reader's trimming and cleaning, patternmatcher's three string kinds
 * and its expressions, and the walk's parent results. */
#include "input/discover/dockerignore.h"
#include "unit.h"

/* Whether the file text leaves rel out: 1, 0, or -1 when it is refused. */
static int ex(const char *text, const char *rel)
{
	struct arena a = ARENA_INIT;
	const char *why = NULL;
	size_t line = 0;
	struct dockerignore *d = dockerignore_parse(&a, text, strlen(text), &why, &line);
	int r = d ? dockerignore_excluded(d, rel) : -1;

	arena_release(&a);
	return r;
}

UNIT_TEST(dockerignore_reader)
{
	CHECK(ex("# id_rsa\n", "id_rsa") == 0);
	CHECK(ex(" # id_rsa\n", "# id_rsa") == 1);	/* a comment only at the start */
	CHECK(ex("\xEF\xBB\xBFid_rsa\r\n", "id_rsa") == 1);
	CHECK(ex("  /keys/  \n", "keys/a.pem") == 1);
	CHECK(ex("./keys/../keys//x\n", "keys/x") == 1);
	CHECK(ex("*\n ! id_rsa \n", "id_rsa") == 0);
	CHECK(ex("*\n!\n", "a") == -1);		/* a lone "!" fails the build */
	CHECK(ex("!/\n", "a") == -1);			/* cleaned to one */
	CHECK(ex("[\n", "a") == -1);
	CHECK(ex("a[x-]\n", "a") == -1);
	CHECK(ex("[]a]\n", "]") == -1);
	CHECK(ex("a\\\n", "a") == -1);
	CHECK(ex("[*]\n", "a") == -1);			/* its expression is another */
	CHECK(ex("\n\n", "a") == 0);
}

UNIT_TEST(dockerignore_kinds)
{
	CHECK(ex("id_rsa\n", "id_rsa") == 1);
	CHECK(ex("id_rsa\n", "keys/id_rsa") == 0);	/* no match at any depth */
	CHECK(ex("keys\n", "keys/deep/id_rsa") == 1);	/* a folder holds its files */
	CHECK(ex("keys/**\n", "keys") == 0);
	CHECK(ex("keys/**\n", "keys/a/b") == 1);
	CHECK(ex("key**\n", "keystore/x") == 1);	/* a prefix as a string */
	CHECK(ex("**\n", "a/b") == 1);
	CHECK(ex("**/id_rsa\n", "id_rsa") == 1);
	CHECK(ex("**/id_rsa\n", "a/b/id_rsa") == 1);
	CHECK(ex("**/id_rsa\n", "a/xid_rsa") == 0);
	CHECK(ex("**id_rsa\n", "a/xid_rsa") == 1);	/* a suffix as a string */
	CHECK(ex("**/*.pem\n", "a/b/c.pem") == 1);
	CHECK(ex("**/*.pem\n", "c.pem") == 1);
	CHECK(ex("*.pem\n", "a/c.pem") == 0);
	CHECK(ex("a/**/b\n", "a/b") == 1);
	CHECK(ex("a/**/b\n", "a/x/y/b") == 1);
	CHECK(ex("a/**/b\n", "a/xb") == 0);
	CHECK(ex("a**/*.txt\n", "a/d/f.txt") == 1);
	CHECK(ex("*\n", "a/b/c") == 1);
	CHECK(ex("a*/b\n", "a/c/b") == 0);
	CHECK(ex("a?b\n", "a/b") == 0);
	CHECK(ex("a?b\n", "a\xE2\x98\xBA" "b") == 1);	/* one rune */
	CHECK(ex("a[^x]b\n", "a/b") == 1);		/* the expression's class takes "/" */
	CHECK(ex("a[b-d]e\n", "ace") == 1);
	CHECK(ex("a[b-d]e\n", "aae") == 0);
	CHECK(ex("[\\]a]\n", "]") == 1);
	CHECK(ex("a\\*b\n", "a*b") == 1);
	CHECK(ex("a\\*b\n", "axb") == 0);
	CHECK(ex(".*\n", ".env") == 1);
	CHECK(ex(".*\n", "xenv") == 0);
	CHECK(ex("a.|)$(}+{b\n", "a.|)$(}+{b") == 1);
	CHECK(ex("a^b*\n", "a^bc") == 0);		/* "^" anchors the expression */
	CHECK(ex("a^b\n", "a^b") == 1);		/* and is a letter in a string */
}

UNIT_TEST(dockerignore_exceptions)
{
	CHECK(ex("*.pem\n!server.pem\n", "server.pem") == 0);
	CHECK(ex("*.pem\n!server.pem\n", "client.pem") == 1);
	CHECK(ex("!server.pem\n*.pem\n", "server.pem") == 1);	/* the last one wins */
	CHECK(ex("keys\n!keys/pub\n", "keys/pub/a") == 0);
	CHECK(ex("**\n!src\nsrc/.env\n", "src/.env") == 1);
	/* The walk's parent results, not every parent: "d" matched d but was
	 * skipped there, and d/f is not matched by it again. */
	CHECK(ex("d\n!d/f\nd\n", "d/f") == 0);
}

UNIT_TEST(dockerignore_enters)
{
	struct arena a = ARENA_INIT;
	const char *why;
	size_t line;
	const char *t = "secrets\n!secrets/public/*\n";
	struct dockerignore *d = dockerignore_parse(&a, t, strlen(t), &why, &line);

	CHECK(d && dockerignore_enters(d, "secrets"));
	CHECK(d && dockerignore_enters(d, "secrets/public"));
	CHECK(d && !dockerignore_enters(d, "other"));
	t = "secrets\n!*.pub\n";
	d = dockerignore_parse(&a, t, strlen(t), &why, &line);
	CHECK(d && !dockerignore_enters(d, "secrets"));
	arena_release(&a);
}
