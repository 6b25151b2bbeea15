/* seaworthy image: checks a built image (docker save archive or OCI layout)
 * without extracting it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "cmd/output.h"
#include "config/config.h"
#include "image/image.h"
#include "render/render.h"
#include "rules/rule.h"

extern const struct subcommand cmd_image;

static int run_image(int argc, char **argv)
{
	struct arena a = ARENA_INIT;
	struct report r;
	struct config cfg = { 0 };
	struct render_opts ro = { false };
	struct output outs[MAX_OUTPUTS];
	const char *select = NULL, *ignore = NULL, *path = NULL, *config = NULL, *v;
	const char *baseline = NULL, *write_baseline = NULL;
	size_t nout = 0;
	int fail_on = SEV_WARNING, status = EXIT_CLEAN, t;
	struct stat st;
	bool fail_on_flag = false;
	struct image img = { 0 };	/* findings point at img.target until the end */

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			print_help(&cmd_image);
			return EXIT_CLEAN;
		} else if ((t = take_opt(argc, argv, &i, "--format", &v))) {
			if (output_set_format(&cmd_image, outs, &nout, t > 0 ? v : NULL))
				return EXIT_TROUBLE;
		} else if ((t = take_opt(argc, argv, &i, "--output", &v)) ||
			   (t = take_opt(argc, argv, &i, "-o", &v))) {
			if (t < 0 || !nout || outs[nout - 1].path)
				return usage_error(&cmd_image,
						   "--output FILE follows the --format it is for");
			outs[nout - 1].path = v;
		} else if ((t = take_opt(argc, argv, &i, "--fail-on", &v))) {
			if (output_set_fail_on(&cmd_image, &fail_on, t > 0 ? v : NULL))
				return EXIT_TROUBLE;
			fail_on_flag = true;
		} else if ((t = take_opt(argc, argv, &i, "--select", &v)) ||
			   (t = take_opt(argc, argv, &i, "--ignore", &v) * 2)) {
			if (t < 0 || rule_list_bad(v))
				return usage_error(&cmd_image, "--select and --ignore take rule ids, "
						   "e.g. SW0271,SW0571");
			*(t == 2 ? &ignore : &select) = v;
		} else if ((t = take_opt(argc, argv, &i, "--config", &v))) {
			if (t < 0)
				return usage_error(&cmd_image, "--config takes a file");
			config = v;
		} else if ((t = take_opt(argc, argv, &i, "--baseline", &v))) {
			if (t < 0)
				return usage_error(&cmd_image, "--baseline takes a file");
			baseline = v;
		} else if ((t = take_opt(argc, argv, &i, "--write-baseline", &v))) {
			if (t < 0)
				return usage_error(&cmd_image, "--write-baseline takes a file");
			write_baseline = v;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return usage_error(&cmd_image, "unknown option '%s'", argv[i]);
		} else if (path) {
			return usage_error(&cmd_image, "takes one image");
		} else {
			path = argv[i];
		}
	}
	if (!path)
		return usage_error(&cmd_image, "needs an image archive (docker save) or layout folder");
	if (stat(path, &st) != 0 && errno == ENOENT && !strchr(path, '/'))
		return usage_error(&cmd_image, "'%s' is no file or folder; reading images from the "
				   "engine is not supported yet (use docker save -o IMAGE.tar)",
				   path);
	report_init(&r, &a);
	r.layers |= LAYER_IMAGE;
	/* Only an explicit file: an image belongs to no project folder. */
	if (config && config_load(&a, config, &cfg, &r) == 0 && cfg.has_fail_on)
		fail_on = fail_on_flag ? fail_on : cfg.fail_on;
	{
		const char *base = strrchr(path, '/');
		size_t from = 0;

		base = base && base[1] ? base + 1 : path;
		if (image_load(&a, path, base, &img, &r) == 0) {
			rules_check_image(&r, &img, &cfg);
			for (size_t i = from; i < r.nfindings; i++)
				r.findings[i].target = &img.target;
			report_fingerprint_messages(&r, from);
		}
	}
	output_filter(&r, select, ignore, &cfg);
	report_sort(&r);
	if (output_baseline(&a, &r, baseline, write_baseline, &ro) < 0)
		status = EXIT_TROUBLE;

	if (output_write(outs, nout, -1, &r, &ro) < 0)
		status = EXIT_TROUBLE;
	status = output_exit_status(&r, fail_on, write_baseline, status == EXIT_TROUBLE);
	arena_release(&a);
	return status;
}

const struct subcommand cmd_image = {
	.name = "image",
	.usage = "image [--format FORMAT [--output FILE]]... [--fail-on LEVEL] [--select IDS] "
		 "[--ignore IDS] [--config FILE] [--baseline FILE] [--write-baseline FILE] IMAGE.tar|DIR",
	.summary = "Check a built image: a docker save archive or an OCI image layout folder.",
	.help = "options:\n"
		"  --format FORMAT        text (default), json, sarif, junit, github, gitlab or\n"
		"                         checkstyle; repeatable\n"
		"  --output FILE          write the preceding --format to FILE instead of stdout\n"
		"  --fail-on LEVEL        exit 1 when a finding reaches LEVEL: error, warning\n"
		"                         (default), info, or never\n"
		"  --select IDS           report only these rules (comma-separated ids)\n"
		"  --ignore IDS           do not report these rules\n"
		"  --config FILE          rule settings (ignore, severity, fail-on) from FILE;\n"
		"                         no .seaworthy.yaml is searched for\n"
		"  --write-baseline FILE  record today's findings in FILE (exit 0 unless an input\n"
		"                         could not be checked)\n"
		"  --baseline FILE        report only findings that FILE does not know\n"
		"\n"
		"The archive and its layers are read as streams (gzip, zstd or plain tar), never\n"
		"extracted. Reading images from the engine (NAME[:TAG]) is not supported yet.\n"
		"\n"
		"exit status: 0 clean, 1 a finding reached --fail-on, 2 usage error or an image\n"
		"that could not be read.\n",
	.run = run_image,
};
