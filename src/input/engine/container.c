/* Engine API JSON to the live-container model. Field names follow the API
 * (v1.24 and later: the shape has not changed where we read it). Nothing
 * here trusts a type: a number where a string was expected is treated as
 * absent, so a hostile or buggy engine can only make the audit emptier. */
#include "input/engine/container.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_ITEMS 4096	/* per list: more is not a real container */

static const char *str(struct arena *a, json_t *j)
{
	const char *s = json_string_value(j);

	return s ? arena_strdup(a, s) : NULL;
}

static const char *str_or_empty(struct arena *a, json_t *j)
{
	const char *s = str(a, j);

	return s ? s : "";
}

static long num(json_t *j)
{
	json_int_t v;

	if (!json_is_integer(j))
		return 0;
	v = json_integer_value(j);
	/* PIDs and counts: clamp what a long cannot hold anyway. */
	return v > 0x7fffffffL ? 0x7fffffffL : v < -0x7fffffffL ? -0x7fffffffL : (long)v;
}

/* A 64-bit count (bytes of memory); 0 when absent or not a number. */
static long long num64(json_t *j)
{
	return json_is_integer(j) ? (long long)json_integer_value(j) : 0;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* A JSON array of strings; non-strings are skipped. */
static const char **strings(struct arena *a, json_t *arr, size_t *n)
{
	const char **v;
	size_t k = 0, i;
	json_t *e;

	*n = 0;
	if (!json_is_array(arr) || !json_array_size(arr))
		return NULL;
	v = arena_alloc(a, (json_array_size(arr) + 1) * sizeof(*v));
	json_array_foreach(arr, i, e) {
		if (k == MAX_ITEMS)
			break;
		if (json_is_string(e))
			v[k++] = str(a, e);
	}
	*n = k;
	return v;
}

/* The keys of an object ({"80/tcp": {}}), sorted. */
static const char **keys(struct arena *a, json_t *obj, size_t *n)
{
	const char **v, *key;
	size_t k = 0;
	json_t *e;

	*n = 0;
	if (!json_is_object(obj) || !json_object_size(obj))
		return NULL;
	v = arena_alloc(a, (json_object_size(obj) + 1) * sizeof(*v));
	json_object_foreach(obj, key, e) {
		if (k == MAX_ITEMS)
			break;
		v[k++] = arena_strdup(a, key);
	}
	qsort(v, k, sizeof(*v), cmp_str);
	*n = k;
	return v;
}

static int cmp_kv(const void *x, const void *y)
{
	return strcmp(((const struct live_kv *)x)->key, ((const struct live_kv *)y)->key);
}

/* A string map ({"max-size": "10m"}), sorted by key. */
static struct live_kv *kvs(struct arena *a, json_t *obj, size_t *n)
{
	struct live_kv *v;
	const char *key;
	size_t k = 0;
	json_t *e;

	*n = 0;
	if (!json_is_object(obj) || !json_object_size(obj))
		return NULL;
	v = arena_alloc(a, json_object_size(obj) * sizeof(*v));
	json_object_foreach(obj, key, e) {
		if (k == MAX_ITEMS)
			break;
		v[k].key = arena_strdup(a, key);
		v[k++].value = str_or_empty(a, e);
	}
	qsort(v, k, sizeof(*v), cmp_kv);
	*n = k;
	return v;
}

static int cmp_port(const void *x, const void *y)
{
	const struct live_port *p = x, *q = y;
	int d = strcmp(p->port, q->port);

	if (!d)
		d = strcmp(p->host_ip, q->host_ip);
	return d ? d : strcmp(p->host_port, q->host_port);
}

/* HostConfig.PortBindings: {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]};
 * a null list still publishes the port (on a random host port). */
static void ports(struct arena *a, json_t *obj, struct live_container *c)
{
	size_t cap = 0, i;
	const char *key;
	json_t *list, *b;

	if (!json_is_object(obj))
		return;
	json_object_foreach(obj, key, list) {
		struct live_port *p;

		if (json_is_array(list) && json_array_size(list)) {
			json_array_foreach(list, i, b) {
				if (c->nports == MAX_ITEMS)
					break;
				p = ARENA_PUSH(a, c->ports, c->nports, cap);
				p->port = arena_strdup(a, key);
				p->host_ip = str_or_empty(a, json_object_get(b, "HostIp"));
				p->host_port = str_or_empty(a, json_object_get(b, "HostPort"));
			}
		} else if (c->nports < MAX_ITEMS) {
			p = ARENA_PUSH(a, c->ports, c->nports, cap);
			p->port = arena_strdup(a, key);
			p->host_ip = p->host_port = "";
		}
	}
	if (c->nports)
		qsort(c->ports, c->nports, sizeof(*c->ports), cmp_port);
}

static int cmp_mount(const void *x, const void *y)
{
	const struct live_mount *m = x, *n = y;
	int d = strcmp(m->destination, n->destination);

	return d ? d : strcmp(m->source, n->source);
}

static void mounts(struct arena *a, json_t *arr, struct live_container *c)
{
	size_t cap = 0, i;
	json_t *m;

	if (!json_is_array(arr))
		return;
	json_array_foreach(arr, i, m) {
		struct live_mount *lm;

		if (c->nmounts == MAX_ITEMS)
			break;
		if (!json_is_object(m))
			continue;
		lm = ARENA_PUSH(a, c->mounts, c->nmounts, cap);
		lm->type = str_or_empty(a, json_object_get(m, "Type"));
		lm->name = str_or_empty(a, json_object_get(m, "Name"));
		lm->source = str_or_empty(a, json_object_get(m, "Source"));
		lm->destination = str_or_empty(a, json_object_get(m, "Destination"));
		lm->propagation = str_or_empty(a, json_object_get(m, "Propagation"));
		lm->read_only = json_is_false(json_object_get(m, "RW"));
	}
	if (c->nmounts)
		qsort(c->mounts, c->nmounts, sizeof(*c->mounts), cmp_mount);
}

static void devices(struct arena *a, json_t *arr, struct live_container *c)
{
	size_t cap = 0, i;
	json_t *d;

	if (!json_is_array(arr))
		return;
	json_array_foreach(arr, i, d) {
		struct live_device *ld;

		if (c->ndevices == MAX_ITEMS)
			break;
		if (!json_is_object(d))
			continue;
		ld = ARENA_PUSH(a, c->devices, c->ndevices, cap);
		ld->host = str_or_empty(a, json_object_get(d, "PathOnHost"));
		ld->container = str_or_empty(a, json_object_get(d, "PathInContainer"));
		ld->permissions = str_or_empty(a, json_object_get(d, "CgroupPermissions"));
	}
}

int live_decode_inspect(struct arena *a, json_t *j, struct live_container *c, const char **err)
{
	json_t *state, *cfg, *hc, *rp, *lc;
	const char *name;

	memset(c, 0, sizeof(*c));
	c->user = c->restart_policy = c->network_mode = c->log_type = c->status = "";
	c->pid_mode = c->ipc_mode = c->uts_mode = c->userns_mode = "";
	if (!json_is_object(j)) {
		*err = "the engine's answer is not a container (no JSON object)";
		return -1;
	}
	c->id = str(a, json_object_get(j, "Id"));
	name = json_string_value(json_object_get(j, "Name"));
	if (!c->id || !*c->id || !name || !*name) {
		*err = "the engine's answer is not a container (no Id or Name)";
		return -1;
	}
	c->name = arena_strdup(a, name + (name[0] == '/'));
	c->image_id = str_or_empty(a, json_object_get(j, "Image"));
	c->restart_count = num(json_object_get(j, "RestartCount"));

	state = json_object_get(j, "State");
	c->status = str_or_empty(a, json_object_get(state, "Status"));
	c->running = json_is_true(json_object_get(state, "Running"));
	c->restarting = json_is_true(json_object_get(state, "Restarting"));
	c->pid = num(json_object_get(state, "Pid"));
	c->exit_code = num(json_object_get(state, "ExitCode"));

	cfg = json_object_get(j, "Config");
	c->image = str_or_empty(a, json_object_get(cfg, "Image"));
	c->user = str_or_empty(a, json_object_get(cfg, "User"));
	c->cmd = strings(a, json_object_get(cfg, "Cmd"), &c->ncmd);
	c->entrypoint = strings(a, json_object_get(cfg, "Entrypoint"), &c->nentrypoint);
	c->env = strings(a, json_object_get(cfg, "Env"), &c->nenv);
	c->exposed = keys(a, json_object_get(cfg, "ExposedPorts"), &c->nexposed);
	c->labels = kvs(a, json_object_get(cfg, "Labels"), &c->nlabels);
	{
		json_t *test = json_object_get(json_object_get(cfg, "Healthcheck"), "Test");
		const char *t0 = json_string_value(json_array_get(test, 0));

		c->healthcheck = t0 && strcmp(t0, "NONE");
		c->healthcheck_none = t0 && !strcmp(t0, "NONE");
	}

	hc = json_object_get(j, "HostConfig");
	c->privileged = json_is_true(json_object_get(hc, "Privileged"));
	c->publish_all = json_is_true(json_object_get(hc, "PublishAllPorts"));
	c->auto_remove = json_is_true(json_object_get(hc, "AutoRemove"));
	rp = json_object_get(hc, "RestartPolicy");
	c->restart_policy = str_or_empty(a, json_object_get(rp, "Name"));
	c->restart_max = num(json_object_get(rp, "MaximumRetryCount"));
	c->readonly_rootfs = json_is_true(json_object_get(hc, "ReadonlyRootfs"));
	c->cap_add = strings(a, json_object_get(hc, "CapAdd"), &c->ncap_add);
	c->cap_drop = strings(a, json_object_get(hc, "CapDrop"), &c->ncap_drop);
	c->security_opt = strings(a, json_object_get(hc, "SecurityOpt"), &c->nsecurity_opt);
	c->network_mode = str_or_empty(a, json_object_get(hc, "NetworkMode"));
	c->pid_mode = str_or_empty(a, json_object_get(hc, "PidMode"));
	c->ipc_mode = str_or_empty(a, json_object_get(hc, "IpcMode"));
	c->uts_mode = str_or_empty(a, json_object_get(hc, "UTSMode"));
	c->userns_mode = str_or_empty(a, json_object_get(hc, "UsernsMode"));
	c->memory = num64(json_object_get(hc, "Memory"));
	c->nano_cpus = num64(json_object_get(hc, "NanoCpus"));
	c->pids_limit = num64(json_object_get(hc, "PidsLimit"));
	devices(a, json_object_get(hc, "Devices"), c);
	c->networks = keys(a, json_object_get(json_object_get(j, "NetworkSettings"), "Networks"),
			   &c->nnetworks);
	lc = json_object_get(hc, "LogConfig");
	c->log_type = str_or_empty(a, json_object_get(lc, "Type"));
	c->log_config = kvs(a, json_object_get(lc, "Config"), &c->nlog_config);
	ports(a, json_object_get(hc, "PortBindings"), c);
	mounts(a, json_object_get(j, "Mounts"), c);

	c->project = live_label(c, "com.docker.compose.project");
	c->service = live_label(c, "com.docker.compose.service");
	{
		const char *o = live_label(c, "com.docker.compose.oneoff");

		c->oneoff = o && !strcasecmp(o, "true");
	}
	c->target.kind = "container";
	c->target.name = c->name;
	c->target.k2 = "project";
	c->target.v2 = c->project;
	c->target.k3 = "service";
	c->target.v3 = c->service;
	return 0;
}

/* The index of a column of Titles, or -1. */
static int column(json_t *titles, const char *name)
{
	size_t i;
	json_t *t;

	json_array_foreach(titles, i, t) {
		const char *s = json_string_value(t);

		if (s && !strcmp(s, name) && i < 64)
			return (int)i;
	}
	return -1;
}

/* A PID column: ps prints decimal strings; anything else is -1. */
static long pid_of(json_t *j)
{
	const char *s = json_string_value(j);
	char *end;
	long v;

	if (json_is_integer(j))
		return num(j);
	if (!s || !*s)
		return -1;
	v = strtol(s, &end, 10);
	return *end || v < 0 ? -1 : v;
}

int live_decode_top(struct arena *a, json_t *j, struct live_container *c, const char **err)
{
	json_t *titles = json_object_get(j, "Titles"), *procs = json_object_get(j, "Processes");
	int cpid = column(titles, "PID"), cppid = column(titles, "PPID");
	int ccmd = column(titles, "CMD"), cuser = column(titles, "UID");
	size_t cap = 0, i;
	json_t *row;

	if (cpid < 0 || ccmd < 0 || !json_is_array(procs)) {
		*err = "the engine's process list has no PID or CMD column";
		return -1;
	}
	c->nprocs = 0;
	c->procs = NULL;
	json_array_foreach(procs, i, row) {
		struct live_proc *p;
		const char *cmd = json_string_value(json_array_get(row, (size_t)ccmd));

		if (c->nprocs == MAX_ITEMS)
			break;
		if (!json_is_array(row) || !cmd)
			continue;
		p = ARENA_PUSH(a, c->procs, c->nprocs, cap);
		p->pid = pid_of(json_array_get(row, (size_t)cpid));
		p->ppid = cppid < 0 ? -1 : pid_of(json_array_get(row, (size_t)cppid));
		p->cmd = arena_strdup(a, cmd);
		p->user = cuser < 0 ? "" : str_or_empty(a, json_array_get(row, (size_t)cuser));
	}
	c->has_top = true;
	return 0;
}

void live_decode_image(struct arena *a, json_t *j, struct live_container *c)
{
	json_t *cfg = json_object_get(j, "Config");

	if (!json_is_object(j))
		return;
	c->has_image = true;
	c->image_user = str_or_empty(a, json_object_get(cfg, "User"));
	c->image_volumes = keys(a, json_object_get(cfg, "Volumes"), &c->nimage_volumes);
}

static int cmp_entry(const void *x, const void *y)
{
	const struct live_entry *p = x, *q = y;
	int d = strcmp(p->name, q->name);

	return d ? d : strcmp(p->id, q->id);
}

size_t live_decode_list(struct arena *a, json_t *j, struct live_entry **out)
{
	struct live_entry *v = NULL;
	size_t n = 0, cap = 0, i;
	json_t *e;

	*out = NULL;
	if (!json_is_array(j))
		return 0;
	json_array_foreach(j, i, e) {
		struct live_entry *le;
		const char *id = json_string_value(json_object_get(e, "Id"));
		const char *name = json_string_value(json_array_get(json_object_get(e, "Names"), 0));
		const char *state = json_string_value(json_object_get(e, "State"));

		if (n == MAX_ITEMS * 4)
			break;
		if (!id || !*id)
			continue;
		le = ARENA_PUSH(a, v, n, cap);
		le->id = arena_strdup(a, id);
		le->name = arena_strdup(a, name ? name + (name[0] == '/') : id);
		le->project = str(a, json_object_get(json_object_get(e, "Labels"),
						     "com.docker.compose.project"));
		le->running = state && !strcmp(state, "running");
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_entry);
	*out = v;
	return n;
}

const char *live_label(const struct live_container *c, const char *key)
{
	for (size_t k = 0; k < c->nlabels; k++)
		if (!strcmp(c->labels[k].key, key))
			return c->labels[k].value;
	return NULL;
}

const char *live_env(const struct live_container *c, const char *key)
{
	size_t n = strlen(key);

	for (size_t k = c->nenv; k-- > 0;)
		if (!strncmp(c->env[k], key, n) && c->env[k][n] == '=')
			return c->env[k] + n + 1;
	return NULL;
}
