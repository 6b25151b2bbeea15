/* The Docker daemon's settings: daemon.json (the system's, or the rootless
 * user's) and the flags of a running dockerd, from <root>/proc. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input/host/host.h"
#include "catalog/catalog.h"

#define MAX_FLAGS 256

struct flag {
	const char *key;	/* the daemon.json key it sets */
	const char *value;	/* "true" for a bare boolean flag */
};

struct daemon {
	struct host *h;
	struct flag flags[MAX_FLAGS];
	size_t nflags;
	bool rootless_proc;	/* dockerd --rootless */
	const char *path;	/* daemon.json shown in findings */
	const char *text;
	json_t *conf;		/* NULL when there is no file */
};

/* Flags whose daemon.json key differs (plural keys, short flags). */
static const struct { const char *flag, *key; } renamed[] = {
	{ "log-opt", "log-opts" }, { "storage-opt", "storage-opts" }, { "label", "labels" },
	{ "insecure-registry", "insecure-registries" }, { "registry-mirror", "registry-mirrors" },
	{ "dns-opt", "dns-opts" }, { "host", "hosts" }, { "exec-opt", "exec-opts" },
	{ "default-ulimit", "default-ulimits" }, { "add-runtime", "runtimes" },
	{ "authorization-plugin", "authorization-plugins" }, { "H", "hosts" }, { "G", "group" },
	{ "D", "debug" }, { "l", "log-level" }, { "b", "bridge" }, { "p", "pidfile" },
	{ "g", "data-root" }, { "node-generic-resource", "node-generic-resources" },
};

/* Flags that take no value (a following word is not theirs). */
static const char *const booleans[] = {
	"live-restore", "no-new-privileges", "icc", "iptables", "ip6tables", "ip-forward",
	"ip-masq", "ipv6", "userland-proxy", "debug", "D", "rootless", "selinux-enabled",
	"experimental", "init", "tls", "tlsverify", "raw-logs", "validate", "version", "v",
	"help", "cri-containerd", "no-legacy-registry",
};

static bool is_boolean(const char *f)
{
	for (size_t i = 0; i < sizeof(booleans) / sizeof(booleans[0]); i++)
		if (!strcmp(f, booleans[i]))
			return true;
	return false;
}

static const char *flag_key(const char *f)
{
	for (size_t i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++)
		if (!strcmp(f, renamed[i].flag))
			return renamed[i].key;
	return f;
}

static int cmp_pid(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* The lowest-numbered process whose comm is dockerd; its argv into d->flags. */
static bool find_dockerd(struct daemon *d)
{
	struct host *h = d->h;
	DIR *dir = opendir(host_path(h, "/proc"));
	struct dirent *e;
	long *pids = NULL;
	size_t n = 0, cap = 0;
	bool found = false;

	if (!dir)
		return false;
	while ((e = readdir(dir)) && n < 1u << 20) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);

		if (isdigit((unsigned char)e->d_name[0]) && !*end && pid > 0)
			*ARENA_PUSH(h->a, pids, n, cap) = pid;
	}
	closedir(dir);
	if (n)
		qsort(pids, n, sizeof(*pids), cmp_pid);
	for (size_t i = 0; i < n && !found; i++) {
		const char *why;
		size_t len;
		char *comm = host_read(h, host_path(h, arena_printf(h->a, "/proc/%ld/comm", pids[i])),
				       &len, &why);
		char *argv;

		if (!comm || (strcmp(comm, "dockerd\n") && strcmp(comm, "dockerd")))
			continue;
		found = true;
		argv = host_read(h, host_path(h, arena_printf(h->a, "/proc/%ld/cmdline", pids[i])),
				 &len, &why);
		if (!argv)
			break;
		/* argv[0], then flags; "--" or a lone word ends nothing here. */
		for (char *p = argv + strlen(argv) + 1; p < argv + len && d->nflags < MAX_FLAGS;) {
			char *next = p + strlen(p) + 1;
			const char *name, *eq, *value = "true";

			if (p[0] != '-' || !p[1]) {
				p = next;
				continue;
			}
			name = p + 1 + (p[1] == '-');
			eq = strchr(name, '=');
			if (eq) {
				value = eq + 1;
				name = arena_strndup(h->a, name, (size_t)(eq - name));
			} else if (!is_boolean(name) && next < argv + len && next[0] != '-') {
				value = next;
				next += strlen(next) + 1;
			}
			if (!strcmp(name, "rootless"))
				d->rootless_proc = strcmp(value, "false") != 0;
			d->flags[d->nflags].key = flag_key(name);
			d->flags[d->nflags++].value = value;
			p = next;
		}
	}
	return found;
}

static const char *flag(const struct daemon *d, const char *key)
{
	const char *v = NULL;

	for (size_t i = 0; i < d->nflags; i++)
		if (!strcmp(d->flags[i].key, key))
			v = d->flags[i].value;
	return v;
}

/* The line of "key" in the file's text (1 when it cannot be told). */
static unsigned key_line(const struct daemon *d, const char *key)
{
	size_t n = strlen(key);
	unsigned line = 1;

	for (const char *p = d->text; *p; p++) {
		if (*p == '\n')
			line++;
		else if (*p == '"' && !strncmp(p + 1, key, n) && p[n + 1] == '"')
			return line;
	}
	return 1;
}

/* Reports at the key's line when the file sets it, else about the host. */
static void report_key(struct daemon *d, const struct rule *rule, const char *key,
		       const char *msg)
{
	if (d->conf && json_object_get(d->conf, key)) {
		unsigned line = key_line(d, key);

		report_add(d->h->r, rule, d->path, line, 1, line, 1, "%s", msg);
	} else {
		host_report(d->h, rule, "%s", msg);
	}
}

/* A setting as text: the flag's value, else the file's ("true", "false",
 * the string, or "" for other JSON); NULL when unset. */
static const char *setting(const struct daemon *d, const char *key)
{
	const char *v = flag(d, key);
	json_t *j;

	if (v)
		return v;
	j = d->conf ? json_object_get(d->conf, key) : NULL;
	if (!j)
		return NULL;
	if (json_is_true(j))
		return "true";
	if (json_is_false(j))
		return "false";
	return json_is_string(j) ? json_string_value(j) : "";
}

static bool has_max_size(const struct daemon *d)
{
	json_t *opts = d->conf ? json_object_get(d->conf, "log-opts") : NULL;

	for (size_t i = 0; i < d->nflags; i++)
		if (!strcmp(d->flags[i].key, "log-opts") &&
		    !strncmp(d->flags[i].value, "max-size=", 9))
			return true;
	return json_is_object(opts) && json_object_get(opts, "max-size");
}

/* Calls fn with each value of a setting that may be given many times: the
 * flags' (-H a -H b), then the file's (a string, or an array of them). */
static void each_setting(const struct daemon *d, const char *key,
			 void (*fn)(const char *v, char *out, size_t n), char *out, size_t n)
{
	json_t *j = d->conf ? json_object_get(d->conf, key) : NULL, *e;
	size_t i;

	for (i = 0; i < d->nflags; i++)
		if (!strcmp(d->flags[i].key, key))
			fn(d->flags[i].value, out, n);
	if (json_is_string(j))
		fn(json_string_value(j), out, n);
	json_array_foreach(json_is_array(j) ? j : NULL, i, e)
		if (json_is_string(e))
			fn(json_string_value(e), out, n);
}

/* Appends v to the list in out ("a, b") when it is a TCP host. */
static void tcp_host(const char *v, char *out, size_t n)
{
	size_t l = strlen(out);

	if (!strncmp(v, "tcp://", 6) && l + 1 < n)
		snprintf(out + l, n - l, "%s%s", l ? ", " : "", v);
}

/* Appends a registry that is not on the loopback (insecure by default). */
static void insecure_registry(const char *v, char *out, size_t n)
{
	size_t l = strlen(out);

	if (!strncmp(v, "127.", 4) || !strncmp(v, "localhost", 9) || !strncmp(v, "::1", 3) ||
	    !strncmp(v, "[::1]", 5) || l + 1 >= n)
		return;
	snprintf(out + l, n - l, "%s%s", l ? ", " : "", v);
}

static void check_settings(struct daemon *d, bool rootless)
{
	const char *v;
	char msg[512];

	d->h->r->layers |= LAYER_DAEMON;	/* the checklist: its settings were read */
	/* dockerd refuses a setting given both ways. */
	if (d->conf)
		for (size_t i = 0; i < d->nflags; i++) {
			const char *k = d->flags[i].key;
			bool seen = false;

			for (size_t j = 0; j < i; j++)
				seen = seen || !strcmp(d->flags[j].key, k);
			if (seen || !json_object_get(d->conf, k))
				continue;
			snprintf(msg, sizeof(msg), "\"%s\" is set both as a dockerd flag and in "
				 "daemon.json: dockerd refuses to start", k);
			report_key(d, &SW0086, k, msg);
		}
	if (!(v = setting(d, "live-restore")) || strcmp(v, "true"))
		report_key(d, &SW0081, "live-restore",
			   "live-restore is not enabled: restarting dockerd stops every container");
	if (!rootless && (!(v = setting(d, "userns-remap")) || !*v))
		report_key(d, &SW0082, "userns-remap",
			   "userns-remap is not set: root in a container is root on the host");
	if (!(v = setting(d, "no-new-privileges")) || strcmp(v, "true"))
		report_key(d, &SW0083, "no-new-privileges",
			   "no-new-privileges is not the default for containers");
	if (!(v = setting(d, "icc")) || strcmp(v, "false"))
		report_key(d, &SW0084, "icc",
			   "icc is not false: containers on the default bridge reach each other");
	if ((v = setting(d, "iptables")) && !strcmp(v, "false"))
		report_key(d, &SW0085, "iptables",
			   "iptables is false: Docker adds no NAT or isolation rules");
	if (!(v = setting(d, "ip")) || !strcmp(v, "0.0.0.0") || !*v)
		report_key(d, &SW0951, "ip",
			   v && *v ? "ip is 0.0.0.0: every -p publishes on all interfaces" :
				     "ip is unset (0.0.0.0): every -p publishes on all interfaces");
	msg[0] = '\0';
	each_setting(d, "hosts", tcp_host, msg, 160);
	if (*msg && (!(v = setting(d, "tlsverify")) || strcmp(v, "true"))) {
		char text[512];

		snprintf(text, sizeof(text), "dockerd listens on %s %s: whoever reaches it is root "
			 "on the host", msg, (v = setting(d, "tls")) && !strcmp(v, "true")
			 ? "with tls but no tlsverify" : "without TLS");
		report_key(d, &SW0087, "hosts", text);
	}
	msg[0] = '\0';
	each_setting(d, "insecure-registries", insecure_registry, msg, 160);
	if (*msg) {
		char text[512];

		snprintf(text, sizeof(text), "insecure-registries trusts %s over plain HTTP or any "
			 "certificate: an attacker on the path can serve its images", msg);
		report_key(d, &SW0088, "insecure-registries", text);
	}
	v = setting(d, "log-driver");
	if ((!v || !strcmp(v, "json-file")) && !has_max_size(d))
		report_key(d, &SW1051, v ? "log-driver" : "log-opts",
			   v ? "log-driver json-file without log-opts max-size: logs grow forever" :
			       "the default log driver (json-file) without log-opts max-size: "
			       "logs grow forever");
}

/* Loads a daemon.json; false after an input error. */
static bool load_conf(struct daemon *d, const char *path, bool *exists)
{
	struct host *h = d->h;
	json_error_t err;
	size_t len;
	const char *why;
	char *buf = host_read(h, path, &len, &why);

	*exists = false;
	if (!buf) {
		if (errno == ENOENT)
			return true;
		report_error(h->r, path, 0, "cannot read: %s", why);
		return false;
	}
	*exists = true;
	d->path = path;
	d->text = buf;
	if (memchr(buf, '\0', len)) {	/* jansson would say "end of file expected" */
		unsigned line = 1;

		for (const char *p = buf; *p; p++)
			line += *p == '\n';
		report_error(h->r, path, line, "invalid JSON: a NUL byte");
		return false;
	}
	d->conf = json_loadb(buf, len, 0, &err);	/* Go's decoder keeps the last duplicate */
	if (!d->conf) {
		report_error(h->r, path, err.line > 0 ? (unsigned)err.line : 1, "invalid JSON: %s",
			     err.text);
		return false;
	}
	if (!json_is_object(d->conf)) {
		report_error(h->r, path, 1, "daemon.json must be a JSON object");
		json_decref(d->conf);
		d->conf = NULL;
		return false;
	}
	return true;
}

void host_check_daemon(struct host *h)
{
	struct daemon d = { .h = h };
	bool proc = find_dockerd(&d), exists, sock;
	const char *path;
	struct stat st;

	/* The system daemon: when it runs, is configured, or has a socket. */
	path = flag(&d, "config-file");
	if (path && !d.rootless_proc)
		path = path[0] == '/' ? host_path(h, path) : path;
	else
		path = host_path(h, "/etc/docker/daemon.json");
	sock = lstat(host_path(h, "/var/run/docker.sock"), &st) == 0 ||
	       lstat(host_path(h, "/run/docker.sock"), &st) == 0;
	if (!d.rootless_proc) {
		if (!load_conf(&d, path, &exists))
			report_unread(h->r, LAYER_DAEMON, "%s could not be read", path);
		else if (exists || proc || sock)
			check_settings(&d, false);
		json_decref(d.conf);
	}
	/* The rootless daemon of the audited user: its own daemon.json. */
	if (h->rootless && h->u.home && h->u.home[0] == '/') {
		struct daemon r = { .h = h };

		if (d.rootless_proc) {
			memcpy(r.flags, d.flags, sizeof(d.flags));
			r.nflags = d.nflags;
		}
		path = host_path(h, arena_printf(h->a, "%s/.config/docker/daemon.json",
						 strcmp(h->u.home, "/") ? h->u.home : ""));
		if (load_conf(&r, path, &exists))
			check_settings(&r, true);
		else
			report_unread(h->r, LAYER_DAEMON, "%s could not be read", path);
		json_decref(r.conf);
	}
}
