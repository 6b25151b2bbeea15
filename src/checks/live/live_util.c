#include "checks/live/live_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "config/config.h"
#include "input/dockerfile/model.h"
#include "checks/compose/compose_util.h"
#include "util/str.h"
#include "spec/image_ref.h"

struct finding *lv_report(struct rule_ctx *c, const char *fmt, ...)
{
	const struct live_container *ct = c->container;
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ct->project && ct->service)
		return report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
				  "container %s (service %s of compose project %s) %s", ct->name,
				  ct->service, ct->project, msg);
	return report_add(c->report, c->rule, NULL, 0, 0, 0, 0, "container %s %s", ct->name, msg);
}

static bool listed(const struct config *cfg, const char *s)
{
	for (size_t k = 0; s && k < cfg->proxies.n; k++)
		if (!strcasecmp(cfg->proxies.v[k], s))
			return true;
	return false;
}

bool lv_is_proxy(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;
	const char *role = live_label(ct, "seaworthy.role");
	const char *repo = NULL, *base;

	if (role && !strcasecmp(role, "proxy"))
		return true;
	/* A container run by image id has no repository to go by. */
	if (*ct->image && strncmp(ct->image, "sha256:", 7))
		repo = image_ref_repo(c->a, ct->image);
	if (repo) {
		base = image_ref_name(repo);
		if (cx_proxy_repo(repo) || cx_proxy_name(base))
			return true;
	}
	if (cx_proxy_name(ct->name) || (ct->service && cx_proxy_name(ct->service)))
		return true;
	return listed(c->config, ct->name) || listed(c->config, ct->service) ||
	       listed(c->config, repo) || listed(c->config, ct->image);
}

const struct live_proc *lv_main_proc(const struct live_container *ct)
{
	for (size_t k = 0; k < ct->nprocs; k++)
		if (ct->pid > 0 && ct->procs[k].pid == ct->pid)
			return &ct->procs[k];
	return NULL;
}
