/* System calls that Linux has and other systems spell differently, so that
 * the code builds on macOS and the BSDs too. */
#ifndef SW_SYS_H
#define SW_SYS_H

/* pipe2(fds, O_CLOEXEC), or pipe() and FD_CLOEXEC where there is no pipe2:
 * 0, or -1 with errno set. */
int pipe_cloexec(int fds[2]);

#endif
