#include "util/writefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/die.h"

static int fail(struct wfile *w, const char **why, int err)
{
	*why = strerror(err);
	wfile_abort(w);
	errno = err;
	return -1;
}

int wfile_open(struct wfile *w, const char *path, const char **why)
{
	struct stat st;
	const char *slash;
	mode_t mode;
	int fd;

	memset(w, 0, sizeof(*w));
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		w->fp = fopen(path, "w");
		if (!w->fp)
			return fail(w, why, errno);
		return 0;
	}
	if (stat(path, &st) == 0) {
		/* A link stays a link: the file it names is replaced. */
		w->dest = realpath(path, NULL);
		if (!w->dest)
			return fail(w, why, errno);
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		mode = 0666 & ~mask;
		w->dest = strdup(path);
		if (!w->dest)
			die("out of memory");
	}
	slash = strrchr(w->dest, '/');
	{
		/* DIR/.NAME.XXXXXX: beside the target, so rename() stays within
		 * one file system. */
		size_t n = strlen(w->dest) + 10;

		if (!(w->tmp = malloc(n)))
			die("out of memory");
		snprintf(w->tmp, n, "%.*s.%s.XXXXXX", slash ? (int)(slash - w->dest + 1) : 0,
			 w->dest, slash ? slash + 1 : w->dest);
	}
	fd = mkstemp(w->tmp);
	if (fd < 0) {
		free(w->tmp);
		w->tmp = NULL;
		return fail(w, why, errno);
	}
	if (fchmod(fd, mode) != 0 || !(w->fp = fdopen(fd, "w"))) {
		int err = errno;

		close(fd);
		return fail(w, why, err);
	}
	return 0;
}

int wfile_commit(struct wfile *w, const char **why)
{
	FILE *fp = w->fp;
	int saved = errno, err = 0;

	/* A failed write leaves only the stream's error flag; its errno is
	 * the last one set, unless the flush fails again and tells. */
	w->fp = NULL;
	if (fflush(fp) != 0)
		err = errno;
	else if (ferror(fp))
		err = saved ? saved : EIO;
	if (fclose(fp) != 0 && !err)
		err = errno;
	if (!err && w->tmp && rename(w->tmp, w->dest) != 0)
		err = errno;
	if (err)
		return fail(w, why, err);
	free(w->tmp);
	free(w->dest);
	memset(w, 0, sizeof(*w));
	return 0;
}

void wfile_abort(struct wfile *w)
{
	if (w->fp)
		fclose(w->fp);
	if (w->tmp)
		unlink(w->tmp);
	free(w->tmp);
	free(w->dest);
	memset(w, 0, sizeof(*w));
}
