/* The compose YAML loader: positions, typing, anchors and aliases (with
 * their budget), merge keys, duplicate keys, tags, errors, and a sweep of
 * the shared compose corpus. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "yaml/yaml.h"
#include "unit.h"
#include "util/readfile.h"
#include "util/strbuf.h"

static struct y_node *load(struct arena *a, const char *src, struct y_error *e)
{
	struct y_node *root = NULL;

	if (y_load(a, "c.yml", src, strlen(src), &root, e))
		return NULL;
	return root;
}

/* Loads src, which must fail; returns the message (and the position). */
static const char *load_error(struct arena *a, const char *src, struct y_pos *pos)
{
	struct y_node *root = (struct y_node *)1;
	struct y_error e;

	if (y_load(a, "c.yml", src, strlen(src), &root, &e) == 0) {
		unit_fail(__FILE__, __LINE__, "no error for: %s", src);
		return "";
	}
	CHECK(root == NULL);
	if (pos)
		*pos = e.pos;
	return e.msg;
}

/* A dotted path: "services.web.image", "ports.1". */
static struct y_node *at(struct y_node *n, const char *path)
{
	char part[128];

	while (n && *path) {
		size_t len = strcspn(path, ".");

		if (len >= sizeof(part))
			return NULL;
		memcpy(part, path, len);
		part[len] = '\0';
		path += len + (path[len] == '.');
		if (n->kind == Y_SEQ) {
			size_t i = (size_t)atoi(part);

			n = i < n->nitems ? n->items[i] : NULL;
		} else {
			n = y_get(n, part);
		}
	}
	return n;
}

static const char *str(struct y_node *n)
{
	return n && n->kind == Y_SCALAR ? n->str : NULL;
}

UNIT_TEST(yaml_scalars_and_positions)
{
	struct arena a = ARENA_INIT;
	struct y_error e;
	struct y_node *r = load(&a,
		"services:\n"
		"  web:\n"
		"    image: \"nginx\"\n"
		"    ports:\n"
		"      - 22:22\n"
		"      - '80:80'\n"
		"    privileged: true\n"
		"    tty: yes\n"
		"    init: True\n"
		"    read_only: 'false'\n"
		"    empty:\n"
		"    tilde: ~\n"
		"    qnull: \"null\"\n"
		"    octal: 0755\n", &e);
	struct y_node *n;

	CHECK(r && r->kind == Y_MAP);
	if (!r)
		return;
	CHECK(r->pos.line == 1 && r->pos.col == 1);
	CHECK_STR(r->pos.file, "c.yml");
	CHECK(r->pairs[0].key->pos.line == 1 && r->pairs[0].key->pos.col == 1);
	n = at(r, "services.web.image");
	CHECK_STR(str(n), "nginx");
	CHECK(n && !n->plain && n->pos.line == 3 && n->pos.col == 12);
	CHECK(n && n->via.file == NULL);
	/* YAML 1.2: no sexagesimal numbers, 22:22 is the string "22:22". */
	n = at(r, "services.web.ports.0");
	CHECK_STR(str(n), "22:22");
	CHECK(n && n->plain && n->pos.line == 5 && n->pos.col == 9);
	CHECK(at(r, "services.web.ports")->nitems == 2);
	CHECK(!at(r, "services.web.ports.1")->plain);
	CHECK(y_bool(at(r, "services.web.privileged")) == 1);
	CHECK(y_bool(at(r, "services.web.tty")) == -1);	/* a string in YAML 1.2 */
	CHECK(y_bool(at(r, "services.web.init")) == 1);
	CHECK(y_bool(at(r, "services.web.read_only")) == 0);
	CHECK(y_bool(at(r, "services.web.octal")) == -1);
	CHECK(y_is_null(at(r, "services.web.empty")));
	CHECK(y_is_null(at(r, "services.web.tilde")));
	CHECK(!y_is_null(at(r, "services.web.qnull")));
	CHECK(!y_is_null(at(r, "services.web.image")));
	CHECK_STR(str(at(r, "services.web.octal")), "0755");
	CHECK(y_get(r, "nope") == NULL);
	CHECK(y_get(NULL, "x") == NULL);
	arena_release(&a);
}

UNIT_TEST(yaml_null_and_bool_forms)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	static const char *const trues[] = { "true", "True", "TRUE" };
	static const char *const falses[] = { "false", "False", "FALSE" };
	static const char *const neither[] = { "yes", "no", "on", "off", "y", "n", "tRUE", "1", "0", "" };
	struct arena a = ARENA_INIT;
	struct y_pos pos = { "x", 1, 1 };
	struct y_node *n;

	for (size_t i = 0; i < sizeof(nulls) / sizeof(*nulls); i++) {
		n = y_scalar(&a, nulls[i], pos);
		CHECK(!y_is_null(n));	/* y_scalar makes strings */
		n->plain = true;
		CHECK(y_is_null(n));
	}
	for (size_t i = 0; i < sizeof(trues) / sizeof(*trues); i++)
		CHECK(y_bool(y_scalar(&a, trues[i], pos)) == 1);
	for (size_t i = 0; i < sizeof(falses) / sizeof(*falses); i++)
		CHECK(y_bool(y_scalar(&a, falses[i], pos)) == 0);
	for (size_t i = 0; i < sizeof(neither) / sizeof(*neither); i++)
		CHECK(y_bool(y_scalar(&a, neither[i], pos)) == -1);
	n = y_scalar(&a, "abc", pos);
	CHECK(n->kind == Y_SCALAR && n->len == 3 && n->pos.line == 1);
	CHECK(y_bool(NULL) == -1 && !y_is_null(NULL));
	arena_release(&a);
}

UNIT_TEST(yaml_explicit_tags)
{
	struct arena a = ARENA_INIT;
	struct y_error e;
	struct y_node *r = load(&a,
		"a: !!str null\n"
		"b: !!null ''\n"
		"c: !reset\n"
		"d: !reset []\n"
		"e: !override {x: 1}\n"
		"f: !custom value\n"
		"g: ! null\n", &e);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK(!y_is_null(y_get(r, "a")));
	CHECK(y_is_null(y_get(r, "b")));
	CHECK_STR(y_get(r, "c")->tag, "!reset");
	CHECK(y_is_null(y_get(r, "c")));
	CHECK_STR(y_get(r, "d")->tag, "!reset");
	CHECK(y_get(r, "d")->kind == Y_SEQ && y_get(r, "d")->nitems == 0);
	CHECK_STR(y_get(r, "e")->tag, "!override");
	CHECK(y_get(r, "e")->kind == Y_MAP);
	CHECK_STR(y_get(r, "f")->tag, "!custom");
	CHECK(!y_is_null(y_get(r, "g")));
	CHECK(y_get(r, "a")->tag != NULL && strstr(y_get(r, "a")->tag, "str"));
	arena_release(&a);
}

UNIT_TEST(yaml_anchors_and_aliases)
{
	struct arena a = ARENA_INIT;
	struct y_error e;
	struct y_node *r = load(&a,
		"x-env: &env\n"
		"  A: 1\n"
		"  B: &b two\n"
		"services:\n"
		"  web:\n"
		"    environment: *env\n"
		"    other: *b\n"
		"  db:\n"
		"    environment: *env\n", &e);
	struct y_node *n, *orig;

	CHECK(r != NULL);
	if (!r)
		return;
	orig = at(r, "x-env");
	n = at(r, "services.web.environment");
	CHECK(n && n != orig && n->kind == Y_MAP && n->npairs == 2);
	CHECK_STR(str(at(n, "B")), "two");
	/* Written at the anchor, pulled in by the alias. */
	CHECK(n->pos.line == 1 && n->pos.col == 8);
	CHECK(n->via.file && n->via.line == 6 && n->via.col == 18);
	CHECK(at(n, "A")->pos.line == 2 && at(n, "A")->via.line == 6);
	CHECK(at(n, "A") != at(orig, "A"));
	CHECK(orig->via.file == NULL && at(orig, "A")->via.file == NULL);
	CHECK(at(r, "services.db.environment")->via.line == 9);
	n = at(r, "services.web.other");
	CHECK_STR(str(n), "two");
	CHECK(n->pos.line == 3 && n->via.line == 7);
	arena_release(&a);
}

UNIT_TEST(yaml_anchor_binding)
{
	struct arena a = ARENA_INIT;
	struct y_error e;
	struct y_pos pos;
	/* go-yaml binds an anchor when its node starts: the inner one wins
	 * inside, and still afterwards. */
	struct y_node *r = load(&a, "a: &x [&x inner, *x]\nb: *x\nc: &x 2\nd: *x\n", &e);

	CHECK(r != NULL);
	if (r) {
		CHECK_STR(str(at(r, "a.1")), "inner");
		CHECK_STR(str(at(r, "b")), "inner");
		CHECK_STR(str(at(r, "d")), "2");
	}
	CHECK_STR(load_error(&a, "a: &x [1, *x]\n", &pos), "anchor 'x' value contains itself");
	CHECK(pos.line == 1 && pos.col == 11);
	CHECK_STR(load_error(&a, "a: *nope\n", &pos), "unknown anchor 'nope' referenced");
	arena_release(&a);
}

UNIT_TEST(yaml_merge_keys)
{
	struct arena a = ARENA_INIT;
	struct y_error e;
	struct y_node *r = load(&a,
		"x-a: &a\n"
		"  image: a\n"
		"  restart: always\n"
		"  user: a\n"
		"x-b: &b\n"
		"  image: b\n"
		"  pid: host\n"
		"  user: b\n"
		"one:\n"
		"  user: mine\n"
		"  <<: *a\n"
		"two:\n"
		"  <<: [*a, *b]\n"
		"  restart: 'no'\n"
		"three:\n"
		"  <<: [*b, *a]\n"
		"four:\n"
		"  <<: {image: inline, ipc: host}\n"
		"five:\n"
		"  <<: [{image: c}, *a]\n", &e);
	struct y_node *n;

	CHECK(r != NULL);
	if (!r)
		return;
	/* Written keys win, wherever they are. */
	n = at(r, "one");
	CHECK(n->npairs == 3);
	CHECK_STR(str(at(n, "user")), "mine");
	CHECK_STR(str(at(n, "image")), "a");
	CHECK_STR(str(at(n, "restart")), "always");
	/* Merged pairs stand where `<<` is, and come via it. */
	CHECK_STR(n->pairs[0].key->str, "user");
	CHECK_STR(n->pairs[1].key->str, "image");
	CHECK(n->pairs[1].value->pos.line == 2);
	CHECK(n->pairs[1].value->via.line == 11 && n->pairs[1].value->via.col == 3);
	CHECK(n->pairs[1].key->via.line == 11);
	CHECK(n->pairs[0].value->via.file == NULL);
	CHECK(y_get(n, "<<") == NULL);
	/* In a list, the first mapping that has a key wins. */
	n = at(r, "two");
	CHECK_STR(str(at(n, "image")), "a");
	CHECK_STR(str(at(n, "user")), "a");
	CHECK_STR(str(at(n, "pid")), "host");
	CHECK_STR(str(at(n, "restart")), "no");
	CHECK(n->npairs == 4);
	CHECK(at(n, "pid")->via.line == 13);
	n = at(r, "three");
	CHECK_STR(str(at(n, "image")), "b");
	CHECK_STR(str(at(n, "user")), "b");
	CHECK_STR(str(at(n, "restart")), "always");
	/* An inline mapping merges too. */
	n = at(r, "four");
	CHECK_STR(str(at(n, "image")), "inline");
	CHECK_STR(str(at(n, "ipc")), "host");
	CHECK(at(n, "image")->via.file == NULL);
	n = at(r, "five");
	CHECK_STR(str(at(n, "image")), "c");
	CHECK_STR(str(at(n, "restart")), "always");
	/* The anchors themselves are untouched. */
	CHECK(at(r, "x-a")->npairs == 3 && at(r, "x-a.image")->via.file == NULL);
	/* A quoted '<<' is an ordinary key; the merge key shadows one. */
	r = load(&a, "x: &x {'<<': merged, a: 1}\ny:\n  <<: *x\n", &e);
	CHECK(r && str(at(r, "y.<<")) == NULL && str(at(r, "y.a")));
	r = load(&a, "y:\n  '<<': mine\n", &e);
	CHECK(r && at(r, "y")->npairs == 1 && !at(r, "y")->pairs[0].key->plain);
	/* ... but it has the same value as a merge key (go-yaml agrees). */
	CHECK_STR(load_error(&a, "y:\n  '<<': mine\n  <<: {a: 1}\n", NULL),
		  "duplicate key '<<' (first defined at line 2)");
	arena_release(&a);
}

/* `<<: *list` where the anchor is a list of mappings: each is a source,
 * the first to have a key winning (Compose accepts it). */
UNIT_TEST(yaml_merge_alias_of_list)
{
	struct arena a = ARENA_INIT;
	struct y_error e;
	struct y_node *r = load(&a,
		"x: &x {a: 1, b: 1}\n"
		"y: &y {b: 2, c: 2}\n"
		"l: &l [*x, *y]\n"
		"top:\n"
		"  <<: *l\n"
		"  c: 3\n", &e);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_STR(str(at(r, "top.a")), "1");
	CHECK_STR(str(at(r, "top.b")), "1");
	CHECK_STR(str(at(r, "top.c")), "3");
	arena_release(&a);
}

UNIT_TEST(yaml_merge_chains)
{
	struct arena a = ARENA_INIT;
	struct y_error e;
	/* An anchored mapping with its own merge, merged again. */
	struct y_node *r = load(&a,
		"base: &base {a: 1, b: 1}\n"
		"mid: &mid\n"
		"  <<: *base\n"
		"  b: 2\n"
		"  c: 2\n"
		"top:\n"
		"  <<: *mid\n"
		"  c: 3\n", &e);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_STR(str(at(r, "top.a")), "1");
	CHECK_STR(str(at(r, "top.b")), "2");
	CHECK_STR(str(at(r, "top.c")), "3");
	/* a came into mid via mid's <<, which stays its via. */
	CHECK(at(r, "top.a")->via.line == 3);
	CHECK(at(r, "top.b")->via.line == 7);
	arena_release(&a);
}

UNIT_TEST(yaml_merge_errors)
{
	struct arena a = ARENA_INIT;
	struct y_pos pos;
	const char *want = "map merge requires map or sequence of maps as the value";

	CHECK_STR(load_error(&a, "a:\n  <<: 1\n", &pos), want);
	CHECK(pos.line == 2 && pos.col == 7);
	CHECK_STR(load_error(&a, "a:\n  <<:\n", NULL), want);
	CHECK_STR(load_error(&a, "a:\n  <<: [1]\n", NULL), want);
	CHECK_STR(load_error(&a, "a:\n  <<: [[]]\n", NULL), want);
	CHECK_STR(load_error(&a, "s: &s x\na:\n  <<: *s\n", &pos), want);
	CHECK(pos.line == 3);
	CHECK_STR(load_error(&a, "s: &s [x]\na:\n  <<: [*s]\n", NULL), want);
	arena_release(&a);
}

UNIT_TEST(yaml_duplicate_keys)
{
	struct arena a = ARENA_INIT;
	struct y_error e;
	struct y_pos pos;

	CHECK_STR(load_error(&a, "a: 1\nb: 2\na: 3\n", &pos),
		  "duplicate key 'a' (first defined at line 1)");
	CHECK(pos.line == 3 && pos.col == 1);
	/* By value: quoting does not make a key different. */
	CHECK_STR(load_error(&a, "s:\n  web: {}\n  'web': {}\n", &pos),
		  "duplicate key 'web' (first defined at line 2)");
	CHECK(pos.line == 3 && pos.col == 3);
	CHECK_STR(load_error(&a, "x: &x {a: 1}\ny:\n  <<: *x\n  <<: *x\n", &pos),
		  "duplicate key '<<' (first defined at line 3)");
	/* Keys a merge provides are no duplicates. */
	CHECK(load(&a, "x: &x {a: 1, b: 1}\ny: &y {a: 2}\nz:\n  <<: [*x, *y]\n  a: 3\n", &e));
	CHECK(load(&a, "a: 1\nb: {a: 1}\nc: [{a: 1}, {a: 2}]\n", &e));
	arena_release(&a);
}

UNIT_TEST(yaml_billion_laughs)
{
	struct arena a = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct y_pos pos;
	struct y_error e;
	struct y_node *root;
	static const char *const names = "abcdefghij";

	strbuf_addstr(&sb, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (int i = 1; i < 10; i++) {
		strbuf_addf(&sb, "%c: &%c [", names[i], names[i]);
		for (int j = 0; j < 9; j++)
			strbuf_addf(&sb, "%s*%c", j ? "," : "", names[i - 1]);
		strbuf_addstr(&sb, "]\n");
	}
	CHECK_STR(load_error(&a, sb.buf, &pos), "too many alias expansions (a billion laughs?)");
	CHECK(pos.line >= 6 && pos.line <= 10);
	CHECK(a.used_total < 512u << 20);
	/* The same through merge keys. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "a: &a {k0: v, k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, k7: v, k8: v}\n");
	for (int i = 1; i < 10; i++) {
		strbuf_addf(&sb, "%c: &%c {", names[i], names[i]);
		for (int j = 0; j < 9; j++)
			strbuf_addf(&sb, "%sk%d: *%c", j ? ", " : "", j, names[i - 1]);
		strbuf_addstr(&sb, "}\n");
	}
	strbuf_addstr(&sb, "z:\n  <<: *j\n  <<: *j\n");
	CHECK(strstr(load_error(&a, sb.buf, NULL), "too many alias expansions") != NULL);
	/* Many aliases of something small are fine. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "x: &x {a: 1, b: [1, 2, 3]}\nl:\n");
	for (int i = 0; i < 10000; i++)
		strbuf_addstr(&sb, "  - *x\n");
	CHECK(y_load(&a, "c.yml", sb.buf, sb.len, &root, &e) == 0);
	CHECK(root && at(root, "l")->nitems == 10000);
	strbuf_release(&sb);
	arena_release(&a);
}

UNIT_TEST(yaml_invalid)
{
	struct arena a = ARENA_INIT;
	struct y_pos pos;
	const char *msg;

	msg = load_error(&a, "a: 1\nb: [1, 2\nc: 3\n", &pos);
	CHECK(strstr(msg, "flow sequence") != NULL);
	msg = load_error(&a, "services:\n  web:\n    image: a\n   bad: b\n", &pos);
	CHECK(pos.line == 4);
	CHECK(strstr(msg, "did not find expected key") != NULL);
	msg = load_error(&a, "a: b: c\n", &pos);
	CHECK(strstr(msg, "mapping values are not allowed") != NULL);
	CHECK(pos.line == 1 && pos.col == 5);
	msg = load_error(&a, "a: \"unterminated\n", &pos);
	CHECK(strstr(msg, "quoted scalar") != NULL);
	msg = load_error(&a, "a: \x01\n", &pos);
	CHECK(strstr(msg, "control characters") != NULL);
	CHECK(pos.line == 1 && pos.col == 4);
	msg = load_error(&a, "a: \xff\n", &pos);
	CHECK(strstr(msg, "UTF-8") != NULL);
	CHECK_STR(load_error(&a, "? [a]\n: b\n", NULL), "a mapping key must be a scalar");
	arena_release(&a);
}

UNIT_TEST(yaml_documents)
{
	struct arena a = ARENA_INIT;
	struct y_error e;
	struct y_node *root = (struct y_node *)1;

	CHECK(y_load(&a, "c.yml", "", 0, &root, &e) == 0 && root == NULL);
	root = (struct y_node *)1;
	CHECK(y_load(&a, "c.yml", "# only a comment\n", 17, &root, &e) == 0 && root == NULL);
	root = (struct y_node *)1;
	CHECK(y_load(&a, "c.yml", "---\n", 4, &root, &e) == 0 && root == NULL);
	/* Only the first document is read (not even parsed further). */
	root = load(&a, "a: 1\n---\nb: 2\n--- [\n", &e);
	CHECK(root && root->npairs == 1 && y_get(root, "a"));
	root = load(&a, "{}", &e);
	CHECK(root && root->kind == Y_MAP && root->npairs == 0 && root->pairs == NULL);
	root = load(&a, "[]", &e);
	CHECK(root && root->kind == Y_SEQ && root->nitems == 0 && root->items == NULL);
	root = load(&a, "just a string\n", &e);
	CHECK(root && root->kind == Y_SCALAR);
	/* A BOM and CRLF line ends. */
	root = load(&a, "\xef\xbb\xbf" "a: 1\r\nb: 2\r\n", &e);
	CHECK(root && root->npairs == 2 && y_get(root, "b")->pos.line == 2);
	arena_release(&a);
}

UNIT_TEST(yaml_all_documents)
{
	struct arena a = ARENA_INIT;
	struct y_error e;
	struct y_node **roots;
	size_t n;
	const char *src = "a: &x 1\nb: *x\n---\n---\nc: 3\nd: 22:22\n";

	CHECK(y_load_all(&a, "c.yml", src, strlen(src), &roots, &n, &e) == 0);
	CHECK(n == 3);
	if (n == 3) {
		CHECK(roots[0] && y_get(roots[0], "b") && y_get(roots[0], "b")->via.line == 2);
		CHECK(roots[1] == NULL);
		CHECK(roots[2] && y_get(roots[2], "d")->pos.line == 6);
	}
	CHECK(y_load_all(&a, "c.yml", "", 0, &roots, &n, &e) == 0 && n == 0);
	/* Anchors stay in their document. */
	src = "a: &x 1\n---\nb: *x\n";
	CHECK(y_load_all(&a, "c.yml", src, strlen(src), &roots, &n, &e) == -1);
	CHECK_STR(e.msg, "unknown anchor 'x' referenced");
	CHECK(e.pos.line == 3 && roots == NULL && n == 0);
	/* A broken later document fails here, not in y_load(). */
	src = "a: 1\n---\nb: [\n";
	CHECK(y_load_all(&a, "c.yml", src, strlen(src), &roots, &n, &e) == -1);
	CHECK(e.pos.line == 4);
	arena_release(&a);
}

UNIT_TEST(yaml_depth_limit)
{
	struct arena a = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct y_error e;
	struct y_node *root;

	for (int i = 0; i < Y_MAX_DEPTH + 5; i++)
		strbuf_addch(&sb, '[');
	CHECK(strstr(load_error(&a, sb.buf, NULL), "too deeply nested") != NULL);
	strbuf_reset(&sb);
	for (int i = 0; i < Y_MAX_DEPTH - 1; i++)
		strbuf_addch(&sb, '[');
	strbuf_addch(&sb, '1');
	for (int i = 0; i < Y_MAX_DEPTH - 1; i++)
		strbuf_addch(&sb, ']');
	CHECK(y_load(&a, "c.yml", sb.buf, sb.len, &root, &e) == 0 && root);
	/* An alias can't take a deep anchor below the limit either. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "a: &a ");
	for (int i = 0; i < 600; i++)
		strbuf_addch(&sb, '[');
	for (int i = 0; i < 600; i++)
		strbuf_addch(&sb, ']');
	strbuf_addstr(&sb, "\nb:");
	for (int i = 0; i < 600; i++)
		strbuf_addstr(&sb, " [");
	strbuf_addstr(&sb, " *a");
	for (int i = 0; i < 600; i++)
		strbuf_addch(&sb, ']');
	strbuf_addch(&sb, '\n');
	CHECK(strstr(load_error(&a, sb.buf, NULL), "too deeply nested") != NULL);
	strbuf_release(&sb);
	arena_release(&a);
}

UNIT_TEST(yaml_clone)
{
	struct arena a = ARENA_INIT;
	struct y_error e;
	struct y_node *r = load(&a, "x: &x {a: [1, {b: 2}]}\ny: *x\n", &e), *c;
	struct y_pos via = { "other.yml", 7, 3 };

	CHECK(r != NULL);
	if (!r)
		return;
	c = y_clone(&a, at(r, "x"), via);
	CHECK(c != at(r, "x") && c->kind == Y_MAP);
	CHECK(at(c, "a.1.b") && at(c, "a.1.b") != at(r, "x.a.1.b"));
	CHECK_STR(at(c, "a.1.b")->via.file, "other.yml");
	CHECK(at(c, "a.1.b")->via.line == 7);
	/* Nodes that already came via something keep it. */
	c = y_clone(&a, at(r, "y"), via);
	CHECK(at(c, "a.0")->via.line == 2);
	CHECK(y_clone(&a, NULL, via) == NULL);
	arena_release(&a);
}

/* Every compose file of the shared corpus loads (but the few that are not
 * YAML at all), without crashing or hanging. */
static void sweep(struct arena *a, const char *dir, int *loaded, struct strbuf *failures)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char path[4096];
		struct stat st;
		const char *name = de->d_name, *dot, *why;
		size_t len;
		char *buf;
		struct y_node *root;
		struct y_error e;

		if (!strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (lstat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			sweep(a, path, loaded, failures);
			continue;
		}
		dot = strrchr(name, '.');
		if (!S_ISREG(st.st_mode) || !dot || (strcmp(dot, ".yml") && strcmp(dot, ".yaml")))
			continue;
		buf = read_file(a, path, &len, &why);
		if (!buf)
			continue;
		if (y_load(a, path, buf, len, &root, &e) == 0)
			(*loaded)++;
		else
			strbuf_addf(failures, "%s:%u: %s\n", path, e.pos.line, e.msg);
	}
	closedir(d);
}

UNIT_TEST(yaml_corpus_sweep)
{
	const char *shared = unit_shared_dir();
	struct arena a = ARENA_INIT;
	struct strbuf failures = STRBUF_INIT;
	char dir[4096];
	int loaded = 0;

	if (!shared) {
		unit_skip("../shared is absent: the compose corpus is not swept");
		return;
	}
	snprintf(dir, sizeof(dir), "%s/corpus/compose", shared);
	sweep(&a, dir, &loaded, &failures);
	CHECK(loaded > 200);
	/* Files that are not valid YAML (see the report in the commit):
	 * none in the corpus so far. */
	if (failures.len)
		unit_fail(__FILE__, __LINE__, "corpus files that do not load:\n%s", failures.buf);
	strbuf_release(&failures);
	arena_release(&a);
}

UNIT_TEST(yaml_getsentry_aliases)
{
	const char *shared = unit_shared_dir();
	struct arena a = ARENA_INIT;
	char path[4096];
	struct y_node *root;
	struct y_error e;
	const char *why;
	size_t len;
	char *buf;

	if (!shared) {
		unit_skip("../shared is absent");
		return;
	}
	snprintf(path, sizeof(path), "%s/corpus/compose/getsentry__self-hosted/docker-compose.yml", shared);
	buf = read_file(&a, path, &len, &why);
	if (!buf) {
		unit_skip("getsentry's docker-compose.yml is absent");
		arena_release(&a);
		return;
	}
	CHECK(y_load(&a, path, buf, len, &root, &e) == 0);
	CHECK(root && y_get(root, "services") && y_get(root, "services")->npairs > 20);
	arena_release(&a);
}
