/* The rule catalogue: every rule's id, title, severity, checklist point,
 * layer, explanation, examples, fix and options, as data. It is the lowest
 * layer that knows rules, so loaders, suppressions and the host layer report
 * under a rule without linking to the checks (src/checks/) that raise the
 * others. Entries live in one file per checklist point (00_general.c ..
 * 10_logs.c), in id order; rule_table lists them all, in id order. */
#ifndef SW_CATALOG_H
#define SW_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

enum severity { SEV_INFO = 0, SEV_WARNING = 1, SEV_ERROR = 2 };

const char *severity_name(enum severity s);
/* "info", "warning" or "error" into *out; -1 for anything else. */
int severity_parse(const char *s, enum severity *out);

/* What an input is for, from its path, name, first comment or the config
 * (input/discover/purpose.c). Production advice holds for what ships. */
enum purpose { PURPOSE_PRODUCTION, PURPOSE_DEVELOPMENT, PURPOSE_TEST, PURPOSE_CI,
	       PURPOSE_EXAMPLE, PURPOSE_N };
/* "production", "development", "test", "ci", "example". */
const char *purpose_name(enum purpose p);

/* Where a rule's advice holds: in any file (a committed secret leaks from
 * a test file too; a broken file is broken anywhere), or only for what
 * ships to production (a restart policy, log rotation, published ports,
 * the root user of a test runner are not worth saying of a test stack). */
enum scope { SCOPE_EVERYWHERE = 0, SCOPE_PRODUCTION = 1 };

/* An option a rule accepts under `rules:` in .seaworthy.yaml. */
struct rule_option {
	const char *name;
	bool list;		/* a list of strings, else a single value */
	bool integer;		/* a whole number */
	const char *help;
};

/* A rule of another linter that checks the same thing, so its users can
 * move over (its ignore comments and settings apply to this rule). */
struct peer_rule {
	const char *tool;	/* "hadolint" */
	const char *id;		/* "DL3006" */
};

struct rule {
	const char *id;		/* "SW0201": checklist point 02, rule 01; 00 = general */
	const char *title;	/* one line, for `seaworthy rules` */
	enum severity severity;
	int checklist;		/* 1..10, or 0 for a general best practice */
	const char *layer;	/* "dockerfile", "compose", ... */
	const char *why;	/* why it matters (explain) */
	const char *bad;	/* a bad example (explain) */
	const char *good;	/* the fixed example (explain) */
	const char *fix;	/* default fix line for findings */
	const struct rule_option *options;	/* NULL-name terminated, or NULL */
	const struct peer_rule *peers;	/* NULL-tool terminated, or NULL */
	enum scope scope;
	/* Why the rule is off by default, or NULL when it is on: it runs only
	 * when --select names it or the config lists it under enable:
	 * (run/output.c). For rules whose precision on real projects is too
	 * low to report unasked. */
	const char *default_off;
};

/* Every rule, by its id. */
extern const struct rule SW0001, SW0002, SW0003, SW0004, SW0005, SW0006, SW0007, SW0008,
	SW0009, SW0010, SW0011, SW0012, SW0013, SW0014, SW0015, SW0016, SW0017, SW0018, SW0019,
	SW0020, SW0021, SW0022, SW0023, SW0024, SW0025, SW0026, SW0027, SW0028, SW0029, SW0030,
	SW0031, SW0032, SW0051, SW0053, SW0054, SW0055, SW0056, SW0057, SW0058, SW0071, SW0081,
	SW0082, SW0083, SW0084, SW0085, SW0086, SW0087, SW0088, SW0091, SW0092, SW0093, SW0094,
	SW0101, SW0102, SW0103, SW0104, SW0105, SW0106, SW0107, SW0201, SW0202, SW0203, SW0204,
	SW0205, SW0251, SW0252, SW0253, SW0254, SW0255, SW0256, SW0257, SW0258, SW0259, SW0271,
	SW0272, SW0273, SW0274, SW0275, SW0281, SW0282, SW0283, SW0284, SW0285, SW0286, SW0287,
	SW0288, SW0289, SW0301, SW0302, SW0303, SW0304, SW0401, SW0402, SW0403, SW0404, SW0471,
	SW0472, SW0501, SW0502, SW0503, SW0504, SW0505, SW0506, SW0507, SW0571, SW0572, SW0601,
	SW0602, SW0603, SW0701, SW0702, SW0703, SW0771, SW0772, SW0781, SW0782, SW0801, SW0802,
	SW0803, SW0804, SW0871, SW0881, SW0882, SW0883, SW0901, SW0902, SW0903, SW0904, SW0905,
	SW0951, SW0971, SW0981, SW0982, SW0983, SW1001, SW1002, SW1003, SW1004, SW1051, SW1071,
	SW1081, SW1082, SW1083;

/* A check of a peer tool and what seaworthy has for it (catalog/peers.c). */
struct peer_check {
	const char *tool;	/* "hadolint", "kics", "trivy", "docker-bench" */
	const char *id;		/* "DL3008", a KICS query folder, "DS001", "5.10" */
	const char *title;	/* the tool's own */
	/* The seaworthy rules that check the same thing ("SW0001, SW0054"),
	 * "input error" when the file is refused, "" when none does. NULL for
	 * hadolint's: the rules whose .peers name it. */
	const char *rules;
	const char *note;	/* how it differs, or "not covered: why" */
};
extern const struct peer_check peer_checks[];
extern const size_t peer_check_count;

/* Every rule in id order. */
extern const struct rule *const rule_table[];
extern const size_t rule_count;
/* The rule with that id (any case), or NULL. */
const struct rule *rule_find(const char *id);
/* The rules whose peers name tool's rule id (any case), in id order: up to
 * max of them into out. Returns how many there are. */
size_t rule_find_peer(const char *tool, const char *id, const struct rule **out, size_t max);
struct strbuf;
/* Appends why id names no rule: "unknown rule 'SW9999'" with the closest
 * ids ("; did you mean 'SW0201'?"), or, for a hadolint id, the rules that
 * check the same thing here. */
void rule_unknown(struct strbuf *sb, const char *id);
/* The subcommand that reports a rule: "check", "image", "host" or "live". */
const char *rule_command(const struct rule *r);
/* Whether a rule is about security (GitHub code scanning shows those with a
 * security severity tier), and its CVSS-like score, "0.0" to "10.0". */
bool rule_is_security(const struct rule *r);
const char *rule_security_severity(const struct rule *r);

/* Which layers ran, so the checklist can tell "passed" from "not checked". */
enum layer { LAYER_DOCKERFILE = 1 << 0, LAYER_COMPOSE = 1 << 1, LAYER_IMAGE = 1 << 2,
	     LAYER_HOST = 1 << 3, LAYER_LIVE = 1 << 4,
	     LAYER_DAEMON = 1 << 5 /* the Docker daemon's settings (seaworthy host) */ };

/* The ten checklist points, 1-based. */
struct checklist_point {
	int point;
	const char *title;
	unsigned layers;	/* layers that can check it */
	const char *layer_hint;	/* what would check it, for "not checked" */
};
extern const struct checklist_point checklist[10];

#endif
