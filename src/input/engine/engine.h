/* A read-only Docker Engine API client: libcurl over the unix socket (or
 * tcp://), the API version negotiated with /_ping. Only GET is ever sent,
 * so nothing on the host or in a container can change. */
#ifndef SW_ENGINE_H
#define SW_ENGINE_H

#include <stddef.h>

#include <jansson.h>

#include "util/arena.h"

struct engine;

/* Where the engine is: host when given ("unix:///path", "tcp://h:p" or a
 * bare socket path), else $DOCKER_HOST, else unix:///var/run/docker.sock.
 * The returned string is static or host itself. */
const char *engine_default_host(const char *host);
/* Loads libcurl (once; dlopen): NULL when it can be, else why not. */
const char *engine_library(void);

/* Connects to host (see engine_default_host) and asks /_ping for the API
 * version. Returns NULL with *err set (in a) when the engine cannot be
 * reached or host is malformed. Release with engine_free.
 * Time: each JSON answer has 60 s, and all requests of the engine together
 * (streams included) have 600 s from here, or SEAWORTHY_ENGINE_TIMEOUT
 * seconds; a request past that fails with a message that says so. */
struct engine *engine_open(struct arena *a, const char *host, const char **err);
void engine_free(struct engine *e);

/* The API version the engine reported ("1.41"), or "" when it gave none
 * (requests then go unversioned). */
const char *engine_api_version(const struct engine *e);
/* The engine's host string, as resolved by engine_open. */
const char *engine_host(const struct engine *e);

/* GET path ("/containers/json?all=1", versioned automatically). Returns the
 * decoded JSON (the caller owns it: json_decref), or NULL with *err set in
 * a: the engine's own message for an error status, "too large (limit 64
 * MiB)" for an answer past that. */
json_t *engine_get_json(struct engine *e, struct arena *a, const char *path, const char **err);

/* Several GETs at once over a few parallel connections: fn gets each
 * answer as it completes, in any order, with i its index in paths and j
 * and err as engine_get_json gives them; j is released when fn returns.
 * At most a few answers are held at a time, however many paths there are. */
typedef void (*engine_json_fn)(void *ctx, size_t i, json_t *j, const char *err);
void engine_get_json_each(struct engine *e, struct arena *a, const char *const *paths, size_t n,
			  engine_json_fn fn, void *ctx);

/* GET path and hand the body to fn as it arrives; fn returns the bytes it
 * took (fewer aborts the transfer). Returns 0, or -1 with *err set in a. */
typedef size_t (*engine_body_fn)(const void *buf, size_t len, void *ctx);
int engine_get_stream(struct engine *e, struct arena *a, const char *path, engine_body_fn fn,
		      void *ctx, const char **err);

/* A path segment (image name, container id) escaped for a URL, in a. */
const char *engine_escape(struct arena *a, const char *s);

#endif
