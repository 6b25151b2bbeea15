/* The audited user: etc/passwd for the uid, primary gid and home, and
 * etc/group for the supplementary groups (and the docker group's gid). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "input/host/host.h"

/* Splits a colon-separated line into at most n fields (in place). */
static size_t split(char *line, char **f, size_t n)
{
	size_t k = 0;

	while (k < n) {
		char *c = strchr(line, ':');

		f[k++] = line;
		if (!c)
			break;
		*c = '\0';
		line = c + 1;
	}
	return k;
}

static bool parse_id(const char *s, unsigned long *v)
{
	char *e;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoul(s, &e, 10);
	return !*e && !errno && *v <= 0xffffffffUL;
}

static void add_group(struct host *h, const char *name, gid_t gid)
{
	struct host_user *u = &h->u;

	for (size_t i = 0; i < u->ngroups; i++)
		if (u->gids[i] == gid && !strcmp(u->groups[i], name))
			return;
	if (u->ngroups == u->capgroups) {
		size_t cap = u->capgroups ? u->capgroups * 2 : 8;

		u->groups = arena_grow(h->a, u->groups, u->capgroups * sizeof(*u->groups),
				       cap * sizeof(*u->groups));
		u->gids = arena_grow(h->a, u->gids, u->capgroups * sizeof(*u->gids),
				     cap * sizeof(*u->gids));
		u->capgroups = cap;
	}
	u->groups[u->ngroups] = arena_strdup(h->a, name);
	u->gids[u->ngroups++] = gid;
}

/* Calls fn for each line of a file; lines are NUL-terminated copies. */
static int each_line(struct host *h, const char *path, bool must, void *ctx,
		     bool (*fn)(struct host *h, void *ctx, char *line, unsigned no,
				const char *path))
{
	size_t len;
	const char *why;
	char *buf = host_read(h, path, &len, &why);
	unsigned no = 0;

	if (!buf) {
		if (must || errno != ENOENT)
			report_error(h->r, path, 0, "cannot read: %s", why);
		return -1;
	}
	for (char *p = buf; p < buf + len;) {
		char *nl = memchr(p, '\n', (size_t)(buf + len - p));
		char *end = nl ? nl : buf + len;

		*end = '\0';
		no++;
		if (!fn(h, ctx, p, no, path))
			return 0;
		p = end + 1;
	}
	return 0;
}

struct lookup {
	const char *want;
	bool found;
};

static bool passwd_line(struct host *h, void *ctx, char *line, unsigned no, const char *path)
{
	struct lookup *l = ctx;
	char *f[7];
	unsigned long uid, gid;

	if (!*line || *line == '#' || *line == '+' || *line == '-')
		return true;
	if (split(line, f, 7) < 7 || strcmp(f[0], l->want))
		return true;
	if (!parse_id(f[2], &uid) || !parse_id(f[3], &gid)) {
		report_error(h->r, path, no, "malformed uid or gid for user %s", f[0]);
		return false;
	}
	h->u.name = arena_strdup(h->a, f[0]);
	h->u.uid = (uid_t)uid;
	h->u.gid = (gid_t)gid;
	h->u.home = arena_strdup(h->a, f[5]);
	l->found = true;
	return false;
}

static bool group_line(struct host *h, void *ctx, char *line, unsigned no, const char *path)
{
	char *f[4];
	unsigned long gid;
	bool member = false;

	(void)ctx;
	(void)no;
	(void)path;
	if (!*line || *line == '#' || *line == '+' || *line == '-')
		return true;
	if (split(line, f, 4) < 4 || !parse_id(f[2], &gid))
		return true;
	if ((gid_t)gid == h->u.gid)
		member = true;
	for (char *m = f[3]; *m && !member;) {
		char *c = strchr(m, ',');
		size_t n = c ? (size_t)(c - m) : strlen(m);

		if (n == strlen(h->u.name) && !strncmp(m, h->u.name, n))
			member = true;
		m = c ? c + 1 : m + n;
	}
	if (!strcmp(f[0], "docker")) {
		h->u.has_docker_group = true;
		h->u.docker_gid = (gid_t)gid;
		h->u.in_docker = member;
	}
	if (member)
		add_group(h, f[0], (gid_t)gid);
	return true;
}

int host_load_user(struct host *h, const char *name)
{
	const char *passwd = host_path(h, "/etc/passwd");
	size_t before = h->r->nerrors;
	struct lookup l = { name, false };

	if (each_line(h, passwd, true, &l, passwd_line) < 0 || h->r->nerrors > before)
		return -1;
	if (!l.found) {
		report_error(h->r, passwd, 0, "no user '%s'", name);
		return -1;
	}
	each_line(h, host_path(h, "/etc/group"), false, NULL, group_line);
	/* A primary gid with no line in etc/group still counts, nameless. */
	{
		bool have = false;

		for (size_t i = 0; i < h->u.ngroups; i++)
			have = have || h->u.gids[i] == h->u.gid;
		if (!have)
			add_group(h, arena_printf(h->a, "#%u", (unsigned)h->u.gid), h->u.gid);
	}
	return h->r->nerrors > before ? -1 : 0;
}
