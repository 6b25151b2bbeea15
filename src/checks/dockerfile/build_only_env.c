/* SW0504: A build-only setting is kept as ENV. */
#include "checks/check.h"

#include <string.h>
#include "util/str.h"

/* Build arguments BuildKit's Dockerfile frontend reads. Other BUILDKIT_*
 * names (BUILDKIT_HOST, BUILDKIT_STEP_LOG_MAX_SIZE) configure buildctl or
 * buildkitd, which may well run in the container: they are left alone,
 * as is DOCKER_BUILDKIT for images that run the docker CLI. */
static bool is_buildkit_arg(const char *name)
{
	static const char *const names[] = {
		"BUILDKIT_INLINE_CACHE", "BUILDKIT_SYNTAX", "BUILDKIT_CONTEXT_KEEP_GIT_DIR",
		"BUILDKIT_MULTI_PLATFORM", "BUILDKIT_SANDBOX_HOSTNAME", "BUILDKIT_SBOM_SCAN_CONTEXT",
		"BUILDKIT_SBOM_SCAN_STAGE", "BUILDKIT_CACHE_MOUNT_NS", "BUILDKIT_DOCKERFILE_CHECK",
		NULL
	};

	for (size_t i = 0; names[i]; i++)
		if (str_eq(names[i], name))
			return true;
	return false;
}

/* An ENV that only matters while packages are installed; the stage rule,
 * since only a stage that ships (and its bases) passes it to containers. */
static void check_var(struct rule_ctx *c, const struct m_var *v)
{
	unsigned end = v->pos.col + (unsigned)strlen(v->name);
	struct finding *f;

	if (str_eq(v->name, "DEBIAN_FRONTEND") ||
	    str_eq(v->name, "APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE")) {
		const char *val = *v->value ? v->value
				  : v->name[0] == 'D' ? "noninteractive" : "1";

		if (v->name[0] == 'D' && (!*v->value || str_eq(v->value, "dialog"))) {
			/* A reset of an earlier ENV: ARG makes both unnecessary. */
			f = rule_report_at(c, v->pos, end,
					   "ENV %s=%s resets a build-only setting with ENV, which "
					   "still leaves it in every container's environment",
					   v->name, v->value);
			f->fix = "Remove this ENV, and set DEBIAN_FRONTEND=noninteractive with ARG "
				 "(or as a RUN prefix) where packages are installed";
			return;
		}
		f = rule_report_at(c, v->pos, end,
				   "ENV %s only matters while packages are installed, but it stays "
				   "set in every container run from the image", v->name);
		f->fix = arena_printf(c->a, "Use ARG %s=%s instead (build time only), or prefix "
				      "the RUN: RUN %s=%s %s ...", v->name, val, v->name, val,
				      v->name[0] == 'D' ? "apt-get install" : "apt-key add");
	}
}

/* An ENV BuildKit ignores: wrong in any stage. */
static void check_buildkit_var(struct rule_ctx *c, const struct m_var *v)
{
	unsigned end = v->pos.col + (unsigned)strlen(v->name);
	struct finding *f;

	if (is_buildkit_arg(v->name)) {
		f = rule_report_at(c, v->pos, end,
				   "ENV %s has no effect on the build: BuildKit reads it only as a "
				   "build argument (--build-arg); as ENV it only ends up in the "
				   "container's environment", v->name);
		f->fix = arena_printf(c->a, "Remove the ENV and pass --build-arg %s=%s to docker "
				      "build", v->name, v->value);
	}
}

static void each_env(struct rule_ctx *c, const struct m_stage *st,
		     void (*fn)(struct rule_ctx *, const struct m_var *))
{
	for (size_t i = 0; i < st->ninstrs; i++) {
		const struct m_instr *in = &st->instrs[i];

		if (in->kind != K_ENV)
			continue;
		for (size_t k = 0; k < in->nvars; k++)
			fn(c, &in->vars[k]);
	}
}

static void check(struct rule_ctx *c)
{
	for (size_t s = 0; s < c->df->nstages; s++)
		each_env(c, &c->df->stages[s], check_buildkit_var);
}

/* The stage that ships and the stages it is built FROM: what the running
 * container inherits. */
static void check_stage(struct rule_ctx *c)
{
	for (const struct m_stage *s = c->stage; s; s = s->base_stage)
		each_env(c, s, check_var);
}

const struct check check_build_only_env = {
	.rule = &SW0504,
	.dockerfile = check,
	.stage = check_stage,
};
