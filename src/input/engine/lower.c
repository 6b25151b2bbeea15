/* A live container lowered from what the engine says of it. */
#include "input/engine/lower.h"

#include <string.h>

#include "util/str.h"

static struct sp_list list_of(struct arena *a, const char *const *v, size_t n)
{
	struct sp_list out = { arena_alloc(a, (n + 1) * sizeof(*out.v)), n };

	for (size_t k = 0; k < n; k++)
		out.v[k] = (struct sp_str){ v[k], { 0 } };
	return out;
}

static struct sp_str str(const char *s)
{
	return (struct sp_str){ s && *s ? s : NULL, { 0 } };
}

/* A limit the engine holds as a number; 0 is none. */
static struct sp_limit limit(struct arena *a, long long v)
{
	if (!v)
		return (struct sp_limit){ .v = -1 };
	return (struct sp_limit){ .s = arena_printf(a, "%lld", v), .v = v < 0 ? -1 : v };
}

void live_lower(struct arena *a, const struct live_container *ct, struct spec *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = SPEC_CONTAINER;
	out->name = ct->name;
	out->origin = ct;
	out->service = ct->service;
	out->project = ct->project;
	out->note = "";
	out->one_off = ct->oneoff || ct->auto_remove;
	out->image = str(ct->image);
	out->user.name = *ct->user ? ct->user : NULL;
	out->user.from = out->user.name ? SP_ENGINE : SP_UNSET;
	out->user.uid = -1;
	if (ct->has_image && *ct->image_user && out->user.name)
		out->user.image_user = ct->image_user;
	out->entrypoint = list_of(a, ct->entrypoint, ct->nentrypoint);
	out->command = list_of(a, ct->cmd, ct->ncmd);
	out->privileged = (struct sp_flag){ true, ct->privileged, { 0 } };
	out->read_only = (struct sp_flag){ true, ct->readonly_rootfs, { 0 } };
	out->healthcheck = (struct sp_flag){ true, ct->healthcheck, { 0 } };
	out->healthcheck_disabled = ct->healthcheck_none;
	out->cap_add = list_of(a, ct->cap_add, ct->ncap_add);
	out->cap_drop = list_of(a, ct->cap_drop, ct->ncap_drop);
	out->security_opt = list_of(a, ct->security_opt, ct->nsecurity_opt);
	out->network_mode = str(ct->network_mode);
	out->pid = str(ct->pid_mode);
	out->ipc = str(ct->ipc_mode);
	out->uts = str(ct->uts_mode);
	out->userns = str(ct->userns_mode);
	out->networks = list_of(a, ct->networks, ct->nnetworks);
	out->limits.memory = limit(a, ct->memory);
	out->limits.cpus = limit(a, ct->nano_cpus);
	out->limits.pids = limit(a, ct->pids_limit);
	out->devices = arena_alloc(a, (ct->ndevices + 1) * sizeof(*out->devices));
	for (size_t k = 0; k < ct->ndevices; k++) {
		const struct live_device *d = &ct->devices[k];

		out->devices[out->ndevices++] = (struct sp_device){
			.host = d->host, .container = d->container, .permissions = d->permissions
		};
	}
	out->mounts = arena_alloc(a, (ct->nmounts + 1) * sizeof(*out->mounts));
	for (size_t k = 0; k < ct->nmounts; k++) {
		const struct live_mount *m = &ct->mounts[k];

		out->mounts[out->nmounts++] = (struct sp_mount){
			m->type, *m->source ? m->source : NULL, m->destination, m->read_only,
			*m->propagation ? m->propagation : NULL, { 0 }
		};
	}
	out->ports = arena_alloc(a, (ct->nports + 1) * sizeof(*out->ports));
	for (size_t k = 0; k < ct->nports; k++) {
		const struct live_port *p = &ct->ports[k];
		const char *slash = strchr(p->port, '/');

		out->ports[out->nports++] = (struct sp_port){
			p->host_ip, p->host_port,
			slash ? arena_strndup(a, p->port, (size_t)(slash - p->port)) : p->port,
			slash ? slash + 1 : "tcp", { 0 }
		};
	}
	out->publish_all = ct->publish_all;
	out->exposed = list_of(a, ct->exposed, ct->nexposed);
	out->restart = str(ct->restart_policy);
	out->restart_key = "restart policy";
	out->log_driver = str(ct->log_type);
	out->log_opts = arena_alloc(a, (ct->nlog_config + 1) * sizeof(*out->log_opts));
	for (size_t k = 0; k < ct->nlog_config; k++)
		out->log_opts[out->nlog_opts++] = (struct sp_kv){ ct->log_config[k].key,
								  ct->log_config[k].value, { 0 },
								  true, NULL, false };
	out->env = arena_alloc(a, (ct->nenv + 1) * sizeof(*out->env));
	for (size_t k = 0; k < ct->nenv; k++) {
		const char *e = ct->env[k], *eq = strchr(e, '=');

		out->env[out->nenv++] = (struct sp_kv){
			eq ? arena_strndup(a, e, (size_t)(eq - e)) : e, eq ? eq + 1 : NULL, { 0 }, true, NULL, false
		};
	}
	out->labels = arena_alloc(a, (ct->nlabels + 1) * sizeof(*out->labels));
	for (size_t k = 0; k < ct->nlabels; k++)
		out->labels[out->nlabels++] = (struct sp_kv){ ct->labels[k].key, ct->labels[k].value,
							      { 0 }, true, NULL, false };
	out->volumes = list_of(a, ct->image_volumes, ct->nimage_volumes);
	out->has_procs = ct->has_top;
	out->nprocs = ct->nprocs;
	out->procs = arena_alloc(a, (ct->nprocs + 1) * sizeof(*out->procs));
	for (size_t k = 0; k < ct->nprocs; k++)
		out->procs[k] = (struct sp_proc){ ct->procs[k].pid, ct->procs[k].ppid,
						  ct->procs[k].user, ct->procs[k].cmd };
	out->main_pid = ct->pid;
	out->state.known = true;
	out->state.running = ct->running;
	out->state.exited = str_eq(ct->status, "exited");
	out->state.exit_code = ct->exit_code;
}
