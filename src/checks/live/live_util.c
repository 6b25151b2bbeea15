#include "checks/live/live_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "config/config.h"
#include "input/dockerfile/model.h"
#include "checks/compose/compose_util.h"
#include "lexicon/lexicon.h"
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
		base = strrchr(repo, '/');
		base = base ? base + 1 : repo;
		if (cx_proxy_repo(repo) || cx_proxy_name(base))
			return true;
	}
	if (cx_proxy_name(ct->name) || (ct->service && cx_proxy_name(ct->service)))
		return true;
	return listed(c->config, ct->name) || listed(c->config, ct->service) ||
	       listed(c->config, repo) || listed(c->config, ct->image);
}

bool lv_is_shell(const char *prog)
{
	return lex_has(&lex_shells, prog) || lex_has(&lex_multicall, prog);
}

static bool interpreter(const char *prog)
{
	/* python3.11 and the like */
	return lv_is_shell(prog) || lex_has(&lex_interpreters, prog) ||
	       !strncmp(prog, "python3.", 8);
}

bool lv_is_init(const char *prog)
{
	return lex_has(&lex_reapers, prog);
}

/* The last path component of the word at p (length n), without a ':'. */
static const char *word_base(struct arena *a, const char *p, size_t n)
{
	const char *b = p;

	for (size_t k = 0; k < n; k++)
		if (p[k] == '/')
			b = p + k + 1;
	n -= (size_t)(b - p);
	if (n && b[n - 1] == ':')
		n--;
	return arena_strndup(a, b, n);
}

const char *lv_program(struct arena *a, const char *cmd)
{
	const char *p = cmd + strspn(cmd, " "), *prog, *next;
	size_t n = strcspn(p, " ");

	prog = word_base(a, p, n);
	if (!interpreter(prog))
		return prog;
	next = p + n;
	next += strspn(next, " ");
	/* An interpreter with options (sh -c, python -m) runs no script file. */
	if (!*next || *next == '-')
		return prog;
	n = strcspn(next, " ");
	return word_base(a, next, n);
}

const struct live_proc *lv_main_proc(const struct live_container *ct)
{
	for (size_t k = 0; k < ct->nprocs; k++)
		if (ct->pid > 0 && ct->procs[k].pid == ct->pid)
			return &ct->procs[k];
	return NULL;
}

bool lv_is_manager(const char *prog)
{
	return lex_has(&lex_supervisors, prog) || lex_has(&lex_ssh_servers, prog) ||
	       str_eq(prog, "init");
}
