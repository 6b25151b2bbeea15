/* SW0703: An SSH server is installed or port 22 is exposed. */
#include "checks/check.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/dockerfile/helpers.h"
#include "lexicon/lexicon.h"

/* Remembers the first SSH server package in *(const char **)ctx. */
static void on_package(void *ctx, const struct sh_word *pkg)
{
	const char **found = ctx;
	const char *t = pkg->text;
	size_t n = strcspn(t, "=:<>~");	/* version or architecture suffix */

	if (*found || pkg->has_subst)
		return;
	for (const char *const *p = lex_ssh_packages.words; *p; p++)
		if (strlen(*p) == n && !strncmp(t, *p, n)) {
			*found = *p;
			return;
		}
}

static void check_run(struct rule_ctx *c, const struct m_instr *in)
{
	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *cmd = &in->sh.cmds[i];
		const char *pkg = NULL;
		struct finding *f;

		cmd_os_install_each_package(cmd, on_package, &pkg);
		if (!pkg)
			continue;
		f = rule_report(c, in, "the image installs an SSH server (%s with %s)", pkg,
				sh_cmd_name(cmd));
		f->fix = arena_printf(c->a,
				      "Remove %s: use docker exec (or kubectl exec) to get a shell "
				      "in a running container", pkg);
		return;
	}
}

/* "22", "22/tcp", "20-25", "20-25/tcp": whether the port spec covers TCP 22. */
static bool covers_22(const char *spec)
{
	const char *slash = strchr(spec, '/');
	unsigned long lo, hi;
	char *end;

	if (slash && strcasecmp(slash + 1, "tcp"))
		return false;
	if (spec[0] < '0' || spec[0] > '9')
		return false;
	lo = strtoul(spec, &end, 10);
	hi = lo;
	if (*end == '-') {
		const char *h = end + 1;

		if (*h < '0' || *h > '9')
			return false;
		hi = strtoul(h, &end, 10);
	}
	if (*end && *end != '/')
		return false;
	return lo <= 22 && 22 <= hi;
}

static void check_expose(struct rule_ctx *c, const struct m_instr *in)
{
	for (size_t i = 0; i < in->nwords; i++) {
		struct finding *f;

		if (!covers_22(in->words[i]))
			continue;
		f = rule_report(c, in, "EXPOSE %s declares the SSH port%s", in->words[i],
				strncmp(in->words[i], "22", 2) ? " (22)" : "");
		f->fix = "Don't expose port 22: use docker exec (or kubectl exec) to get a shell "
			 "in a running container";
		return;
	}
}

static void check(struct rule_ctx *c)
{
	/* Only what ends up in the image: the final stage and its bases. */
	for (const struct m_stage *s = c->stage; s; s = s->base_stage) {
		for (size_t k = 1; k < s->ninstrs; k++) {
			const struct m_instr *in = &s->instrs[k];

			if (in->kind == K_RUN)
				check_run(c, in);
			else if (in->kind == K_EXPOSE)
				check_expose(c, in);
		}
	}
}

const struct check check_sshd = {
	.rule = &SW0703,
	.stage = check,
};
