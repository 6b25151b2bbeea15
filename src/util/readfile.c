#include "util/readfile.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/smap.h"
#include "util/strbuf.h"

static const char too_large[] = "file too large (limit 4 MiB)";

/* The checked tree: real paths, without a trailing slash ("/" is ""). */
static char **confine_dirs;
static size_t nconfine;
/* Folders known to be real folders of the tree, as the caller spells them
 * (read_trust): the keys are malloc'd copies, freed by untrust_all. */
static struct smap trusted = SMAP_INIT;

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Whether the folder named s[0..n) is trusted. */
static bool is_trusted(const char *s, size_t n)
{
	char buf[PATH_MAX];

	if (!trusted.n || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return smap_find(&trusted, buf) != NULL;
}

static void trust_add(const char *d)
{
	char *k;

	if (smap_find(&trusted, d) || !(k = strdup(d)))
		return;	/* a failed copy only loses a shortcut */
	smap_put(&trusted, k, 0);
}

static void untrust_all(void)
{
	for (size_t i = 0; i < trusted.cap; i++)
		free((char *)trusted.keys[i]);
	smap_free(&trusted);
}

void read_confine(const char *const *dirs, size_t n)
{
	char real[PATH_MAX];
	const char **sorted;

	untrust_all();
	for (size_t i = 0; i < nconfine; i++)
		free(confine_dirs[i]);
	free(confine_dirs);
	confine_dirs = NULL;
	nconfine = 0;
	if (!n)
		return;
	confine_dirs = calloc(n, sizeof(*confine_dirs));
	sorted = malloc(n * sizeof(*sorted));
	if (!confine_dirs || !sorted) {
		free(confine_dirs);
		free(sorted);
		confine_dirs = NULL;
		return;
	}
	/* Each name resolved once (realpath reads a link per component). */
	memcpy(sorted, dirs, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), cmp_str);
	for (size_t i = 0; i < n; i++)
		if ((!i || strcmp(sorted[i], sorted[i - 1])) && realpath(sorted[i], real)) {
			size_t k = strlen(real);

			if (k == 1)
				k = 0;	/* "/": everything is below it */
			confine_dirs[nconfine] = malloc(k + 1);
			if (confine_dirs[nconfine]) {
				memcpy(confine_dirs[nconfine], real, k);
				confine_dirs[nconfine++][k] = '\0';
			}
		}
	free(sorted);
	/* Each folder once, and (mostly) none below another: the files named
	 * are often many, from a few folders, and every read looks through
	 * the list. Sorted, a folder comes before what is below it. */
	if (nconfine > 1) {
		size_t kept = 1;

		qsort(confine_dirs, nconfine, sizeof(*confine_dirs), cmp_str);
		for (size_t i = 1; i < nconfine; i++) {
			const char *last = confine_dirs[kept - 1];
			size_t kl = strlen(last);

			if (!strncmp(confine_dirs[i], last, kl) &&
			    (!confine_dirs[i][kl] || confine_dirs[i][kl] == '/'))
				free(confine_dirs[i]);	/* last, or below it */
			else
				confine_dirs[kept++] = confine_dirs[i];
		}
		nconfine = kept;
	}
	/* Set, but no folder resolved: nothing is outside a tree unknown. */
	if (!nconfine) {
		free(confine_dirs);
		confine_dirs = NULL;
	}
}

/* Whether real (a real path) is below dir with no .git folder between. */
static bool below(const char *real, const char *dir)
{
	size_t k = strlen(dir);
	const char *p;

	if (strncmp(real, dir, k) || (real[k] && real[k] != '/'))
		return false;
	for (p = real + k; (p = strstr(p, "/.git")); p += 5)
		if (p[5] == '/' || !p[5])
			return false;
	return true;
}

/* The real path of folder dir into out (PATH_MAX bytes), kept for the
 * folders this thread saw last (direct-mapped by a hash of the name: a
 * compose project reads from several folders, each level of each cached).
 * A folder that is no symlink is its parent's real path and its name (one
 * lstat, where realpath reads a link per component). */
/* Small: thread-local storage is zeroed for each thread at its start,
 * and most folders of a run are known from the walk (read_trust). */
#define REAL_SLOTS 16
#define REAL_NAME 512	/* longer names are resolved every time */
static bool real_dir(const char *dir, char *out, int depth)
{
	static _Thread_local struct {
		char dir[REAL_NAME], real[REAL_NAME];
	} cache[REAL_SLOTS];
	const char *slash = strrchr(dir, '/'), *name = slash ? slash + 1 : dir;
	char parent[PATH_MAX];
	struct stat st;
	size_t n = slash ? (size_t)(slash - dir) : 0, dl = strlen(dir);
	size_t h = smap_hash(dir) % REAL_SLOTS;
	bool ok = false;

	if (dl < REAL_NAME && !strcmp(cache[h].dir, dir)) {
		strcpy(out, cache[h].real);
		return true;
	}
	if (depth < 64 && slash && *name && strcmp(name, ".") && strcmp(name, "..")) {
		if (lstat(dir, &st) < 0) {
			/* Nothing there: realpath would fail the same way. */
			if (errno == ENOENT || errno == ENOTDIR)
				return false;
		} else if (S_ISDIR(st.st_mode) && !n) {
			ok = dl < PATH_MAX;	/* "/name": below the root */
			if (ok)
				memcpy(out, dir, dl + 1);
		} else if (S_ISDIR(st.st_mode)) {
			memcpy(parent, dir, n);
			parent[n] = '\0';
			ok = real_dir(parent, out, depth + 1) &&
			     strlen(out) + 1 + strlen(name) < PATH_MAX;
			if (ok) {
				if (strcmp(out, "/"))
					strcat(out, "/");
				strcat(out, name);
			}
		}
	}
	if (!ok && !realpath(dir, out))
		return false;
	if (dl < REAL_NAME && strlen(out) < REAL_NAME) {
		memcpy(cache[h].dir, dir, dl + 1);
		strcpy(cache[h].real, out);
	}
	return true;
}

/* Whether real (a real path) lies in the checked tree. */
static bool in_tree(const char *real)
{
	for (size_t i = 0; i < nconfine; i++)
		if (below(real, confine_dirs[i]))
			return true;
	return false;
}

/* Whether path, resolved whole, lies in the tree: for a name that is a
 * symlink, or one its folder does not settle. realpath opens nothing (a
 * FIFO or a device stays unopened); a path that does not resolve is left
 * to open() to report. */
static bool inside(const char *path)
{
	char real[PATH_MAX];

	return !realpath(path, real) || in_tree(real);
}

bool read_dir_inside(const char *dir)
{
	char real[PATH_MAX];

	if (!nconfine)
		return true;
	if (is_trusted(dir, strlen(dir)))
		return true;
	return real_dir(dir, real, 0) && in_tree(real);
}

void read_trust(const char *const *dirs, size_t n)
{
	char real[PATH_MAX];

	for (size_t i = 0; nconfine && i < n; i++) {
		const char *slash = strrchr(dirs[i], '/');
		const char *name = slash ? slash + 1 : dirs[i];
		bool ok;

		if (!strcmp(name, ".git") || !strcmp(name, ".") || !strcmp(name, ".."))
			ok = false;
		else if (!slash)	/* "sub", walked from "." */
			ok = is_trusted(".", 1);
		else
			ok = slash > dirs[i] && is_trusted(dirs[i], (size_t)(slash - dirs[i]));
		/* A root: resolved once, as any read's folder would be. */
		if (!ok)
			ok = real_dir(dirs[i], real, 0) && in_tree(real);
		if (ok)
			trust_add(dirs[i]);
	}
}

/* Whether path's folder (real, cached) and name lie in the tree: 1 yes,
 * 0 no, -2 when the folder is not there (errno ENOENT or ENOTDIR), -1
 * when that does not settle it (".", "..", a folder that does not
 * resolve). Whether the name is a symlink is open's O_NOFOLLOW's to
 * tell: no system call here for a folder already seen. */
static int dir_inside(const char *path)
{
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
	size_t n = slash ? (size_t)(slash - path) : 0;
	char dir[PATH_MAX], real[PATH_MAX];

	if (!*name || !strcmp(name, ".") || !strcmp(name, "..") || n >= sizeof(dir))
		return -1;
	if (slash) {
		memcpy(dir, path, n ? n : 1);	/* "/x": the root */
		dir[n ? n : 1] = '\0';
	} else {
		strcpy(dir, ".");
	}
	if (strcmp(name, ".git") && is_trusted(dir, strlen(dir)))
		return 1;
	if (!real_dir(dir, real, 0))
		return errno == ENOENT || errno == ENOTDIR ? -2 : -1;
	if (strlen(real) + 1 + strlen(name) >= PATH_MAX)
		return -1;
	if (strcmp(real, "/"))
		strcat(real, "/");
	strcat(real, name);
	return in_tree(real);
}

/* Opens path for reading, never waiting (O_NONBLOCK: a FIFO), and when
 * confine, only inside the checked tree: -1 with errno EXDEV outside it. */
static int open_in_tree(const char *path, bool confine)
{
	const int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;
	int d, fd;

	if (!confine || !nconfine)
		return open(path, flags);
	d = dir_inside(path);
	if (d == -2)
		return -1;	/* errno says why the folder is not there */
	if (d == 0) {
		errno = EXDEV;
		return -1;
	}
	if (d == 1) {
		fd = open(path, flags | O_NOFOLLOW);
		if (fd >= 0 || errno != ELOOP)
			return fd;
	}
	/* The name is a symlink, or the folder did not settle it. */
	if (!inside(path)) {
		errno = EXDEV;
		return -1;
	}
	return open(path, flags);
}

static char *refuse(const char **why)
{
	*why = READ_OUTSIDE;
	errno = EXDEV;
	return NULL;
}

/* Fails with err: *why is its text, errno is err. */
static void fail(const char **why, int err)
{
	*why = err == EFBIG ? too_large : strerror(err);
	errno = err;
}

/* Reads fd to its end into sb, refusing more than max bytes. */
static int read_all(int fd, struct strbuf *sb, const char **why)
{
	for (;;) {
		ssize_t n;

		if (sb->alloc - sb->len < 65536)
			strbuf_grow(sb, 65536);
		n = read(fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail(why, errno);
			return -1;
		}
		if (n == 0)
			return 0;
		if (sb->len + (size_t)n > READ_MAX) {
			fail(why, EFBIG);
			return -1;
		}
		sb->len += (size_t)n;
		sb->buf[sb->len] = '\0';
	}
}

/* A regular file of the given size, from fd: into the arena, asking one
 * byte more than the size, since a short read is the end of a regular file
 * (so most files take a single read); one that grew is read on to its end. */
static char *read_sized(int fd, struct arena *a, size_t size, size_t *len, const char **why)
{
	struct strbuf sb = STRBUF_INIT;
	char *r;
	size_t got = 0;
	ssize_t n;

	if (size > READ_MAX) {
		fail(why, EFBIG);
		return NULL;
	}
	r = arena_alloc(a, size + 2);
	while (got < size + 1) {
		n = read(fd, r + got, size + 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail(why, errno);
			return NULL;
		}
		if (n == 0)
			break;
		got += (size_t)n;
		if (got < size + 1)
			break;
	}
	if (got > size) {
		strbuf_add(&sb, r, got);
		r = read_all(fd, &sb, why) < 0 ? NULL : arena_strndup(a, sb.buf, sb.len);
		got = sb.len;
		strbuf_release(&sb);
		if (!r)
			return NULL;
	}
	r[got] = '\0';
	*len = got;
	return r;
}

char *read_file(struct arena *a, const char *path, size_t *len, const char **why)
{
	return read_file_st(a, path, len, why, NULL);
}

static char *read_st(struct arena *a, const char *path, size_t *len, const char **why,
		     struct stat *out, bool confine);

char *read_file_anywhere(struct arena *a, const char *path, size_t *len, const char **why)
{
	return read_st(a, path, len, why, NULL, false);
}

char *read_file_st(struct arena *a, const char *path, size_t *len, const char **why,
		   struct stat *out)
{
	return read_st(a, path, len, why, out, true);
}

static char *read_st(struct arena *a, const char *path, size_t *len, const char **why,
		     struct stat *out, bool confine)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	char *r = NULL;
	/* By name, not by descriptor: with standard input closed, a file
	 * opened here may get descriptor 0 and is still a file. */
	bool is_stdin = !strcmp(path, "-");
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = is_stdin ? STDIN_FILENO : open_in_tree(path, confine), err = 0;

	if (fd < 0 && errno == EXDEV)
		return refuse(why);
	if (fd < 0) {
		fail(why, errno);
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		err = errno;
		goto out;
	}
	if (out)
		*out = st;
	if (S_ISDIR(st.st_mode)) {
		*why = "is a directory";
		errno = EISDIR;
		goto out;
	}
	if (!is_stdin && !S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		errno = EINVAL;
		goto out;
	}
	if (is_stdin || st.st_size <= 0) {
		/* Standard input, or a file whose size fstat does not tell
		 * (/proc): read it to the end. */
		if (is_stdin && (fcntl(fd, F_GETFL) & O_NONBLOCK))
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		if (read_all(fd, &sb, why) < 0)
			goto out;
		r = arena_strndup(a, sb.buf, sb.len);
		*len = sb.len;
		goto out;
	}
	/* A regular file (O_NONBLOCK means nothing for it): straight into the
	 * arena, as large as fstat says it is. */
	r = read_sized(fd, a, (size_t)st.st_size, len, why);
out:
	if (err)
		fail(why, err);
	if (!is_stdin) {
		int e = errno;

		close(fd);
		errno = e;
	}
	strbuf_release(&sb);
	return r;
}

char *read_file_sized(struct arena *a, const char *path, size_t size, size_t *len,
		      const char **why)
{
	int fd, e;
	char *r;

	fd = open_in_tree(path, true);
	if (fd < 0 && errno == EXDEV)
		return refuse(why);
	if (fd < 0) {
		fail(why, errno);
		return NULL;
	}
	r = read_sized(fd, a, size, len, why);
	e = errno;
	close(fd);
	errno = e;
	return r;
}

char *read_file_head(struct arena *a, const char *path, size_t max, size_t *len,
		     const char **why)
{
	struct stat st;
	size_t got = 0;
	char *r = NULL;
	int fd = open_in_tree(path, true), e;

	if (fd < 0 && errno == EXDEV)
		return refuse(why);
	if (fd < 0) {
		fail(why, errno);
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		fail(why, errno);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto out;
	}
	/* As large as the file says, up to max; /proc's say 0. */
	if (st.st_size > 0 && (size_t)st.st_size < max)
		max = (size_t)st.st_size;
	r = arena_alloc(a, max + 1);
	while (got < max) {
		ssize_t n = read(fd, r + got, max - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail(why, errno);
			r = NULL;
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	r[got] = '\0';
	*len = got;
out:
	e = errno;
	close(fd);
	errno = e;
	return r;
}
