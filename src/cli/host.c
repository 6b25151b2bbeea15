/* seaworthy host: checklist point 1 (the deploying user) and the Docker
 * daemon's settings, on this host or a tree mounted under --root. Reads
 * only: nothing on the host changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/cmd.h"
#include "run/options.h"
#include "run/output.h"
#include "config/config.h"
#include "input/host/host.h"

extern const struct subcommand cmd_host;

static const struct opt *const host_opts_list[] = {
	OPTS_REPORT, &opt_no_config, &opt_user, &opt_root, NULL
};

static int run_host(int argc, char **argv)
{
	struct run_opts o = RUN_OPTS_INIT;
	struct arena a = ARENA_INIT;
	struct report r;
	struct config_set cs;
	struct host_opts ho;
	const char **operands = calloc((size_t)argc + 1, sizeof(*operands));
	size_t noperands = 0;
	int rc, status;

	if (!operands)
		return EXIT_TROUBLE;
	rc = run_parse(&cmd_host, host_opts_list, argc, argv, &o, &a, operands, &noperands);
	if (!rc && noperands)
		rc = usage_error(&cmd_host, "takes no arguments, not '%s' (--root DIR audits a "
				 "mounted tree)", operands[0]);
	free(operands);
	if (rc) {
		arena_release(&a);
		return rc == 1 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	report_init(&r, &a);
	output_config_here(&cs, &a, &o, &r);
	ho.root = o.root;
	ho.user = o.user;
	/* The checklist says what was not seen, and why. */
	if (r.nerrors) {
		report_unread(&r, LAYER_HOST | LAYER_DAEMON, "the configuration could not be read");
	} else {
		host_audit(&r, &ho);
		if (!(r.layers & LAYER_HOST))
			report_unread(&r, LAYER_HOST | LAYER_DAEMON,
				      "the user could not be read from the host's accounts");
		else if (!(r.layers & LAYER_DAEMON) && !r.nunread)
			report_unread(&r, LAYER_DAEMON, "no Docker daemon was found (no daemon.json, "
				      "dockerd process or Docker socket)");
	}
	report_fingerprint_messages(&r, 0);
	status = output_finish(&a, &r, &o, &cs);
	arena_release(&a);
	return status;
}

const struct subcommand cmd_host = {
	.name = "host",
	.ids = "SW0101,SW0102",
	.usage = "host [--user NAME] [--root DIR] [--format FORMAT [--output FILE]]... "
		 "[--fail-on LEVEL] [--select IDS] [--ignore IDS] [--config FILE | --no-config] "
		 "[--baseline FILE] [--write-baseline FILE]",
	.summary = "Check the host user and the Docker daemon's settings (reads only).",
	.help = "options:\n"
		"  --user NAME            the user to check (default: the user who ran\n"
		"                         seaworthy; SUDO_USER under sudo)\n"
		"  --root DIR             audit the filesystem tree mounted at DIR instead of /\n"
		"                         (its etc/passwd, etc/group, etc/sudoers, proc/, sockets)\n"
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
		"  --color WHEN           auto (default), always or never; NO_COLOR is respected\n"
		"  --no-color             same as --color never\n"
		"\n"
		"Checks: a uid 0 user; sudo rights to run commands as root (from /etc/sudoers\n"
		"and its includes; unreadable sudoers is reported as unchecked: needs root);\n"
		"Docker access (docker group, which is root-equivalent, or rootless Docker);\n"
		"the Docker socket's owner, mode and ACL; and daemon.json with dockerd's\n"
		"flags: live-restore, userns-remap, no-new-privileges, icc, ip, iptables, log\n"
		"rotation, and settings given both as a flag and in the file.\n"
		"\n"
		"exit status: 0 clean, 1 a finding reached --fail-on, 2 usage error or an input\n"
		"that could not be read or parsed.\n",
	.run = run_host,
};
