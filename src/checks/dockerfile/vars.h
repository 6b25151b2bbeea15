/* Predicates over variables, for the ARG/ENV rules (checklist point 5). */
#ifndef SW_RULE_VARS_H
#define SW_RULE_VARS_H

#include <stdbool.h>

#include "input/dockerfile/model.h"
#include "spec/secret.h"

/* BuildKit's automatic platform ARGs (TARGETARCH, BUILDPLATFORM...). */
bool var_is_platform_arg(const char *name);
/* The predefined proxy ARGs (HTTP_PROXY, no_proxy...). */
bool var_is_proxy_arg(const char *name);
/* Whether the stage's base image probably sets ENV name itself: official
 * images set <IMAGE>_VERSION (node: NODE_VERSION, python: PYTHON_VERSION). */
bool var_set_by_base_image(struct arena *a, const struct m_stage *s, const char *name);
/* Whether the instruction's own shell code sets name (NAME=..., export,
 * declare, local, readonly, read). */
bool instr_sets_shell_var(const struct m_instr *in, const char *name);
/* The last global ARG (before the first FROM) of that name, or NULL. */
const struct m_var *global_arg(const struct m_dockerfile *df, const char *name);

#endif
