/* Libraries opened on first use (dlopen) instead of linked: a command that
 * never needs one does not pay for loading it and what it pulls in. */
#ifndef SW_DL_H
#define SW_DL_H

#include <stddef.h>

/* One function of the library: its name, and where its pointer goes in the
 * caller's table of function pointers (offsetof). */
struct dl_sym {
	size_t off;
	const char *name;
};

/* Opens soname once (*lib keeps it; it is never closed) and fills table
 * from syms. NULL, or why it could not: missing when the library is not
 * there, too_old when one of the functions is not. */
const char *dl_load(void **lib, const char *soname, const struct dl_sym *syms, size_t n,
		    void *table, const char *missing, const char *too_old);

#endif
