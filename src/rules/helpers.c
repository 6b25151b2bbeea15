#include "rules/helpers.h"

#include <string.h>

bool cmd_is_os_install(const struct sh_cmd *c)
{
	const char *name = sh_cmd_name(c), *sub = sh_cmd_subcommand(c);

	if (!sub)
		return false;
	if (!strcmp(name, "apt-get") || !strcmp(name, "apt") || !strcmp(name, "aptitude"))
		return !strcmp(sub, "install");
	if (!strcmp(name, "apk"))
		return !strcmp(sub, "add");
	if (!strcmp(name, "dnf") || !strcmp(name, "yum") || !strcmp(name, "microdnf") ||
	    !strcmp(name, "tdnf"))
		return !strcmp(sub, "install");
	if (!strcmp(name, "zypper"))
		return !strcmp(sub, "install") || !strcmp(sub, "in");
	return false;
}

void cmd_os_install_each_package(const struct sh_cmd *c,
				 void (*fn)(void *ctx, const struct sh_word *pkg), void *ctx)
{
	bool after_sub = false;

	if (!cmd_is_os_install(c))
		return;
	for (size_t i = 1; i < c->argc; i++) {
		const char *w = c->argv[i].text;

		if (w[0] == '-')
			continue;
		if (!after_sub) {
			after_sub = true;	/* the subcommand itself */
			continue;
		}
		fn(ctx, &c->argv[i]);
	}
}

bool instr_has_os_install(const struct m_instr *in)
{
	for (size_t i = 0; i < in->sh.ncmds; i++)
		if (cmd_is_os_install(&in->sh.cmds[i]))
			return true;
	return false;
}

bool instr_has_mount(const struct m_instr *in, const char *type)
{
	size_t tl = strlen(type);

	for (size_t i = 0; i < in->node->nflags; i++) {
		const char *f = in->node->flags[i].value, *t;

		if (strncmp(f, "--mount=", 8))
			continue;
		for (t = strstr(f, "type="); t; t = strstr(t + 1, "type="))
			if (!strncmp(t + 5, type, tl) && (t[5 + tl] == ',' || !t[5 + tl]))
				return true;
	}
	return false;
}
