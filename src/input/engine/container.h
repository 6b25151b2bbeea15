/* The live-container model: what the rules of `seaworthy live` see of a
 * container, decoded from the Engine API's JSON (/containers/{id}/json,
 * /containers/{id}/top, /images/{id}/json). Decoding never touches the
 * network, so it can be fuzzed; any JSON, however wrong, decodes to a
 * model (missing or mistyped fields stay empty). Strings live in the arena. */
#ifndef SW_ENGINE_CONTAINER_H
#define SW_ENGINE_CONTAINER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "findings/findings.h"
#include "util/arena.h"

struct live_kv {
	const char *key, *value;	/* value "" for a JSON non-string */
};

/* A configured port binding (HostConfig.PortBindings): also known for a
 * stopped container, and free of the engine's per-address duplicates. */
struct live_port {
	const char *port;	/* container side, "80/tcp" */
	const char *host_ip;	/* "" for every interface */
	const char *host_port;	/* "" for a random one */
};

struct live_mount {
	const char *type;	/* "bind", "volume", "tmpfs", ... */
	const char *name;	/* volume name ("" for binds) */
	const char *source, *destination;
	const char *propagation;	/* "rprivate", "shared", ...; "" when absent */
	bool read_only;			/* RW false */
};

/* HostConfig.Devices. */
struct live_device {
	const char *host, *container, *permissions;	/* "" when absent */
};

/* One line of /top: host PIDs, the command line as ps prints it. */
struct live_proc {
	long pid, ppid;
	const char *user, *cmd;
};

struct live_container {
	const char *id;
	const char *name;		/* without the leading '/' */
	const char *image;		/* Config.Image, as the user named it */
	const char *image_id;		/* Image ("sha256:...") */
	const char *project, *service;	/* compose labels, or NULL */
	bool oneoff;			/* com.docker.compose.oneoff=True (compose run) */
	struct live_kv *labels;
	size_t nlabels;

	/* State */
	const char *status;		/* "running", "exited", "created", ... */
	bool running, restarting;
	long pid;			/* State.Pid, 0 when not running */
	long exit_code;
	long restart_count;

	/* Config */
	const char *user;		/* Config.User, "" when unset */
	const char **cmd, **entrypoint, **env;
	size_t ncmd, nentrypoint, nenv;
	const char **exposed;		/* Config.ExposedPorts keys, sorted */
	size_t nexposed;
	/* Config.Healthcheck (the image's unless the run replaced it): set
	 * with a Test other than NONE. */
	bool healthcheck, healthcheck_none;	/* Test NONE: turned off */

	/* HostConfig */
	bool privileged, publish_all, auto_remove, readonly_rootfs;
	const char *restart_policy;	/* "" when unset */
	long restart_max;
	const char **cap_add, **cap_drop, **security_opt;
	size_t ncap_add, ncap_drop, nsecurity_opt;
	const char *network_mode;	/* "" when unset */
	/* PidMode, IpcMode, UTSMode, UsernsMode: "" when unset. */
	const char *pid_mode, *ipc_mode, *uts_mode, *userns_mode;
	/* Memory (bytes), NanoCpus, PidsLimit: 0 when unset (PidsLimit
	 * null), PidsLimit -1 unlimited. */
	long long memory, nano_cpus, pids_limit;
	struct live_device *devices;
	size_t ndevices;
	const char **networks;		/* NetworkSettings.Networks keys, sorted */
	size_t nnetworks;
	const char *log_type;		/* "" when unset */
	struct live_kv *log_config;
	size_t nlog_config;
	struct live_port *ports;	/* sorted by port, host ip, host port */
	size_t nports;

	struct live_mount *mounts;	/* sorted by destination */
	size_t nmounts;

	/* /top, for a running container (has_top false when not asked or it
	 * failed: the process rules then say nothing). */
	bool has_top;
	struct live_proc *procs;
	size_t nprocs;

	/* The image (/images/{id}/json), when it could be read. */
	bool has_image;
	const char *image_user;		/* its Config.User, "" when unset */
	const char **image_volumes;	/* its Config.Volumes keys, sorted */
	size_t nimage_volumes;

	/* What findings about it name: kind "container", its name, project
	 * and service. */
	struct finding_target target;
};

/* Decodes /containers/{id}/json into c (zeroed first). Returns -1 with *err
 * set when j is not a container at all (no object, or no Id or Name);
 * every other oddity leaves the field empty. */
int live_decode_inspect(struct arena *a, json_t *j, struct live_container *c, const char **err);
/* Adds /containers/{id}/top (Titles and Processes) to c; -1 with *err set
 * when it has no PID or CMD column. */
int live_decode_top(struct arena *a, json_t *j, struct live_container *c, const char **err);
/* Adds the image's User and Volumes (/images/{id}/json) to c. */
void live_decode_image(struct arena *a, json_t *j, struct live_container *c);

/* One entry of /containers/json?all=1: enough to filter and to ask more. */
struct live_entry {
	const char *id, *name, *project;
	bool running;
};
/* Decodes the list; entries without an Id are skipped. Sorted by name. */
size_t live_decode_list(struct arena *a, json_t *j, struct live_entry **out);

/* A label's value, or NULL. */
const char *live_label(const struct live_container *c, const char *key);
/* The value of a KEY=value variable of Config.Env, or NULL. */
const char *live_env(const struct live_container *c, const char *key);

#endif
