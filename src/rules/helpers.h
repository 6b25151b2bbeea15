/* Shared predicates over shell commands, for rules. */
#ifndef SW_RULE_HELPERS_H
#define SW_RULE_HELPERS_H

#include <stdbool.h>

#include "model/model.h"
#include "shell/shell.h"

/* apt-get/apt install, apk add, dnf/yum/microdnf install, zypper install|in. */
bool cmd_is_os_install(const struct sh_cmd *c);
/* Package arguments of such an install (options skipped), as argv indexes:
 * calls fn for each. */
void cmd_os_install_each_package(const struct sh_cmd *c,
				 void (*fn)(void *ctx, const struct sh_word *pkg), void *ctx);
/* Whether any command of the instruction's script is an OS package install. */
bool instr_has_os_install(const struct m_instr *in);
/* Whether the RUN has a --mount=type=cache (or secret) flag. */
bool instr_has_mount(const struct m_instr *in, const char *type);

#endif
