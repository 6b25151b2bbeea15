/* The runtime description of a container: what it runs, as whom, and with
 * what. Every layer builds one and the runtime checks (src/checks/runtime/)
 * read only this:
 *   - a compose service lowers over the Dockerfile stage it builds, then its
 *     own keys (input/compose/lower.c);
 *   - an image lowers from its config (input/image/lower.c);
 *   - a live container from its inspect data and processes
 *     (input/engine/lower.c).
 * Every value keeps where it came from, so findings still point at
 * file:line:col (or, for an image or a container, name it). Strings and
 * arrays belong to the arena of whoever lowered it. */
#ifndef SW_SPEC_H
#define SW_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"

enum spec_kind { SPEC_SERVICE, SPEC_IMAGE, SPEC_CONTAINER, SPEC_NKINDS };

/* Where a value was written: a file position, or none (file NULL) for what
 * an image config or the engine says. via: the anchor, merge key or
 * extends that pulled it in from elsewhere (via_file NULL when none). */
struct sp_at {
	const char *file;
	unsigned line, col;
	const char *via_file;
	unsigned via_line;
};

/* A string value; s NULL when nothing set it. */
struct sp_str {
	const char *s;
	struct sp_at at;
};

/* A boolean setting; set false when nothing set it. */
struct sp_flag {
	bool set, on;
	struct sp_at at;
};

struct sp_list {
	struct sp_str *v;
	size_t n;
};

struct sp_kv {
	const char *key;
	const char *value;	/* NULL for a key without a value */
	struct sp_at at;
	/* Written as is in a file the project commits: not interpolated from
	 * the environment or .env, not read from an env_file. */
	bool literal;
	/* Not literal, but the default of a ${NAME:-default} written in the
	 * committed file: used whenever NAME is unset. NULL otherwise. */
	const char *dflt;
	/* Literal, and read from an env_file that the repository commits (in
	 * the tree and not ignored by git): at is its line there, and at's
	 * via the env_file entry. */
	bool env_file;
};

/* Who set the user the main process starts as. */
enum sp_origin { SP_UNSET, SP_DOCKERFILE, SP_COMPOSE, SP_IMAGE, SP_ENGINE };

struct sp_user {
	const char *name;	/* NULL when nothing set one */
	enum sp_origin from;
	struct sp_at at;
	/* The image's own user when the container or service overrides it
	 * (compose user:, docker run --user); NULL otherwise. */
	const char *image_user;
	struct sp_at image_at;	/* its USER instruction, when known */
	const char *image_file;	/* ... in that Dockerfile (display path) */
	/* The uid, when known: a number, or the name looked up in the
	 * image's /etc/passwd; -1 when unknown. */
	long uid;
};

struct sp_mount {
	const char *type;	/* "bind", "volume", "tmpfs", "npipe", ... */
	const char *source;	/* host path or volume name; NULL for anonymous and tmpfs */
	const char *target;	/* path in the container */
	bool read_only;
	/* Bind propagation ("shared", "rslave", ...) when set; NULL otherwise */
	const char *propagation;
	struct sp_at at;
};

struct sp_port {
	const char *host_ip;	/* NULL or "" for every interface */
	const char *published;	/* host port or range; NULL or "" for a random one */
	const char *target;	/* container port or range */
	const char *protocol;	/* NULL or "tcp", "udp", "sctp" */
	struct sp_at at;
};

/* A resource limit: the value as written (or as the engine gave it) and
 * what it means: bytes of memory, CPUs in billionths (docker's NanoCpus),
 * processes. s NULL when nothing set it; v -1 when s is not a number
 * seaworthy reads (an unresolved ${VAR}), and -1 for pids also when it
 * says unlimited (pids_limit: -1). */
struct sp_limit {
	const char *s;
	long long v;
	struct sp_at at;
};

/* A host device given to the container (devices:, docker run --device). */
struct sp_device {
	const char *host;	/* host path, or a CDI name (vendor.com/class=name) */
	const char *container;	/* path in the container */
	const char *permissions; /* cgroup permissions: "rwm" and the like */
	struct sp_at at;
};

struct sp_proc {
	long pid, ppid;
	const char *user, *cmd;
};

struct spec {
	enum spec_kind kind;
	const char *name;	/* service, container or image name */
	struct sp_at at;	/* where it is defined (a service's key) */
	/* The layer's own model, for what only that layer knows:
	 * struct c_service, struct image or struct live_container. */
	const void *origin;
	/* Its compose service and project, when it has them (a live
	 * container started by compose; a service). */
	const char *service, *project;
	/* Appended to messages about it: " (profile: tools)" for a service
	 * whose profiles are not enabled; "" otherwise. */
	const char *note;
	/* A job that runs to completion, not a service: another service
	 * waits for it to complete, it is only in tool/test/setup profiles,
	 * or it was started by `compose run` or `docker run --rm`. */
	bool one_off;
	/* What it is for, when it says so itself (a service only in dev or
	 * test profiles); production otherwise. */
	enum purpose purpose;

	struct sp_str image;	/* the image it runs or names */
	/* Built from a Dockerfile: the root image of the stage it builds
	 * (s NULL when that Dockerfile is not in the tree). */
	bool builds;
	struct sp_str base_image;
	struct sp_user user;
	struct sp_list entrypoint, command;
	struct sp_flag privileged, read_only, no_new_privileges;
	struct sp_list cap_add, cap_drop, security_opt;
	struct sp_str pid, ipc, uts, userns, network_mode;
	/* The networks it joins, as written (compose networks:) or by name
	 * (the engine's NetworkSettings.Networks). */
	struct sp_list networks;
	struct {
		struct sp_limit memory, cpus, pids;
	} limits;
	struct sp_device *devices;
	size_t ndevices;
	struct sp_mount *mounts;
	size_t nmounts;
	struct sp_port *ports;
	size_t nports;
	bool publish_all;	/* docker run -P: every exposed port */
	struct sp_list exposed;	/* container ports the image exposes */
	/* The restart policy: "no", "always", "on-failure", "unless-stopped"
	 * or what was written; s NULL when none was given. */
	struct sp_str restart;
	const char *restart_key;	/* where: "restart", "restart_policy condition" */
	bool restart_from_variable;	/* written as ${VAR} */
	struct sp_str log_driver;
	struct sp_kv *log_opts;
	size_t nlog_opts;
	/* on: has one that is not disabled; set: whether it has one is
	 * known (false for a service whose image is pulled). */
	struct sp_flag healthcheck;
	bool healthcheck_disabled;	/* on purpose: HEALTHCHECK NONE, disable: true */
	struct sp_kv *env;
	size_t nenv;
	struct sp_kv *labels;
	size_t nlabels;
	struct sp_list volumes;	/* the image's VOLUMEs */
	/* What the engine says of a container's state. */
	struct {
		bool known;		/* a container: the rest is set */
		bool running, exited;
		long exit_code;
	} state;
	/* Processes, when the engine showed them. */
	bool has_procs;
	struct sp_proc *procs;
	size_t nprocs;
	long main_pid;
};

/* The value of a label, log option or variable, or NULL. */
const char *spec_label(const struct spec *s, const char *key);
const char *spec_log_opt(const struct spec *s, const char *key);
const struct sp_kv *spec_env(const struct spec *s, const char *key);
/* Whether a log option is set, with or without a value. */
bool spec_has_log_opt(const struct spec *s, const char *key);
/* A memory size as docker reads one ("512m", "1.5g", "1024", "2GiB"; binary
 * units) in bytes; CPUs ("0.5", "2") in billionths. -1 when s is not one. */
long long spec_bytes(const char *s);
long long spec_nano_cpus(const char *s);
/* Whether two positions are the same place (one anchor used twice). */
bool sp_at_same(const struct sp_at *x, const struct sp_at *y);

#endif
