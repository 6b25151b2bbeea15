/* Bake files (src/input/bake/) against what Buildx's documentation says bake
 * does: HCL and JSON, variables and the environment, inherits, groups,
 * named contexts, defaults, files merged in order, and every error path.
 * The cases are written here, after the documented behaviour. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "input/bake/bake.h"
#include "unit.h"
#include "util/strbuf.h"

struct lt {
	struct arena a;
	struct report r;
	struct env e;
	struct bake b;
	int rc;
};

/* Loads files (name, text, name, text, ..., NULL) with the environment
 * env ("K=V" strings, NULL-ended, may be NULL) and workdir. */
static void load_env(struct lt *l, const char *workdir, const char *const *env,
		     const char *const *files)
{
	struct bake_file f[16];
	size_t n = 0;

	l->a = (struct arena)ARENA_INIT;
	report_init(&l->r, &l->a);
	memset(&l->e, 0, sizeof(l->e));
	for (size_t i = 0; env && env[i]; i++) {
		const char *eq = strchr(env[i], '=');
		char *name = arena_strndup(&l->a, env[i], (size_t)(eq - env[i]));

		env_set(&l->a, &l->e, name, eq + 1, NULL, 0);
	}
	for (size_t i = 0; files[i] && n < 16; i += 2, n++) {
		f[n].name = files[i];
		f[n].buf = files[i + 1];
		f[n].len = strlen(files[i + 1]);
	}
	l->rc = bake_load_buffers(&l->a, f, n, workdir, &l->e, &l->b, &l->r);
}

static void load1(struct lt *l, const char *name, const char *text)
{
	const char *files[] = { name, text, NULL };

	load_env(l, NULL, NULL, files);
}

static void done(struct lt *l)
{
	arena_release(&l->a);
}

static const struct bake_target *tg(const struct lt *l, const char *name)
{
	return bake_find_target(&l->b, name);
}

static const struct bake_kv *kv(const struct bake_map *m, const char *key)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->kv[i].key, key))
			return &m->kv[i];
	return NULL;
}

static const char *val(const struct bake_map *m, const char *key)
{
	const struct bake_kv *e = kv(m, key);

	return e ? e->value.s : NULL;
}

/* The list as "a,b,c" ("?" for an unresolved item). */
static const char *joined(struct lt *l, const struct bake_list *li)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (size_t i = 0; i < li->n; i++)
		strbuf_addf(&sb, "%s%s", i ? "," : "", li->v[i].s ? li->v[i].s : "?");
	s = arena_strdup(&l->a, sb.buf);
	strbuf_release(&sb);
	return s;
}

/* An input error holding want, at line (0: any line). */
static bool has_error(const struct lt *l, const char *want, unsigned line)
{
	for (size_t i = 0; i < l->r.nerrors; i++)
		if (strstr(l->r.errors[i].message, want) && (!line || l->r.errors[i].line == line))
			return true;
	return false;
}

static bool has_note(const struct lt *l, const char *want)
{
	for (size_t i = 0; i < l->b.nnotes; i++)
		if (strstr(l->b.notes[i].msg, want))
			return true;
	return false;
}

static void dump_errors(const struct lt *l)
{
	for (size_t i = 0; i < l->r.nerrors; i++)
		fprintf(stderr, "    error %s:%u: %s\n", l->r.errors[i].file ? l->r.errors[i].file : "-",
			l->r.errors[i].line, l->r.errors[i].message);
}

#define CHECK_POS(p, l, c) do { if ((p).line != (l) || (p).col != (c)) \
	unit_fail(__FILE__, __LINE__, "%s at %u:%u, want %u:%u", #p, (p).line, (p).col, \
		  (unsigned)(l), (unsigned)(c)); } while (0)
#define CHECK_CLEAN(l) do { if ((l)->rc || (l)->r.nerrors) { \
	unit_fail(__FILE__, __LINE__, "unexpected input errors (rc %d)", (l)->rc); \
	dump_errors(l); } } while (0)

/* One bad input: an input error holding want at line, nothing else fatal. */
static void bad_at(int tline, const char *name, const char *text, const char *want, unsigned line)
{
	struct lt l;

	load1(&l, name, text);
	if (l.rc != -1 || !has_error(&l, want, line)) {
		unit_fail(__FILE__, tline, "%s: want an error \"%s\" at line %u (rc %d)", text, want, line,
			  l.rc);
		dump_errors(&l);
	}
	done(&l);
}
#define BAD(text, want, line) bad_at(__LINE__, "docker-bake.hcl", text, want, line)
#define BAD_JSON(text, want, line) bad_at(__LINE__, "docker-bake.json", text, want, line)

/* --- HCL ------------------------------------------------------------------- */

UNIT_TEST(bake_hcl_target)
{
	struct lt l;
	const struct bake_target *t;

	load1(&l, "docker-bake.hcl",
	      "# a comment\n"
	      "// another\n"
	      "/* a block\n   comment */\n"
	      "target \"api\" {\n"
	      "  context    = \"./services/api\"  # trailing\n"
	      "  dockerfile = \"Dockerfile.prod\"\n"
	      "  target     = \"runtime\"\n"
	      "  tags       = [\"example/api:1\", \"example/api:latest\",]\n"
	      "  platforms  = [\n    \"linux/amd64\",\n    \"linux/arm64\"\n  ]\n"
	      "  output     = [\"type=registry\"]\n"
	      "  description = \"the API\"\n"
	      "}\n");
	CHECK_CLEAN(&l);
	CHECK(l.b.n == 1);
	t = tg(&l, "api");
	CHECK(t != NULL);
	if (!t)
		goto out;
	CHECK_POS(t->pos, 5, 8);
	CHECK_STR(t->context.s, "./services/api");
	CHECK_POS(t->context.pos, 6, 16);
	CHECK(!t->context.dflt);
	CHECK_STR(t->dockerfile.s, "Dockerfile.prod");
	CHECK_STR(t->target.s, "runtime");
	CHECK_POS(t->target.pos, 8, 16);
	CHECK_STR(t->context_path, "services/api");
	CHECK_STR(t->dockerfile_path, "services/api/Dockerfile.prod");
	CHECK_STR(joined(&l, &t->tags), "example/api:1,example/api:latest");
	CHECK_POS(t->tags.v[1].pos, 9, 34);
	CHECK_STR(joined(&l, &t->platforms), "linux/amd64,linux/arm64");
	CHECK_POS(t->platforms.v[1].pos, 12, 5);
	CHECK_STR(joined(&l, &t->outputs), "type=registry");
	CHECK_STR(t->description.s, "the API");
	CHECK_STR(t->target.pos.file, "docker-bake.hcl");
	CHECK(!t->dockerfile_inline.s && !t->matrix);
out:
	done(&l);
}

UNIT_TEST(bake_defaults)
{
	struct lt l;
	const struct bake_target *t;
	const char *files[] = {
		"deploy/docker-bake.hcl",
		"target \"plain\" {}\n"
		"target \"sub\" {\n context = \"web\"\n dockerfile = \"../docker/web.Dockerfile\"\n}\n"
		"target \"abs\" { dockerfile = \"/srv/Dockerfile\" }\n"
		"target \"cwd\" {\n context = \"web\"\n dockerfile = \"cwd://build/Dockerfile\"\n}\n"
		"target \"empty\" { dockerfile = \"\" }\n"
		"target \"git\" { context = \"https://github.com/docker/buildx.git#master\" }\n"
		"target \"gitref\" { context = \"git@github.com:docker/buildx.git\" }\n"
		"target \"inline\" { dockerfile-inline = \"FROM alpine\" }\n"
		"target \"cmd\" { context = BAKE_CMD_CONTEXT }\n",
		NULL,
	};

	/* No working directory given: the first file's folder, where bake
	 * finds its default files. */
	load_env(&l, NULL, NULL, files);
	CHECK_CLEAN(&l);
	CHECK_STR(l.b.workdir, "deploy");
	t = tg(&l, "plain");
	CHECK(t && t->context.dflt && t->dockerfile.dflt);
	if (t) {
		CHECK_STR(t->context.s, ".");
		CHECK_STR(t->dockerfile.s, "Dockerfile");
		CHECK_POS(t->context.pos, 1, 8);
		CHECK_POS(t->dockerfile.pos, 1, 8);
		CHECK_STR(t->context_path, "deploy");
		CHECK_STR(t->dockerfile_path, "deploy/Dockerfile");
	}
	t = tg(&l, "sub");
	CHECK(t && t->context_path && t->dockerfile_path);
	if (t && t->dockerfile_path)
		CHECK_STR(t->dockerfile_path, "deploy/docker/web.Dockerfile");
	t = tg(&l, "abs");
	CHECK(t && t->dockerfile_path && !strcmp(t->dockerfile_path, "/srv/Dockerfile"));
	t = tg(&l, "cwd");
	CHECK(t && t->dockerfile_path && !strcmp(t->dockerfile_path, "deploy/build/Dockerfile"));
	/* dockerfile = "" is the default, as in Buildx. */
	t = tg(&l, "empty");
	CHECK(t && t->dockerfile.dflt && !strcmp(t->dockerfile.s, "Dockerfile"));
	CHECK_POS(t->dockerfile.pos, 11, 31);
	t = tg(&l, "git");
	CHECK(t && !t->context_path && !t->dockerfile_path);
	t = tg(&l, "gitref");
	CHECK(t && !t->context_path && !t->dockerfile_path);
	t = tg(&l, "inline");
	CHECK(t && t->context_path && !t->dockerfile_path);
	if (t)
		CHECK_STR(t->dockerfile_inline.s, "FROM alpine");
	/* BAKE_CMD_CONTEXT is "cwd://": the working directory. */
	t = tg(&l, "cmd");
	CHECK(t && t->context.s && !strcmp(t->context.s, "cwd://"));
	CHECK(t && t->context_path && !strcmp(t->context_path, "deploy"));
	done(&l);

	/* A working directory given: paths resolve against it. */
	load_env(&l, "/repo", NULL, files);
	t = tg(&l, "sub");
	CHECK(t && t->dockerfile_path && !strcmp(t->dockerfile_path, "/repo/docker/web.Dockerfile"));
	CHECK_STR(l.b.workdir, "/repo");
	done(&l);
}

UNIT_TEST(bake_inherits)
{
	struct lt l;
	const struct bake_target *t;

	load1(&l, "docker-bake.hcl",
	      "target \"_common\" {\n"
	      "  args = { GO = \"1.21\", KEEP = \"yes\" }\n"
	      "  contexts = { base = \"docker-image://alpine\", tools = \"./tools\" }\n"
	      "  platforms = [\"linux/amd64\", \"linux/arm64\"]\n"
	      "  tags = [\"common\"]\n"
	      "  dockerfile = \"common.Dockerfile\"\n"
	      "}\n"
	      "target \"_go\" {\n"
	      "  args = { GO = \"1.22\" }\n"
	      "  target = \"go\"\n"
	      "}\n"
	      "target \"app\" {\n"
	      "  inherits = [\"_common\", \"_go\"]\n"
	      "  args = { KEEP = null, OWN = \"1\" }\n"
	      "  contexts = { tools = \"\" }\n"
	      "  tags = [\"app\"]\n"
	      "}\n"
	      "target \"late\" {\n"
	      "  inherits = [\"_go\", \"_common\"]\n"
	      "}\n"
	      "target \"diamond\" { inherits = [\"app\", \"late\"] }\n");
	CHECK_CLEAN(&l);
	t = tg(&l, "app");
	CHECK(t != NULL);
	if (!t)
		goto out;
	/* Later wins: _go's GO beats _common's. */
	CHECK_STR(val(&t->args, "GO"), "1.22");
	CHECK_POS(kv(&t->args, "GO")->value.pos, 9, 17);
	/* A null arg does not replace the inherited one. */
	CHECK_STR(val(&t->args, "KEEP"), "yes");
	CHECK_POS(kv(&t->args, "KEEP")->value.pos, 2, 32);
	CHECK_STR(val(&t->args, "OWN"), "1");
	CHECK(t->args.n == 3);
	/* An empty context removes the inherited one. */
	CHECK(kv(&t->contexts, "tools") == NULL);
	CHECK_STR(val(&t->contexts, "base"), "docker-image://alpine");
	/* Lists are replaced, not merged; the target's own come last. */
	CHECK_STR(joined(&l, &t->tags), "app");
	CHECK_STR(joined(&l, &t->platforms), "linux/amd64,linux/arm64");
	CHECK_POS(t->platforms.v[0].pos, 4, 16);
	CHECK_STR(t->dockerfile.s, "common.Dockerfile");
	CHECK_POS(t->dockerfile.pos, 6, 16);
	CHECK_STR(t->target.s, "go");
	CHECK_STR(joined(&l, &t->inherits), "_common,_go");
	t = tg(&l, "late");
	CHECK(t && val(&t->args, "GO") && !strcmp(val(&t->args, "GO"), "1.21"));
	/* Diamond: late's GO (from _common, inherited last) wins. */
	t = tg(&l, "diamond");
	CHECK(t && val(&t->args, "GO") && !strcmp(val(&t->args, "GO"), "1.21"));
	CHECK(t && val(&t->args, "OWN") && !strcmp(val(&t->args, "OWN"), "1"));
	CHECK(t && t->target.s && !strcmp(t->target.s, "go"));
out:
	done(&l);
}

UNIT_TEST(bake_inherits_cycle)
{
	struct lt l;
	const struct bake_target *a, *b;

	/* Buildx ignores a cycle: each step back to a target being resolved
	 * gives nothing. A note, not an error. */
	load1(&l, "docker-bake.hcl",
	      "target \"a\" {\n inherits = [\"b\"]\n args = { A = \"a\" }\n}\n"
	      "target \"b\" {\n inherits = [\"a\"]\n args = { B = \"b\" }\n context = \"b\"\n}\n"
	      "target \"self\" { inherits = [\"self\"] }\n");
	CHECK_CLEAN(&l);
	CHECK(has_note(&l, "through a cycle"));
	a = tg(&l, "a");
	b = tg(&l, "b");
	CHECK(a && val(&a->args, "A") && val(&a->args, "B"));
	CHECK(a && a->context.s && !strcmp(a->context.s, "b"));
	CHECK(b && val(&b->args, "B"));
	CHECK(tg(&l, "self") != NULL);
	done(&l);
}

UNIT_TEST(bake_groups)
{
	struct lt l;
	const struct bake_target **ts;
	size_t n;

	load1(&l, "docker-bake.hcl",
	      "group \"default\" { targets = [\"web\", \"backend\"] }\n"
	      "group \"backend\" {\n targets = [\"api\", \"worker\", \"web\"]\n}\n"
	      "group \"all\" { targets = [\"default\", \"backend\", \"default\", \"tools\"] }\n"
	      "group \"loop\" { targets = [\"loop\", \"web\"] }\n"
	      "target \"web\" {}\ntarget \"api\" {}\ntarget \"worker\" {}\ntarget \"tools\" {}\n"
	      "target \"all\" {}\n");
	CHECK_CLEAN(&l);
	CHECK(l.b.ngroups == 4);
	CHECK_STR(l.b.groups[1].name, "backend");
	CHECK(l.b.groups[1].targets.n == 3);
	CHECK_POS(l.b.groups[1].targets.v[1].pos, 3, 20);
	n = bake_resolve(&l.b, &l.a, "default", &ts);
	CHECK(n == 3);
	if (n == 3) {
		CHECK_STR(ts[0]->name, "web");
		CHECK_STR(ts[1]->name, "api");
		CHECK_STR(ts[2]->name, "worker");
	}
	/* A group wins over a target of the same name; each target once. */
	n = bake_resolve(&l.b, &l.a, "all", &ts);
	CHECK(n == 4);
	if (n == 4)
		CHECK_STR(ts[3]->name, "tools");
	CHECK(bake_resolve(&l.b, &l.a, "loop", &ts) == 1);
	n = bake_resolve(&l.b, &l.a, "api", &ts);
	CHECK(n == 1 && !strcmp(ts[0]->name, "api"));
	CHECK(bake_resolve(&l.b, &l.a, "nothing", &ts) == 0);
	CHECK(bake_find_target(&l.b, "nothing") == NULL);
	done(&l);
}

UNIT_TEST(bake_variables)
{
	struct lt l;
	const struct bake_target *t;
	const char *files[] = {
		"docker-bake.hcl",
		"variable \"TAG\" { default = \"latest\" }\n"
		"variable \"REPO\" {\n  default = \"example/${NAME}\"\n}\n"
		"NAME = \"app\"\n"
		"variable \"PUSH\" { default = false }\n"
		"variable \"JOBS\" { default = 2 }\n"
		"variable \"EMPTY\" {}\n"
		"variable \"TYPED\" {\n type = bool\n default = null\n}\n"
		"target \"app\" {\n"
		"  tags = [\"${REPO}:${TAG}\", \"$${TAG}\", \"$TAG\"]\n"
		"  args = { PUSH = PUSH, JOBS = JOBS + 1, EMPTY = \"[${EMPTY}]\", NAME = NAME, TYPED = TYPED }\n"
		"}\n",
		NULL,
	};
	const char *env1[] = { "TAG=v2", "NAME=ignored", "PUSH=1", "JOBS=7", "EMPTY=e", "TYPED=true", NULL };
	const char *env2[] = { "TAG=v2", "BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP=1", NULL };

	load_env(&l, NULL, NULL, files);
	CHECK_CLEAN(&l);
	t = tg(&l, "app");
	CHECK(t != NULL);
	if (t) {
		/* $${ is a literal ${; a $ without braces stays. */
		CHECK_STR(joined(&l, &t->tags), "example/app:latest,${TAG},$TAG");
		CHECK_STR(val(&t->args, "PUSH"), "false");
		CHECK_STR(val(&t->args, "JOBS"), "3");
		CHECK_STR(val(&t->args, "EMPTY"), "[]");
		CHECK(kv(&t->args, "TYPED") == NULL);	/* null: dropped */
	}
	CHECK(l.b.nvariables == 7);
	CHECK_STR(l.b.variables[0].name, "TAG");
	CHECK_POS(l.b.variables[0].pos, 1, 10);
	CHECK_STR(l.b.variables[1].value.s, "example/app");
	CHECK(!l.b.variables[0].from_env);
	done(&l);

	/* The environment beats a declared variable's default, read as the
	 * default's type; a global attribute (NAME) is not the
	 * environment's to set. */
	load_env(&l, NULL, env1, files);
	CHECK_CLEAN(&l);
	t = tg(&l, "app");
	if (t) {
		CHECK_STR(joined(&l, &t->tags), "example/app:v2,${TAG},$TAG");
		CHECK_STR(val(&t->args, "PUSH"), "true");
		CHECK_STR(val(&t->args, "JOBS"), "8");
		CHECK_STR(val(&t->args, "EMPTY"), "[e]");
		CHECK_STR(val(&t->args, "NAME"), "app");
		CHECK_STR(val(&t->args, "TYPED"), "true");
	}
	CHECK(l.b.variables[0].from_env);
	done(&l);

	/* BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP turns that off. */
	load_env(&l, NULL, env2, files);
	t = tg(&l, "app");
	CHECK(t && t->tags.n && !strcmp(t->tags.v[0].s, "example/app:latest"));
	done(&l);
}

UNIT_TEST(bake_expressions)
{
	struct lt l;
	const struct bake_target *t;

	load1(&l, "docker-bake.hcl",
	      "variable \"V\" { default = \"1.2.3\" }\n"
	      "variable \"DEBUG\" { default = \"false\" }\n"
	      "variable \"LIST\" { default = [\"a\", \"b\"] }\n"
	      "variable \"MAP\" { default = { k = \"v\", \"x.y\" = \"z\" } }\n"
	      "target \"x\" {\n"
	      "  args = {\n"
	      "    cond = V != \"\" ? \"v${V}\" : \"dev\"\n"
	      "    and = DEBUG || V == \"1.2.3\" && !false\n"
	      "    math = (2 + 3) * 4 - 10 / 5 % 3\n"
	      "    neg = -1.5\n"
	      "    cmp = 3 >= 2 && 1 < 2 && 2 <= 2 && 3 > 4\n"
	      "    join = join(\",\", LIST, [\"c\"])\n"
	      "    lower = lower(\"ABC\")\n"
	      "    upper = upper(\"abc\")\n"
	      "    pre = trimprefix(V, \"1.\")\n"
	      "    suf = trimsuffix(V, \".3\")\n"
	      "    space = trimspace(\"  s \")\n"
	      "    first = coalesce(\"\", null, \"c\")\n"
	      "    eq = equal(LIST, [\"a\", \"b\"])\n"
	      "    ne = notequal(MAP, {})\n"
	      "    idx = LIST[1]\n"
	      "    key = MAP.k\n"
	      "    key2 = MAP[\"x.y\"]\n"
	      "    legacy = LIST.0\n"
	      "    tif = \"%{ if DEBUG == \"true\" }debug%{ else }release%{ endif }\"\n"
	      "    strip = \"a  %{~ if true ~}  b  %{~ endif ~}  c\"\n"
	      "    esc = \"tab\\there \\u00e9 \\\"q\\\" \\\\\"\n"
	      "    num = 1e3\n"
	      "    frac = 0.50\n"
	      "  }\n"
	      "  dockerfile-inline = <<EOT\n"
	      "FROM alpine:${V}\n"
	      "  RUN echo $${HOME}\n"
	      "EOT\n"
	      "  description = <<-EOT\n"
	      "      one\n"
	      "        two\n"
	      "    EOT\n"
	      "}\n");
	CHECK_CLEAN(&l);
	t = tg(&l, "x");
	CHECK(t != NULL);
	if (!t)
		goto out;
	CHECK_STR(val(&t->args, "cond"), "v1.2.3");
	CHECK_STR(val(&t->args, "and"), "true");
	CHECK_STR(val(&t->args, "math"), "18");
	CHECK_STR(val(&t->args, "neg"), "-1.5");
	CHECK_STR(val(&t->args, "cmp"), "false");
	CHECK_STR(val(&t->args, "join"), "a,b,c");
	CHECK_STR(val(&t->args, "lower"), "abc");
	CHECK_STR(val(&t->args, "upper"), "ABC");
	CHECK_STR(val(&t->args, "pre"), "2.3");
	CHECK_STR(val(&t->args, "suf"), "1.2");
	CHECK_STR(val(&t->args, "space"), "s");
	CHECK_STR(val(&t->args, "first"), "c");
	CHECK_STR(val(&t->args, "eq"), "true");
	CHECK_STR(val(&t->args, "ne"), "true");
	CHECK_STR(val(&t->args, "idx"), "b");
	CHECK_STR(val(&t->args, "key"), "v");
	CHECK_STR(val(&t->args, "key2"), "z");
	CHECK_STR(val(&t->args, "legacy"), "a");
	CHECK_STR(val(&t->args, "tif"), "release");
	CHECK_STR(val(&t->args, "strip"), "abc");
	CHECK_STR(val(&t->args, "esc"), "tab\there \xc3\xa9 \"q\" \\");
	CHECK_STR(val(&t->args, "num"), "1000");
	CHECK_STR(val(&t->args, "frac"), "0.5");
	CHECK_STR(t->dockerfile_inline.s, "FROM alpine:1.2.3\n  RUN echo ${HOME}\n");
	CHECK_POS(t->dockerfile_inline.pos, 31, 23);
	CHECK_STR(t->description.s, "one\n  two\n");
out:
	done(&l);
}

UNIT_TEST(bake_unresolved)
{
	struct lt l;
	const struct bake_target *t;
	struct arena ra = ARENA_INIT;
	struct report r;

	load1(&l, "docker-bake.hcl",
	      "function \"tag\" {\n params = [v]\n result = \"x:${v}\"\n}\n"
	      "target \"base\" { dockerfile = \"base.Dockerfile\" }\n"
	      "target \"a\" {\n"
	      "  dockerfile = target.base.dockerfile\n"
	      "  context = tag(\"1\")\n"
	      "  target = timestamp()\n"
	      "  tags = [for v in [\"a\"] : v]\n"
	      "  platforms = [\"linux/amd64\", BAKE_LOCAL_PLATFORM]\n"
	      "  args = { A = \"${[\"x\"][*]}\", B = \"ok\" }\n"
	      "  output = [\"type=%{ for o in [1] }${o}%{ endfor }\"]\n"
	      "}\n"
	      "target \"m\" {\n"
	      "  name = \"m-${v}\"\n"
	      "  matrix = { v = [\"1\", \"2\"] }\n"
	      "  target = \"stage-${v}\"\n"
	      "  context = \"fixed\"\n"
	      "}\n");
	CHECK_CLEAN(&l);
	t = tg(&l, "a");
	CHECK(t != NULL);
	if (!t)
		goto out;
	/* Unresolved: no guess, no path, and a note that says why. */
	CHECK(!t->dockerfile.s && t->dockerfile.unresolved && !t->dockerfile_path);
	CHECK(!t->context.s && t->context.unresolved && !t->context_path);
	CHECK(!t->target.s && t->target.unresolved);
	CHECK_POS(t->target.pos, 9, 12);
	CHECK(t->tags.n == 1 && !t->tags.v[0].s && t->tags.v[0].unresolved);
	CHECK_STR(joined(&l, &t->platforms), "linux/amd64,?");
	CHECK(!val(&t->args, "A") && kv(&t->args, "A") && kv(&t->args, "A")->value.unresolved);
	CHECK_STR(val(&t->args, "B"), "ok");
	CHECK_STR(joined(&l, &t->outputs), "?");
	CHECK(has_note(&l, "references to other targets"));
	CHECK(has_note(&l, "function \"tag\" is not evaluated"));
	CHECK(has_note(&l, "the function timestamp() is not evaluated"));
	CHECK(has_note(&l, "for expressions are not evaluated"));
	CHECK(has_note(&l, "BAKE_LOCAL_PLATFORM"));
	CHECK(has_note(&l, "splat expressions are not evaluated"));
	CHECK(has_note(&l, "%{for}"));
	t = tg(&l, "m");
	CHECK(t && t->matrix && t->target.unresolved && t->context.s && !strcmp(t->context.s, "fixed"));
	CHECK(has_note(&l, "a matrix target is not expanded"));
	/* The caller decides whether notes are shown. */
	report_init(&r, &ra);
	bake_report_notes(&l.b, &r);
	CHECK(r.nnotes == l.b.nnotes && r.nnotes > 0);
	CHECK(r.nnotes && r.notes[0].file && !strcmp(r.notes[0].file, "docker-bake.hcl"));
	CHECK(r.nnotes && !strncmp(r.notes[0].message, "line 1: ", 8));
	arena_release(&ra);
out:
	done(&l);
}

UNIT_TEST(bake_named_contexts)
{
	struct lt l;
	const struct bake_target *t;
	const char *stage = NULL;

	CHECK(bake_context_is_stage("target:base", &stage));
	CHECK_STR(stage, "base");
	CHECK(bake_context_is_stage("target:base", NULL));
	CHECK(!bake_context_is_stage("target:", &stage));
	CHECK(!bake_context_is_stage("docker-image://alpine", &stage));
	CHECK(!bake_context_is_stage("./target:x", &stage));
	CHECK(!bake_context_is_stage(NULL, &stage));

	load1(&l, "ci/docker-bake.hcl",
	      "target \"base\" { dockerfile = \"base.Dockerfile\" }\n"
	      "target \"app\" {\n"
	      "  contexts = {\n"
	      "    base = \"target:base\"\n"
	      "    src = \"../src\"\n"
	      "    cwd = \"cwd://vendor\"\n"
	      "    img = \"docker-image://alpine:3.19\"\n"
	      "    oci = \"oci-layout://./layout\"\n"
	      "    git = \"https://github.com/example/repo.git\"\n"
	      "  }\n"
	      "}\n");
	CHECK_CLEAN(&l);
	t = tg(&l, "app");
	CHECK(t && t->contexts.n == 6);
	if (!t)
		goto out;
	CHECK(bake_context_is_stage(val(&t->contexts, "base"), &stage));
	CHECK_STR(stage, "base");
	CHECK(bake_find_target(&l.b, stage) != NULL);
	CHECK_POS(kv(&t->contexts, "base")->key_pos, 4, 5);
	CHECK_POS(kv(&t->contexts, "base")->value.pos, 4, 12);
	CHECK(!kv(&t->contexts, "base")->path);
	CHECK_STR(kv(&t->contexts, "src")->path, "src");
	CHECK_STR(kv(&t->contexts, "cwd")->path, "ci/vendor");
	CHECK(!kv(&t->contexts, "img")->path);
	CHECK(!kv(&t->contexts, "oci")->path);
	CHECK(!kv(&t->contexts, "git")->path);
out:
	done(&l);
}

UNIT_TEST(bake_json)
{
	struct lt l;
	const struct bake_target *t;

	load1(&l, "docker-bake.json",
	      "{\n"
	      "  \"//\": \"comments are members named //\",\n"
	      "  \"variable\": {\n"
	      "    \"TAG\": { \"default\": \"latest\" },\n"
	      "    \"N\": { \"default\": 3 }\n"
	      "  },\n"
	      "  \"REGISTRY\": \"docker.io\",\n"
	      "  \"group\": { \"default\": { \"targets\": [\"web\"] } },\n"
	      "  \"target\": {\n"
	      "    \"web\": {\n"
	      "      \"context\": \"web\",\n"
	      "      \"dockerfile\": \"Dockerfile\",\n"
	      "      \"tags\": [\"${REGISTRY}/web:${TAG}\", \"web:\\u00e9\"],\n"
	      "      \"args\": { \"A\": 1, \"B\": true, \"C\": null, \"D\": \"${N}\" },\n"
	      "      \"contexts\": { \"base\": \"target:base\" },\n"
	      "      \"inherits\": [\"base\"]\n"
	      "    },\n"
	      "    \"base\": { \"target\": \"base\", \"platforms\": [\"linux/amd64\"] }\n"
	      "  },\n"
	      "  \"target\": [ { \"extra\": { \"target\": \"x\" } } ]\n"
	      "}\n");
	CHECK_CLEAN(&l);
	t = tg(&l, "web");
	CHECK(t != NULL);
	if (!t)
		goto out;
	CHECK_POS(t->pos, 10, 5);
	CHECK_STR(t->context_path, "web");
	CHECK_STR(t->dockerfile_path, "web/Dockerfile");
	CHECK_POS(t->context.pos, 11, 18);
	CHECK_STR(joined(&l, &t->tags), "docker.io/web:latest,web:\xc3\xa9");
	CHECK_STR(val(&t->args, "A"), "1");
	CHECK_STR(val(&t->args, "B"), "true");
	CHECK(!kv(&t->args, "C"));
	CHECK_STR(val(&t->args, "D"), "3");
	CHECK_STR(t->target.s, "base");
	CHECK_STR(joined(&l, &t->platforms), "linux/amd64");
	CHECK(tg(&l, "extra") && tg(&l, "extra")->target.s);
	CHECK(l.b.ngroups == 1);
	/* A JSON text with another name is JSON when it starts with {. */
	done(&l);
	load1(&l, "bake-definition", "  {\"target\": {\"a\": {}}}");
	CHECK_CLEAN(&l);
	CHECK(tg(&l, "a") != NULL);
out:
	done(&l);
}

UNIT_TEST(bake_overrides_in_order)
{
	struct lt l;
	const struct bake_target *t;
	const char *base =
		"variable \"TAG\" { default = \"base\" }\n"
		"group \"default\" { targets = [\"app\", \"db\"] }\n"
		"target \"_x\" {}\n"
		"target \"app\" {\n"
		"  inherits = [\"_x\"]\n"
		"  context = \"app\"\n"
		"  args = { A = \"1\", B = \"1\" }\n"
		"  tags = [\"app:${TAG}\", \"app:base\"]\n"
		"  target = \"prod\"\n"
		"}\n"
		"target \"db\" {}\n";
	const char *over =
		"variable \"TAG\" { default = \"over\" }\n"
		"group \"default\" { targets = [\"app\"] }\n"
		"target \"_y\" { platforms = [\"linux/arm64\"] }\n"
		"target \"app\" {\n"
		"  inherits = [\"_y\"]\n"
		"  args = { B = \"2\" }\n"
		"  tags = [\"app:${TAG}\"]\n"
		"  target = \"debug\"\n"
		"}\n";
	const char *json = "{\"target\": {\"app\": {\"target\": \"json\"}}, \"TAG\": \"attr\"}";
	const char *ab[] = { "docker-bake.hcl", base, "docker-bake.override.hcl", over, NULL };
	const char *ba[] = { "docker-bake.override.hcl", over, "docker-bake.hcl", base, NULL };
	const char *abj[] = { "docker-bake.hcl", base, "docker-bake.override.hcl", over,
			      "docker-bake.override.json", json, NULL };
	const struct bake_target **ts;

	load_env(&l, NULL, NULL, ab);
	CHECK_CLEAN(&l);
	CHECK(l.b.nfiles == 2);
	t = tg(&l, "app");
	CHECK(t != NULL);
	if (t) {
		/* Scalars: the later file wins; maps merge by key; lists are
		 * replaced; a later variable block replaces the earlier one;
		 * inherits lists add up. */
		CHECK_STR(t->target.s, "debug");
		CHECK_STR(t->target.pos.file, "docker-bake.override.hcl");
		CHECK_STR(t->context.s, "app");
		CHECK_STR(t->context.pos.file, "docker-bake.hcl");
		CHECK_STR(val(&t->args, "A"), "1");
		CHECK_STR(val(&t->args, "B"), "2");
		CHECK_STR(joined(&l, &t->tags), "app:over");
		CHECK_STR(joined(&l, &t->inherits), "_x,_y");
		CHECK_STR(joined(&l, &t->platforms), "linux/arm64");
		CHECK_POS(t->pos, 4, 8);
		CHECK_STR(t->pos.file, "docker-bake.hcl");
	}
	/* A later group block replaces the earlier one. */
	CHECK(bake_resolve(&l.b, &l.a, "default", &ts) == 1);
	/* Targets keep the order they were first defined in. */
	CHECK(l.b.n == 4);
	CHECK_STR(l.b.targets[3].name, "_y");
	done(&l);

	load_env(&l, NULL, NULL, ba);
	CHECK_CLEAN(&l);
	t = tg(&l, "app");
	CHECK(t && t->target.s && !strcmp(t->target.s, "prod"));
	CHECK(t && val(&t->args, "B") && !strcmp(val(&t->args, "B"), "1"));
	CHECK(t && !strcmp(joined(&l, &t->tags), "app:base"));
	CHECK(bake_resolve(&l.b, &l.a, "default", &ts) == 2);
	done(&l);

	/* A JSON override; its global attribute beats the variable's default. */
	load_env(&l, NULL, NULL, abj);
	CHECK_CLEAN(&l);
	t = tg(&l, "app");
	CHECK(t && t->target.s && !strcmp(t->target.s, "json"));
	CHECK(t && !strcmp(joined(&l, &t->tags), "app:attr"));
	done(&l);
}

UNIT_TEST(bake_file_names)
{
	CHECK(bake_is_file("docker-bake.hcl"));
	CHECK(bake_is_file("docker-bake.json"));
	CHECK(bake_is_file("docker-bake.override.hcl"));
	CHECK(bake_is_file("a/b/docker-bake.override.json"));
	CHECK(!bake_is_file("docker-compose.yml"));
	CHECK(!bake_is_file("bake.hcl"));
	CHECK(!bake_is_file("docker-bake.hcl.bak"));
	CHECK(!bake_is_file("docker-bake.hcl/x"));
	CHECK(!bake_is_file(""));
	CHECK(bake_file_order("docker-bake.json") == 0);
	CHECK(bake_file_order("x/docker-bake.hcl") == 1);
	CHECK(bake_file_order("docker-bake.override.json") == 2);
	CHECK(bake_file_order("docker-bake.override.hcl") == 3);
	CHECK(bake_file_order("compose.yaml") == -1);
}

/* Shapes real bake files have: a conditional whose object spans lines, a
 * heredoc whose end marker is indented and one inside a heredoc's text,
 * calls spanning lines around for expressions, quoted keys, "$VAR" kept. */
UNIT_TEST(bake_real_shapes)
{
	struct lt l;
	const struct bake_target *t;

	load1(&l, "docker-bake.hcl",
	      "variable \"CTX\" { default = \".\" }\n"
	      "variable \"BIN_CTX\" {\n  default = CTX\n}\n"
	      "variable \"COVER\" { default = null }\n"
	      "target \"bins\" { context = BIN_CTX }\n"
	      "target \"tests\" {\n"
	      "  context = CTX\n"
	      "  contexts = CTX != \"x\" ? {\n"
	      "    \"binaries\" = \"target:bins\"\n"
	      "  } : null\n"
	      "  args = {\n    FLAGS = COVER == \"1\" ? \"-cover\" : null\n    REV = \"$GITHUB_RUN\"\n  }\n"
	      "  labels = {\n    \"org.opencontainers.image.title\" = \"t\"\n  }\n"
	      "  output = [\n    \"type=docker,name=t\",\n  ]\n"
	      "}\n"
	      "target \"inline\" {\n"
	      "  tags = flatten(\n    [for r in [\"\", \"ghcr.io/\"] :\n      \"${r}x\"])\n"
	      "  dockerfile-inline = <<EOT\n"
	      "    FROM alpine\n"
	      "    RUN <<EOX\n      echo hi\n    EOX\n"
	      "  EOT\n"
	      "  target = \"final\"\n"
	      "}\n");
	CHECK_CLEAN(&l);
	t = tg(&l, "tests");
	CHECK(t && val(&t->contexts, "binaries") && !strcmp(val(&t->contexts, "binaries"), "target:bins"));
	CHECK(t && !kv(&t->args, "FLAGS"));
	CHECK(t && val(&t->args, "REV") && !strcmp(val(&t->args, "REV"), "$GITHUB_RUN"));
	CHECK(t && !strcmp(joined(&l, &t->outputs), "type=docker,name=t"));
	t = tg(&l, "inline");
	CHECK(t && t->tags.n == 1 && t->tags.v[0].unresolved);
	CHECK(t && t->dockerfile_inline.s &&
	      !strcmp(t->dockerfile_inline.s, "    FROM alpine\n    RUN <<EOX\n      echo hi\n    EOX\n"));
	CHECK(t && t->target.s && !strcmp(t->target.s, "final"));
	done(&l);
}

static int nshared, shared_bad;

static int each_shared(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *paths[1] = { path };
	struct arena a = ARENA_INIT;
	struct report r;
	struct bake b;

	(void)st;
	(void)ftw;
	if (type != FTW_F || !bake_is_file(path))
		return 0;
	report_init(&r, &a);
	nshared++;
	if (bake_load(&a, paths, 1, NULL, NULL, &b, &r) || !b.n) {
		shared_bad++;
		unit_fail(__FILE__, __LINE__, "%s: %zu targets, %zu input errors%s%s", path, b.n,
			  r.nerrors, r.nerrors ? ": " : "", r.nerrors ? r.errors[0].message : "");
	}
	arena_release(&a);
	return 0;
}

/* Every bake file of the shared projects loads, with targets and no input
 * error. */
UNIT_TEST(bake_shared_projects)
{
	const char *shared = unit_shared_dir();
	char dir[4096];

	if (!shared) {
		unit_skip("../shared is absent (set SW_SHARED)");
		return;
	}
	snprintf(dir, sizeof(dir), "%s/projects", shared);
	nshared = shared_bad = 0;
	nftw(dir, each_shared, 16, FTW_PHYS);
	CHECK(nshared > 0);
}

/* --- errors ------------------------------------------------------------------ */

UNIT_TEST(bake_syntax_errors)
{
	BAD("target \"a\" {\n context = \".\"\n", "missing } to close the block opened at line 1", 1);
	BAD("target \"a\" {\n context = \"x\n}\n", "unterminated string", 2);
	BAD("target \"a\" { context = \"x }", "unterminated string", 1);
	BAD("target \"a\" { context = \"\\q\" }", "invalid escape sequence \\q", 1);
	BAD("target \"a\" { context = \"\\u12\" }", "needs 4 hexadecimal digits", 1);
	BAD("target \"a\" { context = \"\\u0000\" }", "NUL character", 1);
	BAD("/* never closed\ntarget \"a\" {}\n", "unterminated /* comment", 1);
	BAD("target \"a\" {\n dockerfile-inline = <<EOT\nFROM x\n}\n", "heredoc <<EOT has no closing line EOT", 2);
	BAD("target \"a\" {\n dockerfile-inline = <<EOT FROM x\nEOT\n}\n", "must end its line", 2);
	BAD("target \"a\" {\n x = <<\n}\n", "expected a heredoc marker", 2);
	BAD("target \"a\" \"b\" = 1\n", "expected = or { after target", 1);
	BAD("}\n", "unexpected }", 1);
	BAD("target \"a\" {\n context = \"x\" dockerfile = \"y\"\n}\n", "after the value of context", 2);
	BAD("target \"a${x}\" {}\n", "a block label cannot hold", 1);
	BAD("target \"a\" { context = \"%{ else }\" }", "%{else} without its %{if}", 1);
	BAD("target \"a\" { context = \"%{ if true }x\" }", "%{if} without %{endif}", 1);
	BAD("target \"a\" { context = \"%{ if true }x%{ endfor }\" }", "%{if} without %{endif}", 1);
	BAD("target \"a\" { context = \"%{ while }\" }", "unknown template directive %{while}", 1);
	BAD("target \"a\" { context = \"${ 1 \" }", "expected } to end the interpolation", 1);
	BAD("target \"a\" { context = \"${}\" }", "expected a value, found '}'", 1);
	BAD("target \"a\" {\n tags = [\"a\" \"b\"]\n}\n", "expected , or ] in the list opened at line 2", 2);
	BAD("target \"a\" {\n args = { a b }\n}\n", "expected = or : after a key", 2);
	BAD("target \"a\" {\n args = { a = 1\n", "missing } to close the object", 2);
	BAD("target \"a\" { context = f(1 2) }", "expected , or ) in the call of f()", 1);
	BAD("target \"a\" { context = (1 }", "expected ) to close the (", 1);
	BAD("target \"a\" { context = x. }", "expected an attribute name after '.'", 1);
	BAD("target \"a\" { context = x[1 }", "expected ] after the index", 1);
	BAD("target \"a\" { context = true ? 1 }", "expected : in the conditional", 1);
	BAD("target \"a\" { tags = [for x y] }", "malformed for expression", 1);
	BAD("target \"a\" { context = \"%{ for }\" }", "malformed %{for} directive", 1);
	BAD("target \"a\" { context = \"%{ for x in [] }\" }", "%{for} without %{endfor}", 1);
	BAD("target \"a\" {\n context = @\n}\n", "expected a value, found '@'", 2);
	BAD("= 1\n", "expected an attribute or a block, found '='", 1);
}

UNIT_TEST(bake_binary_input)
{
	struct lt l;
	const char text[] = "target \"a\" {}\n\0target \"b\" {}\n";
	struct bake_file f = { "docker-bake.hcl", text, sizeof(text) - 1 };

	l.a = (struct arena)ARENA_INIT;
	report_init(&l.r, &l.a);
	l.rc = bake_load_buffers(&l.a, &f, 1, NULL, NULL, &l.b, &l.r);
	CHECK(l.rc == -1 && has_error(&l, "NUL byte", 2));
	CHECK(l.b.n == 0);
	done(&l);
}

UNIT_TEST(bake_json_errors)
{
	BAD_JSON("[]", "a JSON bake file holds one object", 1);
	BAD_JSON("{} {}", "unexpected '{' after the JSON document", 1);
	BAD_JSON("{\"target\": {\"a\": {\"context\": \"x}}}", "unterminated string", 1);
	BAD_JSON("{\"target\": {\"a\": {\"context\": \"\x01\"}}}", "a control character", 1);
	BAD_JSON("{\"a\": 01}", "expected , or }", 1);
	BAD_JSON("{\"a\": -}", "malformed number", 1);
	BAD_JSON("{\"a\": 1.}", "malformed number", 1);
	BAD_JSON("{\"a\": \"\\x\"}", "invalid escape", 1);
	BAD_JSON("{\"a\": \"\\u12\"}", "\\u needs four hexadecimal digits", 1);
	BAD_JSON("{\"a\": \"\\u0000\"}", "NUL character", 1);
	BAD_JSON("{\n\"target\": 1}", "\"target\" must be an object of target blocks", 2);
	BAD_JSON("{\"target\": {\"a\": 1}}", "target \"a\" must be an object", 1);
	BAD_JSON("{\"target\": {\"a\": {}}", "expected , or }", 1);
	BAD_JSON("{a: 1}", "expected a member name in quotes", 1);
	BAD_JSON("{\"a\" 1}", "expected : after the member name", 1);
	BAD_JSON("{\"a\": nope}", "expected a JSON value", 1);
	BAD_JSON("{\"a\": \"${\"}", "expected a value", 1);
	BAD_JSON("", "expected a JSON value, found the end of the file", 1);
}

UNIT_TEST(bake_semantic_errors)
{
	BAD("target \"a\" {\n context = NOPE\n}\n", "undefined variable \"NOPE\"", 2);
	BAD("variable \"A\" { default = \"${A}\" }\n", "variable \"A\" refers to itself", 1);
	BAD("variable \"A\" { default = B }\nvariable \"B\" {\n default = A\n}\n", "(a cycle)", 3);
	BAD("target {}\n", "a target block takes one name in quotes (it has 0)", 1);
	BAD("variable \"a\" \"b\" {}\n", "a variable block takes one name in quotes (it has 2)", 1);
	BAD("target \"a.b\" {}\n", "target \"a.b\": a name holds only letters, digits", 1);
	BAD("group \"a b\" {}\n", "group \"a b\": a name holds only", 1);
	BAD("target \"a\" {\n tags = []\n tags = []\n}\n", "tags is set twice in this block (first at line 2)", 3);
	BAD("A = 1\nA = 2\n", "A is set twice", 2);
	BAD("target \"a\" {\n inherits = [\"b\"]\n}\n", "target \"a\" inherits \"b\", which is not a target", 2);
	BAD("group \"g\" { targets = [\"t\", \"x\"] }\ntarget \"t\" {}\n", "group \"g\": \"x\" is neither a target nor a group", 1);
	BAD("target \"a\" { context = [\"x\"] }", "target \"a\": context must be a string, not a list", 1);
	BAD("target \"a\" { tags = \"x\" }", "tags must be a list, not a string", 1);
	BAD("target \"a\" { tags = [[\"x\"]] }", "the items of tags must be strings, not a list", 1);
	BAD("target \"a\" { tags = [{ a = \"b\" }] }", "the items of tags must be strings, not a map", 1);
	BAD("target \"a\" { args = [\"x\"] }", "args must be a map", 1);
	BAD("target \"a\" { args = { A = [\"x\"] } }", "args.A must be a string, not a list", 1);
	BAD("group \"g\" { targets = \"x\" }", "group \"g\": targets must be a list", 1);
	BAD("group \"g\" {\n matrix = {}\n}\n", "matrix is not supported for groups", 2);
	BAD("target \"a\" { context = 1 / 0 }", "division by zero", 1);
	BAD("target \"a\" { context = [\"x\"][3] }", "index 3 is out of range", 1);
	BAD("target \"a\" { context = { k = 1 }.j }", "the map has no key \"j\"", 1);
	BAD("target \"a\" { context = \"x\".y }", "a string cannot be indexed", 1);
	BAD("target \"a\" { context = \"x${[1]}\" }", "a list cannot be used as a string", 1);
	BAD("target \"a\" { context = \"x${null}\" }", "null cannot be used as a string", 1);
	BAD("target \"a\" { context = !\"x\" }", "a bool is required here, not a string", 1);
	BAD("target \"a\" { context = 1 + true }", "a number is required here, not a bool", 1);
	BAD("target \"a\" { context = lower(1, 2) }", "lower() takes 1 argument", 1);
	BAD("target \"a\" { context = equal(1) }", "equal() takes 2 arguments", 1);
	BAD("target \"a\" { context = coalesce(\"\", null) }", "coalesce(): no non-null", 1);
	BAD("target \"a\" { context = join(\",\") }", "join() takes a separator", 1);
	BAD("target \"a\" { context = join(\",\", \"x\") }", "join(): a string is not a list", 1);
	BAD("target \"a\" { context = 1e999 }", "number 1e999 is out of range", 1);
	BAD("target \"a\" { context = 1e308 * 10 }", "not a finite number", 1);
}

UNIT_TEST(bake_env_errors)
{
	struct lt l;
	const char *files[] = { "docker-bake.hcl",
		"variable \"B\" { default = true }\nvariable \"N\" {\n default = 1\n}\n"
		"variable \"L\" { default = [\"a\"] }\ntarget \"t\" { tags = L }\n", NULL };
	const char *env[] = { "B=maybe", "N=x1", "L=a,b", NULL };

	load_env(&l, NULL, env, files);
	CHECK(l.rc == -1);
	CHECK(has_error(&l, "variable \"B\": the environment's value \"maybe\" is not a bool", 1));
	CHECK(has_error(&l, "variable \"N\": the environment's value \"x1\" is not a number", 2));
	CHECK(has_note(&l, "set by the environment to a list or map"));
	CHECK(tg(&l, "t") && tg(&l, "t")->tags.n == 1 && tg(&l, "t")->tags.v[0].unresolved);
	done(&l);
}

UNIT_TEST(bake_files_fail_alone)
{
	struct lt l;
	const char *files[] = {
		"docker-bake.hcl", "target \"a\" { context = \"a\" }\n",
		"docker-bake.override.hcl", "target \"a\" {\n context = \n}\n",
		"docker-bake.override.json", "{\"target\": {\"b\": {}}}",
		NULL,
	};
	const char *paths[] = { "/nonexistent/seaworthy/docker-bake.hcl" };
	struct arena a = ARENA_INIT;
	struct report r;
	struct bake b;

	/* The broken override is left out; the others are still merged. */
	load_env(&l, NULL, NULL, files);
	CHECK(l.rc == -1);
	CHECK(has_error(&l, "the file is not read", 2));
	CHECK_STR(l.r.errors[0].file, "docker-bake.override.hcl");
	CHECK(tg(&l, "a") && !strcmp(tg(&l, "a")->context.s, "a"));
	CHECK(tg(&l, "b") != NULL);
	done(&l);

	report_init(&r, &a);
	CHECK(bake_load(&a, paths, 1, NULL, NULL, &b, &r) == -1);
	CHECK(r.nerrors == 1 && r.errors[0].line == 0 && strstr(r.errors[0].message, "cannot read"));
	CHECK(b.n == 0);
	arena_release(&a);
}

UNIT_TEST(bake_notes)
{
	struct lt l;

	load1(&l, "docker-bake.hcl",
	      "weird \"x\" {}\n"
	      "target = 1\n"
	      "variable \"BAKE_CMD_CONTEXT\" { default = \"x\" }\n"
	      "target \"a\" {\n foo = 1\n nested {}\n}\n"
	      "group \"g\" {\n bar = 1\n}\n");
	CHECK_CLEAN(&l);
	CHECK(has_note(&l, "a weird block is not a bake block"));
	CHECK(has_note(&l, "the global attribute target is ignored"));
	CHECK(has_note(&l, "variable BAKE_CMD_CONTEXT is ignored"));
	CHECK(has_note(&l, "unknown attribute foo is ignored"));
	CHECK(has_note(&l, "the nested block in it is ignored"));
	CHECK(has_note(&l, "group \"g\": unknown attribute bar"));
	done(&l);
}

/* --- budgets ------------------------------------------------------------------- */

static void bad_sb(int tline, struct strbuf *sb, const char *want)
{
	bad_at(tline, "docker-bake.hcl", sb->buf, want, 0);
	strbuf_release(sb);
}

UNIT_TEST(bake_budgets)
{
	struct strbuf sb = STRBUF_INIT;
	char want[128];

	/* Nesting: parentheses, lists, blocks, templates, operators. */
	strbuf_addstr(&sb, "x = ");
	for (int i = 0; i < 300; i++)
		strbuf_addch(&sb, '(');
	strbuf_addstr(&sb, "1\n");
	snprintf(want, sizeof(want), "nests too deep (limit %d)", BAKE_MAX_NEST);
	bad_sb(__LINE__, &sb, want);
	for (int i = 0; i < 300; i++)
		strbuf_addstr(&sb, "a {\n");
	bad_sb(__LINE__, &sb, want);
	strbuf_addstr(&sb, "x = ");
	for (int i = 0; i < 300; i++)
		strbuf_addstr(&sb, "\"${");
	bad_sb(__LINE__, &sb, want);
	strbuf_addstr(&sb, "x = 1");
	for (int i = 0; i < 300; i++)
		strbuf_addstr(&sb, " + 1");
	strbuf_addch(&sb, '\n');
	bad_sb(__LINE__, &sb, "expression nests too deep");
	strbuf_addstr(&sb, "x = ");
	for (int i = 0; i < 300; i++)
		strbuf_addstr(&sb, "!");
	strbuf_addstr(&sb, "true\n");
	bad_sb(__LINE__, &sb, want);
	strbuf_addstr(&sb, "{\"a\": ");
	for (int i = 0; i < 300; i++)
		strbuf_addch(&sb, '[');
	bad_at(__LINE__, "docker-bake.json", sb.buf, want, 1);
	strbuf_release(&sb);

	/* Inherits, deep. */
	for (int i = 0; i < BAKE_MAX_INHERITS + 10; i++)
		strbuf_addf(&sb, "target \"t%d\" { inherits = [\"t%d\"] }\n", i, i + 1);
	strbuf_addf(&sb, "target \"t%d\" {}\n", BAKE_MAX_INHERITS + 10);
	snprintf(want, sizeof(want), "inherits nest too deep (limit %d)", BAKE_MAX_INHERITS);
	bad_sb(__LINE__, &sb, want);

	/* Variables naming variables, deep. */
	for (int i = 0; i < BAKE_MAX_VAR_DEPTH + 10; i++)
		strbuf_addf(&sb, "variable \"V%d\" { default = V%d }\n", i, i + 1);
	strbuf_addf(&sb, "variable \"V%d\" {}\n", BAKE_MAX_VAR_DEPTH + 10);
	snprintf(want, sizeof(want), "variables name variables too deep (limit %d)", BAKE_MAX_VAR_DEPTH);
	bad_sb(__LINE__, &sb, want);

	/* Trees that are each under the nesting limit, chained by variables:
	 * the evaluation's own depth is bounded (the stack is). */
	for (int i = 0; i < BAKE_MAX_VAR_DEPTH; i++) {
		strbuf_addf(&sb, "variable \"V%d\" { default = ", i);
		for (int d = 0; d < 50; d++)
			strbuf_addstr(&sb, d % 2 ? "-(" : "[");
		strbuf_addf(&sb, "V%d", i + 1);
		for (int d = 49; d >= 0; d--)
			strbuf_addstr(&sb, d % 2 ? ")" : "][0]");
		strbuf_addstr(&sb, " }\n");
	}
	strbuf_addf(&sb, "variable \"V%d\" { default = 1 }\n", BAKE_MAX_VAR_DEPTH);
	snprintf(want, sizeof(want), "expressions nest too deep through variables (limit %d)",
		 BAKE_MAX_EVAL_DEPTH);
	bad_sb(__LINE__, &sb, want);

	/* Lists nested through variables, each made from the one before (so
	 * never deep to evaluate), then compared. */
	strbuf_addstr(&sb, "variable \"A0\" { default = \"x\" }\nvariable \"B0\" { default = \"x\" }\n");
	for (int i = 1; i < BAKE_MAX_VAR_DEPTH; i++) {
		for (int ab = 0; ab < 2; ab++) {
			strbuf_addf(&sb, "variable \"%c%d\" { default = ", "AB"[ab], i);
			for (int d = 0; d < 40; d++)
				strbuf_addch(&sb, '[');
			strbuf_addf(&sb, "%c%d", "AB"[ab], i - 1);
			for (int d = 0; d < 40; d++)
				strbuf_addch(&sb, ']');
			strbuf_addstr(&sb, " }\n");
		}
	}
	strbuf_addf(&sb, "target \"t\" { context = equal(A%d, B%d) ? \"a\" : \"b\" }\n",
		    BAKE_MAX_VAR_DEPTH - 1, BAKE_MAX_VAR_DEPTH - 1);
	snprintf(want, sizeof(want), "values nest too deep to compare (limit %d)", BAKE_MAX_EVAL_DEPTH);
	bad_sb(__LINE__, &sb, want);

	/* A string that doubles through variables. */
	strbuf_addstr(&sb, "variable \"V0\" { default = \"xxxxxxxxxxxxxxxx\" }\n");
	for (int i = 1; i < 40; i++)
		strbuf_addf(&sb, "variable \"V%d\" { default = \"${V%d}${V%d}\" }\n", i, i - 1, i - 1);
	bad_sb(__LINE__, &sb, "value too large (limit 1 MiB)");

	/* Many strings, each under the limit. */
	strbuf_addstr(&sb, "variable \"V0\" { default = \"xxxxxxxxxxxxxxxx\" }\n");
	for (int i = 1; i < 15; i++)
		strbuf_addf(&sb, "variable \"V%d\" { default = \"${V%d}${V%d}\" }\n", i, i - 1, i - 1);
	for (int i = 0; i < 40; i++)
		strbuf_addf(&sb, "variable \"W%d\" { default = \"${V14}${V14}-%d\" }\n", i, i);
	bad_sb(__LINE__, &sb, "interpolated values too large together (limit 16 MiB)");

	/* Comparing lists that double through variables: the work, not the
	 * bytes, blows up. */
	strbuf_addstr(&sb, "variable \"A0\" { default = [\"x\"] }\nvariable \"B0\" { default = [\"x\"] }\n");
	for (int i = 1; i < 40; i++)
		strbuf_addf(&sb, "variable \"A%d\" { default = [A%d, A%d] }\n"
			    "variable \"B%d\" { default = [B%d, B%d] }\n", i, i - 1, i - 1, i, i - 1, i - 1);
	strbuf_addstr(&sb, "target \"t\" { context = A39 == B39 ? \"same\" : \"not\" }\n");
	snprintf(want, sizeof(want), "too much to evaluate in these bake files (limit %zu steps)",
		 BAKE_MAX_STEPS);
	bad_sb(__LINE__, &sb, want);

	/* Blocks. */
	for (int i = 0; i < BAKE_MAX_BLOCKS + 5; i++)
		strbuf_addf(&sb, "target \"t%d\" {}\n", i);
	snprintf(want, sizeof(want), "too many blocks in these bake files (limit %d)", BAKE_MAX_BLOCKS);
	bad_sb(__LINE__, &sb, want);
}

UNIT_TEST(bake_too_many_files_and_errors)
{
	struct lt l;
	struct bake_file *f = calloc(BAKE_MAX_FILES + 2, sizeof(*f));
	struct strbuf sb = STRBUF_INIT;
	char want[64];

	if (!f)
		return;
	for (size_t i = 0; i < BAKE_MAX_FILES + 2; i++) {
		f[i].name = "docker-bake.hcl";
		f[i].buf = "target \"a\" {}\n";
		f[i].len = strlen(f[i].buf);
	}
	l.a = (struct arena)ARENA_INIT;
	report_init(&l.r, &l.a);
	l.rc = bake_load_buffers(&l.a, f, BAKE_MAX_FILES + 2, NULL, NULL, &l.b, &l.r);
	snprintf(want, sizeof(want), "too many bake files at once (limit %d)", BAKE_MAX_FILES);
	CHECK(l.rc == -1 && has_error(&l, want, 0));
	CHECK(l.b.nfiles == BAKE_MAX_FILES && l.b.n == 1);
	done(&l);
	free(f);

	/* 300 errors: 100 said, then one line that says the rest are not. */
	for (int i = 0; i < 300; i++)
		strbuf_addf(&sb, "target \"t%d\" { context = UNDEFINED%d }\n", i, i);
	load1(&l, "docker-bake.hcl", sb.buf);
	CHECK(l.r.nerrors == 101);
	CHECK(has_error(&l, "more errors in these bake files are not shown (limit 100)", 101));
	CHECK(l.b.n == 300);
	done(&l);
	strbuf_release(&sb);
}

/* --- growth --------------------------------------------------------------------- */

/* A bake file of n targets in hostile shapes: each inherits two earlier
 * ones (a tree), names variables that name variables (a tree), groups that
 * name groups (a chain as long as n), an output object and a tag list as
 * long as n, long strings and comments. */
static void hostile(struct strbuf *sb, int n)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, "variable \"V0\" { default = \"v\" }\n");
	for (int i = 1; i < n; i++)
		strbuf_addf(sb, "variable \"V%d\" { default = \"${V%d}\" } # %d\n", i, i / 2, i);
	for (int i = 0; i < n; i++) {
		strbuf_addf(sb, "target \"t%d\" {\n  inherits = [", i);
		if (i)
			strbuf_addf(sb, "\"t%d\", \"t%d\"", (i - 1) / 2, i / 3);
		strbuf_addf(sb, "]\n  args = { A%d = V%d, B = \"%d\" }\n"
			    "  tags = [\"r/t:${V%d}\"]\n  contexts = { c = \"target:t%d\" }\n}\n",
			    i % 8, i, i, i, i / 2);
		strbuf_addf(sb, "group \"g%d\" { targets = [\"g%d\", \"t%d\"] }\n", i, i + 1, i);
	}
	strbuf_addf(sb, "group \"g%d\" { targets = [] }\n", n);
	strbuf_addstr(sb, "target \"wide\" {\n  output = [{");
	for (int i = 0; i < n; i++)
		strbuf_addf(sb, "%sk%d = \"v\"", i ? ", " : "", i);
	strbuf_addstr(sb, "}]\n  tags = [");
	for (int i = 0; i < n; i++)
		strbuf_addf(sb, "%s\"t%d\"", i ? ", " : "", i % 100);
	strbuf_addstr(sb, "]\n}\n");
	strbuf_addstr(sb, "/* ");
	for (int i = 0; i < n; i++)
		strbuf_addstr(sb, "a long comment ");
	strbuf_addstr(sb, "*/\nS = \"");
	for (int i = 0; i < n; i++)
		strbuf_addstr(sb, "a long string ");
	strbuf_addstr(sb, "\"\n");
}

static double cpu_seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

/* The best of two CPU times to load and resolve it all; *mem gets the
 * bytes the load took from its arena. */
static double measure(const struct strbuf *sb, size_t *ntargets, size_t *mem)
{
	double best = 1e9;

	for (int k = 0; k < 2; k++) {
		struct lt l;
		const struct bake_target **ts;
		double t0 = cpu_seconds(), t;

		load1(&l, "docker-bake.hcl", sb->buf);
		bake_resolve(&l.b, &l.a, "g0", &ts);
		t = cpu_seconds() - t0;
		*ntargets = l.r.nerrors ? 0 : l.b.n;
		*mem = l.a.used_total;
		if (l.r.nerrors)
			dump_errors(&l);
		done(&l);
		if (t < best)
			best = t;
	}
	return best;
}

/* Twice the input, at most twice (x2.5 allowed) the memory and the CPU
 * time. Memory is exact; time is measured again (three times at most)
 * when it looks worse, since another process can slow one run down: a
 * quadratic step slows every run. */
UNIT_TEST(bake_growth)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	const int n = 1000;
	size_t n1 = 0, n2 = 0, m1 = 0, m2 = 0;
	double t1 = 0, t2 = 0, ratio = 1e9, mratio;

	hostile(&a, n);
	hostile(&b, 2 * n);
	measure(&a, &n1, &m1);	/* warms the allocator up */
	for (int attempt = 0; attempt < 3 && ratio > 2.5; attempt++) {
		double r;

		t1 = measure(&a, &n1, &m1);
		t2 = measure(&b, &n2, &m2);
		/* Under 20 ms is start-up and clock ticks: compared from there. */
		r = (t2 > 0.02 ? t2 : 0.02) / (t1 > 0.02 ? t1 : 0.02);
		if (r < ratio)
			ratio = r;
	}
	CHECK(n1 == (size_t)n + 1 && n2 == (size_t)(2 * n) + 1);
	mratio = (double)m2 / (double)(m1 ? m1 : 1);
	if (mratio > 2.5)
		unit_fail(__FILE__, __LINE__, "twice the input took x%.2f the memory (%zu, %zu bytes)",
			  mratio, m1, m2);
	if (ratio > 2.5)
		unit_fail(__FILE__, __LINE__, "twice the input took x%.2f the time (%.3fs, %.3fs)", ratio,
			  t1, t2);
	if (getenv("SW_GROWTH_LOG"))
		fprintf(stderr, "  bake growth: n=%d (%zu bytes) %.3fs %zu KB; n=%d (%zu bytes) %.3fs %zu KB: "
			"time x%.2f, memory x%.2f\n", n, a.len, t1, m1 >> 10, 2 * n, b.len, t2, m2 >> 10,
			ratio, mratio);
	strbuf_release(&a);
	strbuf_release(&b);
}
