/* seaworthy image: checks a built image (docker save archive, OCI layout,
 * or an image of the engine by name) without extracting it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "run/cmd.h"
#include "run/options.h"
#include "run/output.h"
#include "config/config.h"
#include "input/engine/engine.h"
#include "input/image/image.h"
#include "render/render.h"
#include "checks/check.h"
#include "util/str.h"

extern const struct subcommand cmd_image;

/* A missing path that cannot be an image reference is reported as a missing
 * file: one that starts like a path, ends like an archive, or holds what no
 * reference holds (lowercase, digits and ._-/:@; capitals only in a tag). */
static bool looks_like_path(const char *s)
{
	const char *tag = strrchr(s, ':');

	if (!*s || s[0] == '/' || s[0] == '.' || s[0] == '~' || strstr(s, "//"))
		return true;
	if (str_ends_with(s, ".tar") || str_ends_with(s, ".tar.gz") || str_ends_with(s, ".tgz") ||
	    str_ends_with(s, ".tar.zst"))
		return true;
	if (tag && strchr(tag, '/'))
		tag = NULL;	/* a registry's port, not a tag */
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("._-/:@", *p) ||
		      (tag && p > tag && *p >= 'A' && *p <= 'Z')))
			return true;
	return false;
}

static const struct opt *const image_opts_list[] = { OPTS_REPORT, &opt_no_config, &opt_host,
						     NULL };

static int run_image(int argc, char **argv)
{
	struct arena a = ARENA_INIT;
	struct report r;
	struct config_set cs;
	const struct config *cfg;
	struct run_opts o = RUN_OPTS_INIT;
	const char *path = NULL;
	const char **operands = calloc((size_t)argc + 1, sizeof(*operands));
	size_t noperands = 0;
	int status, rc;
	struct stat st;
	bool by_name = false;
	struct image img = { 0 };	/* findings point at img.target until the end */
	struct engine *eng = NULL;

	if (!operands)
		return EXIT_TROUBLE;
	rc = run_parse(&cmd_image, image_opts_list, argc, argv, &o, &a, operands, &noperands);
	if (!rc && noperands > 1)
		rc = usage_error(&cmd_image, "takes one image, not '%s' and '%s'%s", operands[0],
				 operands[1], noperands > 2 ? " and more" : "");
	path = noperands ? operands[0] : NULL;
	free(operands);
	if (rc) {
		arena_release(&a);
		return rc == 1 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	if (!path)
		return usage_error(&cmd_image, "needs an image name, an archive (docker save) or "
				   "a layout folder");
	/* An existing file or folder is always an archive or layout. */
	by_name = stat(path, &st) != 0 && errno == ENOENT && !looks_like_path(path);
	report_init(&r, &a);
	/* An image belongs to no folder: the working directory's settings. */
	cfg = output_config_here(&cs, &a, &o, &r);
	{
		const char *base = strrchr(path, '/');
		size_t from = 0;

		base = base && base[1] ? base + 1 : path;
		if (by_name) {
			const char *err = NULL;

			if (!(eng = engine_open(&a, o.host, &err)))
				report_error(&r, path, 0, "%s", err);
		}
		if (by_name ? eng && image_load_engine(&a, eng, path, &img, &r) == 0 :
			      image_load(&a, path, base, &img, &r) == 0) {
			r.layers |= LAYER_IMAGE;
			rules_check_image(&r, &img, cfg);
			for (size_t i = from; i < r.nfindings; i++)
				r.findings[i].target = &img.target;
			report_fingerprint_messages(&r, from);
		} else {
			report_unread(&r, LAYER_IMAGE, by_name && !eng ?
				      "the Docker engine could not be reached" :
				      "the image could not be read");
		}
	}
	engine_free(eng);
	status = output_finish(&a, &r, &o, &cs);
	arena_release(&a);
	return status;
}

const struct subcommand cmd_image = {
	.name = "image",
	.ids = "SW0271,SW0571",
	.usage = "image [--format FORMAT [--output FILE]]... [--fail-on LEVEL] [--select IDS] "
		 "[--ignore IDS] [--config FILE | --no-config] [--baseline FILE] "
		 "[--write-baseline FILE] [--host HOST] IMAGE.tar|DIR|NAME[:TAG]",
	.summary = "Check a built image: a docker save archive, an OCI image layout folder, "
		   "or an image of the engine.",
	.help = "options:\n"
		"  --format FORMAT        text (default), json, sarif, junit, github, gitlab,\n"
		"                         checkstyle or gnu (one line per finding, for\n"
		"                         editors); repeatable\n"
		"  --output FILE          write the preceding --format to FILE instead of stdout\n"
		"  -q, --quiet            the findings only: no checklist and no summary\n"
		"  --fail-on LEVEL        exit 1 when a finding reaches LEVEL: error, warning\n"
		"                         (default), info, or never\n"
		"  --select IDS           report only these rules (comma-separated ids)\n"
		"  --ignore IDS           do not report these rules\n"
		"  --config FILE          read settings from FILE instead of the .seaworthy.yaml\n"
		"                         of the working directory (or the nearest above it)\n"
		"  --no-config            read no configuration file\n"
		"  --write-baseline FILE  record today's findings in FILE (exit 0 unless an input\n"
		"                         could not be checked)\n"
		"  --baseline FILE        report only findings that FILE does not know\n"
		"  --host HOST            the engine for NAME[:TAG]: unix:///path/docker.sock or\n"
		"                         tcp://HOST:PORT (default: $DOCKER_HOST, else\n"
		"                         unix:///var/run/docker.sock)\n"
		"  --color WHEN           auto (default), always or never; NO_COLOR is respected\n"
		"  --no-color             same as --color never\n"
		"\n"
		"An existing file or folder is an archive or layout; anything else is an image\n"
		"name, id or digest, which the engine exports (GET /images/{name}/get, as docker\n"
		"save does) without pulling it and without writing it to disk. The archive and\n"
		"its layers are read as streams (gzip, zstd or plain tar), never extracted.\n"
		"\n"
		"exit status: 0 clean, 1 a finding reached --fail-on, 2 usage error or an image\n"
		"that could not be read.\n",
	.run = run_image,
};
