/* A compose service lowered over the Dockerfile stage it builds. */
#include "input/compose/lower.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "input/discover/gitignore.h"
#include "input/discover/purpose.h"
#include "util/path.h"
#include "util/str.h"
#include "util/strbuf.h"

static struct sp_at at_of(const struct y_pos *pos, const struct y_pos *via)
{
	struct sp_at at = { pos->file, pos->line, pos->col, NULL, 0 };

	if (via && via->file && via->line) {
		at.via_file = via->file;
		at.via_line = via->line;
	}
	return at;
}

/* Whether an env_file's variable is written as is in a file the repository
 * commits: in the tree, not ignored by git, and not a hidden .env-style
 * file (local settings by convention, where no .gitignore says so). */
static bool committed_env_file(struct arena *a, const struct c_kv *kv, const char **last,
			       bool *last_committed)
{
	const char *name = path_last(kv->from);

	if (!kv->from_line || kv->from_process || name[0] == '.')
		return false;
	/* one file's variables come in a row: its .gitignore walk once */
	if (!*last || strcmp(*last, kv->from)) {
		*last = kv->from;
		*last_committed = !git_ignored(a, kv->from);
	}
	return *last_committed;
}

static struct sp_str str_of(const struct c_value *v)
{
	return (struct sp_str){ v->s, at_of(&v->pos, &v->via) };
}

static struct sp_list list_of(struct arena *a, const struct c_list *l)
{
	struct sp_list out = { arena_alloc(a, (l->n + 1) * sizeof(*out.v)), l->n };

	for (size_t k = 0; k < l->n; k++)
		out.v[k] = str_of(&l->v[k]);
	return out;
}

const char *compose_source_text(struct arena *a, const struct c_project *p, const struct y_pos *pos)
{
	const char *buf = NULL, *s, *e;
	size_t len = 0, k;

	if (!pos->file || !pos->line)
		return NULL;
	for (k = 0; k < p->nfiles; k++)
		if (p->files[k] && p->texts[k] && str_eq(p->files[k], pos->file)) {
			buf = p->texts[k];
			len = p->lens[k];
			break;
		}
	if (!buf || pos->line > p->nlines[k])
		return NULL;
	s = buf + p->lines[k][pos->line - 1];
	if (!(e = memchr(s, '\n', len - (size_t)(s - buf))))
		e = buf + len;
	if (pos->col > 1 && (size_t)(pos->col - 1) <= (size_t)(e - s))
		s += pos->col - 1;
	return arena_strndup(a, s, (size_t)(e - s));
}

/* Whether the text holds a $NAME or ${...} reference before any comment. */
static bool has_variable(const char *t)
{
	for (const char *p = t; p && *p; p++) {
		if (*p == '#' && p > t && (p[-1] == ' ' || p[-1] == '\t'))
			break;	/* a comment */
		if (*p != '$')
			continue;
		if (p[1] == '$') {
			p++;
			continue;
		}
		if (p[1] == '{' || p[1] == '_' || isalpha((unsigned char)p[1]))
			return true;
	}
	return false;
}

/* The default of the first ${NAME:-default} or ${NAME-default} in t, when
 * it is written out (no $ in it, not empty); NULL otherwise. In a. */
static const char *literal_default(struct arena *a, const char *t)
{
	const char *p = t ? strstr(t, "${") : NULL, *d, *e;

	if (!p)
		return NULL;
	for (p += 2; *p == '_' || isalnum((unsigned char)*p); p++)
		;
	if (*p == ':')
		p++;
	if (*p != '-')
		return NULL;
	d = p + 1;
	e = d + strcspn(d, "}$\"\'");
	if (*e != '}' || e == d)
		return NULL;
	return arena_strndup(a, d, (size_t)(e - d));
}

/* A profile name that says the service is a one-off: one of its words
 * (split on - _ . and the like) starts with tool, migrat, test, debug,
 * setup or init, or is ci. */
static bool one_off_profile(const char *name)
{
	static const char *const prefixes[] = {
		"tool", "migrat", "test", "debug", "setup", "init", NULL
	};

	for (const char *p = name; p && *p;) {
		size_t n = 0;

		while (*p && !isalnum((unsigned char)*p))
			p++;
		while (isalnum((unsigned char)p[n]))
			n++;
		if (!n)
			break;
		if (n == 2 && !strncasecmp(p, "ci", 2))
			return true;
		for (size_t k = 0; prefixes[k]; k++) {
			size_t pl = strlen(prefixes[k]);

			if (n >= pl && !strncasecmp(p, prefixes[k], pl))
				return true;
		}
		p += n;
	}
	return false;
}

/* Another service waits for it with condition service_completed_successfully,
 * it runs true (a data container that only holds volumes: command:
 * /bin/true), or every profile it has names a tool/migration/test/debug/
 * setup/init/ci profile. */
static bool one_off(const struct c_service *s)
{
	if (s->awaited)
		return true;
	if (!s->entrypoint.written && s->command.n && s->command.v[0].s) {
		const char *c = s->command.v[0].s, *slash = strrchr(c, '/');

		if (!strcmp(slash ? slash + 1 : c, "true") || !strcmp(c, ":"))
			return true;
	}
	if (!s->profiles.n)
		return false;
	for (size_t k = 0; k < s->profiles.n; k++)
		if (!one_off_profile(s->profiles.v[k].s))
			return false;
	return true;
}

static const char *profile_note(struct arena *a, const struct c_service *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	if (s->active || !s->profiles.n)
		return "";
	strbuf_addstr(&sb, s->profiles.n > 1 ? " (profiles: " : " (profile: ");
	for (size_t k = 0; k < s->profiles.n; k++)
		strbuf_addf(&sb, "%s%s", k ? ", " : "", s->profiles.v[k].s ? s->profiles.v[k].s : "");
	strbuf_addch(&sb, ')');
	r = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return r;
}

enum purpose compose_service_purpose(const struct c_service *s)
{
	enum purpose p = PURPOSE_PRODUCTION;

	for (size_t k = 0; k < s->profiles.n; k++) {
		const char *w = s->profiles.v[k].s;
		enum purpose q = w ? purpose_of_word(w, strlen(w)) : PURPOSE_PRODUCTION;

		if (q == PURPOSE_PRODUCTION)
			return PURPOSE_PRODUCTION;
		p = q;
	}
	return p;
}

/* Folder a (display form) holds folder b, or is it. */
static bool dir_holds(const char *a, const char *b)
{
	size_t n = strlen(a);

	while (n > 1 && a[n - 1] == '/')
		n--;
	if (!strncmp(a, b, n) && (b[n] == '/' || !b[n]))
		return true;
	/* . and .. (and ../..) hold every relative folder below them */
	if (*b == '/' || !strncmp(b, "..", 2))
		return false;
	return (n == 1 && *a == '.') || (n >= 2 && !strncmp(a, "..", 2) && a[n - 1] == '.');
}

const struct c_volume *compose_mounts_project(const struct c_project *p)
{
	for (size_t i = 0; p->dir && i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		for (size_t k = 0; k < s->nvolumes; k++) {
			const struct c_volume *v = &s->volumes[k];

			if (v->type && !strcmp(v->type, "bind") && v->source && v->target &&
			    dir_holds(v->source, p->dir))
				return v;
		}
	}
	return NULL;
}

const struct m_stage *compose_service_stage(const struct c_service *s,
					    const struct m_dockerfile *df)
{
	return df ? m_stage_named(df, s->build_target.s) : NULL;
}

static struct sp_at instr_at(const struct m_dockerfile *df, const struct m_instr *in)
{
	return (struct sp_at){ df->path, in->node->start.line, in->node->start.col, NULL, 0 };
}

static void lower_user(const struct c_service *s, const struct m_dockerfile *df,
		       const struct m_stage *st, struct sp_user *u)
{
	memset(u, 0, sizeof(*u));
	u->uid = -1;
	if (st && st->user_instr) {
		u->image_user = st->user;
		u->image_at = instr_at(df, st->user_instr);
		u->image_file = df->path;
	}
	if (s->user.s) {
		u->name = s->user.s;
		u->from = SP_COMPOSE;
		u->at = at_of(&s->user.pos, &s->user.via);
	} else if (u->image_user) {
		u->name = u->image_user;
		u->from = SP_DOCKERFILE;
		u->at = u->image_at;
		u->image_user = NULL;
	}
}

/* A limit from the service's key, or from deploy.resources.limits, which
 * docker compose applies over it (setLimits in its create.go). */
static struct sp_limit limit_of(const struct c_value *own, const struct c_value *deploy,
				long long (*parse)(const char *))
{
	const struct c_value *v = deploy->s ? deploy : own;
	struct sp_limit l = { .s = v->s, .v = -1, .at = at_of(&v->pos, &v->via) };

	if (!v->s)
		return l;
	l.v = parse(v->s);
	return l;
}

/* pids_limit: an integer; -1 (or 0) is unlimited. */
static long long pids_of(const char *s)
{
	long long v = spec_bytes(s);

	/* spec_bytes reads plain integers too; a unit is not a count. */
	return s && s[strspn(s, "0123456789")] ? -1 : v > 0 ? v : -1;
}

static bool healthcheck_none(const struct m_instr *in)
{
	return in->node->nargs && !strcasecmp(in->node->args[0].value, "NONE");
}

/* The service's healthcheck:, else its image's when the Dockerfile stage it
 * builds is in the tree (the chain's last HEALTHCHECK; NONE turns it off);
 * unknown (set false) for an image pulled from elsewhere. */
static struct sp_flag healthcheck_of(const struct c_service *s, const struct m_dockerfile *df,
				     const struct m_stage *st, struct sp_at at, bool *disabled)
{
	*disabled = false;
	if (s->healthcheck_written || !st) {
		*disabled = s->healthcheck_written && !s->has_healthcheck;
		return (struct sp_flag){ s->healthcheck_written, s->has_healthcheck, at };
	}
	for (; st; st = st->base_stage)
		for (size_t i = st->ninstrs; i-- > 1;)
			if (st->instrs[i].kind == K_HEALTHCHECK) {
				*disabled = healthcheck_none(&st->instrs[i]);
				return (struct sp_flag){ true, !*disabled,
							 instr_at(df, &st->instrs[i]) };
			}
	return (struct sp_flag){ true, false, at };
}

void compose_lower(struct arena *a, const struct c_project *p, size_t i,
		   const struct m_dockerfile *df, struct spec *out)
{
	const struct c_service *s = &p->services[i];
	const struct m_stage *st = compose_service_stage(s, df);
	const struct c_value *r = &s->restart, *cond = &s->deploy_restart_condition;
	const char *env_file;
	bool env_file_committed = false;

	memset(out, 0, sizeof(*out));
	out->kind = SPEC_SERVICE;
	out->name = s->name;
	out->at = at_of(&s->pos, NULL);
	out->origin = s;
	out->service = s->name;
	out->project = p->name;
	out->note = profile_note(a, s);
	out->one_off = one_off(s);
	out->purpose = compose_service_purpose(s);
	out->image = str_of(&s->image);
	out->builds = s->build_context.s != NULL;
	if (st) {
		const char *root = m_stage_root_image(st);

		out->base_image = (struct sp_str){ root, instr_at(df, &st->instrs[0]) };
	}
	lower_user(s, df, st, &out->user);
	out->privileged = (struct sp_flag){ s->privileged.s != NULL,
					    s->privileged.s && !strcasecmp(s->privileged.s, "true"),
					    at_of(&s->privileged.pos, &s->privileged.via) };
	out->read_only = (struct sp_flag){ s->read_only.s != NULL,
					   s->read_only.s && !strcasecmp(s->read_only.s, "true"),
					   at_of(&s->read_only.pos, &s->read_only.via) };
	out->cap_add = list_of(a, &s->cap_add);
	out->cap_drop = list_of(a, &s->cap_drop);
	out->security_opt = list_of(a, &s->security_opt);
	out->entrypoint = list_of(a, &s->entrypoint);
	out->command = list_of(a, &s->command);
	out->pid = str_of(&s->pid);
	out->ipc = str_of(&s->ipc);
	out->uts = str_of(&s->uts);
	out->userns = str_of(&s->userns_mode);
	out->network_mode = str_of(&s->network_mode);
	out->networks = list_of(a, &s->networks);
	out->limits.memory = limit_of(&s->mem_limit, &s->deploy_limit_memory, spec_bytes);
	out->limits.cpus = limit_of(&s->cpus, &s->deploy_limit_cpus, spec_nano_cpus);
	out->limits.pids = limit_of(&s->pids_limit, &s->deploy_limit_pids, pids_of);
	out->devices = arena_alloc(a, (s->ndevices + 1) * sizeof(*out->devices));
	for (size_t k = 0; k < s->ndevices; k++) {
		const struct c_device *d = &s->devices[k];

		out->devices[out->ndevices++] = (struct sp_device){
			.host = d->source, .container = d->target, .permissions = d->permissions,
			.at = at_of(&d->pos, &d->via)
		};
	}
	out->mounts = arena_alloc(a, (s->nvolumes + 1) * sizeof(*out->mounts));
	for (size_t k = 0; k < s->nvolumes; k++) {
		const struct c_volume *v = &s->volumes[k];

		out->mounts[out->nmounts++] = (struct sp_mount){ v->type, v->source, v->target,
								 v->read_only, v->propagation,
								 at_of(&v->pos, &v->via) };
	}
	out->ports = arena_alloc(a, (s->nports + 1) * sizeof(*out->ports));
	for (size_t k = 0; k < s->nports; k++) {
		const struct c_port *pt = &s->ports[k];

		out->ports[out->nports++] = (struct sp_port){ pt->host_ip, pt->published, pt->target,
							      pt->protocol, at_of(&pt->pos, &pt->via) };
	}
	/* restart: wins over deploy.restart_policy in docker compose; a
	 * restart_policy without a condition is "any". */
	if (r->s) {
		out->restart = str_of(r);
		out->restart_key = "restart";
		out->restart_from_variable = has_variable(compose_source_text(a, p, &r->pos));
	} else if (cond->s) {
		out->restart = str_of(cond);
		out->restart_key = "restart_policy condition";
	} else if (s->deploy_restart_max_attempts.s) {
		out->restart = (struct sp_str){ "any", at_of(&s->deploy_restart_max_attempts.pos,
							     &s->deploy_restart_max_attempts.via) };
		out->restart_key = "restart_policy condition";
	} else if (p->swarm) {
		out->restart = (struct sp_str){ "any", at_of(&s->pos, NULL) };
		out->restart_key = "Swarm's default restart_policy";
	}
	out->log_driver = str_of(&s->logging_driver);
	out->log_opts = arena_alloc(a, (s->nlogging_options + 1) * sizeof(*out->log_opts));
	for (size_t k = 0; k < s->nlogging_options; k++) {
		const struct c_kv *kv = &s->logging_options[k];

		out->log_opts[out->nlog_opts++] = (struct sp_kv){ kv->key, kv->value,
								  at_of(&kv->pos, &kv->via), false, NULL, false };
	}
	out->healthcheck = healthcheck_of(s, df, st, out->at, &out->healthcheck_disabled);
	out->env = arena_alloc(a, (s->nenvironment + 1) * sizeof(*out->env));
	env_file = NULL;
	for (size_t k = 0; k < s->nenvironment; k++) {
		const struct c_kv *kv = &s->environment[k];
		const char *text = compose_source_text(a, p, &kv->pos);

		bool literal = text && !has_variable(text) && !kv->from;
		struct sp_kv *e = &out->env[out->nenv++];

		*e = (struct sp_kv){ kv->key, kv->value, at_of(&kv->pos, &kv->via), literal,
				     literal || kv->from ? NULL : literal_default(a, text), false };
		if (kv->from && strcmp(kv->from, "environment") &&
		    committed_env_file(a, kv, &env_file, &env_file_committed)) {
			e->literal = e->env_file = true;
			e->at = (struct sp_at){ display_path(a, path_clean(a, kv->from)),
						kv->from_line, 1, e->at.file, e->at.line };
		}
	}
	out->labels = arena_alloc(a, (s->nlabels + 1) * sizeof(*out->labels));
	for (size_t k = 0; k < s->nlabels; k++) {
		const struct c_kv *kv = &s->labels[k];

		out->labels[out->nlabels++] = (struct sp_kv){ kv->key, kv->value,
							      at_of(&kv->pos, &kv->via), false, NULL, false };
	}
}
