/* SW0803: a restart policy that retries a crashing container forever. */
#include "checks/compose/compose_util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "util/str.h"

#define DEFAULT_MAX_RETRIES 10

static long max_retries(const struct rule_ctx *c)
{
	const struct config_option *o = config_option(c->config, &SW0803,
						      "max-retries");
	long n;
	char *end;

	if (!o || !o->value)
		return DEFAULT_MAX_RETRIES;
	errno = 0;
	n = strtol(o->value, &end, 10);
	return errno || *end || n < 0 ? DEFAULT_MAX_RETRIES : n;
}

/* A retry count as written: -1 when absent or not a number. */
static long count(const char *s)
{
	char *end;
	long n;

	if (!s || !*s)
		return -1;
	errno = 0;
	n = strtol(s, &end, 10);
	return errno || *end || n < 0 ? -1 : n;
}

enum verdict { V_NONE, V_FOREVER, V_NO_LIMIT, V_TOO_MANY, V_COND_FOREVER, V_COND_NO_LIMIT,
	       V_ATTEMPTS };

struct judgement {
	enum verdict v;
	const struct c_value *at;
	long n;
};

static struct judgement judge(const struct c_service *s, long cap)
{
	const struct c_value *r = &s->restart, *cond = &s->deploy_restart_condition;
	const struct c_value *att = &s->deploy_restart_max_attempts;
	struct judgement j = { V_NONE, r, -1 };
	const char *what;

	if (r->s) {
		bool capped = !strncmp(r->s, "on-failure:", 11);

		j.n = capped ? count(r->s + 11) : -1;
		if (str_eq(r->s, "always") || str_eq(r->s, "unless-stopped"))
			j.v = V_FOREVER;
		else if (str_eq(r->s, "on-failure") || (capped && j.n == 0))
			j.v = V_NO_LIMIT;
		else if (j.n > cap)
			j.v = V_TOO_MANY;
		return j;
	}
	/* deploy.restart_policy; its condition defaults to any. */
	if ((!cond->s && !att->s) || (cond->s && (str_eq(cond->s, "none") ||
						  str_eq(cond->s, "no"))))
		return j;
	what = cond->s ? cond->s : "any";
	j.at = cond->s ? cond : att;
	j.n = count(att->s);
	if (j.n <= 0 && (str_eq(what, "any") || str_eq(what, "always") ||
			 str_eq(what, "unless-stopped")))
		j.v = V_COND_FOREVER;
	else if (j.n <= 0 && str_eq(what, "on-failure"))
		j.v = V_COND_NO_LIMIT;
	else if (j.n > cap) {
		j.v = V_ATTEMPTS;
		j.at = att;
	}
	return j;
}

static bool same(const struct judgement *x, const struct judgement *y)
{
	return x->v == y->v && x->n == y->n && cx_same_pos(&x->at->pos, &y->at->pos) &&
	       x->at->s && y->at->s && str_eq(x->at->s, y->at->s);
}

/*
 * One finding per value: a restart policy written once in an anchor and
 * merged into many services (getsentry/self-hosted has 57) is one thing
 * to fix, so the services are listed in one message.
 */
static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;
	struct judgement *j = arena_alloc(c->a, (p->nservices + 1) * sizeof(*j));
	const struct c_service **group = arena_alloc(c->a, (p->nservices + 1) * sizeof(*group));
	long cap = max_retries(c);

	for (size_t i = 0; i < p->nservices; i++)
		j[i] = judge(&p->services[i], cap);
	for (size_t i = 0; i < p->nservices; i++) {
		const struct judgement *ji = &j[i];
		const char *names, *has;
		size_t n = 0;
		bool seen = false;

		if (ji->v == V_NONE)
			continue;
		for (size_t k = 0; k < i && !seen; k++)
			seen = same(&j[k], ji);
		if (seen)
			continue;
		for (size_t k = i; k < p->nservices; k++)
			if (k == i || same(&j[k], ji))
				group[n++] = &p->services[k];
		names = cx_names(c->a, group, n);
		has = n > 1 ? "have" : "has";
		switch (ji->v) {
		case V_FOREVER:
			cx_report_value(c, NULL, ji->at, "%s %s restart: %s, which restarts a "
					"crash-looping container forever", names, has, ji->at->s);
			break;
		case V_NO_LIMIT:
			cx_report_value(c, NULL, ji->at, "%s %s restart: %s with no retry limit, so "
					"a crash loop never stops", names, has, ji->at->s);
			break;
		case V_TOO_MANY:
			cx_report_value(c, NULL, ji->at, "%s %s restart: %s, more retries than "
					"max-retries (%ld)", names, has, ji->at->s, cap);
			break;
		case V_COND_FOREVER:
			cx_report_value(c, NULL, ji->at, "%s %s restart_policy condition %s, which "
					"restarts a crash-looping container forever", names, has,
					ji->at == &group[0]->deploy_restart_condition ?
					ji->at->s : "any");
			break;
		case V_COND_NO_LIMIT:
			cx_report_value(c, NULL, ji->at, "%s %s restart_policy condition "
					"on-failure with no max_attempts, so a crash loop never "
					"stops", names, has);
			break;
		case V_ATTEMPTS:
			cx_report_value(c, NULL, ji->at, "%s %s max_attempts %ld, more than "
					"max-retries (%ld)", names, has, ji->n, cap);
			break;
		case V_NONE:
			break;
		}
	}
}

const struct check check_compose_restart_forever = {
	.rule = &SW0803,
	.compose = check,
};
