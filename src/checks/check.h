/* A check is one file defining one const struct check, listed in table.c:
 * the code that raises one rule of the catalogue (catalog/catalog.h). Checks
 * see only the models and report through the context. */
#ifndef SW_CHECK_H
#define SW_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "findings/findings.h"
#include "input/dockerfile/entry.h"
#include "input/dockerfile/model.h"
#include "spec/spec.h"

struct config;
struct c_project;
struct y_pos;
struct script_set;
struct image;
struct live_container;

struct rule_ctx {
	struct report *report;
	struct arena *a;
	const struct rule *rule;
	const struct m_dockerfile *df;	/* NULL for compose and script rules */
	/* Stage checks: a stage that ships, judged as a final image, and how
	 * messages name it ("the final stage", "stage api"). */
	const struct m_stage *stage;
	const char *stage_label;
	/* Stage checks: the scripts of the build context the stage's
	 * ENTRYPOINT and CMD run (input/dockerfile/entry.h); image checks:
	 * those of the image its config's Entrypoint and Cmd run. */
	const struct entry_set *entry;
	/* Names FROM may use that no registry serves, or whose tag the
	 * repository sets: bake named contexts, images other services of the
	 * same compose project build, and those its build commands tag. */
	const char *const *local_images;
	size_t nlocal_images;
	/* Dockerfile rules: what builds the Dockerfile (never empty: the last
	 * stage when nothing names one), for rule_stages_ship(). */
	const struct df_ship *ships;
	size_t nships;
	const struct config *config;	/* never NULL (may be empty) */
	/* Compose rules: the project, and per service index the model of the
	 * Dockerfile the service builds (NULL when it builds none in the tree). */
	const struct c_project *project;
	const struct m_dockerfile *const *service_df;
	/* Script rules (src/rules/scripts.h). */
	const struct script_set *scripts;
	/* Image rules (src/image/image.h). */
	const struct image *image;
	/* Live rules (src/engine/container.h): one container of the engine. */
	const struct live_container *container;
	/* Runtime checks: the descriptions of one unit (the services of a
	 * compose project, one image, one container), all of one kind. */
	const struct spec *const *specs;
	size_t nspecs;
};

/* What raises a rule: one function per layer it applies to (NULL for the
 * others). The rule's findings carry its catalogue entry. */
struct check {
	const struct rule *rule;
	void (*dockerfile)(struct rule_ctx *ctx);
	/* Once per stage that ships (ctx->stage, ctx->stage_label): what is
	 * true of an image, not of a Dockerfile's text. */
	void (*stage)(struct rule_ctx *ctx);
	void (*compose)(struct rule_ctx *ctx);	/* ctx->project, ctx->service_df */
	void (*scripts)(struct rule_ctx *ctx);	/* ctx->scripts */
	void (*image)(struct rule_ctx *ctx);	/* ctx->image, ctx->entry */
	/* The rule .image reports under when it is not .rule: a stage check
	 * that judges an image's entry scripts as it judges a stage's keeps
	 * each layer's rule id. */
	const struct rule *image_rule;
	void (*live)(struct rule_ctx *ctx);	/* ctx->container */
	/* A runtime check (src/checks/runtime/): one function over the
	 * descriptions of a unit (ctx->specs), under the rule that on[kind]
	 * names for their kind; kinds without one are not checked. rule is
	 * NULL for these. */
	const struct rule *on[SPEC_NKINDS];
	void (*spec)(struct rule_ctx *ctx);
};

/* Every check, in the order they run. */
extern const struct check *const check_table[];
extern const size_t check_count;

/* Reports at an instruction's keyword, spanning its lines. */
struct finding *rule_report(struct rule_ctx *c, const struct m_instr *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Reports at a precise position (line, col) with an end column. */
struct finding *rule_report_at(struct rule_ctx *c, struct df_pos pos, unsigned end_col,
			       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reports at byte off of an entry script, adding how the script is
 * reached to the message ("... (CMD at Dockerfile:40 runs start.sh)"). */
struct finding *rule_report_script(struct rule_ctx *c, const struct entry_script *sc, size_t off,
				   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reports at a compose (or script) position; the file is pos->file, copied
 * into the report's arena. */
struct finding *rule_report_pos(struct rule_ctx *c, const struct y_pos *pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* What builds an image from a Dockerfile: a compose service, a bake target,
 * a build command of a script or CI file. */
struct df_ship {
	const char *target;	/* the stage named, or NULL for the last one */
	const char *by;		/* "compose service api", "bake target app"... */
	/* When the stage is for development or tests rather than production
	 * (PURPOSE_PRODUCTION otherwise). */
	enum purpose purpose;
	/* Names the build provides itself (bake named contexts, images built
	 * by the same compose project): FROM them pulls nothing. */
	const char *const *local_images;
	size_t nlocal_images;
	/* The container paths the build's runner mounts (a compose
	 * service's volumes: targets), which start empty or host-owned. */
	const char *const *mounts;
	size_t nmounts;
};

/* Per stage of c->df (by index in df->stages), whether what it sets
 * reaches an image that ships: it is a stage a build ships
 * (rule_ctx.ships), or in one of their FROM chains. A builder stage only
 * COPY --from reads does not, nor a stage built only for tests or
 * development (by its runner or its name) when another is released. In
 * c's arena. */
bool *rule_stages_ship(const struct rule_ctx *c);

/* Whether a FROM reference (tag and all) names a local image of the
 * build (rule_ctx.local_images). */
bool rule_local_image(const struct rule_ctx *c, const char *ref);

/* Runs every Dockerfile rule over the model, and the stage rules over each
 * stage that ships: the stages ships[0..nships) name (the last stage when
 * nships is 0). A target the Dockerfile does not define is a note. Returns
 * how many stages were judged. */
size_t rules_check_dockerfile(struct report *r, const struct m_dockerfile *df,
			    const struct config *config, const struct df_ship *ships,
			    size_t nships);
/* Runs every compose rule over a loaded project; service_df[i] is the
 * Dockerfile service i builds, or NULL (service_df itself may be NULL). */
void rules_check_compose(struct report *r, const struct c_project *p,
			 const struct m_dockerfile *const *service_df,
			 const struct config *config);
/* Runs every script rule (checklist point 6) over the discovered scripts. */
void rules_check_scripts(struct report *r, const struct script_set *scripts,
			 const struct config *config);
/* Runs every image rule over a loaded image. */
void rules_check_image(struct report *r, const struct image *img, const struct config *config);
/* Runs every live rule over one container of the engine. */
void rules_check_live(struct report *r, const struct live_container *c,
		      const struct config *config);

#endif
