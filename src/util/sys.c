#include "util/sys.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int pipe_cloexec(int fds[2])
{
#ifdef __linux__
	return pipe2(fds, O_CLOEXEC);
#else
	/* Not atomic: a fork between the two calls could inherit the ends,
	 * but seaworthy starts no other program. */
	if (pipe(fds) != 0)
		return -1;
	for (int i = 0; i < 2; i++)
		if (fcntl(fds[i], F_SETFD, FD_CLOEXEC) != 0) {
			int e = errno;

			close(fds[0]);
			close(fds[1]);
			errno = e;
			return -1;
		}
	return 0;
#endif
}
