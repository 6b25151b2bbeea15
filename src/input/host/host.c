/* seaworthy host: the user who deploys (uid, sudo rights, Docker access),
 * the Docker socket's owner, mode and ACL, and the daemon's settings. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/xattr.h>
#endif
#include <unistd.h>

#include "input/engine/engine.h"
#include "input/host/host.h"
#include "input/host/sudoers.h"
#include "catalog/catalog.h"
#include "util/readfile.h"

/* Budgets of the sudoers load (docs/architecture.md, Budgets): each one
 * reached is an input error at the include that reached it. */
#define MAX_INCLUDE_DEPTH 8		/* sudo allows 128; loops end here */
#define MAX_SUDOERS_FILES 256
#define MAX_SUDOERS_BYTES (16u << 20)	/* all files together */
#define MAX_INCLUDEDIR_ENTRIES 65536	/* names read from one @includedir */
#define MAX_SUDOERS_ERRORS 100		/* malformed lines reported */

/* sudoers and its includes. */

struct sudo_load {
	struct host *h;
	struct sudoers s;
	int depth;
	size_t nfiles, bytes, nerrors;
	const char *unreadable;	/* the first file that needs root */
	struct stat stack[MAX_INCLUDE_DEPTH];	/* the files being read, for loops */
	bool files_reported, bytes_reported;
};

static void load_sudoers(struct sudo_load *l, const char *path, const char *from,
			 unsigned line);

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void load_error(struct sudo_load *l, const char *file, unsigned line, const char *fmt,
		       ...) __attribute__((format(printf, 4, 5)));

/* An input error of the load, up to MAX_SUDOERS_ERRORS of them. */
static void load_error(struct sudo_load *l, const char *file, unsigned line, const char *fmt,
		       ...)
{
	char msg[512];
	va_list ap;

	if (l->nerrors++ == MAX_SUDOERS_ERRORS)
		report_error(l->h->r, file, line, "too many errors in sudoers files (limit %d): "
			     "the rest are not reported", MAX_SUDOERS_ERRORS);
	if (l->nerrors > MAX_SUDOERS_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	report_error(l->h->r, file, line, "%s", msg);
}

static void on_sudoers_error(void *ctx, const char *file, unsigned line, const char *msg)
{
	load_error(ctx, file, line, "%s", msg);
}

/* An @includedir: sudo skips names with a dot or ending in ~ (editor
 * backups, package manager leftovers), and reads the rest sorted; past the
 * file budget the first ones in that order are read, and the rest said. */
static void include_dir(struct sudo_load *l, const char *full, const char *from,
			unsigned line)
{
	struct host *h = l->h;
	const char *disk = host_disk_path(h, full);
	DIR *d = disk ? opendir(disk) : NULL;
	struct dirent *e;
	const char **names = NULL;
	size_t n = 0, cap = 0;

	if (!d) {
		if (errno == EACCES && !l->unreadable)
			l->unreadable = full;
		else if (errno == EXDEV)
			load_error(l, from, line,
				   "@includedir leads out of the audited tree (--root): not read");
		return;
	}
	while ((e = readdir(d))) {
		size_t k = strlen(e->d_name);

		if (strchr(e->d_name, '.') || !k || e->d_name[k - 1] == '~')
			continue;
		if (n == MAX_INCLUDEDIR_ENTRIES) {
			load_error(l, from, line, "@includedir folder too large (limit %d "
				   "files): the rest are not read", MAX_INCLUDEDIR_ENTRIES);
			break;
		}
		*ARENA_PUSH(h->a, names, n, cap) = arena_strdup(h->a, e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++)
		load_sudoers(l, arena_printf(h->a, "%s/%s", full, names[i]), from, line);
}

static void on_include(void *ctx, const char *file, unsigned line, const char *path, bool dir)
{
	struct sudo_load *l = ctx;
	struct host *h = l->h;
	const char *full;

	/* Relative paths are relative to the including file's folder; absolute
	 * ones are inside the audited tree. host_disk_path keeps them there. */
	if (path[0] == '/') {
		full = host_path(h, path);
	} else {
		const char *slash = strrchr(file, '/');

		full = slash ? arena_printf(h->a, "%.*s/%s", (int)(slash - file), file, path) : path;
	}
	if (dir)
		include_dir(l, full, file, line);
	else
		load_sudoers(l, full, file, line);
}

/* Reads path, included from from:line (NULL for /etc/sudoers itself).
 * Every budget is checked before the file is read, so includes past one
 * cost a stat at most. */
static void load_sudoers(struct sudo_load *l, const char *path, const char *from,
			 unsigned line)
{
	const char *disk, *why;
	struct stat st;
	size_t len;
	char *buf;

	if (l->depth >= MAX_INCLUDE_DEPTH) {
		load_error(l, from, line, "includes nested too deep (limit %d): not read",
			   MAX_INCLUDE_DEPTH);
		return;
	}
	if (l->nfiles >= MAX_SUDOERS_FILES || l->bytes_reported) {
		if (!l->files_reported && !l->bytes_reported)
			load_error(l, from, line, "too many sudoers files (limit %d): this one "
				   "and the rest are not read", MAX_SUDOERS_FILES);
		l->files_reported = true;
		return;
	}
	disk = host_disk_path(l->h, path);
	if (!disk || stat(disk, &st) != 0) {
		why = errno == EXDEV ? "leads out of the audited tree (--root)" : strerror(errno);
		if (errno == EACCES && !l->unreadable)
			l->unreadable = path;
		else if (errno == EXDEV && from)
			load_error(l, from, line, "@include %s: not read", why);
		else if (errno != EACCES && (from || errno != ENOENT))	/* no sudoers is fine */
			load_error(l, from ? from : path, from ? line : 0, "cannot read%s: %s",
				   from ? " the included file" : "", why);
		return;
	}
	/* A file that includes itself, directly or not, is read once. */
	for (int k = 0; k < l->depth; k++)
		if (l->stack[k].st_dev == st.st_dev && l->stack[k].st_ino == st.st_ino) {
			load_error(l, from, line, "@include of a file being read (a loop): "
				   "not read again");
			return;
		}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > MAX_SUDOERS_BYTES - l->bytes) {
		load_error(l, from ? from : path, from ? line : 0, "sudoers files too large in "
			   "total (limit %u MiB): this one and the rest are not read",
			   MAX_SUDOERS_BYTES >> 20);
		l->bytes_reported = true;
		return;
	}
	buf = read_file(l->h->a, disk, &len, &why);
	if (!buf) {
		if (errno == EACCES && !l->unreadable)
			l->unreadable = path;
		else if (errno != ENOENT && errno != EACCES)
			load_error(l, from ? from : path, from ? line : 0, "cannot read%s: %s",
				   from ? " the included file" : "", why);
		return;
	}
	if (len > MAX_SUDOERS_BYTES - l->bytes)	/* it grew */
		len = MAX_SUDOERS_BYTES - l->bytes;
	l->bytes += len;
	l->nfiles++;
	l->stack[l->depth++] = st;
	sudoers_parse_buf(&l->s, path, buf, len);
	l->depth--;
}

static void check_sudo(struct host *h)
{
	struct sudo_load l = { .h = h };
	struct sudo_user su = { h->u.name, h->u.uid, h->u.groups, h->u.gids, h->u.ngroups };
	const struct sudo_spec *sp;
	const char *path = host_path(h, "/etc/sudoers");
	bool all, nopasswd;

	l.s.a = h->a;
	l.s.include = on_include;
	l.s.error = on_sudoers_error;
	l.s.ctx = &l;
	load_sudoers(&l, path, NULL, 0);
	sp = sudoers_root_grant(&l.s, &su, &all, &nopasswd);
	if (sp) {
		struct finding *f = report_add(h->r, &SW0102, sp->file, sp->line, 1,
					       sp->line, 1, "user %s may run %s as root through sudo%s",
					       h->u.name, all ? "any command" : "commands",
					       nopasswd ? " without a password" : "");

		if (all && nopasswd)
			f->severity = SEV_ERROR;
	}
	if (l.unreadable)
		host_report(h, &SW0107,
			    "sudo rights of %s unchecked: needs root (%s is not readable)",
			    h->u.name, l.unreadable);
}

/* Rootless Docker: a docker.sock in the user's runtime folder, or DOCKER_HOST
 * naming one. */
static bool usable_socket(const struct host *h, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return false;
	return S_ISSOCK(st.st_mode) || (*h->root && S_ISREG(st.st_mode));
}

/* Whether the engine at DOCKER_HOST (or the default socket) lists
 * name=rootless in its security options; *where gets its address. */
static bool engine_rootless(struct arena *a, const char **where)
{
	const char *err = NULL;
	struct engine *e = engine_open(a, NULL, &err);
	json_t *info, *opt;
	size_t i;
	bool yes = false;

	if (!e)
		return false;
	info = engine_get_json(e, a, "/info", &err);
	json_array_foreach(json_object_get(info, "SecurityOptions"), i, opt) {
		const char *v = json_string_value(opt);

		/* "name=rootless" or, from old engines, a bare "rootless". */
		if (v && (!strcmp(v, "rootless") || !strncmp(v, "name=rootless", 13)))
			yes = true;
	}
	*where = arena_strdup(a, engine_host(e));
	json_decref(info);
	engine_free(e);
	return yes;
}

static void detect_rootless(struct host *h, bool invoking)
{
	char rel[64];
	const char *p;

	snprintf(rel, sizeof(rel), "/run/user/%u/docker.sock", (unsigned)h->u.uid);
	p = host_path(h, rel);
	if (!*h->root && invoking) {
		const char *xdg = getenv("XDG_RUNTIME_DIR"), *dh = getenv("DOCKER_HOST");

		if (dh && !strncmp(dh, "unix://", 7) && strstr(dh, "docker.sock") &&
		    usable_socket(h, dh + 7) && (!strcmp(dh + 7, p) ||
						(xdg && *xdg && !strncmp(dh + 7, xdg, strlen(xdg))))) {
			h->rootless = true;
			h->rootless_sock = arena_strdup(h->a, dh + 7);
			return;
		}
		if (xdg && *xdg)
			p = arena_printf(h->a, "%s/docker.sock", xdg);
	}
	if (usable_socket(h, p)) {
		h->rootless = true;
		h->rootless_sock = p;
		return;
	}
	/* Last, the engine the user talks to says so itself. */
	if (!*h->root && invoking && engine_rootless(h->a, &p)) {
		h->rootless = true;
		h->rootless_sock = p;
	}
}

static void check_access(struct host *h)
{
	if (h->u.in_docker)
		host_report(h, &SW0103,
			    "user %s is in the docker group: that satisfies the checklist, but "
			    "docker-group membership is root-equivalent; prefer rootless Docker",
			    h->u.name);
	else if (!h->rootless)
		host_report(h, &SW0104,
			    "user %s can use Docker only through sudo: it is neither in the "
			    "docker group nor running rootless Docker", h->u.name);
}

/* The POSIX ACL xattr: a version word, then {u16 tag, u16 perm, u32 id}. */
enum { ACL_USER_E = 0x02, ACL_GROUP_E = 0x08 };

static void check_acl(struct host *h, const char *path)
{
	unsigned char buf[4096];
#ifdef __linux__
	ssize_t n = lgetxattr(path, "system.posix_acl_access", buf, sizeof(buf));
#else
	ssize_t n = -1;	/* no POSIX ACL xattr elsewhere */
#endif

	if (n < 4)
		return;
	for (size_t off = 4; off + 8 <= (size_t)n; off += 8) {
		unsigned tag = buf[off] | (unsigned)buf[off + 1] << 8;
		unsigned perm = buf[off + 2] | (unsigned)buf[off + 3] << 8;
		uint32_t id = buf[off + 4] | (uint32_t)buf[off + 5] << 8 |
			      (uint32_t)buf[off + 6] << 16 | (uint32_t)buf[off + 7] << 24;

		if (!(perm & 6))
			continue;
		if (tag == ACL_USER_E && id != 0)
			host_report(h, &SW0106,
				    "an ACL on %s grants uid %u access to the Docker socket", path,
				    (unsigned)id);
		else if (tag == ACL_GROUP_E && !(h->u.has_docker_group && id == h->u.docker_gid) &&
			 id != 0)
			host_report(h, &SW0106,
				    "an ACL on %s grants gid %u access to the Docker socket", path,
				    (unsigned)id);
	}
}

static void check_socket(struct host *h)
{
	const char *path = host_path(h, "/var/run/docker.sock");
	struct stat st;
	unsigned mode;

	/* In a mounted tree var/run is usually a link to /run: the host's. */
	if (*h->root) {
		const char *vr = host_path(h, "/var/run");

		if (lstat(vr, &st) == 0 && S_ISLNK(st.st_mode))
			path = host_path(h, "/run/docker.sock");
	}
	if (lstat(path, &st) < 0) {
		path = host_path(h, "/run/docker.sock");
		if (lstat(path, &st) < 0)
			return;
	}
	if (!S_ISSOCK(st.st_mode) && !(*h->root && S_ISREG(st.st_mode)))
		return;
	mode = (unsigned)st.st_mode & 07777;
	if (st.st_uid != 0)
		host_report(h, &SW0105, "%s belongs to uid %u, not root", path,
			    (unsigned)st.st_uid);
	if (h->u.has_docker_group ? st.st_gid != h->u.docker_gid && st.st_gid != 0 : st.st_gid != 0)
		host_report(h, &SW0105, "%s belongs to gid %u, not the docker group",
			    path, (unsigned)st.st_gid);
	if (mode & ~0660u)
		host_report(h, &SW0105,
			    "%s has mode %04o: bits %04o go beyond 0660 (rw for owner and group)",
			    path, mode, mode & ~0660u);
	check_acl(h, path);
}

/* The invoking user: SUDO_USER under sudo, else the real uid's name. */
static const char *invoking_user(struct arena *a)
{
	const char *s = getenv("SUDO_USER");
	char buf[64];
	FILE *fp;
	char line[1024];

	if (s && *s && getuid() == 0)
		return s;
	s = getenv("USER");
	snprintf(buf, sizeof(buf), "%u", (unsigned)getuid());
	/* The real uid's name from the running system's passwd. */
	fp = fopen("/etc/passwd", "r");
	while (fp && fgets(line, sizeof(line), fp)) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		char *c3 = c2 ? strchr(c2 + 1, ':') : NULL;

		if (c3 && (size_t)(c3 - c2 - 1) == strlen(buf) && !strncmp(c2 + 1, buf, strlen(buf))) {
			fclose(fp);
			return arena_strndup(a, line, (size_t)(c1 - line));
		}
	}
	if (fp)
		fclose(fp);
	return s && *s ? s : "root";
}

void host_audit(struct report *r, const struct host_opts *o)
{
	struct host h = { .a = r->a, .r = r };
	struct finding_target *t = arena_alloc(r->a, sizeof(*t));
	const char *name = o->user ? o->user : invoking_user(r->a);
	char hn[256] = "localhost";
	bool invoking = !o->user;

	if (o->root) {
		size_t n = strlen(o->root);

		while (n > 1 && o->root[n - 1] == '/')
			n--;
		h.root = strcmp(o->root, "/") ? arena_strndup(r->a, o->root, n) : "";
	} else {
		h.root = "";
	}
	if (!*h.root && gethostname(hn, sizeof(hn) - 1) < 0)
		strcpy(hn, "localhost");
	t->kind = "host";
	t->name = *h.root ? h.root : arena_strdup(r->a, hn);
	t->k2 = "user";
	t->v2 = arena_strdup(r->a, name);
	h.target = t;
	if (host_load_user(&h, name) < 0)
		return;
	r->layers |= LAYER_HOST;
	if (h.u.uid == 0) {
		host_report(&h, &SW0101, "user %s has uid 0: it is root", h.u.name);
	} else {
		check_sudo(&h);
		detect_rootless(&h, invoking);
		check_access(&h);
	}
	check_socket(&h);
	host_check_daemon(&h);
}
