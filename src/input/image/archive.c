/* Reading image archives and layouts as streams with libarchive. A docker
 * save tar is read twice: first its small JSON files (blobs may come before
 * the manifest), then its layers in whatever order they are stored; each
 * path keeps the entry of its highest layer and whiteouts are resolved at
 * the end, so the order does not matter and nothing is held but metadata.
 *
 * From the engine, each pass is its own GET /images/{id}/get: a thread
 * hands the body to a pipe and libarchive reads the other end. docker save
 * puts manifest.json last, so one pass would have to keep every layer that
 * comes before it (memory or disk, the size of the image); two GETs cost
 * the engine a second tar stream but keep memory at a few pipe and
 * decompression buffers whatever the image's size. Both passes ask for the
 * image id, not the name, so a tag moved in between cannot mix images. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/engine/engine.h"
#include "input/image/image.h"
#include "input/shell/shell.h"
#include "lexicon/lexicon.h"
#include "util/dl.h"
#include "util/readfile.h"
#include "util/sys.h"
#include "util/str.h"

/* libarchive is loaded on first use (dlopen), like libcurl: linked, it and
 * what it needs (libxml2, ICU, libstdc++, the compressors) cost every run
 * of every command a few milliseconds of loading, and only `image` reads
 * archives. The headers still give the types and the prototypes. */
static struct {
	__typeof__(archive_entry_filetype) *entry_filetype;
	__typeof__(archive_entry_gid) *entry_gid;
	__typeof__(archive_entry_hardlink) *entry_hardlink;
	__typeof__(archive_entry_pathname) *entry_pathname;
	__typeof__(archive_entry_perm) *entry_perm;
	__typeof__(archive_entry_size) *entry_size;
	__typeof__(archive_entry_symlink) *entry_symlink;
	__typeof__(archive_entry_uid) *entry_uid;
	__typeof__(archive_error_string) *error_string;
	__typeof__(archive_filter_bytes) *filter_bytes;
	__typeof__(archive_filter_count) *filter_count;
	__typeof__(archive_read_data) *read_data;
	__typeof__(archive_read_free) *read_free;
	__typeof__(archive_read_new) *read_new;
	__typeof__(archive_read_next_header) *read_next_header;
	__typeof__(archive_read_open) *read_open;
	__typeof__(archive_read_open_fd) *read_open_fd;
	__typeof__(archive_read_open_filename) *read_open_filename;
	__typeof__(archive_read_open_memory) *read_open_memory;
	__typeof__(archive_read_support_filter_all) *read_support_filter_all;
	__typeof__(archive_read_support_format_tar) *read_support_format_tar;
} la;

/* Loads libarchive once; NULL, or why it could not. Never unloaded. */
static const char *load_libarchive(void)
{
	static void *lib;
	static const struct dl_sym syms[] = {
#define S(f, n) { offsetof(__typeof__(la), f), n }
		S(entry_filetype, "archive_entry_filetype"),
		S(entry_gid, "archive_entry_gid"),
		S(entry_hardlink, "archive_entry_hardlink"),
		S(entry_pathname, "archive_entry_pathname"),
		S(entry_perm, "archive_entry_perm"),
		S(entry_size, "archive_entry_size"),
		S(entry_symlink, "archive_entry_symlink"),
		S(entry_uid, "archive_entry_uid"),
		S(error_string, "archive_error_string"),
		S(filter_bytes, "archive_filter_bytes"),
		S(filter_count, "archive_filter_count"),
		S(read_data, "archive_read_data"),
		S(read_free, "archive_read_free"),
		S(read_new, "archive_read_new"),
		S(read_next_header, "archive_read_next_header"),
		S(read_open, "archive_read_open"),
		S(read_open_fd, "archive_read_open_fd"),
		S(read_open_filename, "archive_read_open_filename"),
		S(read_open_memory, "archive_read_open_memory"),
		S(read_support_filter_all, "archive_read_support_filter_all"),
		S(read_support_format_tar, "archive_read_support_format_tar"),
#undef S
	};

	return dl_load(&lib, "libarchive.so.13", syms, sizeof(syms) / sizeof(syms[0]), &la,
		       "libarchive is not installed (apt-get install libarchive13)",
		       "libarchive is too old: 3.3 or later is needed");
}

const char *image_library(void)
{
	return load_libarchive();
}

#define archive_entry_filetype la.entry_filetype
#define archive_entry_gid la.entry_gid
#define archive_entry_hardlink la.entry_hardlink
#define archive_entry_pathname la.entry_pathname
#define archive_entry_perm la.entry_perm
#define archive_entry_size la.entry_size
#define archive_entry_symlink la.entry_symlink
#define archive_entry_uid la.entry_uid
#define archive_error_string la.error_string
#define archive_filter_bytes la.filter_bytes
#define archive_filter_count la.filter_count
#define archive_read_data la.read_data
#define archive_read_free la.read_free
#define archive_read_new la.read_new
#define archive_read_next_header la.read_next_header
#define archive_read_open la.read_open
#define archive_read_open_fd la.read_open_fd
#define archive_read_open_filename la.read_open_filename
#define archive_read_open_memory la.read_open_memory
#define archive_read_support_filter_all la.read_support_filter_all
#define archive_read_support_format_tar la.read_support_format_tar

/* Budgets (docs/architecture.md): each one reached is an input error. */
#define MAX_JSON (1u << 20)		/* one manifest, index or config */
#define MAX_JSON_TOTAL (16u << 20)	/* all of them */
#define MAX_LAYER_BYTES (1ll << 30)	/* decompressed bytes read per layer */
#define MAX_IMAGE_BYTES (8ll << 30)	/* ... over all layers */
#define MAX_OUTER_BYTES (16ll << 30)	/* the archive itself, decompressed, per pass */
#define MAX_RATIO 1000			/* decompressed bytes per compressed byte ... */
#define RATIO_FROM (64ll << 20)		/* ... once this much came out: a bomb */
#define MAX_ENTRIES 1000000		/* entries per layer */
#define MAX_FILES 4000000		/* paths over all layers */
#define MAX_KEEP (64u << 10)		/* files whose content is kept */
#define MAX_KEPT (8u << 20)		/* ... the scripts and configs kept on the way, in all */
#define MAX_FETCH 3			/* passes for the scripts not kept on the way */
#define MAX_LAYERS 512
#define MAX_PATH 4096			/* an entry's name: the kernel's PATH_MAX */
#define ABOVE_UNKNOWN (-2)		/* img_file.above not known yet */

struct json_file {
	const char *name;
	const char *buf;
	size_t len;
};

/* One GET of the archive from the engine, written into a pipe by a thread
 * while libarchive reads the other end. */
struct pump {
	struct engine *eng;
	const char *path;	/* "/images/ID/get" */
	int rfd, wfd;
	int werr;		/* errno of the write that failed, or 0 */
	const char *err;	/* the engine's error, in ta */
	struct arena ta;	/* the thread's own: arenas are not thread-safe */
	pthread_t tid;
};

struct loader {
	struct arena *a;
	struct image *img;
	struct report *r;
	const char *display;
	/* Either a folder, an archive file, an archive in memory, or an image
	 * in the engine (eng, id). */
	const char *dir, *file;
	const void *mem;
	size_t memlen;
	struct engine *eng;
	const char *id;
	struct pump pump;
	bool fixed_name;	/* img->name is set: RepoTags do not replace it */
	struct json_file *json;
	size_t njson, capjson, jsontotal;
	const char **large;	/* JSON-looking files over MAX_JSON, not kept */
	size_t nlarge, caplarge;
	bool failed;
	char msg[512];		/* the first failure, reported when loading ends */
	char *scratch;		/* MAX_KEEP + 1 bytes: small files are read here */
	long long layer_bytes;	/* decompressed bytes of the layers read so far */
	size_t kept;		/* bytes of scripts and configs kept on the way */
	bool fetch;		/* a pass for the content of the files marked want */
};

__attribute__((format(printf, 2, 3)))
static void fail(struct loader *l, const char *fmt, ...)
{
	va_list ap;

	if (l->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(l->msg, sizeof(l->msg), fmt, ap);
	va_end(ap);
	l->failed = true;
}

/* a + b for byte counts, stopping at LLONG_MAX: an entry header may claim
 * any size up to it. */
static long long add_bytes(long long a, long long b)
{
	a = a > 0 ? a : 0;
	b = b > 0 ? b : 0;
	return a > LLONG_MAX - b ? LLONG_MAX : a + b;
}

/* Whether ar is within its budgets: limit decompressed bytes (the bytes
 * that came before it, *base, count too) and, once RATIO_FROM came out, at
 * most MAX_RATIO bytes out of each byte in. Fails naming what otherwise. */
static bool within(struct loader *l, struct archive *ar, long long base, long long limit,
		   const char *what)
{
	long long out = archive_filter_bytes(ar, 0), in = archive_filter_bytes(ar, -1);

	if (add_bytes(base, out) > limit) {
		fail(l, "%s too large uncompressed (limit %lld GiB)", what, limit >> 30);
		return false;
	}
	if (out > RATIO_FROM && in > 0 && out / in > MAX_RATIO) {
		fail(l, "%s expands too much (limit %d times its compressed size; a "
		     "decompression bomb?)", what, MAX_RATIO);
		return false;
	}
	return true;
}

/* Skips the current entry's data. libarchive's own skip decompresses it
 * all in one go, past every budget: a compressed archive's is read here a
 * block at a time, checked as it comes. An uncompressed one is skipped by
 * libarchive (a seek in a file). */
static bool skip_data(struct loader *l, struct archive *ar, long long base, long long limit,
		      const char *what)
{
	if (archive_filter_count(ar) <= 1)
		return true;
	if (!l->scratch)
		l->scratch = arena_alloc(l->a, MAX_KEEP + 1);
	for (;;) {
		la_ssize_t n = archive_read_data(ar, l->scratch, MAX_KEEP);

		if (n < 0) {
			fail(l, "%s: %s", what, archive_error_string(ar));
			return false;
		}
		if (!within(l, ar, base, limit, what))
			return false;
		if (n == 0)
			return true;
	}
}

static size_t pump_write(const void *buf, size_t len, void *ctx)
{
	struct pump *p = ctx;
	const char *b = buf;
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(p->wfd, b + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			p->werr = errno;
			return 0;	/* curl stops the transfer */
		}
		done += (size_t)n;
	}
	return len;
}

static void *pump_run(void *arg)
{
	struct pump *p = arg;
	sigset_t set;

	/* A reader that stops early must give this write EPIPE, not kill
	 * the process: SIGPIPE is blocked in this thread only. */
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (engine_get_stream(p->eng, &p->ta, p->path, pump_write, p, &p->err) != 0 && !p->err)
		p->err = "the engine's answer stopped";
	close(p->wfd);
	return NULL;
}

/* Starts a GET into a pipe; the read end, or -1 after fail(). */
static int pump_start(struct loader *l)
{
	struct pump *p = &l->pump;
	int fds[2], rc;

	memset(p, 0, sizeof(*p));
	p->rfd = p->wfd = -1;
	if (pipe_cloexec(fds) != 0) {
		fail(l, "cannot make a pipe: %s", strerror(errno));
		return -1;
	}
	p->eng = l->eng;
	p->path = arena_printf(l->a, "/images/%s/get", engine_escape(l->a, l->id));
	p->rfd = fds[0];
	p->wfd = fds[1];
	if ((rc = pthread_create(&p->tid, NULL, pump_run, p)) != 0) {
		close(fds[0]);
		close(fds[1]);
		p->rfd = -1;
		fail(l, "cannot start a thread: %s", strerror(rc));
		return -1;
	}
	return p->rfd;
}

/* Ends a GET: closing the read end unblocks the writer (EPIPE) when the
 * reader stopped early. An error of the engine's (status, connection)
 * explains more than the truncated stream libarchive saw, so it wins. */
static void pump_finish(struct loader *l)
{
	struct pump *p = &l->pump;

	if (p->rfd < 0)
		return;
	close(p->rfd);
	p->rfd = -1;
	pthread_join(p->tid, NULL);
	if (p->err && p->werr != EPIPE) {
		snprintf(l->msg, sizeof(l->msg), "%s", p->err);
		l->failed = true;
	}
	arena_release(&p->ta);
}

static void close_outer(struct loader *l, struct archive *ar)
{
	archive_read_free(ar);
	if (l->eng)
		pump_finish(l);
}

static struct archive *new_reader(void)
{
	struct archive *ar = archive_read_new();

	if (!ar)
		return NULL;
	archive_read_support_filter_all(ar);
	archive_read_support_format_tar(ar);
	return ar;
}

static struct archive *open_outer(struct loader *l)
{
	struct archive *ar = new_reader();
	int rc;

	if (!ar)
		return NULL;
	if (l->eng) {
		int fd = pump_start(l);

		if (fd < 0) {
			archive_read_free(ar);
			return NULL;
		}
		rc = archive_read_open_fd(ar, fd, 65536);
	} else if (l->mem) {
		rc = archive_read_open_memory(ar, l->mem, l->memlen);
	} else {
		rc = archive_read_open_filename(ar, l->file, 65536);
	}
	if (rc != ARCHIVE_OK) {
		fail(l, "not a readable image archive: %s", archive_error_string(ar));
		close_outer(l, ar);
		return NULL;
	}
	return ar;
}

/* "./a//b/" → "a/b"; NULL when a component is "..". */
static char *clean_path(struct arena *a, const char *p)
{
	size_t n = strlen(p);
	char *out = arena_alloc(a, n + 1), *o = out;

	while (*p) {
		const char *e;
		size_t len;

		while (*p == '/')
			p++;
		e = strchr(p, '/');
		len = e ? (size_t)(e - p) : strlen(p);
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return NULL;
		if (len && !(len == 1 && p[0] == '.')) {
			if (o != out)
				*o++ = '/';
			memcpy(o, p, len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	return out;
}

static const struct json_file *json_get(const struct loader *l, const char *name)
{
	for (size_t i = 0; i < l->njson; i++)
		if (!strcmp(l->json[i].name, name))
			return &l->json[i];
	return NULL;
}

static void json_put(struct loader *l, const char *name, const char *buf, size_t len)
{
	if (l->njson == l->capjson) {
		size_t cap = l->capjson ? l->capjson * 2 : 16;

		l->json = arena_grow(l->a, l->json, l->capjson * sizeof(*l->json),
				     cap * sizeof(*l->json));
		l->capjson = cap;
	}
	l->json[l->njson++] = (struct json_file){ name, buf, len };
}

/* Pass 1 over an archive: keeps the small files that look like JSON. */
static void read_json_files(struct loader *l)
{
	struct archive *ar = open_outer(l);
	struct archive_entry *e;
	int rc;

	if (!ar)
		return;
	while ((rc = archive_read_next_header(ar, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		la_int64_t size = archive_entry_size(e);
		char *path, *buf;
		la_ssize_t got;

		/* The next skip must fit too: an endless or lying stream ends. */
		if (!within(l, ar, size > 0 ? size : 0, MAX_OUTER_BYTES, "the archive"))
			break;
		if (name && archive_entry_filetype(e) == AE_IFREG && size > MAX_JSON &&
		    (path = clean_path(l->a, name))) {
			char head;

			/* Named when asked for: "too large", not "missing". */
			got = archive_read_data(ar, &head, 1);
			if (got == 1 && (head == '{' || head == '['))
				*ARENA_PUSH(l->a, l->large, l->nlarge, l->caplarge) = path;
		}
		if (!name || archive_entry_filetype(e) != AE_IFREG || size <= 0 ||
		    size > MAX_JSON || !(path = clean_path(l->a, name)) ||
		    l->jsontotal + (size_t)size > MAX_JSON_TOTAL) {
			if (!skip_data(l, ar, 0, MAX_OUTER_BYTES, "the archive"))
				break;
			continue;
		}
		/* Peek first: small layers must not stay in memory. */
		{
			char head;

			got = archive_read_data(ar, &head, 1);
			if (got < 0) {
				fail(l, "cannot read %s: %s", path, archive_error_string(ar));
				break;
			}
			if (got == 0 || (head != '{' && head != '[')) {
				if (!skip_data(l, ar, 0, MAX_OUTER_BYTES, "the archive"))
					break;
				continue;
			}
			buf = arena_alloc(l->a, (size_t)size + 1);
			buf[0] = head;
		}
		got = archive_read_data(ar, buf + 1, (size_t)size - 1);
		if (got < 0) {
			fail(l, "cannot read %s: %s", path, archive_error_string(ar));
			break;
		}
		l->jsontotal += (size_t)got + 1;
		json_put(l, path, buf, (size_t)got + 1);
	}
	if (rc != ARCHIVE_EOF && rc != ARCHIVE_OK)
		fail(l, "truncated or corrupt archive: %s", archive_error_string(ar));
	close_outer(l, ar);
}

static const struct json_file *get_file(struct loader *l, const char *name)
{
	const struct json_file *f = json_get(l, name);
	const char *why;
	char *buf;
	size_t len;

	if (f || !l->dir)
		return f;
	buf = read_file(l->a, arena_printf(l->a, "%s/%s", l->dir, name), &len, &why);
	if (!buf)
		return NULL;
	json_put(l, arena_strdup(l->a, name), buf, len);
	return &l->json[l->njson - 1];
}

static json_t *get_json(struct loader *l, const char *name)
{
	const struct json_file *f = get_file(l, name);
	json_error_t err;
	json_t *j;

	if (!f) {
		for (size_t i = 0; i < l->nlarge; i++)
			if (!strcmp(l->large[i], name))
				fail(l, "%s is too large (limit %u MiB)", name, MAX_JSON >> 20);
		return NULL;
	}
	j = json_loadb(f->buf, f->len, JSON_REJECT_DUPLICATES, &err);
	if (!j)
		fail(l, "%s:%d: invalid JSON: %s", name, err.line, err.text);
	return j;
}

/* "sha256:HEX" → "blobs/sha256/HEX", or NULL for anything else. */
static const char *blob_path(struct arena *a, const char *digest)
{
	const char *c = digest ? strchr(digest, ':') : NULL;

	if (!c || c == digest || !c[1])
		return NULL;
	for (const char *p = digest; *p; p++)
		if (!(p == c || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z')))
			return NULL;
	return arena_printf(a, "blobs/%.*s/%s", (int)(c - digest), digest, c + 1);
}

static const char *jstr(struct arena *a, json_t *j)
{
	return json_is_string(j) ? arena_strdup(a, json_string_value(j)) : NULL;
}

static const char **jstrings(struct arena *a, json_t *arr, size_t *n)
{
	const char **v;
	size_t k = 0;

	*n = 0;
	if (!json_is_array(arr))
		return NULL;
	v = arena_alloc(a, (json_array_size(arr) + 1) * sizeof(*v));
	for (size_t i = 0; i < json_array_size(arr); i++)
		if (json_is_string(json_array_get(arr, i)))
			v[k++] = arena_strdup(a, json_string_value(json_array_get(arr, i)));
	*n = k;
	return v;
}

static const char **jkeys(struct arena *a, json_t *obj, size_t *n)
{
	const char **v, *key;
	json_t *val;
	size_t k = 0;

	*n = 0;
	if (!json_is_object(obj))
		return NULL;
	v = arena_alloc(a, (json_object_size(obj) + 1) * sizeof(*v));
	json_object_foreach(obj, key, val)
		v[k++] = arena_strdup(a, key);
	(void)val;
	*n = k;
	return v;
}

static void add_layer(struct loader *l, const char *file)
{
	struct image *img = l->img;

	if (img->nlayers >= MAX_LAYERS) {
		fail(l, "more than %d layers", MAX_LAYERS);
		return;
	}
	if (!img->layers)
		img->layers = arena_alloc(l->a, MAX_LAYERS * sizeof(*img->layers));
	img->layers[img->nlayers++] = (struct img_layer){ file, NULL };
}

static void load_config(struct loader *l, const char *name)
{
	struct image *img = l->img;
	json_t *j = get_json(l, name), *c, *h;
	size_t layer = 0;

	if (!j) {
		fail(l, "the image config %s is missing", name);
		return;
	}
	c = json_object_get(j, "config");
	img->user = jstr(l->a, json_object_get(c, "User"));
	img->workdir = jstr(l->a, json_object_get(c, "WorkingDir"));
	img->env = jstrings(l->a, json_object_get(c, "Env"), &img->nenv);
	img->entrypoint = jstrings(l->a, json_object_get(c, "Entrypoint"), &img->nentrypoint);
	img->cmd = jstrings(l->a, json_object_get(c, "Cmd"), &img->ncmd);
	img->ports = jkeys(l->a, json_object_get(c, "ExposedPorts"), &img->nports);
	img->volumes = jkeys(l->a, json_object_get(c, "Volumes"), &img->nvolumes);
	img->healthcheck = json_is_object(json_object_get(c, "Healthcheck"));
	h = json_object_get(j, "history");
	if (json_is_array(h)) {
		img->history = arena_alloc(l->a, (json_array_size(h) + 1) * sizeof(char *));
		for (size_t i = 0; i < json_array_size(h); i++) {
			json_t *s = json_array_get(h, i);
			const char *by = jstr(l->a, json_object_get(s, "created_by"));

			img->history[img->nhistory++] = by ? by : "";
			if (json_is_true(json_object_get(s, "empty_layer")))
				continue;
			if (layer < img->nlayers)
				img->layers[layer].created_by = by;
			layer++;
		}
	}
	json_decref(j);
}

static const char *config_digest(struct arena *a, const char *file)
{
	const char *base = strrchr(file, '/');
	size_t n;

	base = base ? base + 1 : file;
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".json"))
		n -= 5;
	return arena_printf(a, "sha256:%.*s", (int)n, base);
}

/* The legacy manifest.json (also written by Docker 25+ next to index.json). */
static bool load_manifest_json(struct loader *l)
{
	json_t *m = get_json(l, "manifest.json"), *e, *layers;
	const char *cfg;

	if (!m)
		return false;
	e = json_array_get(m, 0);
	cfg = jstr(l->a, json_object_get(e, "Config"));
	layers = json_object_get(e, "Layers");
	if (!cfg || !json_is_array(layers)) {
		fail(l, "manifest.json: no Config and Layers");
		json_decref(m);
		return true;
	}
	if (!l->fixed_name && json_is_string(json_array_get(json_object_get(e, "RepoTags"), 0)))
		l->img->name = jstr(l->a, json_array_get(json_object_get(e, "RepoTags"), 0));
	for (size_t i = 0; i < json_array_size(layers); i++) {
		const char *p = json_string_value(json_array_get(layers, i));

		if (p && (p = clean_path(l->a, p)))
			add_layer(l, p);
		else
			fail(l, "manifest.json: bad layer path");
	}
	if (!(cfg = clean_path(l->a, cfg))) {
		fail(l, "manifest.json: bad config path");
	} else {
		l->img->digest = config_digest(l->a, cfg);
		load_config(l, cfg);
	}
	json_decref(m);
	return true;
}

/* index.json → (nested indexes) → the first image manifest with layers. */
static bool load_oci(struct loader *l, const char *name, int depth)
{
	json_t *j = get_json(l, name), *ms, *layers;
	bool done = false;

	if (!j || depth > 4) {
		json_decref(j);
		return false;
	}
	if (depth == 0 && !l->fixed_name) {
		json_t *ann = json_object_get(json_array_get(json_object_get(j, "manifests"), 0),
					      "annotations");
		const char *n = jstr(l->a, json_object_get(ann, "io.containerd.image.name"));

		if (n)
			l->img->name = n;
	}
	layers = json_object_get(j, "layers");
	if (json_is_array(layers) && json_array_size(layers)) {
		const char *cdig = json_string_value(json_object_get(json_object_get(j, "config"),
								     "digest"));
		const char *cfg = blob_path(l->a, cdig);

		for (size_t i = 0; i < json_array_size(layers); i++) {
			const char *p = blob_path(l->a, json_string_value(
				json_object_get(json_array_get(layers, i), "digest")));

			if (p)
				add_layer(l, p);
			else
				fail(l, "%s: bad layer digest", name);
		}
		if (cfg) {
			l->img->digest = arena_strdup(l->a, cdig);
			load_config(l, cfg);
		} else {
			fail(l, "%s: bad config digest", name);
		}
		json_decref(j);
		return true;
	}
	ms = json_object_get(j, "manifests");
	for (size_t i = 0; !done && i < json_array_size(ms); i++) {
		const char *p = blob_path(l->a, json_string_value(
			json_object_get(json_array_get(ms, i), "digest")));

		if (p && get_file(l, p))
			done = load_oci(l, p, depth + 1);
	}
	json_decref(j);
	return done;
}

/* ---- the filesystem map ---- */

static size_t hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static struct img_file *node(struct loader *l, const char *path)
{
	struct image *img = l->img;
	size_t i;

	if (img->nfiles * 2 >= img->capfiles) {
		size_t cap = img->capfiles ? img->capfiles * 2 : 1024;
		struct img_file **t = arena_alloc(l->a, cap * sizeof(*t));

		for (size_t k = 0; k < img->capfiles; k++) {
			struct img_file *f = img->files[k];

			if (!f)
				continue;
			for (i = hash(f->path) & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
				;
			t[i] = f;
		}
		img->files = t;
		img->capfiles = cap;
	}
	for (i = hash(path) & (img->capfiles - 1); img->files[i];
	     i = (i + 1) & (img->capfiles - 1))
		if (!strcmp(img->files[i]->path, path))
			return img->files[i];
	img->files[i] = arena_alloc(l->a, sizeof(struct img_file));
	img->files[i]->path = arena_strdup(l->a, path);
	img->files[i]->layer = img->files[i]->wh_layer = img->files[i]->opq_layer = -1;
	img->files[i]->above = ABOVE_UNKNOWN;
	img->nfiles++;
	return img->files[i];
}

const struct img_file *image_lookup(const struct image *img, const char *path)
{
	while (*path == '/')
		path++;
	if (!img->capfiles)
		return NULL;
	for (size_t i = hash(path) & (img->capfiles - 1); img->files[i];
	     i = (i + 1) & (img->capfiles - 1))
		if (!strcmp(img->files[i]->path, path))
			return img->files[i]->present ? img->files[i] : NULL;
	return NULL;
}

/* The files whose content is kept: etc/passwd, etc/group and etc/shadow,
 * and any other passwd or group, which an etc/passwd link may name. */
static bool kept_content(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return !strcmp(base, "passwd") || !strcmp(base, "group") || !strcmp(path, "etc/shadow");
}

/* What a file's first bytes say it is: 's' a #! script, 'b' binary (a
 * NUL byte early on: ELF and the like), 't' any other text. */
static char head_of(const char *buf, size_t len)
{
	if ((len >= 4 && !memcmp(buf, "\177ELF", 4)) || memchr(buf, '\0', len < 8192 ? len : 8192))
		return 'b';
	return len >= 2 && buf[0] == '#' && buf[1] == '!' ? 's' : 't';
}

/* Besides kept_content: what an entry command may run or its supervisor
 * read, kept on the way (within MAX_KEPT) so that following it seldom
 * needs another pass: shell scripts, supervisord's configs, s6-overlay's
 * service types and run files. */
static bool kept_for_entry(const char *path, const char *buf, size_t len)
{
	const char *base = str_last_part(path);

	if (len >= 2 && buf[0] == '#' && buf[1] == '!')
		return !sh_foreign_shebang(buf, len);
	return str_ends_with(path, ".sh") || !strncmp(path, "etc/supervisor", 14) ||
	       (!strncmp(path, "etc/s6-overlay/s6-rc.d/", 23) && !strcmp(base, "type")) ||
	       (!strncmp(path, "etc/services.d/", 15) && !strcmp(base, "run"));
}

static void add_secret(struct loader *l, const char *path, const char *what, int layer)
{
	struct image *img = l->img;

	if (img->nsecrets == img->capsecrets) {
		size_t cap = img->capsecrets ? img->capsecrets * 2 : 8;

		img->secrets = arena_grow(l->a, img->secrets, img->capsecrets * sizeof(*img->secrets),
					  cap * sizeof(*img->secrets));
		img->capsecrets = cap;
	}
	img->secrets[img->nsecrets++] = (struct img_secret){ arena_strdup(l->a, path), what, layer };
}

/* A pass for the files marked want: reads the entry when it is the one
 * the final filesystem has at path, skips it otherwise. */
static bool fetch_one(struct loader *l, struct archive *ar, struct archive_entry *e,
		      const char *path, int layer, const char *what)
{
	struct img_file *f = (struct img_file *)image_lookup(l->img, path);
	la_int64_t size = archive_entry_size(e);

	if (f && f->want && !f->content && f->layer == layer && f->type == 'f' &&
	    archive_entry_filetype(e) == AE_IFREG && !archive_entry_hardlink(e) && size > 0 &&
	    size <= IMAGE_MAX_SCRIPT) {
		char *buf = arena_alloc(l->a, (size_t)size + 1);
		size_t done = 0;

		while (done < (size_t)size) {
			la_ssize_t got = archive_read_data(ar, buf + done, (size_t)size - done);

			if (got < 0) {
				fail(l, "%s: %s", what, archive_error_string(ar));
				return false;
			}
			if (got == 0)
				break;
			done += (size_t)got;
		}
		buf[done] = '\0';
		f->content = buf;
		f->clen = done;
		return true;
	}
	return size <= 0 || skip_data(l, ar, 0, MAX_LAYER_BYTES, what);
}

/* Walks one layer's tar stream. */
static void walk_layer(struct loader *l, struct archive *ar, int layer, const char *lname)
{
	const char *what = arena_printf(l->a, "layer %d (%s)", layer, lname);
	struct archive_entry *e;
	long entries = 0;
	int rc;

	while ((rc = archive_read_next_header(ar, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e), *base;
		la_int64_t size = archive_entry_size(e);
		struct img_file *f;
		char *path;

		if (++entries > MAX_ENTRIES) {
			fail(l, "layer %d (%s): more than %d entries", layer, lname, MAX_ENTRIES);
			return;
		}
		/* The entry's size counts before it is read (or skipped). */
		if (!within(l, ar, size > 0 ? size : 0, MAX_LAYER_BYTES, what) ||
		    !within(l, ar, add_bytes(l->layer_bytes, size), MAX_IMAGE_BYTES,
			    "the image's layers are"))
			return;
		if (l->img->nfiles >= MAX_FILES) {
			fail(l, "more than %d paths in the image", MAX_FILES);
			return;
		}
		if (!name)
			continue;
		if (!(path = clean_path(l->a, name))) {
			fail(l, "layer %d (%s): entry name escapes the root: %s", layer, lname, name);
			return;
		}
		if (strlen(path) > MAX_PATH) {
			fail(l, "layer %d (%s): an entry's name is too long (limit %d bytes)", layer,
			     lname, MAX_PATH);
			return;
		}
		if (!*path)
			continue;
		if (l->fetch) {
			if (!fetch_one(l, ar, e, path, layer, what))
				return;
			continue;
		}
		base = str_last_part(path);
		if (!strncmp(base, ".wh.", 4)) {
			size_t dir = (size_t)(base - path);

			if (!strcmp(base, ".wh..wh..opq")) {
				if (dir) {
					f = node(l, arena_strndup(l->a, path, dir - 1));
					if (layer > f->opq_layer)
						f->opq_layer = layer;
				}
			} else if (strncmp(base, ".wh..wh.", 8) && base[4]) {
				f = node(l, arena_printf(l->a, "%.*s%s", (int)dir, path, base + 4));
				if (layer > f->wh_layer)
					f->wh_layer = layer;
			}
			continue;	/* aufs metadata (.wh..wh.plnk, .wh..wh.aufs) too */
		}
		f = node(l, path);
		if (layer >= f->layer) {
			unsigned ft = archive_entry_filetype(e);
			const char *hl = archive_entry_hardlink(e);

			f->layer = layer;
			f->mode = archive_entry_perm(e) & 07777;
			f->uid = (unsigned long)archive_entry_uid(e);
			f->gid = (unsigned long)archive_entry_gid(e);
			f->size = size > 0 ? size : 0;
			f->type = hl ? 'h' : ft == AE_IFREG ? 'f' : ft == AE_IFDIR ? 'd' :
				  ft == AE_IFLNK ? 'l' : 'o';
			f->link = hl ? arena_strdup(l->a, hl) :
				  ft == AE_IFLNK && archive_entry_symlink(e) ?
				  arena_strdup(l->a, archive_entry_symlink(e)) : NULL;
			f->content = NULL;
			f->clen = 0;
		}
		if (archive_entry_filetype(e) == AE_IFREG && !archive_entry_hardlink(e) &&
		    size > 0 && size <= MAX_KEEP) {
			char *buf = l->scratch;
			const char *secret;
			la_ssize_t got;

			if (!buf)
				buf = l->scratch = arena_alloc(l->a, MAX_KEEP + 1);
			got = archive_read_data(ar, buf, (size_t)size);
			if (got < 0) {
				fail(l, "layer %d (%s): %s", layer, lname, archive_error_string(ar));
				return;
			}
			if ((secret = lex_secret_file(path, buf, (size_t)got)))
				add_secret(l, path, secret, layer);
			buf[got] = '\0';
			if (f->layer == layer)
				f->head = head_of(buf, (size_t)got);
			if (kept_content(path) && f->layer == layer) {
				f->content = arena_strndup(l->a, buf, (size_t)got);
				f->clen = strlen(f->content);
			} else if (f->layer == layer && f->head != 'b' &&
				   l->kept + (size_t)got <= MAX_KEPT &&
				   kept_for_entry(path, buf, (size_t)got)) {
				f->content = arena_strndup(l->a, buf, (size_t)got);
				f->clen = (size_t)got;
				l->kept += (size_t)got;
			}
		} else if (archive_entry_filetype(e) == AE_IFREG && !archive_entry_hardlink(e) &&
			   size > 0) {
			/* A larger file: its first bytes tell a program from a
			 * script without reading it later. */
			char peek[64];
			la_ssize_t got = archive_read_data(ar, peek, sizeof(peek));

			if (got < 0) {
				fail(l, "layer %d (%s): %s", layer, lname, archive_error_string(ar));
				return;
			}
			if (f->layer == layer)
				f->head = head_of(peek, (size_t)got);
			if (!skip_data(l, ar, 0, MAX_LAYER_BYTES, what))
				return;
		} else if (size > 0 && !skip_data(l, ar, 0, MAX_LAYER_BYTES, what)) {
			return;
		}
	}
	if (rc != ARCHIVE_EOF)
		fail(l, "layer %d (%s): truncated or corrupt: %s", layer, lname,
		     archive_error_string(ar));
	else if (within(l, ar, 0, MAX_LAYER_BYTES, what))
		within(l, ar, l->layer_bytes, MAX_IMAGE_BYTES, "the image's layers are");
	l->layer_bytes = add_bytes(l->layer_bytes, archive_filter_bytes(ar, 0));
}

struct outer_cb {
	struct loader *l;
	struct archive *outer;
	char buf[65536];
};

static la_ssize_t outer_read(struct archive *ar, void *data, const void **out)
{
	struct outer_cb *cb = data;
	la_ssize_t n = archive_read_data(cb->outer, cb->buf, sizeof(cb->buf));

	(void)ar;
	*out = cb->buf;
	if (n > 0 && !within(cb->l, cb->outer, 0, MAX_OUTER_BYTES, "the archive"))
		return -1;
	return n;
}

static void read_inner(struct loader *l, struct archive *inner, int rc, int layer,
		       const char *lname)
{
	if (rc != ARCHIVE_OK)
		fail(l, "layer %d (%s): not a tar stream: %s", layer, lname,
		     archive_error_string(inner));
	else
		walk_layer(l, inner, layer, lname);
	archive_read_free(inner);
}

/* Pass 2 over an archive: each layer member, in stored order. */
static void read_layers_archive(struct loader *l)
{
	struct archive *ar = open_outer(l);
	struct archive_entry *e;
	bool *seen = arena_alloc(l->a, l->img->nlayers + 1);
	int rc;

	if (!ar)
		return;
	while (!l->failed && (rc = archive_read_next_header(ar, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		char *path = name ? clean_path(l->a, name) : NULL;
		la_int64_t size = archive_entry_size(e);
		int layer = -1;

		if (!within(l, ar, size > 0 ? size : 0, MAX_OUTER_BYTES, "the archive"))
			break;
		for (size_t i = 0; path && i < l->img->nlayers; i++)
			if (!strcmp(l->img->layers[i].file, path))
				layer = (int)i;	/* the last use of a shared blob */
		if (layer < 0 || seen[layer]) {
			if (!skip_data(l, ar, 0, MAX_OUTER_BYTES, "the archive"))
				break;
			continue;
		}
		for (size_t i = 0; i < l->img->nlayers; i++)
			if (!strcmp(l->img->layers[i].file, path))
				seen[i] = true;
		{
			struct outer_cb *cb = arena_alloc(l->a, sizeof(*cb));
			struct archive *inner = new_reader();

			cb->l = l;
			cb->outer = ar;
			read_inner(l, inner, archive_read_open(inner, cb, NULL, outer_read, NULL),
				   layer, path);
		}
	}
	close_outer(l, ar);
	for (size_t i = 0; !l->failed && i < l->img->nlayers; i++)
		if (!seen[i])
			fail(l, "layer %zu (%s) is missing from the archive", i, l->img->layers[i].file);
}

static void read_layers_dir(struct loader *l)
{
	for (size_t i = 0; !l->failed && i < l->img->nlayers; i++) {
		const char *p = arena_printf(l->a, "%s/%s", l->dir, l->img->layers[i].file);
		/* Non-blocking: a FIFO in place of a blob must not wait for a writer. */
		int fd = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		struct archive *inner;
		struct stat st;

		if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			fail(l, "layer %zu (%s): %s", i, l->img->layers[i].file,
			     fd < 0 ? strerror(errno) : "not a regular file");
			if (fd >= 0)
				close(fd);
			return;
		}
		inner = new_reader();
		read_inner(l, inner, archive_read_open_fd(inner, fd, 65536), (int)i,
			   l->img->layers[i].file);
		close(fd);
	}
}

/* The node of path[0..len), created (as no file of any layer) when there
 * is none, so that what is learnt about it is kept. */
static struct img_file *node_n(struct loader *l, const char *path, size_t len)
{
	struct image *img = l->img;
	size_t h = 5381;

	for (size_t i = 0; i < len; i++)
		h = h * 33 + (unsigned char)path[i];
	for (size_t i = h & (img->capfiles - 1); img->files[i]; i = (i + 1) & (img->capfiles - 1))
		if (!strncmp(img->files[i]->path, path, len) && !img->files[i]->path[len])
			return img->files[i];
	return node(l, arena_strndup(l->a, path, len));
}

/* The highest layer that whited out or made opaque a strict ancestor of
 * f, or -1; kept in each node (f->above), so a deep tree costs one lookup
 * per path, not one per ancestor and path. */
static int hidden_above(struct loader *l, struct img_file *f)
{
	struct img_file **chain = NULL;
	size_t n = 0, cap = 0;
	int above = -1;

	/* Up to the first ancestor that knows, then down again. */
	while (f->above == ABOVE_UNKNOWN) {
		const char *slash = strrchr(f->path, '/');

		*ARENA_PUSH(l->a, chain, n, cap) = f;
		if (!slash) {
			f = NULL;
			break;
		}
		f = node_n(l, f->path, (size_t)(slash - f->path));
	}
	if (f)
		above = f->above;
	while (n--) {
		if (f) {	/* the parent of chain[n] hides what it holds */
			above = above > f->wh_layer ? above : f->wh_layer;
			above = above > f->opq_layer ? above : f->opq_layer;
		}
		chain[n]->above = above;
		f = chain[n];
	}
	return above;
}

/* Marks what survives the whiteouts: an entry of layer L is gone when the
 * path or an ancestor was whited out, or an ancestor made opaque, by a
 * later layer. */
static void resolve(struct loader *l)
{
	struct image *img = l->img;
	struct img_file **files;
	size_t n = 0;

	/* A snapshot: hidden_above adds nodes, which may move the table. */
	files = arena_alloc(l->a, (img->nfiles + 1) * sizeof(*files));
	for (size_t i = 0; i < img->capfiles; i++)
		if (img->files[i] && img->files[i]->layer >= 0)
			files[n++] = img->files[i];
	for (size_t i = 0; i < n; i++) {
		struct img_file *f = files[i];

		f->present = f->wh_layer <= f->layer && hidden_above(l, f) <= f->layer;
	}
}

/* Follows the config's command into the image's scripts, with a pass
 * over the layers for those not kept on the way (at most MAX_FETCH: a
 * script reaches the next only once it is read). A pass that fails
 * leaves what it could not read to a note. */
static void follow_entry(struct loader *l)
{
	struct image *img = l->img;

	for (int round = 0;; round++) {
		image_follow(l->a, img);
		if (!img->entry.later)
			break;
		if (round == MAX_FETCH) {
			report_note(l->r, NULL, "image %s: scripts its entry command reaches through "
				    "more than %d others were not read", img->name, MAX_FETCH);
			break;
		}
		l->fetch = true;
		l->layer_bytes = 0;
		if (l->dir)
			read_layers_dir(l);
		else
			read_layers_archive(l);
		l->fetch = false;
		for (size_t i = 0; i < img->capfiles; i++)
			if (img->files[i] && img->files[i]->want)
				img->files[i]->fetched = true;
		if (l->failed) {
			report_note(l->r, NULL, "image %s: the scripts its entry command runs could "
				    "not all be read: %s", img->name, l->msg);
			l->failed = false;
			image_follow(l->a, img);
			break;
		}
	}
	for (size_t k = 0; k < img->entry.nnotes; k++) {
		const struct entry_note *n = &img->entry.notes[k];

		report_note(l->r, NULL, "image %s: %s: %s", img->name, n->file, n->message);
	}
}

static int load_(struct loader *l)
{
	struct image *img = l->img;
	const char *why = load_libarchive();

	if (why) {
		fail(l, "%s", why);
		return -1;
	}

	if (l->dir) {
		if (!get_file(l, "index.json") && !get_file(l, "manifest.json")) {
			fail(l, "not an image layout: no index.json or manifest.json");
			return -1;
		}
	} else {
		read_json_files(l);
	}
	if (!l->failed && !load_oci(l, "index.json", 0) && !l->failed && !img->nlayers &&
	    !load_manifest_json(l))
		fail(l, "no image manifest (manifest.json or index.json) in the archive");
	if (!l->failed && !img->nlayers && !img->digest)
		fail(l, "the image has no layers");
	if (!l->failed) {
		if (l->dir)
			read_layers_dir(l);
		else
			read_layers_archive(l);
	}
	if (l->failed)
		return -1;
	resolve(l);
	if (!img->name)
		img->name = l->display;
	if (!img->digest)
		img->digest = "";
	img->target = (struct finding_target){ "image", img->name, "digest", img->digest,
					       NULL, NULL };
	follow_entry(l);
	return 0;
}

static int load(struct loader *l)
{
	int rc = load_(l);

	if (rc != 0)
		report_error(l->r, l->display, 0, "%s", l->msg);
	return rc;
}

int image_load(struct arena *a, const char *path, const char *display, struct image *img,
	       struct report *r)
{
	struct loader l = { .a = a, .img = img, .r = r, .display = display };
	struct stat st;

	if (stat(path, &st) != 0) {
		report_error(r, display, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		l.dir = path;
	} else if (S_ISREG(st.st_mode)) {
		l.file = path;
	} else {
		/* An archive is read twice: a pipe or a device cannot be. */
		report_error(r, display, 0, "cannot read: not a regular file or a folder");
		return -1;
	}
	return load(&l);
}

int image_load_memory(struct arena *a, const void *buf, size_t len, struct image *img,
		      struct report *r)
{
	struct loader l = { .a = a, .img = img, .r = r, .display = "<memory>", .mem = buf,
			    .memlen = len };

	return load(&l);
}

/* The name findings carry: the one the user gave, unless that is (a prefix
 * of) the id and the image has a tag to show instead. */
static const char *engine_name(struct arena *a, const char *ref, const char *id, json_t *tags)
{
	const char *hex = strchr(id, ':') ? strchr(id, ':') + 1 : id;
	const char *r = !strncmp(ref, "sha256:", 7) ? ref + 7 : ref;
	const char *tag = json_string_value(json_array_get(tags, 0));

	if (tag && strlen(r) >= 4 && !strncmp(hex, r, strlen(r)))
		return arena_strdup(a, tag);
	return ref;
}

int image_load_engine(struct arena *a, struct engine *e, const char *ref, struct image *img,
		      struct report *r)
{
	struct loader l = { .a = a, .img = img, .r = r, .display = ref, .eng = e,
			    .fixed_name = true };
	const char *err = NULL;
	json_t *j;

	/* Inspect first: a missing image gets the engine's own message, and
	 * the id pins both passes to one image. */
	j = engine_get_json(e, a, arena_printf(a, "/images/%s/json", engine_escape(a, ref)), &err);
	if (!j) {
		report_error(r, ref, 0, "%s", err);
		return -1;
	}
	l.id = jstr(a, json_object_get(j, "Id"));
	if (!l.id || !*l.id) {
		json_decref(j);
		report_error(r, ref, 0, "the engine's answer for the image has no Id");
		return -1;
	}
	img->name = engine_name(a, ref, l.id, json_object_get(j, "RepoTags"));
	json_decref(j);
	return load(&l);
}
