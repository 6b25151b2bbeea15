/* SW0304: Package manager caches are left in the layer. */
#include "checks/check.h"

#include <string.h>

#include "checks/dockerfile/helpers.h"
#include "util/str.h"

enum mgr { M_APT, M_APK, M_YUM, M_ZYPPER, M_COUNT };

static enum mgr mgr_of(const char *name)
{
	if (str_eq(name, "apt-get") || str_eq(name, "apt") || str_eq(name, "aptitude"))
		return M_APT;
	if (str_eq(name, "apk"))
		return M_APK;
	if (str_eq(name, "zypper"))
		return M_ZYPPER;
	return M_YUM;	/* dnf, yum, microdnf, tdnf */
}

static bool is_yum(const char *name)
{
	return str_eq(name, "yum") || str_eq(name, "dnf") || str_eq(name, "microdnf") ||
	       str_eq(name, "tdnf");
}

/* rm of a path at or below one of the cache directories. */
static bool rm_of(const struct sh_cmd *c, const char *const *dirs)
{
	if (strcmp(sh_cmd_name(c), "rm"))
		return false;
	for (size_t i = 1; i < c->argc; i++) {
		const char *t = c->argv[i].text;

		for (size_t k = 0; dirs[k]; k++) {
			size_t n = strlen(dirs[k]);

			if (!strncmp(t, dirs[k], n) && (!t[n] || t[n] == '/' || t[n] == '*'))
				return true;
		}
	}
	return false;
}

/* Whether a command of the RUN removes the manager's cache. */
static bool cleaned(const struct m_instr *in, enum mgr m)
{
	static const char *const apt_dirs[] = { "/var/lib/apt/lists", NULL };
	static const char *const apk_dirs[] = { "/var/cache/apk", "/etc/apk/cache", NULL };
	static const char *const yum_dirs[] = {
		"/var/cache/yum", "/var/cache/dnf", "/var/cache/tdnf", NULL
	};
	static const char *const zyp_dirs[] = { "/var/cache/zypp", NULL };

	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *c = &in->sh.cmds[i];
		const char *name = sh_cmd_name(c), *sub = sh_cmd_subcommand(c);

		switch (m) {
		case M_APT:
			if (rm_of(c, apt_dirs))
				return true;
			break;
		case M_APK:
			if (rm_of(c, apk_dirs))
				return true;
			break;
		case M_YUM:
			if (rm_of(c, yum_dirs))
				return true;
			if (is_yum(name) && sub && str_eq(sub, "clean") && sh_cmd_find_arg(c, "all"))
				return true;
			break;
		case M_ZYPPER:
			if (rm_of(c, zyp_dirs))
				return true;
			if (str_eq(name, "zypper") && sub && (str_eq(sub, "clean") || str_eq(sub, "cc")))
				return true;
			break;
		case M_COUNT:
			break;
		}
	}
	return false;
}

static void check_run(struct rule_ctx *c, const struct m_instr *in)
{
	bool done[M_COUNT] = { false };

	if (instr_has_mount(in, "cache"))
		return;	/* the cache lives outside the layer */
	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *cmd = &in->sh.cmds[i];
		const char *name = sh_cmd_name(cmd);
		struct finding *f;
		enum mgr m;

		if (!cmd_is_os_install(cmd))
			continue;
		m = mgr_of(name);
		/* --no-network: nothing is downloaded, so nothing is cached */
		if (done[m] || (m == M_APK && (sh_cmd_has_opt(cmd, "--no-cache") ||
					       sh_cmd_has_opt(cmd, "--no-network"))) ||
		    cleaned(in, m))
			continue;
		done[m] = true;	/* one finding per manager and RUN */
		switch (m) {
		case M_APT:
			f = rule_report(c, in, "`%s install` leaves the package lists in the layer "
					"(no rm -rf /var/lib/apt/lists/* in the same RUN)", name);
			f->fix = "End the same RUN with && rm -rf /var/lib/apt/lists/*";
			break;
		case M_APK:
			f = rule_report(c, in, "`apk add` without --no-cache leaves the package index "
					"in the layer");
			f->fix = "Use apk add --no-cache";
			break;
		case M_YUM:
			f = rule_report(c, in, "`%s install` leaves its metadata and package cache in "
					"the layer (no `%s clean all` in the same RUN)", name, name);
			f->fix = arena_printf(c->a, "End the same RUN with && %s clean all", name);
			break;
		default:
			f = rule_report(c, in, "`zypper install` leaves its package cache in the layer "
					"(no `zypper clean --all` in the same RUN)");
			f->fix = "End the same RUN with && zypper clean --all";
			break;
		}
	}
}

static void check(struct rule_ctx *c)
{
	/*
	 * Only the final stage and the stages it is built FROM end up in the
	 * image; a builder stage's filesystem is thrown away, caches included.
	 */
	for (const struct m_stage *s = c->stage; s; s = s->base_stage)
		for (size_t i = 1; i < s->ninstrs; i++)
			if (s->instrs[i].kind == K_RUN)
				check_run(c, &s->instrs[i]);
}

const struct check check_package_cache = {
	.rule = &SW0304,
	.stage = check,
};
