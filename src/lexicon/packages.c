/* Package managers, as data: which programs they are, what their
 * subcommands (and aliases) do, where they keep their caches and how
 * those are cleaned. Read by the Dockerfile rules about installs (SW0202,
 * SW0303, SW0304); each manager's manual is the source. */
#include "lexicon/lexicon.h"

#include <string.h>

#include "util/str.h"

#define W(...) ((const char *const[]){ __VA_ARGS__, NULL })

const struct lex_pkg_manager lex_pkg_managers[] = {
	{
		/* apt-get(8), apt(8); dist-clean: apt 2.7 (Debian 13, Ubuntu 24.04) */
		.family = "apt", .index = "package lists",
		.os = true,
		.names = W("apt-get", "apt", "aptitude"),
		.install = W("install"),
		.fetch = W("upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source",
			   "reinstall", "safe-upgrade", "download"),
		.refresh = W("update"),
		.clean = W("dist-clean"),
		.cache_dirs = W("/var/lib/apt/lists"),
		/* apt-get(8): quiet level 2 implies -y. autoremove asks only when
		 * something was left behind, which a build seldom has. */
		.asks = W("install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep",
			  "reinstall", "remove", "purge"),
		.yes_opts = W("-y", "--yes", "--assume-yes"),
		.yes_letters = "y",
		.yes_conf = "assume-yes",
		.quiet2_yes = true,
		.pin_marks = "=", .pin_example = "curl=8.5.0-2",
		.upgrade_all = W("upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade"),
		.leaves = "the package lists",
		.cleanup = "rm -rf /var/lib/apt/lists/*",
	},
	{
		/* apk(8): --no-cache fetches a fresh index and keeps nothing */
		.family = "apk", .index = "package index",
		.os = true,
		.names = W("apk"),
		.pin_marks = "=~<>", .pin_example = "curl=8.12.1-r0",
		.upgrade_all = W("upgrade"),
		.install = W("add"),
		.fetch = W("upgrade", "fix"),
		.refresh = W("update"),
		.cache_dirs = W("/var/cache/apk", "/etc/apk/cache"),
		.no_cache_opts = W("--no-cache", "--no-network"),
		.fresh_opts = W("--update-cache", "--update", "-U"),
		.leaves = "the package index",
		.cleanup = "--no-cache",
	},
	{
		/* dnf(8) and yum(8) commands with their aliases; microdnf, tdnf */
		.family = "dnf", .index = "repository metadata",
		.os = true,
		.names = W("dnf", "dnf5", "yum", "microdnf", "tdnf"),
		.install = W("install", "in", "localinstall", "groupinstall"),
		.fetch = W("upgrade", "up", "update", "upgrade-minimal", "up-min", "update-minimal",
			   "reinstall", "rei", "downgrade", "dg", "distro-sync", "dsync",
			   "distrosync", "distribution-synchronization", "groupupdate"),
		.refresh = W("makecache", "mc"),
		/* metadata_expire (dnf.conf(5)): 48 h for dnf, 6 h for yum */
		.refresh_expires = true,
		.fresh_opts = W("--refresh"),
		.clean = W("clean all", "clean metadata packages", "clean packages metadata"),
		.cache_dirs = W("/var/cache/dnf", "/var/cache/yum", "/var/cache/tdnf",
				"/var/cache/libdnf5"),
		/* microdnf never asks; dnf.conf's assumeyes=True answers for all */
		.asks = W("install", "in", "localinstall", "groupinstall", "upgrade", "up", "update",
			  "upgrade-minimal", "up-min", "update-minimal", "reinstall", "rei",
			  "downgrade", "dg", "distro-sync", "dsync", "distrosync",
			  "distribution-synchronization", "groupupdate", "remove", "rm", "erase"),
		.yes_opts = W("-y", "--assumeyes"),
		.yes_letters = "y",
		.quiet_names = W("microdnf"),
		.yes_conf = "assumeyes",
		.pin_dash = true, .pin_example = "nodejs-18.20.4",
		.upgrade_all = W("upgrade", "up", "update", "distro-sync", "dsync", "distrosync",
				 "distribution-synchronization", "upgrade-minimal", "up-min",
				 "update-minimal"),
		.leaves = "its metadata and package cache",
		.cleanup = "clean all",
	},
	{
		/* zypper(8) */
		.family = "zypper", .index = "repository metadata",
		.os = true,
		.names = W("zypper"),
		.install = W("install", "in"),
		.fetch = W("update", "up", "patch", "dist-upgrade", "dup", "source-install", "si",
			   "install-new-recommends", "inr"),
		.refresh = W("refresh", "ref"),
		/* the distributions' repositories are set to autorefresh */
		.refresh_expires = true,
		.clean = W("clean", "cc"),
		.cache_dirs = W("/var/cache/zypp"),
		/* the global -n, or the command's own -y */
		.asks = W("install", "in", "update", "up", "patch", "dist-upgrade", "dup",
			  "source-install", "si", "install-new-recommends", "inr", "remove", "rm"),
		.yes_opts = W("-n", "--non-interactive", "-y", "--no-confirm"),
		.yes_letters = "ny",
		.pin_marks = "=<>", .pin_example = "curl=8.6.0",
		.upgrade_all = W("update", "up", "dist-upgrade", "dup", "patch"),
		.leaves = "its package cache",
		.cleanup = "clean --all",
	},
	{
		/* pacman(8): the operation is an option; -Sy alone only refreshes */
		.family = "pacman", .index = "package databases",
		.os = true, .op_is_option = true,
		.names = W("pacman"),
		.install = W("-S*", "-U*"),
		.refresh = W("-Sy", "-Syy"),
		.clean = W("-Scc", "-Sc"),
		.cache_dirs = W("/var/cache/pacman/pkg"),
		.leaves = "its package cache",
		.cleanup = "-Scc --noconfirm",
	},
	{
		/* pip's "Caching" docs: any value of PIP_NO_CACHE_DIR that pip
		 * accepts, "off" and "0" included, turns the cache off */
		.family = "pip",
		.names = W("pip", "pip3"),
		.pin_marks = "=<>~!@", .pin_example = "flask==3.0.3",
		.install = W("install"),
		.clean = W("cache purge"),
		.cache_dirs = W("~/.cache/pip"),
		.no_cache_opts = W("--no-cache-dir", "--no-cache"),
		.no_cache_env = "PIP_NO_CACHE_DIR",
		.leaves = "its download cache (~/.cache/pip)",
		.cleanup = "--no-cache-dir",
	},
	{
		/* npm-install(1), npm-ci(1) and their aliases; npm-cache(1) */
		.family = "npm",
		.names = W("npm"),
		.pin_marks = "@", .pin_example = "typescript@5.4.5",
		.install = W("install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta",
			     "isntal", "isntall", "add", "ci", "clean-install", "ic",
			     "install-clean", "isntall-clean"),
		.fetch = W("update", "up", "upgrade", "udpate"),
		.clean = W("cache clean --force", "cache clean -f"),
		.cache_dirs = W("~/.npm"),
		.leaves = "its download cache (~/.npm)",
		.cleanup = "cache clean --force",
	},
	{
		/* composer: install, update and require download dists into
		 * its cache (~/.cache/composer, ~/.composer/cache as older
		 * versions had it); --no-cache, or COMPOSER_CACHE_DIR set
		 * (to /dev/null), keeps none; clear-cache empties it */
		.family = "composer",
		.names = W("composer"),
		.install = W("install", "i", "update", "u", "upgrade", "require", "r",
			     "create-project"),
		.clean = W("clear-cache", "clearcache", "cc"),
		.cache_dirs = W("~/.cache/composer", "~/.composer/cache"),
		.no_cache_opts = W("--no-cache"),
		.no_cache_env = "COMPOSER_CACHE_DIR",
		.leaves = "its download cache (~/.cache/composer)",
		.cleanup = "clear-cache",
	},
	{
		/* yarn: bare `yarn` installs; v1 keeps its cache in
		 * /usr/local/share/.cache/yarn as root, berry in ~/.yarn/berry */
		.family = "yarn", .bare_installs = true,
		.names = W("yarn"),
		.install = W("install", "add"),
		.fetch = W("upgrade"),
		.clean = W("cache clean"),
		.cache_dirs = W("/usr/local/share/.cache/yarn", "~/.cache/yarn", "~/.yarn/berry/cache"),
		.leaves = "its package cache",
		.cleanup = "cache clean",
	},
	{ 0 },
};

/* gem-install(1): NAME:VERSION or -v/--version for all; go help install:
 * PATH@VERSION (@latest and a branch move). Not in lex_pkg_managers: their
 * caches and prompts are not judged. */
static const struct lex_pkg_manager pin_installers[] = {
	{
		.family = "gem",
		.names = W("gem"),
		.install = W("install", "i"),
		.pin_marks = ":", .pin_opts = W("-v", "--version"),
		.pin_example = "bundler:2.5.22",
	},
	{
		.family = "go",
		.names = W("go"),
		.install = W("install"),
		.module_paths = true,
		.pin_example = "golang.org/x/tools/gopls@v0.16.2",
	},
	{ 0 },
};

const struct lex_pkg_manager *lex_pin_installer(const char *program)
{
	for (const struct lex_pkg_manager *m = pin_installers; m->family; m++)
		if (str_eq(m->names[0], program))
			return m;
	return NULL;
}

/* The first two letters of the managers' names (and of python, for python
 * -m pip), each pair followed by a space: a quick no for every other
 * command (cd, cp, chmod, curl...). The unit tests keep it true. */
static const char initials[] = "ap dn yu mi td zy pa pi np co ya py ";

bool lex_pkg_manager_maybe(const char *name)
{
	if (!name[0])
		return false;
	for (const char *p = initials; *p; p += 3)
		if (p[0] == name[0] && p[1] == name[1])
			return true;
	return false;
}

/* Options of the managers above that take the next word as their value,
 * so that `apt-get -o Dpkg::Options::=--force-confold install x` is an
 * install. */
static const char *const value_opts[] = {
	"-o", "-c", "-t", "--option", "--config-file", "--target-release",
	"--default-release",								/* apt */
	"-X", "--repository", "-p", "--root", "--arch", "--keys-dir",			/* apk */
	"--setopt", "--enablerepo", "--disablerepo", "-x", "--exclude",			/* dnf, yum */
	"--installroot", "--releasever", "--repo", "-r",					/* dnf, zypper */
	NULL
};

bool lex_pm_value_opt(const char *opt)
{
	for (size_t i = 0; value_opts[i]; i++)
		if (opt[1] == value_opts[i][1] && str_eq(opt, value_opts[i]))
			return true;
	return false;
}

const struct lex_pkg_manager *lex_pkg_manager(const char *program)
{
	for (const struct lex_pkg_manager *m = lex_pkg_managers; m->family; m++)
		for (const char *const *n = m->names; *n; n++)
			if (str_eq(*n, program))
				return m;
	/* pip3.12 */
	if (program[0] == 'p' && !strncmp(program, "pip3.", 5))
		return lex_pkg_manager("pip");
	return NULL;
}

/* word matches pattern; a final star matches any rest. */
static bool word_is(const char *pattern, const char *word)
{
	size_t n = strlen(pattern);

	if (n && pattern[n - 1] == '*')
		return !strncmp(pattern, word, n - 1);
	return str_eq(pattern, word);
}

bool lex_pm_word_in(const char *const *list, const char *word)
{
	size_t n;

	for (; list && *list; list++) {
		n = strcspn(*list, " ");
		if ((*list)[n] ? strlen(word) == n && !strncmp(*list, word, n) : word_is(*list, word))
			return true;
	}
	return false;
}

bool lex_pm_covers(const char *path, const char *dir)
{
	static const char *const homes[] = { "~", "$HOME", "${HOME}", "/root", NULL };
	size_t n = strlen(path);

	/* rm -rf DIR/ and a star after it: the folder and its contents */
	while (n > 1 && (path[n - 1] == '*' || path[n - 1] == '/'))
		n--;
	if (dir[0] == '~') {
		const char *rest = NULL;

		dir++;	/* "/.cache/pip" */
		for (size_t i = 0; homes[i] && !rest; i++) {
			size_t h = strlen(homes[i]);

			if (!strncmp(path, homes[i], h) && (h == n || path[h] == '/'))
				rest = path + h;
		}
		/* /home/app/.cache/pip */
		if (!rest && !strncmp(path, "/home/", 6)) {
			const char *s = memchr(path + 6, '/', n > 6 ? n - 6 : 0);

			rest = s ? s : path + n;
		}
		if (!rest)
			return false;
		n -= (size_t)(rest - path);
		path = rest;
	}
	return !strncmp(dir, path, n) && (dir[n] == '/' || !dir[n]);
}
