#include "util/dl.h"

#include <dlfcn.h>
#include <string.h>

const char *dl_load(void **lib, const char *soname, const struct dl_sym *syms, size_t n,
		    void *table, const char *missing, const char *too_old)
{
	void *h;

	if (*lib)
		return NULL;
	if (!(h = dlopen(soname, RTLD_NOW | RTLD_LOCAL)))
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
