/* The catalogue in id order, and the checklist. */
#include "catalog/catalog.h"

#include <string.h>
#include <strings.h>

#include "util/strbuf.h"
#include "util/suggest.h"

const struct rule *const rule_table[] = {
	&SW0001,
	&SW0002,
	&SW0003,
	&SW0004,
	&SW0005,
	&SW0006,
	&SW0007,
	&SW0008,
	&SW0009,
	&SW0010,
	&SW0011,
	&SW0012,
	&SW0013,
	&SW0014,
	&SW0015,
	&SW0016,
	&SW0017,
	&SW0018,
	&SW0019,
	&SW0020,
	&SW0021,
	&SW0022,
	&SW0023,
	&SW0024,
	&SW0025,
	&SW0026,
	&SW0027,
	&SW0028,
	&SW0029,
	&SW0030,
	&SW0031,
	&SW0032,
	&SW0051,
	&SW0053,
	&SW0054,
	&SW0055,
	&SW0056,
	&SW0057,
	&SW0058,
	&SW0071,
	&SW0081,
	&SW0082,
	&SW0083,
	&SW0084,
	&SW0085,
	&SW0086,
	&SW0087,
	&SW0088,
	&SW0091,
	&SW0092,
	&SW0093,
	&SW0094,
	&SW0101,
	&SW0102,
	&SW0103,
	&SW0104,
	&SW0105,
	&SW0106,
	&SW0107,
	&SW0201,
	&SW0202,
	&SW0203,
	&SW0204,
	&SW0205,
	&SW0251,
	&SW0252,
	&SW0253,
	&SW0254,
	&SW0255,
	&SW0256,
	&SW0257,
	&SW0258,
	&SW0259,
	&SW0271,
	&SW0272,
	&SW0273,
	&SW0274,
	&SW0275,
	&SW0281,
	&SW0282,
	&SW0283,
	&SW0284,
	&SW0285,
	&SW0286,
	&SW0287,
	&SW0288,
	&SW0289,
	&SW0301,
	&SW0302,
	&SW0303,
	&SW0304,
	&SW0401,
	&SW0402,
	&SW0403,
	&SW0404,
	&SW0471,
	&SW0472,
	&SW0501,
	&SW0502,
	&SW0503,
	&SW0504,
	&SW0505,
	&SW0506,
	&SW0507,
	&SW0571,
	&SW0572,
	&SW0601,
	&SW0602,
	&SW0603,
	&SW0701,
	&SW0702,
	&SW0703,
	&SW0771,
	&SW0772,
	&SW0781,
	&SW0782,
	&SW0801,
	&SW0802,
	&SW0803,
	&SW0804,
	&SW0871,
	&SW0881,
	&SW0882,
	&SW0883,
	&SW0901,
	&SW0902,
	&SW0903,
	&SW0904,
	&SW0905,
	&SW0951,
	&SW0971,
	&SW0981,
	&SW0982,
	&SW0983,
	&SW1001,
	&SW1002,
	&SW1003,
	&SW1004,
	&SW1051,
	&SW1071,
	&SW1081,
	&SW1082,
	&SW1083,
};
const size_t rule_count = sizeof(rule_table) / sizeof(rule_table[0]);

const struct rule *rule_find(const char *id)
{
	for (size_t i = 0; i < rule_count; i++)
		if (!strcasecmp(rule_table[i]->id, id))
			return rule_table[i];
	return NULL;
}

size_t rule_find_peer(const char *tool, const char *id, const struct rule **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < rule_count; i++)
		for (const struct peer_rule *p = rule_table[i]->peers; p && p->tool; p++)
			if (!strcmp(p->tool, tool) && !strcasecmp(p->id, id)) {
				if (n < max)
					out[n] = rule_table[i];
				n++;
				break;
			}
	return n;
}

void rule_unknown(struct strbuf *sb, const char *id)
{
	const struct rule *peers[8];
	size_t n = rule_find_peer("hadolint", id, peers, 8);
	struct suggest sg;

	if (n || ((id[0] == 'D' || id[0] == 'd') && (id[1] == 'L' || id[1] == 'l'))) {
		strbuf_addf(sb, "'%s' is a hadolint rule; ", id);
		if (!n)
			strbuf_addstr(sb, "seaworthy has none like it");
		for (size_t i = 0; i < n && i < 8; i++)
			strbuf_addf(sb, "%s%s", i ? (i + 1 == n ? " and " : ", ") :
					"seaworthy checks the same as ", peers[i]->id);
		return;
	}
	strbuf_addf(sb, "unknown rule '%s'", id);
	suggest_init(&sg, id);
	for (size_t i = 0; i < rule_count; i++)
		suggest_add(&sg, rule_table[i]->id);
	if (!suggest_append(&sg, sb))
		strbuf_addstr(sb, " (seaworthy rules lists them)");
}

const char *rule_command(const struct rule *r)
{
	static const char *const cmds[] = { "image", "host", "live" };

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (r->layer && !strcmp(r->layer, cmds[i]))
			return cmds[i];
	return "check";
}

/* The rules about security, as GitHub code scanning sorts alerts: what gives
 * a way to root or to the host, leaks a secret, or opens a port. The rest
 * (cache order, restarts, logs, build hygiene) are about quality. */
static const char *const security_ids[] = {
	"SW0008", "SW0053", "SW0082", "SW0083", "SW0084", "SW0085", "SW0091",
	"SW0101", "SW0102", "SW0103", "SW0104", "SW0105", "SW0106", "SW0107",
	"SW0201", "SW0202", "SW0203", "SW0204", "SW0251", "SW0252", "SW0253", "SW0254",
	"SW0255", "SW0256", "SW0271", "SW0272", "SW0273", "SW0274", "SW0281", "SW0282",
	"SW0283", "SW0284", "SW0404", "SW0501", "SW0502", "SW0571", "SW0572", "SW0703",
	"SW0901", "SW0902", "SW0903", "SW0951", "SW0971", "SW0981", "SW0982",
};
/* Those that hand over the host itself: critical (9.0 and above). */
static const char *const critical_ids[] = {
	"SW0101", "SW0105", "SW0252", "SW0253", "SW0254", "SW0282", "SW0283", "SW0284",
};

static bool listed(const char *const *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], id))
			return true;
	return false;
}

bool rule_is_security(const struct rule *r)
{
	return listed(security_ids, sizeof(security_ids) / sizeof(security_ids[0]), r->id);
}

const char *rule_security_severity(const struct rule *r)
{
	if (listed(critical_ids, sizeof(critical_ids) / sizeof(critical_ids[0]), r->id))
		return "9.0";
	switch (r->severity) {
	case SEV_ERROR: return "7.5";
	case SEV_WARNING: return "5.0";
	case SEV_INFO: return "2.0";
	}
	return "0.0";
}

const char *severity_name(enum severity s)
{
	switch (s) {
	case SEV_INFO: return "info";
	case SEV_WARNING: return "warning";
	case SEV_ERROR: return "error";
	}
	return "?";
}

int severity_parse(const char *s, enum severity *out)
{
	if (!strcmp(s, "info"))
		*out = SEV_INFO;
	else if (!strcmp(s, "warning"))
		*out = SEV_WARNING;
	else if (!strcmp(s, "error"))
		*out = SEV_ERROR;
	else
		return -1;
	return 0;
}

const struct checklist_point checklist[10] = {
	{ 1, "Host user", LAYER_HOST, "the host layer (seaworthy host)" },
	{ 2, "Container user", LAYER_DOCKERFILE | LAYER_COMPOSE | LAYER_IMAGE | LAYER_LIVE,
	  "Dockerfiles, compose files, images or running containers" },
	{ 3, "Cache order", LAYER_DOCKERFILE, "Dockerfiles" },
	{ 4, "Folders", LAYER_DOCKERFILE | LAYER_IMAGE, "Dockerfiles or images" },
	{ 5, "ARG vs ENV", LAYER_DOCKERFILE | LAYER_IMAGE, "Dockerfiles or images" },
	{ 6, "Compose", LAYER_COMPOSE, "the compose layer" },
	{ 7, "One service per container", LAYER_DOCKERFILE | LAYER_IMAGE | LAYER_LIVE,
	  "Dockerfiles, images or running containers" },
	{ 8, "Restart", LAYER_COMPOSE | LAYER_LIVE, "the compose layer or running containers" },
	{ 9, "Ports", LAYER_COMPOSE | LAYER_LIVE | LAYER_DAEMON,
	  "the compose layer, running containers or the Docker daemon's settings" },
	{ 10, "Logs", LAYER_COMPOSE | LAYER_IMAGE | LAYER_LIVE | LAYER_DAEMON,
	  "the compose layer, images, running containers or the Docker daemon's settings" },
};

const char *purpose_name(enum purpose p)
{
	static const char *const names[PURPOSE_N] = {
		"production", "development", "test", "ci", "example",
	};

	return p < PURPOSE_N ? names[p] : "?";
}
