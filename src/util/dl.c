#include "util/dl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* soname is Linux's "libNAME.so.N". Elsewhere the same library is
 * "libNAME.N.dylib" (macOS) or another major version (the BSDs): then the
 * unversioned name is tried too. */
static void *open_lib(const char *soname)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
#ifndef __linux__
	const char *so = strstr(soname, ".so.");
	int len = so ? (int)(so - soname) : 0;
	char alt[256];

	for (int k = 0; !h && so && len < 200 && k < 3; k++) {
		if (k == 0)
			snprintf(alt, sizeof(alt), "%.*s.%s.dylib", len, soname, so + 4);
		else
			snprintf(alt, sizeof(alt), "%.*s%s", len, soname, k == 1 ? ".so" : ".dylib");
		h = dlopen(alt, RTLD_NOW | RTLD_LOCAL);
	}
#endif
	return h;
}

const char *dl_load(void **lib, const char *soname, const struct dl_sym *syms, size_t n,
		    void *table, const char *missing, const char *too_old)
{
	void *h;

	if (*lib)
		return NULL;
	if (!(h = open_lib(soname)))
		return missing;
	for (size_t i = 0; i < n; i++) {
		void *p = dlsym(h, syms[i].name);

		if (!p)
			return too_old;
		/* A data pointer into a function pointer slot, without a cast
		 * ISO C does not define. */
		memcpy((char *)table + syms[i].off, &p, sizeof(p));
	}
	*lib = h;
	return NULL;
}
