/* SW0018: useradd with a high uid and without -l. */
#include "checks/check.h"

#include <stdlib.h>
#include <string.h>

#include "util/str.h"

/* Options of useradd(8) that take a value, as short letters. */
#define VALUE_LETTERS "bcdefgGkKpPRsuZ"

/* The uid of the useradd, or -1; *nolog when -l (--no-log-init) is given. */
static long useradd_uid(const struct sh_cmd *cmd, bool *nolog)
{
	const char *uid = NULL;

	*nolog = false;
	for (size_t k = 1; k < cmd->argc; k++) {
		const char *w = cmd->argv[k].text;

		if (str_eq(w, "--no-log-init")) {
			*nolog = true;
		} else if (!strncmp(w, "--uid", 5) && (w[5] == '=' || !w[5])) {
			uid = w[5] ? w + 6 : k + 1 < cmd->argc ? cmd->argv[++k].text : NULL;
		} else if (w[0] == '-' && w[1] && w[1] != '-') {
			for (const char *p = w + 1; *p; p++) {
				if (*p == 'l')
					*nolog = true;
				if (!strchr(VALUE_LETTERS, *p))
					continue;
				if (*p == 'u')
					uid = p[1] ? p + 1 : k + 1 < cmd->argc ? cmd->argv[k + 1].text : NULL;
				if (!p[1])
					k++;
				break;
			}
		}
	}
	if (uid) {
		char *end;
		long v = strtol(uid, &end, 10);

		if (end != uid && !*end && v >= 0)
			return v;
	}
	return -1;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			if (in->kind != K_RUN)
				continue;
			for (size_t k = 0; k < in->sh.ncmds; k++) {
				const struct sh_cmd *cmd = &in->sh.cmds[k];
				bool nolog;
				long uid;

				if (!str_eq(sh_cmd_name(cmd), "useradd"))
					continue;
				uid = useradd_uid(cmd, &nolog);
				/* /var/log/lastlog holds 292 bytes per uid up to it: a
				 * sparse file, but the layer stores it whole. */
				if (nolog || uid < 100000)
					continue;
				rule_report(c, in, "useradd -u %ld without -l writes a %ld MB "
					    "/var/log/lastlog into the layer (292 bytes per uid below "
					    "it); add -l (--no-log-init)", uid, uid * 292 / 1000000);
				break;
			}
		}
	}
}

const struct check check_useradd_lastlog = {
	.rule = &SW0018,
	.dockerfile = check,
};
