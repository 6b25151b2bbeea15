/* A Compose project resolved the way `docker compose` resolves it: files
 * discovered or given with -f, .env and the environment, interpolation,
 * override merging, extends, include and profiles. The typed model below is
 * what rules see; every value remembers where it was written (pos) and, when
 * an anchor, merge key or extends pulled it in, from where (via). */
#ifndef SW_COMPOSE_PROJECT_H
#define SW_COMPOSE_PROJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "input/compose/dotenv.h"
#include "yaml/yaml.h"
#include "findings/findings.h"
#include "util/arena.h"

/* A scalar value with its source positions; s == NULL when absent. */
struct c_value {
	const char *s;
	struct y_pos pos, via;
};

struct c_kv {
	const char *key;
	const char *value;	/* NULL for `- KEY` without a value (and none found) */
	struct y_pos pos, via;
	/* NULL when the value is written at pos; else where Compose took it
	 * from: an env_file's path (pos is the env_file entry), or
	 * "environment" for a `- KEY` filled from the shell or .env. */
	const char *from;
	/* For an env_file's variable: its line there, and whether its value
	 * holds one of the process environment (FOO=${TOKEN}). */
	unsigned from_line;
	bool from_process;
};

struct c_port {
	const char *host_ip;	/* NULL when not given (all interfaces) */
	const char *published;	/* "8080", "8000-8010", NULL when not published */
	const char *target;	/* "80", "80-90" */
	const char *protocol;	/* "tcp" (default), "udp", "sctp" */
	const char *mode;	/* "ingress" (default) or "host" */
	bool long_syntax;
	struct y_pos pos, via;
};

struct c_volume {
	const char *type;	/* "bind", "volume", "tmpfs", "npipe", "image", "cluster" */
	const char *source;	/* NULL for anonymous volumes and tmpfs */
	const char *target;
	bool read_only;
	const char *propagation;	/* bind propagation as written, or NULL */
	bool long_syntax;
	struct y_pos pos, via;
};

struct c_dep {
	const char *service;
	const char *condition;	/* service_started (default), service_healthy,
				 * service_completed_successfully */
	struct y_pos pos, via;
};

/* devices: "HOST[:CONTAINER[:PERMISSIONS]]" or its long syntax. */
struct c_device {
	const char *source;	/* host path, or a CDI name (vendor.com/class=name) */
	const char *target;	/* path in the container; the source's when not given */
	const char *permissions; /* "rwm" when not given */
	struct y_pos pos, via;
};

struct c_list {
	struct c_value *v;
	size_t n, cap;
	bool written;		/* present and not null: `entrypoint: []` is written, n 0 */
};

struct c_service {
	const char *name;
	struct y_pos pos;	/* the service's key */
	const struct y_node *node; /* the resolved mapping (for `seaworthy config`) */
	struct c_value image, user, restart, network_mode, pid, ipc, uts, userns_mode,
		       privileged, read_only, container_name, init;
	/* Resource limits as written: mem_limit, cpus, pids_limit, and
	 * deploy.resources.limits (which docker compose applies over them). */
	struct c_value mem_limit, cpus, pids_limit;
	struct c_value deploy_limit_memory, deploy_limit_cpus, deploy_limit_pids;
	struct c_device *devices;
	size_t ndevices;
	struct c_value build_context;	/* absolute or relative to cwd, resolved */
	struct c_value build_dockerfile; /* path as resolved against the context */
	struct c_value build_target;
	struct c_value deploy_restart_condition, deploy_restart_max_attempts;
	struct c_value logging_driver;
	struct c_kv *logging_options;
	size_t nlogging_options;
	struct c_list cap_add, cap_drop, security_opt, networks, profiles, expose, command, entrypoint;
	struct c_port *ports;
	size_t nports;
	struct c_volume *volumes;
	size_t nvolumes;
	struct c_kv *environment;
	size_t nenvironment;
	struct c_kv *labels;
	size_t nlabels;
	struct c_dep *depends_on;
	size_t ndepends_on;
	bool has_healthcheck;		/* healthcheck present and not disabled */
	bool healthcheck_written;	/* healthcheck present, disabled or not */
	bool active;			/* no profiles, or one of them is enabled */
	/* Another service waits for it to end: depends_on it with condition
	 * service_completed_successfully. */
	bool awaited;
};

struct c_project {
	const char *name;
	const char *dir;		/* project directory (display form) */
	const char **files;		/* display paths, in load order (includes, extends files too) */
	const char **texts;		/* ... and each one's text, as loaded */
	size_t *lens;
	/* ... and where each line starts: lines[k][l - 1] is the offset of
	 * line l, for l up to nlines[k]. */
	const size_t **lines;
	size_t *nlines;
	size_t nfiles;
	struct y_node *root;		/* the merged, interpolated tree */
	struct c_service *services;
	size_t nservices;
	/* Deployed with `docker stack deploy` (set by the caller): Swarm
	 * ignores restart: and restarts tasks unless deploy.restart_policy
	 * says otherwise. */
	bool swarm;
	/* Set by the caller: the images the repository makes itself (the last
	 * part of their names, from its build commands' tags), and the names
	 * of the folders it was checked in ("linkwarden", "nextcloud__aio"). */
	const char *const *own_images;
	size_t nown_images;
	const char *const *repo_names;
	size_t nrepo_names;
	struct env env;			/* the variables interpolation used */
	/* The profiles enabled: --profile, else COMPOSE_PROFILES, trimmed. */
	const char *const *profiles;
	size_t nprofiles;
};

struct stat;

struct compose_opts {
	const char **files;		/* -f, in order; NULL/0 to discover in dir */
	size_t nfiles;
	const char *project_dir;	/* --project-directory; default: first file's dir */
	const char **env_files;		/* --env-file; default: <project_dir>/.env */
	size_t nenv_files;
	const char **profiles;		/* --profile (and COMPOSE_PROFILES) */
	size_t nprofiles;
	const char *dir;		/* with no files: where to discover them;
					 * default: project_dir, else "." */
	/* A checkout, not a deployment: a missing `.env`-style env_file (not
	 * committed by design) is a note, not the error Compose gives. */
	bool checkout;
	/* The process environment (env_from_process) when the caller read it
	 * once for many projects; it must outlive the project. NULL: read
	 * here. */
	const struct env *process_env;
	/* A compose file the caller read already (path as display_path of
	 * path_clean spells it): its text and fstat, or NULL to read it here.
	 * The text is only read, and must outlive the project. */
	const char *(*preread)(void *ctx, const char *path, size_t *len, struct stat *st);
	void *preread_ctx;
};

/* The compose files `docker compose` would load in dir with no -f: the
 * first base file and the first override file. Also lists the variant
 * files (docker-compose.prod.yml, compose.staging.yaml ...) for checking
 * as base + variant. Warns (into r) when several base files exist. */
struct compose_discovery {
	const char *base, *override;
	/* With no override: compose.override.yaml.example (.sample, .dist),
	 * the file a README says to copy into place; NULL when none. Compose
	 * never loads it; a check of the checkout may, in its stead. */
	const char *override_example;
	const char **variants;
	size_t nvariants, capvariants;
	/* Compose files by name that are no regular file (a FIFO, a device, a
	 * dangling or looping symlink): not opened, a note each into r. */
	size_t nskipped;
};
void compose_discover(struct arena *a, const char *dir, struct compose_discovery *out,
		      struct report *r);
/* The same from dir's entries as discover read them (sorted, with types). */
struct dir_entry;
void compose_discover_listed(struct arena *a, const char *dir, const struct dir_entry *ents,
			     size_t nents, struct compose_discovery *out, struct report *r);

/* Loads a project; problems Compose would refuse go into r as input errors
 * (file:line), unset-variable warnings become info findings. Returns -1 when
 * the project cannot be loaded at all. */
int compose_load(struct arena *a, const struct compose_opts *o, struct c_project *out,
		 struct report *r);
/* Loads one in-memory file as a project in "." with exactly the variables
 * of env (which may be NULL): nothing is read from the disk, so include and
 * extends: file: are errors. For the fuzzer and tests. */
int compose_load_buffer(struct arena *a, const char *name, const char *buf, size_t len,
			const struct env *env, struct c_project *out, struct report *r);

#endif
