/* Users, as every layer reads them: USER, compose user:, an image's
 * Config.User, a container's. */
#ifndef SW_SPEC_USER_H
#define SW_SPEC_USER_H

#include <stdbool.h>

/* An explicit root user: "root" or uid 0 however written ("0", "00", "+0"),
 * with or without a group ("0:0", "root:staff"). Not NULL, "", a group
 * alone (":staff") or a value with an unexpanded $VARIABLE. */
bool user_is_root(const char *user);

#endif
