/* SW0204: A non-root USER is never created. */
#include "checks/check.h"

#include <string.h>
#include <strings.h>

#include "checks/dockerfile/helpers.h"
#include "util/str.h"
#include "lexicon/lexicon.h"
#include "spec/image_ref.h"

/*
 * Users the base images ship. Only images we know are listed: for any
 * other base the user may well exist, and we say nothing. Language and
 * server images come in Debian and Alpine flavours, so they get both.
 */
static const char *const debian_users[] = {
	"daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp",
	"proxy", "www-data", "backup", "list", "irc", "gnats", "nobody", "_apt", NULL
};
static const char *const alpine_users[] = {
	"bin", "daemon", "adm", "lp", "sync", "shutdown", "halt", "mail", "news", "uucp",
	"operator", "man", "postmaster", "cron", "ftp", "sshd", "at", "squid", "xfs",
	"games", "cyrus", "vpopmail", "ntp", "smmsp", "guest", "nobody", "www-data", NULL
};
static const char *const busybox_users[] = {
	"daemon", "bin", "sys", "sync", "mail", "www-data", "operator", "nobody", NULL
};
static const char *const rhel_users[] = {
	"bin", "daemon", "adm", "lp", "sync", "shutdown", "halt", "mail", "operator",
	"games", "ftp", "nobody", "dbus", "systemd-network", "systemd-resolve",
	"systemd-coredump", "systemd-oom", "tss", NULL
};
static const char *const ubuntu_users[] = { "ubuntu", NULL };	/* 23.04 and later */
static const char *const distroless_users[] = { "nonroot", "nobody", NULL };

enum flavour { F_DEBIAN = 1, F_ALPINE = 2, F_BUSYBOX = 4, F_RHEL = 8, F_UBUNTU = 16 };

static const struct base {
	const char *repo;	/* image_ref_repo() of the image */
	unsigned flavours;
	const char *extra[3];	/* users the image adds */
} bases[] = {
	{ "debian", F_DEBIAN, { NULL } },
	{ "ubuntu", F_DEBIAN | F_UBUNTU, { NULL } },
	{ "alpine", F_ALPINE, { NULL } },
	{ "busybox", F_BUSYBOX, { NULL } },
	{ "fedora", F_RHEL, { NULL } },
	{ "centos", F_RHEL, { NULL } },
	{ "rockylinux", F_RHEL, { NULL } },
	{ "rockylinux/rockylinux", F_RHEL, { NULL } },
	{ "almalinux", F_RHEL, { NULL } },
	{ "amazonlinux", F_RHEL, { NULL } },
	{ "python", F_DEBIAN | F_ALPINE, { NULL } },
	{ "node", F_DEBIAN | F_ALPINE, { "node", NULL } },
	{ "golang", F_DEBIAN | F_ALPINE, { NULL } },
	{ "ruby", F_DEBIAN | F_ALPINE, { NULL } },
	{ "openjdk", F_DEBIAN | F_ALPINE | F_RHEL, { NULL } },
	{ "eclipse-temurin", F_DEBIAN | F_UBUNTU | F_ALPINE | F_RHEL, { NULL } },
	{ "amazoncorretto", F_RHEL | F_ALPINE | F_DEBIAN, { NULL } },
	{ "php", F_DEBIAN | F_ALPINE, { "www-data", NULL } },
	{ "nginx", F_DEBIAN | F_ALPINE, { "nginx", NULL } },
	{ "postgres", F_DEBIAN | F_ALPINE, { "postgres", NULL } },
	{ "redis", F_DEBIAN | F_ALPINE, { "redis", NULL } },
	{ "mysql", F_DEBIAN | F_RHEL, { "mysql", NULL } },
	{ "mariadb", F_DEBIAN | F_UBUNTU, { "mysql", NULL } },
};

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (str_eq(*list, s))
			return true;
	return false;
}

/*
 * Whether the user may exist in the root image: true when we don't know
 * the image. *label gets the image's name for the message.
 */
static bool base_may_have(struct rule_ctx *c, const char *image, const char *user,
			  const char **label)
{
	const char *repo;

	*label = "scratch";
	if (!strcasecmp(image, "scratch"))
		return false;
	if (strchr(image, '$'))
		return true;	/* unexpanded: unknown image */
	repo = image_ref_repo(c->a, image);
	*label = repo;
	if (!strncmp(repo, "distroless/", 11))
		return in_list(distroless_users, user);
	for (size_t i = 0; i < sizeof(bases) / sizeof(*bases); i++) {
		const struct base *b = &bases[i];

		if (strcmp(b->repo, repo))
			continue;
		if (((b->flavours & F_DEBIAN) && in_list(debian_users, user)) ||
		    ((b->flavours & F_UBUNTU) && in_list(ubuntu_users, user)) ||
		    ((b->flavours & F_ALPINE) && in_list(alpine_users, user)) ||
		    ((b->flavours & F_BUSYBOX) && in_list(busybox_users, user)) ||
		    ((b->flavours & F_RHEL) && in_list(rhel_users, user)))
			return true;
		return in_list(b->extra, user);
	}
	return true;
}

static bool is_shell(const char *name)
{
	return lex_has(&lex_shells, name);
}

/* A script from the context (./setup.sh, bash /tmp/init): we can't see
 * what it does, so it may create the user. */
static bool runs_script(const struct sh_cmd *cmd)
{
	const char *name = sh_cmd_name(cmd);
	size_t n = strlen(name);

	if (n > 3 && str_eq(name + n - 3, ".sh"))
		return true;
	if (cmd->argc && !strncmp(cmd->argv[0].text, "./", 2))
		return true;
	return is_shell(name) && cmd->argc > 1 && cmd->argv[1].text[0] != '-';
}

static bool has_arg(const struct sh_cmd *cmd, const char *s)
{
	for (size_t i = 1; i < cmd->argc; i++)
		if (str_eq(cmd->argv[i].text, s))
			return true;
	return false;
}

/*
 * Whether the command may create the user. Generous on purpose: any
 * useradd/adduser/usermod naming it, a script we can't see, any command
 * given /etc/passwd (tee, sed, ...), or a passwd line "name:..." being
 * printed (its >> /etc/passwd redirection is not part of argv).
 */
static bool creates(const struct sh_cmd *cmd, const char *user)
{
	const char *name = sh_cmd_name(cmd);
	size_t ul = strlen(user);

	if (str_eq(name, "useradd") || str_eq(name, "adduser") || str_eq(name, "usermod"))
		return has_arg(cmd, user);
	if (runs_script(cmd))
		return true;
	if (str_eq(name, "echo") || str_eq(name, "printf")) {
		for (size_t i = 1; i < cmd->argc; i++) {
			const char *t = cmd->argv[i].text;

			if (!strncmp(t, user, ul) && t[ul] == ':')
				return true;
		}
		return false;
	}
	if (str_eq(name, "cat") || str_eq(name, "grep") || str_eq(name, "getent") ||
	    str_eq(name, "head") || str_eq(name, "ls") || str_eq(name, "id"))
		return false;
	return has_arg(cmd, "/etc/passwd");
}

/* COPY/ADD that may bring a passwd file: to /etc/passwd, /etc or / (a
 * whole root filesystem), or of a file named passwd. */
static bool copies_passwd(const struct m_instr *in)
{
	const char *dest;

	if (in->nwords < 2)
		return false;
	dest = in->words[in->nwords - 1];
	if (str_eq(dest, "/") || str_eq(dest, "/etc") || str_eq(dest, "/etc/") ||
	    str_ends_with(dest, "/passwd"))
		return true;
	for (size_t i = 0; i + 1 < in->nwords; i++)
		if (str_eq(in->words[i], "passwd") || str_ends_with(in->words[i], "/passwd"))
			return true;
	return false;
}

/* "app" or "app:grp" (or chown's old "app.grp") names the user. */
static bool names_user(const char *spec, const char *user)
{
	size_t ul = strlen(user);

	return !strncmp(spec, user, ul) && (!spec[ul] || spec[ul] == ':' || spec[ul] == '.');
}

/* A build step that needs the user to exist: chown app, su app, gosu app,
 * install -o app... It would fail without it, so the user exists. */
static bool needs_user(const struct sh_cmd *cmd, const char *user)
{
	static const char *const takers[] = {
		"chown", "install", "su", "runuser", "gosu", "su-exec", "sudo", "chpst",
		"setpriv", "s6-setuidgid", "setuidgid", "doas", NULL
	};
	const char *name = sh_cmd_name(cmd);
	bool taker = false;

	for (const char *const *t = takers; *t; t++)
		if (str_eq(*t, name))
			taker = true;
	if (!taker)
		return false;
	for (size_t i = 1; i < cmd->argc; i++)
		if (names_user(cmd->argv[i].text, user))
			return true;
	return false;
}

/*
 * Installing a package may create its service user: tor creates tor (or
 * debian-tor), redis-server redis, mpd mpd. The user is taken to come from
 * a package when it equals a dash/digit-separated part of the package name
 * or the other way round, or through a few well-known aliases.
 */
static bool package_may_create(const char *pkg, const char *user)
{
	static const char *const aliases[][2] = {
		{ "postgresql", "postgres" }, { "mariadb", "mysql" }, { "memcached", "memcache" },
		{ "bind9", "bind" }, { "openssh", "sshd" }, { "apache2", "www-data" },
		{ "nginx", "www-data" }, { "squid", "proxy" },
	};
	size_t pl = strcspn(pkg, "=:<>~");	/* version or architecture suffix */
	const char *p = pkg, *end = pkg + pl;

	for (size_t i = 0; i < sizeof(aliases) / sizeof(*aliases); i++)
		if (!strncmp(pkg, aliases[i][0], strlen(aliases[i][0])) &&
		    str_eq(user, aliases[i][1]))
			return true;
	if (strlen(user) == pl && !strncmp(pkg, user, pl))
		return true;
	/* A part of the package name is the user: redis-server -> redis. */
	while (p < end) {
		size_t n = strcspn(p, "-_.+0123456789=:<>~");

		if (n && n == strlen(user) && !strncmp(p, user, n))
			return true;
		p += n ? n : 1;
	}
	/* The package name is a part of the user: tor -> debian-tor. */
	for (const char *u = user; *u;) {
		size_t n = strcspn(u, "-_.");

		if (n && n == pl && !strncmp(u, pkg, n))
			return true;
		u += n ? n : 1;
	}
	return false;
}

struct pkg_ctx {
	const char *user;
	bool found;
};

static void on_package(void *ctx, const struct sh_word *pkg)
{
	struct pkg_ctx *pc = ctx;

	if (pkg->has_subst || package_may_create(pkg->text, pc->user))
		pc->found = true;
}

/* "app:grp" -> whether it is user. */
static bool runs_as(const char *spec, const char *user)
{
	return spec && names_user(spec, user);
}

/* Whether the final stage chain creates the user, or shows it exists. */
static bool chain_may_have(const struct m_stage *final, const char *user)
{
	for (const struct m_stage *s = final; s; s = s->base_stage) {
		for (size_t k = 1; k < s->ninstrs; k++) {
			const struct m_instr *in = &s->instrs[k];

			if ((in->kind == K_COPY || in->kind == K_ADD) &&
			    (copies_passwd(in) || runs_as(in->chown, user)))
				return true;
			if (in->kind != K_RUN)
				continue;
			/* BuildKit looks the user up for a RUN it runs as. */
			if (runs_as(in->user, user))
				return true;
			for (size_t i = 0; i < in->sh.ncmds; i++) {
				const struct sh_cmd *cmd = &in->sh.cmds[i];
				struct pkg_ctx pc = { user, false };

				if (creates(cmd, user) || needs_user(cmd, user))
					return true;
				cmd_os_install_each_package(cmd, on_package, &pc);
				if (pc.found)
					return true;
			}
		}
	}
	return false;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static void check(struct rule_ctx *c)
{
	const struct m_stage *s = c->stage;
	const char *user, *colon, *label, *tag;
	struct finding *f;

	if (!s || !s->user_instr || !s->user || m_user_is_root(s->user) ||
	    strchr(s->user, '$'))
		return;
	colon = strchr(s->user, ':');
	user = colon ? arena_strndup(c->a, s->user, (size_t)(colon - s->user)) : s->user;
	/* A numeric uid needs no passwd entry to run. */
	if (!*user || all_digits(user) || str_eq(user, "root"))
		return;
	if (base_may_have(c, m_stage_root_image(s), user, &label))
		return;
	if (chain_may_have(s, user))
		return;
	if (!strcasecmp(label, "scratch")) {
		f = rule_report(c, s->user_instr,
				"USER %s names a user that is never created, and a scratch image "
				"has no /etc/passwd", user);
		f->fix = "Use a numeric uid (for example USER 65532:65532), or COPY --from a build "
			 "stage an /etc/passwd that has the user";
		return;
	}
	f = rule_report(c, s->user_instr,
			"USER %s names a user that is never created (no useradd or adduser) "
			"and that the %s base image doesn't have", user, label);
	if (!strncmp(label, "distroless/", 11))
		f->fix = "Use the image's nonroot user (USER nonroot) or a numeric uid";
	else if (str_eq(label, "alpine") || str_eq(label, "busybox") ||
		 ((tag = image_ref_tag(c->a, m_stage_root_image(s))) && strstr(tag, "alpine")))
		f->fix = arena_printf(c->a, "Create the user before switching to it (RUN addgroup "
				      "-S %s && adduser -S -G %s %s), or use a numeric uid",
				      user, user, user);
	else
		f->fix = arena_printf(c->a, "Create the user before switching to it (RUN useradd "
				      "--system %s), or use a numeric uid", user);
}

const struct check check_user_not_created = {
	.rule = &SW0204,
	.stage = check,
};
