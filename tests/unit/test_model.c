/* The model's view of BuildKit state: ENV/ARG scoping, USER and WORKDIR
 * inheritance across stages. */
#include "input/dockerfile/ast.h"
#include "input/dockerfile/model.h"
#include "spec/image_ref.h"
#include "unit.h"

static int build(struct arena *a, const char *src, struct m_dockerfile *m)
{
	struct df_file *f = arena_alloc(a, sizeof(*f));
	struct df_error e;

	if (df_parse(a, "t", src, strlen(src), f, &e) < 0)
		return -1;
	return model_build(a, f, NULL, m, &e);
}

UNIT_TEST(model_env_sees_previous_environment)
{
	struct arena a = ARENA_INIT;
	struct m_dockerfile m;

	CHECK(build(&a, "FROM scratch\nENV a=1 b=x$a\nENV c=$a\n", &m) == 0);
	CHECK_STR(m.final->instrs[1].vars[1].value, "x");
	CHECK_STR(m.final->instrs[2].vars[0].value, "1");
	arena_release(&a);
}

UNIT_TEST(model_stage_inheritance)
{
	struct arena a = ARENA_INIT;
	struct m_dockerfile m;

	CHECK(build(&a, "ARG BASE=debian:12\nFROM $BASE AS base\nUSER app\nWORKDIR app\n"
		      "ENV LOGS=/var/log/app\nARG ONLY_HERE=1\n"
		      "FROM base\nRUN true\nWORKDIR /srv\nUSER 0:0\n", &m) == 0);
	CHECK(m.nstages == 2);
	CHECK_STR(m.stages[0].image, "debian:12");
	CHECK(m.stages[1].base_stage == &m.stages[0]);
	CHECK_STR(m.stages[1].instrs[1].user, "app");
	CHECK_STR(m.stages[1].instrs[1].workdir, "/app");
	CHECK(m_lookup(&m.stages[1].instrs[1], "LOGS") != NULL);
	/* a stage FROM another starts from its state: ARGs too (BuildKit) */
	CHECK(m_lookup(&m.stages[1].instrs[1], "ONLY_HERE") != NULL);
	CHECK_STR(m.final->workdir, "/srv");
	CHECK(m_user_is_root(m.final->user));
	CHECK(!m_user_is_root("app"));
	CHECK(!m_user_is_root("$USER"));
	CHECK(m_user_is_root("root:root"));
	CHECK(m.stages[0].used_later);
	CHECK_STR(image_ref_repo(&a, "docker.io/library/node:20"), "node");
	CHECK_STR(image_ref_repo(&a, "localhost:5000/team/app:1"), "team/app");
	CHECK_STR(image_ref_tag(&a, "localhost:5000/team/app"), "");
	CHECK(image_ref_tag(&a, "node@sha256:abc") == NULL);
	arena_release(&a);
}
