/* The Engine API client. Each request is a plain libcurl GET; several at
 * once go through a multi handle so that /containers/{id}/json for fifty
 * containers costs one round trip's wait, not fifty. */
/* libcurl (with its TLS, LDAP, SSH... libraries) costs every start of the
 * program ~10 ms when linked; only this layer needs it, so it is loaded on
 * first use. The typecheck macros would hide the calls behind ours. */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "input/engine/engine.h"
#include "util/die.h"
#include "util/dl.h"
#include "util/strbuf.h"

#define MAX_JSON_BODY (64u << 20)	/* no API answer we read is near this */
#define CONNECT_TIMEOUT 5L		/* seconds */
#define JSON_TIMEOUT 60L		/* seconds for a whole JSON answer */
#define STALL_SECONDS 60L		/* a stream that sends nothing this long */
#define RUN_TIMEOUT 600L		/* seconds for all requests of a run */
#define PARALLEL 8			/* connections at once */

struct engine {
	struct arena *a;
	const char *host;	/* as resolved */
	const char *socket;	/* unix socket path, or NULL for tcp */
	const char *base;	/* "http://localhost" or "http://h:p" */
	char version[32];	/* from /_ping, or "" */
	CURL *curl;		/* reused for sequential requests */
	long run_timeout;	/* seconds: RUN_TIMEOUT or SEAWORTHY_ENGINE_TIMEOUT */
	long long deadline;	/* CLOCK_MONOTONIC ms when every request must be done */
};

static unsigned curl_users;

static struct {
	CURLcode (*global_init)(long);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *);
	void (*easy_reset)(CURL *);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char *(*easy_strerror)(CURLcode);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
	CURLMcode (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode (*multi_perform)(CURLM *, int *);
	CURLMsg *(*multi_info_read)(CURLM *, int *);
	CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned, int, int *);
	CURLMcode (*multi_cleanup)(CURLM *);
} lc;

#define curl_global_init lc.global_init
#define curl_global_cleanup lc.global_cleanup
#define curl_easy_init lc.easy_init
#define curl_easy_cleanup lc.easy_cleanup
#define curl_easy_reset lc.easy_reset
#undef curl_easy_setopt
#define curl_easy_setopt lc.easy_setopt
#define curl_easy_perform lc.easy_perform
#undef curl_easy_getinfo
#define curl_easy_getinfo lc.easy_getinfo
#define curl_easy_strerror lc.easy_strerror
#define curl_multi_init lc.multi_init
#undef curl_multi_setopt
#define curl_multi_setopt lc.multi_setopt
#define curl_multi_add_handle lc.multi_add_handle
#define curl_multi_remove_handle lc.multi_remove_handle
#define curl_multi_perform lc.multi_perform
#define curl_multi_info_read lc.multi_info_read
#define curl_multi_poll lc.multi_poll
#define curl_multi_cleanup lc.multi_cleanup

/* Loads libcurl once; NULL, or why it could not. Never unloaded. */
static const char *load_curl(void)
{
	static void *lib;
	static const struct dl_sym syms[] = {
#define S(f, n) { offsetof(__typeof__(lc), f), n }
		S(global_init, "curl_global_init"), S(global_cleanup, "curl_global_cleanup"),
		S(easy_init, "curl_easy_init"), S(easy_cleanup, "curl_easy_cleanup"),
		S(easy_reset, "curl_easy_reset"), S(easy_setopt, "curl_easy_setopt"),
		S(easy_perform, "curl_easy_perform"), S(easy_getinfo, "curl_easy_getinfo"),
		S(easy_strerror, "curl_easy_strerror"), S(multi_init, "curl_multi_init"),
		S(multi_setopt, "curl_multi_setopt"), S(multi_add_handle, "curl_multi_add_handle"),
		S(multi_remove_handle, "curl_multi_remove_handle"),
		S(multi_perform, "curl_multi_perform"), S(multi_info_read, "curl_multi_info_read"),
		S(multi_poll, "curl_multi_poll"), S(multi_cleanup, "curl_multi_cleanup"),
#undef S
	};

	return dl_load(&lib, "libcurl.so.4", syms, sizeof(syms) / sizeof(syms[0]), &lc,
		       "libcurl is not installed (apt-get install libcurl4)",
		       "libcurl is too old: 7.66 or later is needed");
}

const char *engine_library(void)
{
	return load_curl();
}

const char *engine_default_host(const char *host)
{
	const char *env = getenv("DOCKER_HOST");

	if (host && *host)
		return host;
	if (env && *env)
		return env;
	return "unix:///var/run/docker.sock";
}

const char *engine_api_version(const struct engine *e)
{
	return e->version;
}

const char *engine_host(const struct engine *e)
{
	return e->host;
}

const char *engine_escape(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		/* ':' and '/' may stay: the engine routes /images/{name}/get on
		 * the whole name, and tags and registries contain both. */
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~:/@", ch)) {
			strbuf_addch(&sb, ch);
		} else {
			strbuf_addch(&sb, '%');
			strbuf_addch(&sb, hex[ch >> 4]);
			strbuf_addch(&sb, hex[ch & 15]);
		}
	}
	out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* The URL for path, versioned when the engine told its version. */
static char *url_for(const struct engine *e, const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, e->base);
	if (e->version[0] && strcmp(path, "/_ping"))
		strbuf_addf(&sb, "/v%s", e->version);
	strbuf_addstr(&sb, path);
	return strbuf_detach(&sb, NULL);
}

struct body {
	struct strbuf sb;
	size_t limit;
	engine_body_fn fn;
	void *ctx;
	int http_ok;		/* set once the status is known to be 2xx */
	long status;
	CURL *curl;
	bool over;		/* the answer went past limit */
	bool by_deadline;	/* its time limit is what was left of the run's */
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left of the run's time for the engine; 0 when spent. */
static long long left_ms(const struct engine *e)
{
	long long left = e->deadline - now_ms();

	return left > 0 ? left : 0;
}

static const char *deadline_error(struct arena *a, const struct engine *e)
{
	return arena_printf(a, "the Docker engine at %s took too long: all requests of a run "
			    "share a time limit (limit %ld s, SEAWORTHY_ENGINE_TIMEOUT)", e->host,
			    e->run_timeout);
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct body *b = ud;
	size_t n = size * nmemb;

	if (b->fn && !b->http_ok) {
		curl_easy_getinfo(b->curl, CURLINFO_RESPONSE_CODE, &b->status);
		b->http_ok = b->status >= 200 && b->status < 300 ? 1 : -1;
	}
	if (b->fn && b->http_ok > 0)
		return b->fn(ptr, n, b->ctx);
	if (b->sb.len + n > b->limit) {
		b->over = true;
		return 0;
	}
	strbuf_add(&b->sb, ptr, n);
	return n;
}

/* A request's time: its own limit (timeout seconds, 0 for none), and never
 * past the run's deadline; at least 1 ms, so a spent run fails at once. */
static void setup(const struct engine *e, CURL *c, const char *url, struct body *b, long timeout)
{
	long long ms = left_ms(e);

	b->by_deadline = !timeout || ms <= timeout * 1000LL;
	if (timeout && timeout * 1000LL < ms)
		ms = timeout * 1000LL;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	if (e->socket)
		curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, e->socket);
	curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(ms ? ms : 1));
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, STALL_SECONDS);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "seaworthy/" SW_VERSION);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
	b->curl = c;
}

/* The engine's {"message": ...} for an error status, else a generic one. */
static const char *status_error(struct arena *a, long status, const struct strbuf *body)
{
	json_t *j = json_loadb(body->buf, body->len, 0, NULL);
	const char *msg = json_string_value(json_object_get(j, "message"));
	const char *out = msg ? arena_printf(a, "the engine answered %ld: %s", status, msg)
			      : arena_printf(a, "the engine answered HTTP %ld", status);

	json_decref(j);
	return out;
}

static const char *curl_error(struct arena *a, const struct engine *e, const struct body *b,
			      CURLcode rc)
{
	if (rc == CURLE_OPERATION_TIMEDOUT && b->by_deadline)
		return deadline_error(a, e);
	return arena_printf(a, "cannot talk to the Docker engine at %s: %s", e->host,
			    curl_easy_strerror(rc));
}

/* Decodes a finished JSON transfer into *out or an error. */
static json_t *finish_json(const struct engine *e, struct arena *a, CURLcode rc,
			   struct body *b, const char **err)
{
	json_t *j;
	json_error_t je;

	if (b->over) {
		*err = arena_printf(a, "the engine's answer is too large (limit %u MiB)",
				    MAX_JSON_BODY >> 20);
		return NULL;
	}
	if (rc != CURLE_OK) {
		*err = curl_error(a, e, b, rc);
		return NULL;
	}
	curl_easy_getinfo(b->curl, CURLINFO_RESPONSE_CODE, &b->status);
	if (b->status < 200 || b->status >= 300) {
		*err = status_error(a, b->status, &b->sb);
		return NULL;
	}
	j = json_loadb(b->sb.buf, b->sb.len, 0, &je);
	if (!j)
		*err = arena_printf(a, "the engine's answer is not JSON: %s", je.text);
	return j;
}

json_t *engine_get_json(struct engine *e, struct arena *a, const char *path, const char **err)
{
	struct body b = { STRBUF_INIT, MAX_JSON_BODY, NULL, NULL, 0, 0, NULL, false, false };
	char *url = url_for(e, path);
	json_t *j;

	setup(e, e->curl, url, &b, JSON_TIMEOUT);
	j = finish_json(e, a, curl_easy_perform(e->curl), &b, err);
	strbuf_release(&b.sb);
	free(url);
	return j;
}

void engine_get_json_each(struct engine *e, struct arena *a, const char *const *paths, size_t n,
			  engine_json_fn fn, void *ctx)
{
	CURLM *m = curl_multi_init();
	struct body bodies[PARALLEL];
	size_t owner[PARALLEL];	/* which path a slot serves */
	bool busy[PARALLEL] = { false };
	size_t next = 0, active = 0;
	int running = 0;

	if (!m)
		die("out of memory");
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)PARALLEL);
	for (;;) {
		CURLMsg *msg;
		int left;

		while (next < n && active < PARALLEL) {
			size_t s = 0;
			CURL *c;
			char *url;

			if (!left_ms(e)) {	/* spent: the rest fail at once */
				fn(ctx, next++, NULL, deadline_error(a, e));
				continue;
			}
			while (busy[s])
				s++;
			owner[s] = next++;
			memset(&bodies[s], 0, sizeof(bodies[s]));
			strbuf_init(&bodies[s].sb);
			bodies[s].limit = MAX_JSON_BODY;
			url = url_for(e, paths[owner[s]]);
			c = curl_easy_init();
			if (!c)
				die("out of memory");
			setup(e, c, url, &bodies[s], JSON_TIMEOUT);
			free(url);	/* curl keeps its own copy */
			curl_easy_setopt(c, CURLOPT_PRIVATE, (void *)&bodies[s]);
			curl_multi_add_handle(m, c);
			busy[s] = true;
			active++;
		}
		if (!active)
			break;
		curl_multi_perform(m, &running);
		while ((msg = curl_multi_info_read(m, &left))) {
			struct body *b = NULL;
			const char *err = NULL;
			json_t *j;
			size_t s;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&b);
			s = (size_t)(b - bodies);
			j = finish_json(e, a, msg->data.result, b, &err);
			curl_multi_remove_handle(m, msg->easy_handle);
			curl_easy_cleanup(msg->easy_handle);
			strbuf_release(&b->sb);
			busy[s] = false;
			active--;
			/* Handed over as it comes: no answer waits for the others. */
			fn(ctx, owner[s], j, err);
			json_decref(j);
		}
		if (running)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	curl_multi_cleanup(m);
}

int engine_get_stream(struct engine *e, struct arena *a, const char *path, engine_body_fn fn,
		      void *ctx, const char **err)
{
	struct body b = { STRBUF_INIT, 1u << 20, fn, ctx, 0, 0, NULL, false, false };
	char *url = url_for(e, path);
	CURLcode rc;
	int ret = 0;

	setup(e, e->curl, url, &b, 0);
	rc = curl_easy_perform(e->curl);
	curl_easy_getinfo(e->curl, CURLINFO_RESPONSE_CODE, &b.status);
	if (b.status && (b.status < 200 || b.status >= 300)) {
		*err = status_error(a, b.status, &b.sb);
		ret = -1;
	} else if (rc == CURLE_WRITE_ERROR) {
		*err = b.over ? arena_printf(a, "the engine's error answer is too large (limit "
					     "%u MiB)", 1u) : "stopped reading the engine's answer";
		ret = -1;
	} else if (rc != CURLE_OK) {
		*err = curl_error(a, e, &b, rc);
		ret = -1;
	}
	strbuf_release(&b.sb);
	free(url);
	return ret;
}

static size_t on_header(char *buf, size_t size, size_t nmemb, void *ud)
{
	struct engine *e = ud;
	size_t n = size * nmemb;
	static const char key[] = "api-version:";

	if (n > sizeof(key) - 1 && !strncasecmp(buf, key, sizeof(key) - 1)) {
		const char *v = buf + sizeof(key) - 1;
		size_t k = 0;

		while (*v == ' ' || *v == '\t')
			v++;
		/* Only digits and dots: it goes into every URL. */
		while (k + 1 < sizeof(e->version) && v + k < buf + n &&
		       ((v[k] >= '0' && v[k] <= '9') || v[k] == '.'))
			k++;
		memcpy(e->version, v, k);
		e->version[k] = '\0';
	}
	return n;
}

/* Parses host into e->socket or e->base; an error message, or NULL. */
static const char *parse_host(struct engine *e, const char *host)
{
	if (!strncmp(host, "unix://", 7)) {
		e->socket = host + 7;
		e->base = "http://localhost";
	} else if (host[0] == '/') {
		e->socket = host;
		e->base = "http://localhost";
	} else if (!strncmp(host, "tcp://", 6) || !strncmp(host, "http://", 7)) {
		const char *h = strstr(host, "://") + 3;

		if (!*h)
			return "names no host";
		e->base = arena_printf(e->a, "http://%.*s", (int)strcspn(h, "/"), h);
	} else {
		return "is not supported: use unix:///path/to/docker.sock or tcp://HOST:PORT "
		       "(for ssh:// or TLS, forward the socket with ssh -L)";
	}
	if (e->socket && !*e->socket)
		return "names no socket";
	return NULL;
}

struct engine *engine_open(struct arena *a, const char *host, const char **err)
{
	struct engine *e = arena_alloc(a, sizeof(*e));
	struct body b = { STRBUF_INIT, 4096, NULL, NULL, 0, 0, NULL, false, false };
	const char *bad, *t = getenv("SEAWORTHY_ENGINE_TIMEOUT");
	char *url;
	CURLcode rc;

	memset(e, 0, sizeof(*e));
	e->a = a;
	e->host = engine_default_host(host);
	e->run_timeout = RUN_TIMEOUT;
	if (t && *t) {
		char *end;
		long v = strtol(t, &end, 10);

		if (*end || v <= 0 || v > 86400) {
			*err = "SEAWORTHY_ENGINE_TIMEOUT takes a number of seconds (1 to 86400)";
			return NULL;
		}
		e->run_timeout = v;
	}
	e->deadline = now_ms() + e->run_timeout * 1000LL;
	if ((bad = parse_host(e, e->host))) {
		*err = arena_printf(a, "the engine address '%s' %s", e->host, bad);
		return NULL;
	}
	if (e->socket && access(e->socket, F_OK) != 0) {
		*err = arena_printf(a, "cannot reach the Docker engine: %s: %s (is dockerd "
				    "running? set DOCKER_HOST or --host)", e->socket,
				    strerror(errno));
		return NULL;
	}
	if (e->socket && access(e->socket, R_OK | W_OK) != 0) {
		*err = arena_printf(a, "cannot reach the Docker engine: %s: %s (the user needs "
				    "the docker group, or rootless Docker's own socket)",
				    e->socket, strerror(errno));
		return NULL;
	}
	if ((bad = load_curl())) {
		*err = bad;
		return NULL;
	}
	if (curl_users++ == 0 && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		die("cannot initialise libcurl");
	e->curl = curl_easy_init();
	if (!e->curl)
		die("out of memory");
	url = url_for(e, "/_ping");
	setup(e, e->curl, url, &b, JSON_TIMEOUT);
	curl_easy_setopt(e->curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e->curl, CURLOPT_HEADERDATA, e);
	rc = curl_easy_perform(e->curl);
	free(url);
	if (rc == CURLE_OK)
		curl_easy_getinfo(e->curl, CURLINFO_RESPONSE_CODE, &b.status);
	if (rc != CURLE_OK || b.status != 200) {
		*err = rc != CURLE_OK ? curl_error(a, e, &b, rc) :
			arena_printf(a, "the Docker engine at %s answered /_ping with HTTP %ld",
				     e->host, b.status);
		strbuf_release(&b.sb);
		engine_free(e);
		return NULL;
	}
	strbuf_release(&b.sb);
	return e;
}

void engine_free(struct engine *e)
{
	if (!e)
		return;
	if (e->curl) {
		curl_easy_cleanup(e->curl);
		e->curl = NULL;
		if (--curl_users == 0)
			curl_global_cleanup();
	}
}
