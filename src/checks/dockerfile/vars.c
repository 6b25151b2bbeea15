#include "checks/dockerfile/vars.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "input/shell/shell.h"
#include "util/str.h"
#include "lexicon/lexicon.h"
#include "spec/image_ref.h"

bool var_is_platform_arg(const char *name)
{
	static const char *const names[] = {
		"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
		"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", NULL
	};

	for (size_t i = 0; names[i]; i++)
		if (str_eq(names[i], name))
			return true;
	return false;
}

bool var_is_proxy_arg(const char *name)
{
	static const char *const names[] = {
		"HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY", NULL
	};

	/* Predefined in both cases: HTTP_PROXY and http_proxy. */
	for (size_t i = 0; names[i]; i++)
		if (!strcasecmp(names[i], name))
			return true;
	return false;
}

bool var_set_by_base_image(struct arena *a, const struct m_stage *s, const char *name)
{
	const char *repo, *base;
	size_t bl;

	if (m_stage_from_scratch(s))
		return false;
	repo = image_ref_repo(a, m_stage_root_image(s));
	base = image_ref_name(repo);
	bl = strlen(base);
	if (!bl || strlen(name) != bl + 8 || strcmp(name + bl, "_VERSION"))
		return false;
	for (size_t i = 0; i < bl; i++) {
		char c = base[i] == '-' ? '_' : (char)toupper((unsigned char)base[i]);

		if (name[i] != c)
			return false;
	}
	return true;
}

/* NAME or NAME=... */
static bool word_names(const char *w, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(w, name, n) && (w[n] == '\0' || w[n] == '=' ||
					 (w[n] == '+' && w[n + 1] == '='));
}

bool instr_sets_shell_var(const struct m_instr *in, const char *name)
{
	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *c = &in->sh.cmds[i];
		const char *cmd = sh_cmd_name(c);

		/* A bare NAME=value; prefixes of a command only set its env. */
		if (!c->argc)
			for (size_t k = 0; k < c->nassigns; k++)
				if (word_names(c->assigns[k].text, name))
					return true;
		if (strcmp(cmd, "export") && strcmp(cmd, "declare") && strcmp(cmd, "typeset") &&
		    strcmp(cmd, "local") && strcmp(cmd, "readonly") && strcmp(cmd, "read"))
			continue;
		for (size_t k = 1; k < c->argc; k++)
			if (word_names(c->argv[k].text, name) &&
			    (strcmp(cmd, "export") || strchr(c->argv[k].text, '=')))
				return true;
	}
	return false;
}

const struct m_var *global_arg(const struct m_dockerfile *df, const char *name)
{
	for (size_t i = df->nglobal; i-- > 0;)
		if (str_eq(df->global_args[i].name, name))
			return &df->global_args[i];
	return NULL;
}

