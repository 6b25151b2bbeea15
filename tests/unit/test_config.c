/* The globs of a config are relative to its folder (src/config/config.c:
 * config_path_match), whatever folder seaworthy runs in. */
#include "unit.h"

#include "config/config.h"

UNIT_TEST(config_globs_relative_to_their_file)
{
	struct arena a = ARENA_INIT;
	struct config c = { .dir = "/r/b", .cwd = "/r" };

	strlist_push(&a, &c.exclude, "legacy/**");
	strlist_push(&a, &c.exclude, "*.test.Dockerfile");
	/* Run from /r: display paths start with b/. */
	CHECK(config_excluded(&c, "b/legacy/Dockerfile"));
	CHECK(config_excluded(&c, "b/legacy"));
	CHECK(!config_excluded(&c, "b/app/legacy.Dockerfile"));
	CHECK(config_excluded(&c, "b/x/y.test.Dockerfile"));
	CHECK(config_excluded(&c, "./b/./legacy/Dockerfile"));
	CHECK(config_excluded(&c, "a/../b/legacy/Dockerfile"));
	/* Not under /r/b: the glob means b/legacy, not this one. */
	CHECK(!config_excluded(&c, "legacy/Dockerfile"));
	CHECK(!config_excluded(&c, "../legacy/Dockerfile"));
	/* A glob without a slash matches at any depth, even there. */
	CHECK(config_excluded(&c, "/r/other/y.test.Dockerfile"));
	/* Run from below the config's folder, and from elsewhere. */
	c.cwd = "/r/b/legacy";
	CHECK(config_excluded(&c, "Dockerfile"));
	c.cwd = "/r/b/app";
	CHECK(config_excluded(&c, "../legacy/Dockerfile"));
	CHECK(!config_excluded(&c, "Dockerfile"));
	c.cwd = "/tmp";
	CHECK(config_excluded(&c, "/r/b/legacy/Dockerfile"));
	CHECK(!config_excluded(&c, "/r/legacy/Dockerfile"));
	/* --config and the user's file: display paths as they are. */
	c.dir = NULL;
	CHECK(config_excluded(&c, "legacy/Dockerfile"));
	CHECK(!config_excluded(&c, "b/legacy/Dockerfile"));
	arena_release(&a);
}
