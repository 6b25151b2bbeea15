/* The rule catalogue as data: `seaworthy rules --format json`, the JSON
 * Schema of .seaworthy.yaml, and docs/rules.md. Generated from the rule
 * table, so none of them can drift from it. */
#include <ctype.h>
#include <jansson.h>
#include <string.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"
#include "util/die.h"
#include "util/str.h"

void render_help_uri(struct strbuf *sb, const struct rule *r)
{
	size_t at;

	strbuf_addstr(sb, SW_HOME_URI "/blob/main/docs/rules.md#");
	at = sb->len;
	strbuf_addf(sb, "%s: %s", r->id, r->title ? r->title : "");
	/* GitHub's slug: lower case, spaces to '-', other punctuation dropped. */
	for (char *p = sb->buf + at, *q = p;; p++) {
		if (isalnum((unsigned char)*p) || *p == '-' || *p == '_')
			*q++ = (char)tolower((unsigned char)*p);
		else if (*p == ' ')
			*q++ = '-';
		else if (!*p) {
			strbuf_setlen(sb, (size_t)(q - sb->buf));
			break;
		}
	}
}

static json_t *jstr(const char *s)
{
	return s ? quote_json(s) : json_null();
}

static json_t *rule_json(const struct rule *r)
{
	json_t *opts = json_array(), *peers = json_array(), *j;
	struct strbuf uri = STRBUF_INIT;

	for (const struct rule_option *o = r->options; o && o->name; o++)
		json_array_append_new(opts, json_pack("{s:o, s:s, s:o}", "name", quote_json(o->name),
						      "type", o->list ? "list" : o->integer ?
						      "integer" : "string", "help", jstr(o->help)));
	for (const struct peer_rule *p = r->peers; p && p->tool; p++)
		json_array_append_new(peers, json_pack("{s:o, s:o}", "tool", quote_json(p->tool),
						       "id", quote_json(p->id)));
	/* The other tools' checks that name it (catalog/peers.c). */
	for (size_t k = 0; k < peer_check_count; k++)
		if (peer_checks[k].rules && str_has_word(peer_checks[k].rules, r->id))
			json_array_append_new(peers, json_pack("{s:o, s:o}", "tool",
							       quote_json(peer_checks[k].tool), "id",
							       quote_json(peer_checks[k].id)));
	render_help_uri(&uri, r);
	j = json_pack("{s:o, s:o, s:s, s:b, s:o, s:o, s:s, s:s, s:b, s:s, s:o, s:o, s:o}",
		      "id", quote_json(r->id), "title", jstr(r->title),
		      "severity", severity_name(r->severity),
		      /* false: it runs only when --select or enable: names it. */
		      "default_enabled", !r->default_off,
		      "checklist", r->checklist ? json_integer(r->checklist) : json_null(),
		      "layer", jstr(r->layer), "command", rule_command(r),
		      /* Where its advice holds (--scope all: every file). */
		      "scope", r->scope == SCOPE_PRODUCTION ? "production" : "everywhere",
		      "security", rule_is_security(r), "security_severity",
		      rule_security_severity(r), "options", opts, "peers", peers,
		      "help_uri", quote_json(uri.buf));
	strbuf_release(&uri);
	if (!j)
		die("out of memory");
	return j;
}

void render_rules_json(FILE *out)
{
	json_t *rules = json_array(), *points = json_array(), *root;

	for (int p = 1; p <= 10; p++)
		json_array_append_new(points, json_pack("{s:i, s:s}", "point", p, "title",
							checklist[p - 1].title));
	for (size_t i = 0; i < rule_count; i++)
		json_array_append_new(rules, rule_json(rule_table[i]));
	root = json_pack("{s:{s:s, s:s}, s:o, s:o}", "tool", "name", "seaworthy", "version",
			 SW_VERSION, "checklist", points, "rules", rules);
	if (!root)
		die("out of memory");
	render_json_value(out, root);
	json_decref(root);
}

/* A value the loader reads as a list of strings: one string or a list. */
static json_t *string_or_list(const char *description, json_t *item)
{
	return json_pack("{s:s, s:[o, {s:s, s:o}]}", "description", description, "oneOf",
			 json_deep_copy(item), "type", "array", "items", item);
}

void render_config_schema(FILE *out)
{
	json_t *ids = json_array(), *rules = json_object(), *props, *root, *port;
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = rule_table[i];
		json_t *o;

		json_array_append_new(ids, quote_json(r->id));
		if (!r->options || !r->options->name)
			continue;
		o = json_object();
		for (const struct rule_option *op = r->options; op->name; op++) {
			json_t *t;

			if (op->list)
				t = string_or_list(op->help ? op->help : op->name,
						   json_pack("{s:s}", "type", "string"));
			else if (op->integer)
				t = json_pack("{s:s, s:[{s:s}, {s:s, s:s}]}", "description",
					      op->help ? op->help : op->name, "oneOf", "type",
					      "integer", "type", "string", "pattern", "^-?[0-9]+$");
			else
				t = json_pack("{s:s, s:[s, s, s]}", "description",
					      op->help ? op->help : op->name, "type", "string",
					      "number", "boolean");
			json_object_set_new(o, op->name, t);
		}
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Options of %s: %s", r->id, r->title);
		json_object_set_new(rules, r->id, json_pack("{s:s, s:s, s:o, s:b}", "description",
							     sb.buf, "type", "object",
							     "properties", o,
							     "additionalProperties", 0));
	}
	port = json_pack("{s:[{s:s, s:i, s:i}, {s:s, s:s}]}", "oneOf", "type", "integer",
			 "minimum", 1, "maximum", 65535, "type", "string", "pattern",
			 "^[0-9]+$");
	props = json_pack(
		"{s:o, s:{s:s, s:s, s:{s:s}, s:{s:[s, s, s]}}, s:{s:s, s:[s, s, s, s]},"
		" s:o, s:o, s:o, s:o, s:{s:s, s:s, s:o, s:b}}",
		"ignore", string_or_list("Rules not to report at all.",
					 json_pack("{s:s}", "$ref", "#/$defs/rule")),
		"severity", "description", "The severity of rules, by id.", "type", "object",
		"propertyNames", "$ref", "#/$defs/rule", "additionalProperties", "enum", "error",
		"warning", "info",
		"fail-on", "description", "The lowest severity that makes the exit status 1 "
		"(--fail-on beats it).", "enum", "error", "warning", "info", "never",
		"exclude", string_or_list("Paths not to check: globs, ** spans folders, a folder "
					  "excludes what is under it.",
					  json_pack("{s:s}", "type", "string")),
		"proxies", string_or_list("Compose services and containers that are web proxies "
					  "(they may publish ports), by name or image.",
					  json_pack("{s:s}", "type", "string")),
		"trusted-registries", string_or_list("The registries base images may come from "
						     "(SW0008).",
						     json_pack("{s:s}", "type", "string")),
		"databases", string_or_list("More ports of databases, caches and brokers "
					    "(SW0902).", port),
		"rules", "description", "Options of rules, by id.", "type", "object",
		"properties", rules, "additionalProperties", 0);
	json_object_set_new(props, "enable",
			    string_or_list("Rules that are off by default to report too (seaworthy "
					   "rules marks them).",
					   json_pack("{s:s}", "$ref", "#/$defs/rule")));
	/* production:, development:, test:, ci:, example: what paths are for. */
	for (int p = 0; p < PURPOSE_N; p++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Paths (globs, as exclude) whose files are for %s; they beat the "
			    "names and places seaworthy judges by.", purpose_name((enum purpose)p));
		json_object_set_new(props, purpose_name((enum purpose)p),
				    string_or_list(sb.buf, json_pack("{s:s}", "type", "string")));
	}
	strbuf_release(&sb);
	root = json_pack("{s:s, s:s, s:s, s:s, s:[s, s], s:o, s:b, s:{s:{s:s, s:o}}}",
			 "$schema", "https://json-schema.org/draft/2020-12/schema",
			 "$id", SW_HOME_URI "/blob/main/docs/seaworthy.schema.json",
			 "title", ".seaworthy.yaml",
			 "description", "The settings of seaworthy for a project. Generated by "
			 "`seaworthy rules --format schema`; an empty file is a valid, empty "
			 "configuration.",
			 "type", "object", "null", "properties", props, "additionalProperties", 0,
			 "$defs", "rule", "description", "A rule id (seaworthy rules lists them).",
			 "enum", ids);
	if (!root)
		die("out of memory");
	render_json_value(out, root);
	json_decref(root);
}

/* Text in a Markdown table cell: a pipe would end the cell. */
static void md_cell(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", out);
		else
			fputc(*s == '\n' ? ' ' : *s, out);
	}
}

/* The seaworthy side of a peer check: its rules (for hadolint, the rules
 * whose .peers name it), in sb; empty when none. */
static void peer_rules(const struct peer_check *pc, struct strbuf *sb)
{
	strbuf_reset(sb);
	if (pc->rules) {
		strbuf_addstr(sb, pc->rules);
		return;
	}
	for (size_t i = 0; i < rule_count; i++)
		for (const struct peer_rule *p = rule_table[i]->peers; p && p->tool; p++)
			if (!strcmp(p->tool, pc->tool) && !strcmp(p->id, pc->id)) {
				strbuf_addf(sb, "%s%s%s", sb->len ? ", " : "", rule_table[i]->id,
					    rule_table[i]->default_off ? " (off)" : "");
				break;
			}
}

/* docs/rules.md: every check of the peers, with what seaworthy has for it. */
static void peer_tables(FILE *out)
{
	static const struct {
		const char *tool, *head, *what;
	} tools[] = {
		{ "hadolint", "hadolint", "DL rules (src/Hadolint/Rule; the four retired ones and "
		  "those newer than the README's table included)" },
		{ "kics", "KICS", "Dockerfile and compose queries (assets/queries/dockerfile and "
		  "dockerCompose, by folder)" },
		{ "trivy", "trivy-checks", "Dockerfile checks (checks/docker)" },
		{ "docker-bench", "docker-bench-security", "checks of sections 2 (daemon "
		  "configuration), 4 (images and build files) and 5 (container runtime)" },
	};
	struct strbuf sb = STRBUF_INIT;

	fprintf(out, "\n## Peer checks\n\n"
		     "Every check of the peer tools, with the seaworthy rules that check the "
		     "same thing (\"(off)\": off by default) and how they differ, or why none "
		     "does. A rule that is planned is marked so. The lists were read in "
		     "December 2026 from hadolint/hadolint (src/Hadolint/Rule and its README), "
		     "Checkmarx/kics (assets/queries and docs/queries), aquasecurity/trivy-checks "
		     "(checks/docker; DS028 is aquasecurity/defsec's; no DS003 or DS018 was "
		     "found) and docker/docker-bench-security (tests/2_*, 4_* and 5_*).\n");
	for (size_t t = 0; t < sizeof(tools) / sizeof(tools[0]); t++) {
		size_t n = 0, mapped = 0;

		for (size_t k = 0; k < peer_check_count; k++)
			if (!strcmp(peer_checks[k].tool, tools[t].tool)) {
				peer_rules(&peer_checks[k], &sb);
				n++;
				mapped += sb.len > 0;
			}
		fprintf(out, "\n### %s\n\n%zu %s; %zu of them have an equivalent.\n\n"
			     "| %s | title | seaworthy | how it differs, or why not |\n"
			     "|---|---|---|---|\n", tools[t].head, n, tools[t].what, mapped,
			tools[t].tool);
		for (size_t k = 0; k < peer_check_count; k++) {
			const struct peer_check *pc = &peer_checks[k];

			if (strcmp(pc->tool, tools[t].tool))
				continue;
			peer_rules(pc, &sb);
			fprintf(out, "| %s | ", pc->id);
			md_cell(out, pc->title);
			fprintf(out, " | %s | ", sb.len ? sb.buf : "-");
			md_cell(out, pc->note);
			fputs(" |\n", out);
		}
	}
	strbuf_release(&sb);
}

void render_rules_markdown(FILE *out)
{
	fprintf(out, "# seaworthy rules\n\nGenerated by `seaworthy rules --markdown` from the "
		     "rule table; do not edit by hand.\n\n");
	fprintf(out, "| id | severity | checklist | title |\n|---|---|---|---|\n");
	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = rule_table[i];

		fprintf(out, "| %s | %s | %s%.0d | %s%s |\n", r->id, severity_name(r->severity),
			r->checklist ? "" : "-", r->checklist, r->title,
			r->default_off ? " (off by default)" : "");
	}
	fprintf(out, "\nA rule marked *off by default* is not reported unless `--select` names "
		     "it or the configuration lists it under `enable:` (`enable: [SW0803]`); its "
		     "page says why it is off. Such a rule could not reach useful precision on "
		     "real projects: most of what it reported was a deliberate, sound choice.\n");
	fprintf(out, "\n## What the ENTRYPOINT and CMD run\n\n"
		     "The stage rules of checklist points 2, 4 and 7 (SW0201, SW0401, SW0701, "
		     "SW0702) read the shell scripts a stage's ENTRYPOINT and CMD run, not only "
		     "their words. A script is followed when a COPY or ADD of the stage (or of "
		     "the stages it is built FROM) puts it in the image from the build context: "
		     "the context a compose service, bake target or build command names, else "
		     "the Dockerfile's folder and the folders above it, up to the folder checked "
		     "(so `COPY docker/start.sh /` resolves when the context is the repository "
		     "root). From the ENTRYPOINT and CMD, and then from each script, it follows: "
		     "a command with a slash (`/start.sh`, `./boot.sh`), a bare name found in "
		     "the PATH folders COPY wrote to, `sh FILE` and `bash -e FILE`, `. FILE` and "
		     "`source FILE`, and the commands behind `exec`, `tini --`, `dumb-init`, "
		     "`gosu USER`, `su-exec USER`, `nohup`, `env`. At most 16 scripts per stage; "
		     "a script reached twice, or sourcing itself, is read once. Findings point "
		     "at the script line and say how it is reached in a `via:` line (`CMD at "
		     "Dockerfile:40 runs docker/start.sh`); one script that several Dockerfiles run is reported "
		     "once. The scripts a RUN runs are followed the same way (`RUN /scripts/prepare`, "
		     "`RUN bash install.sh`), for the package caches they leave (SW0304) and, in a bash "
		     "script under `set -e` without pipefail, a pipe whose first command may fail "
		     "unseen (SW0004; a pipe that is a test, after `if` or before `&&`, is not); their "
		     "findings say `via: RUN at Dockerfile:4 runs docker/scripts/prepare`.\n\n"
		     "What the scripts tell: daemons started beside the main process (`&`, "
		     "`nohup`, `setsid`, servers that fork by default or with `-D`/`--daemon`, "
		     "`service X start`), unless the script stops them again (`kill $pid`, `X "
		     "stop`, `pg_ctl stop`, `mysqladmin shutdown`); process managers (supervisord, "
		     "with the `[program:...]` names of its config file and of the files COPY puts "
		     "in its include folders; s6-svscan, runsvdir, forego, foreman, honcho, "
		     "overmind, pm2, circusd, god, concurrently; s6-overlay's `/init`, with the "
		     "long-running services COPY adds to `/etc/s6-overlay/s6-rc.d` or "
		     "`/etc/services.d`, also when `/init` is the base image's ENTRYPOINT); `mkdir`, `chown` and `chmod` of "
		     "application paths on every start; and a permanent privilege drop (`exec "
		     "gosu`, `su-exec`, `setpriv --reuid`, `s6-setuidgid`, `chpst -u`, `runuser -u`, "
		     "`capsh --user=`, `su USER -c`, or one of them as the script's last command), "
		     "which makes SW0201 quiet. A drop under a condition that is not a test for "
		     "root (`if [ \"$(id -u)\" = 0 ]`) is reported, as a warning naming the "
		     "condition. Base images that run as a non-root user by default (distroless "
		     ":nonroot, Chainguard, nginx-unprivileged, Bitnami, .NET chiseled...) count "
		     "as that user.\n\n"
		     "Not followed: programs that are not shell scripts (Python, Node, Ruby and "
		     "other `#!` interpreters, binaries; only a privilege drop such a program execs, "
		     "`os.execve(\"/usr/sbin/gosu\", ...)`, is noted for SW0201), files the image "
		     "gets from its base image or "
		     "from `COPY --from` another image (an earlier stage is followed), files created by "
		     "RUN, paths built from variables (`exec "
		     "\"$APP_HOME/start.sh\"`), and which branch of a "
		     "script runs (every command counts). A script that cannot be read (missing "
		     "from the context, over 4 MiB, binary where a script was expected, a symlink "
		     "loop) is a note, never an error. A compose service's own `entrypoint:` and "
		     "`command:` are read the same way for SW0701 and SW0702 (a `command:` alone "
		     "is taken as what runs; its scripts are not followed). When every compose "
		     "service that runs a stage sets its own `command:` (for what the CMD runs) "
		     "or `entrypoint:` (for either), the stage's SW0701 and SW0702 findings "
		     "become notes naming those services: the image still runs its own CMD "
		     "wherever it runs without compose.\n");
	fprintf(out, "\n"
		     "`seaworthy image` follows the same way, with the same follower, what the "
		     "image config's Entrypoint and Cmd run, in the image's own files: a path "
		     "(relative to WorkingDir), a bare name found in the PATH folders, `sh FILE` "
		     "and `. FILE`, through symbolic and hard links of the image (at most 40 "
		     "links per path). It reads the same scripts the Dockerfile layer reads "
		     "(at most 16, each up to 1 MiB; shell scripts and supervisord's and "
		     "s6-overlay's files are kept while the layers are read, anything else a "
		     "script runs or sources is read in up to 3 more passes over the layers) "
		     "and judges them with the same checks: SW0772 (a daemon in the background, "
		     "as SW0702), SW0771 (a supervisor a script starts, with its programs, as "
		     "SW0701), SW0472 (mkdir, chown, chmod at start, as SW0401), and a "
		     "permanent privilege drop makes SW0271 quiet (a drop in a branch is a "
		     "warning naming it, as for SW0201). The image's Entrypoint and Cmd "
		     "themselves count too (`sh -c 'crond && exec httpd -f'`). A finding names "
		     "the file and line in the image, and its `via:` line how it is reached "
		     "(`the Entrypoint of the image config runs /usr/local/bin/start.sh`). A "
		     "script the image lacks, one over 1 MiB, "
		     "a program where a script was expected or a symbolic link loop is a note, "
		     "and the image is still checked.\n");
	fprintf(out, "\n## hadolint rules\n\n"
		     "In a Dockerfile, `# hadolint ignore=DL3006` (and `# hadolint global "
		     "ignore=...`) suppress the seaworthy rules a hadolint rule maps to (the "
		     "table of peer checks below), as `# seaworthy ignore=` would, and "
		     "`.hadolint.yaml` (`ignored:`, `trustedRegistries:`) is read when no "
		     "seaworthy configuration sets `ignore` or `trusted-registries`.\n");
	peer_tables(out);
	fprintf(out, "\n## Where seaworthy differs from KICS and trivy\n\n"
		     "The positive and negative test samples of KICS's Dockerfile and compose "
		     "queries and trivy-checks' Dockerfile checks that map to a seaworthy rule "
		     "(49 KICS queries, 25 trivy checks, 452 samples) agree with seaworthy except "
		     "here, on purpose:\n\n"
		     "- SW0002 does not report an ADD whose source is a build argument with no "
		     "default: it may be a URL or an archive, ADD's own uses.\n"
		     "- SW0005 is off by default, as hadolint's DL3057 is (`--enable SW0005`); "
		     "enabled, it asks for a HEALTHCHECK only when the final stage EXPOSEs a port: "
		     "batch jobs, CLIs and builder stages have nothing to probe.\n"
		     "- SW0201 reports `FROM scratch` without USER (KICS exempts it): the process "
		     "runs as uid 0; the fix is a numeric USER.\n"
		     "- SW0007 checks every stage, as trivy does: a second CMD in a builder stage "
		     "is dead code that misleads.\n"
		     "- SW0203 also reports installing the sudo package, a way back to root "
		     "whether or not a RUN calls it, unless the image runs as root and no "
		     "sudoers file grants it (then sudo adds nothing, and SW0201 reports the "
		     "root).\n"
		     "- SW0201 judges only bases whose user it knows (Docker's official images, "
		     "the vendors of its lexicon): a vendor's image may set its own USER. It does "
		     "not report servers whose root master serves from workers of their own user "
		     "(`FROM nginx`, php-fpm, Apache), which KICS and trivy report.\n"
		     "- SW0004 judges a pipe by the shell that runs the RUN (`pwsh X | Y` under "
		     "/bin/sh loses pwsh's status), accepts `sh -o pipefail`, and does not report "
		     "a pipe into a reader that fails on an empty input and ends the pipeline "
		     "(`curl ... | tar -xz`).\n"
		     "- SW0303 is about package-index refreshes whose cached layer goes stale: a "
		     "full `dnf`/`yum`/`zypper` upgrade run alone is not one (SW0304 reports its "
		     "cache). A refresh with no install after it is reported at info, as weight "
		     "on the layer: KICS's negative `apt update && install nginx` (a typo) is one.\n"
		     "- SW0304 checks the final stage and the stages it is built FROM: a discarded "
		     "builder stage's cache never ships. KICS's yum negative sample is one command "
		     "(`yum install yum clean all`) that never cleans, and is reported; the same "
		     "typo in its positive samples (`yum clean all \\ yum -y install`) is a clean "
		     "with no install, and the uncleaned install is in a discarded stage. `zypper "
		     "remove` downloads nothing, so it leaves no cache to clean (trivy asks for a "
		     "clean after it).\n"
		     "- KICS's privileged compose sample puts `privileged:` under `build:`: Compose "
		     "refuses the file, and so does seaworthy. `label:seccomp:unconfined` is an "
		     "SELinux label option, not seccomp turned off.\n"
		     "- SW0901 does not report the single publishing service of a project with no "
		     "reverse proxy: it is the app's front door. KICS's negative samples with "
		     "`published: 127.0.0.1:8080` in the long syntax are refused by Compose (an "
		     "address goes in `host_ip:`), and so by seaworthy.\n"
		     "- SW0903 leaves a privileged service to SW0252: it has the whole host "
		     "already, its network with it (KICS's host-network positive is privileged).\n"
		     "- SW0001 takes a tag that a build argument gives (`FROM alpine$TAG`) as the "
		     "build's to set, and a FROM variable no ARG before it declares is SW0505's "
		     "(the reference is broken, not floating): trivy reports both as latest.\n"
		     "- SW0002 reads `ADD file:<sha> in /xyz` (docker history's notation, a trivy "
		     "negative) as a Dockerfile line: it adds two local files, which COPY does.\n"
		     "- SW0501 does not report placeholders (dummy, changeme, REPLACE_WITH_..., digit runs such as 123456), in ARG as in ENV, or paths "
		     "(`./app/key.json`); credential files copied into an image are SW0572's, on "
		     "the built image.\n");
	fprintf(out, "- SW0016 reports only a cd that ends its RUN (nothing after it uses the "
		     "folder); a cd followed by commands is how a RUN works in a folder.\n"
		     "- SW0257 takes only the sensitive folders themselves (`/etc`, not "
		     "`/etc/exercise` below it), and not named volumes whose driver_opts bind a "
		     "path.\n"
		     "- SW0019 does not report microdnf, which never asks for confirmation.\n"
		     "- SW0056 reports one finding per service, naming every missing limit "
		     "(memory, pids, CPU), where KICS has a query per limit: a service with memory "
		     "and CPU limits but no pids limit passes KICS's memory and CPU queries.\n"
		     "- SW0804 judges only services built from a Dockerfile in the tree (a pulled "
		     "image's HEALTHCHECK is unknown), and takes `disable: true` or `test: "
		     "[NONE]` as a choice, not a miss.\n"
		     "- SW0259 reports shared and rshared propagation only: slave and rslave let "
		     "only the host's mounts in, which is what monitoring agents need.\n"
		     "- SW0031 reports an ADD of a URL without --checksum; KICS asks for curl or "
		     "wget instead of any ADD of a URL.\n"
		     "- Samples Docker refuses are refused here too (exit 2): `---` inside a "
		     "Dockerfile, compose files whose depends_on or networks name something "
		     "undefined, a security_opt entry that is a mapping; and a few KICS negatives "
		     "are identical to its positives.\n"
		     "- Not yet: `aws configure set "
		     "aws_secret_access_key <literal>` is not SW0502 unless a key id is on the "
		     "line, and `pacman -Syu` alone is not SW0303.\n\n");
	for (size_t i = 0; i < rule_count; i++)
		render_explain(out, rule_table[i], true);
}
