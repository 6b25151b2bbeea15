/* Users, as every layer reads them. */
#include "spec/user.h"

#include <string.h>

bool user_is_root(const char *user)
{
	size_t n;

	if (!user || strchr(user, '$'))
		return false;
	n = strcspn(user, ":");
	if (n == 4 && !strncmp(user, "root", 4))
		return true;
	/* uid 0 in any number of digits, signed or not: the engine parses it
	 * with Go's strconv.Atoi, which takes +0 and -0. */
	if (n > 1 && (*user == '+' || *user == '-')) {
		user++;
		n--;
	}
	return n > 0 && strspn(user, "0") == n;
}
