/* SW0502: A secret is passed on a RUN command line. */
#include "checks/check.h"

#include <ctype.h>
#include <string.h>

#include "checks/dockerfile/vars.h"
#include "input/shell/shell.h"
#include "util/str.h"
#include "lexicon/lexicon.h"

struct scan {
	struct rule_ctx *c;
	const struct m_instr *in;
	/* A builder stage no shipped image inherits (its history is not
	 * pushed): its literals are build-time stand-ins, said as info. */
	const struct m_stage *throwaway;
	bool real;		/* the value is a real credential (a known token...) */
	const char *seen[8];	/* messages reported for this RUN, to report each once */
	size_t nseen;
};

/* Reports msg once per RUN; NULL when it was reported already. */
static struct finding *report(struct scan *sc, const char *msg)
{
	for (size_t i = 0; i < sc->nseen; i++)
		if (str_eq(sc->seen[i], msg))
			return NULL;
	if (sc->nseen < sizeof(sc->seen) / sizeof(sc->seen[0]))
		sc->seen[sc->nseen++] = msg;
	if (sc->throwaway) {
		const struct m_stage *st = sc->throwaway;
		struct finding *f = rule_report(sc->c, sc->in, "%s, in build stage %s, which no "
						"shipped image inherits%s", msg,
						st->name ? st->name
							 : arena_printf(sc->c->a, "%zu", st->index),
						sc->real ? ": committed with the Dockerfile" : "");

		/* A real token is committed anyway; a name's literal there is
		 * likely a stand-in (SECRET_KEY=build-key). */
		f->severity = sc->real ? SEV_WARNING : SEV_INFO;
		return f;
	}
	return rule_report(sc->c, sc->in, "%s; the RUN command line is kept in the image "
			   "history (docker history)", msg);
}

/* A value written out in full: not empty, no $var or $(...) in it. */
static bool literal(const struct sh_word *w, const char *v)
{
	/* SECRET_KEY_BASE_DUMMY=1: a switch, not a secret */
	return !w->has_subst && *v && !strchr(v, '$') && !text_is_placeholder(v) &&
	       !text_is_switch(v);
}

static bool name_in(const char *name, const char *const *list)
{
	/* The first-byte test skips most calls: this runs for every command. */
	for (; *list; list++)
		if ((*list)[0] == name[0] && str_eq(*list, name))
			return true;
	return false;
}

static const char *const mysql_clients[] = {
	"mysql", "mariadb", "mysqladmin", "mariadb-admin", "mysqldump", "mariadb-dump",
	"mysqlimport", "mariadb-import", "mysqlshow", "mariadb-show", "mysqlcheck",
	"mariadb-check", "mysql_upgrade", "mariadb-upgrade", "mysqlpump", NULL
};

/* --password (-W) is a flag that makes them prompt: no value follows. */
static const char *const pg_clients[] = {
	"psql", "pg_dump", "pg_dumpall", "pg_restore", "createdb", "dropdb", "createuser",
	"dropuser", "pg_isready", "pg_basebackup", "vacuumdb", "reindexdb", "clusterdb", NULL
};

/* Their --password takes an encrypted hash, not the password. */
static const char *const hash_takers[] = {
	"useradd", "usermod", "groupadd", "groupmod", NULL
};

/* NAME=literal where NAME is a secret's name; for is the command it prefixes. */
static void check_assign(struct scan *sc, const struct sh_word *w, const char *for_cmd)
{
	const char *eq = strchr(w->text, '=');
	char name[128], *id;
	struct finding *f;
	size_t nl;

	if (!eq || (nl = (size_t)(eq - w->text)) >= sizeof(name))
		return;
	memcpy(name, w->text, nl);
	name[nl] = '\0';
	if (nl && name[nl - 1] == '+')
		name[nl - 1] = '\0';
	if (!var_name_is_secret(name) || !literal(w, eq + 1) || eq[1] == '/')
		return;
	id = arena_strdup(sc->c->a, name);
	if (for_cmd)
		f = report(sc, arena_printf(sc->c->a, "%s is set to a literal secret for %s", name,
					    for_cmd));
	else
		f = report(sc, arena_printf(sc->c->a, "the script sets %s to a literal secret",
					    name));
	if (!f)
		return;
	for (char *p = id; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	f->fix = arena_printf(sc->c->a, "Drop the literal and mount the secret as the variable: "
			      "RUN --mount=type=secret,id=%s,env=%s ..., built with "
			      "docker build --secret id=%s,src=<file>", id, name, id);
}

/* Anything written literally in a word: URL credentials, known tokens, npm
 * auth; real credentials, whatever stage holds them. */
static void check_text_(struct scan *sc, const struct sh_cmd *cmd, const struct sh_word *w)
{
	static const char *const npm_keys[] = { ":_authToken=", ":_auth=", ":_password=" };
	const char *name = sh_cmd_name(cmd), *tok;
	size_t n = strlen(w->text);
	/* URLs and npm keys both need a ':' (npm's all hold ":_"), a token 15
	 * bytes: libc's vector search beats a loop over every byte. */
	bool colon = memchr(w->text, ':', n) != NULL;

	if (!colon && n < 15)
		return;
	bool npm_key = colon && strstr(w->text, ":_") != NULL;

	if (colon && text_has_url_credentials(w->text)) {
		report(sc, arena_printf(sc->c->a, "%s gets a URL with a literal password "
					"(user:password@host)", *name ? name : "the command"));
		return;
	}
	if ((tok = text_known_token(w->text))) {
		struct finding *f = report(sc, arena_printf(sc->c->a, "%s gets %s written out "
							   "literally", *name ? name : "the command",
							   tok));

		if (f)
			f->any_purpose = true;
		return;
	}
	for (size_t i = 0; npm_key && i < sizeof(npm_keys) / sizeof(npm_keys[0]); i++) {
		const char *k = strstr(w->text, npm_keys[i]);

		if (k && literal(w, k + strlen(npm_keys[i]))) {
			report(sc, arena_printf(sc->c->a, "%s writes a literal npm registry "
						"credential (%.*s)", *name ? name : "the command",
						(int)strcspn(npm_keys[i] + 1, "="), npm_keys[i] + 1));
			return;
		}
	}
}

static void check_text(struct scan *sc, const struct sh_cmd *cmd, const struct sh_word *w)
{
	sc->real = true;
	check_text_(sc, cmd, w);
	sc->real = false;
}

/* npm/yarn/pnpm config set KEY VALUE with an auth KEY. */
static void check_npm_config(struct scan *sc, const struct sh_cmd *cmd)
{
	static const char *const keys[] = {
		"_authToken", "_auth", "_password", "npmAuthToken", "npmAuthIdent", NULL
	};
	const char *name = sh_cmd_name(cmd);
	size_t set;

	if (strcmp(name, "npm") && strcmp(name, "yarn") && strcmp(name, "pnpm"))
		return;
	set = sh_cmd_find_arg(cmd, "set");
	if (!sh_cmd_find_arg(cmd, "config") || !set || set + 2 >= cmd->argc)
		return;
	for (size_t i = 0; keys[i]; i++) {
		const char *k = cmd->argv[set + 1].text;
		size_t kl = strlen(k), l = strlen(keys[i]);

		if (kl >= l && str_eq(k + kl - l, keys[i]) && (kl == l || k[kl - l - 1] == ':') &&
		    literal(&cmd->argv[set + 2], cmd->argv[set + 2].text)) {
			report(sc, arena_printf(sc->c->a, "%s config set %s gets a literal secret",
						name, keys[i]));
			return;
		}
	}
}

/* The value of option i: "--opt=value" or the next word. */
static const struct sh_word *opt_value(const struct sh_cmd *cmd, size_t i, const char **v)
{
	const char *eq = strchr(cmd->argv[i].text, '=');

	if (eq) {
		*v = eq + 1;
		return &cmd->argv[i];
	}
	if (i + 1 >= cmd->argc || cmd->argv[i + 1].text[0] == '-')
		return NULL;
	*v = cmd->argv[i + 1].text;
	return &cmd->argv[i + 1];
}

static void check_options(struct scan *sc, const struct sh_cmd *cmd)
{
	const char *name = sh_cmd_name(cmd);
	bool mysql = name[0] == 'm' && name_in(name, mysql_clients);
	bool curl = str_eq(name, "curl");
	/* docker login -p, podman login -p, helm registry login -p */
	static const char *const loggers[] = {
		"docker", "podman", "buildah", "skopeo", "nerdctl", "helm", "oras", "crane", NULL
	};
	bool login = name_in(name, loggers) && sh_cmd_find_arg(cmd, "login");

	/* echo and printf print their arguments: "--token" there is text. */
	if ((name[0] && char_in(name[0], "pcdrvug") &&
	     (name_in(name, pg_clients) || name_in(name, hash_takers))) || str_eq(name, "echo") ||
	    str_eq(name, "printf"))
		return;
	for (size_t i = 1; i < cmd->argc; i++) {
		const struct sh_word *w = &cmd->argv[i], *vw;
		const char *t = w->text, *v;

		if (str_eq(t, "--"))
			break;
		if (t[0] != '-')
			continue;
		if (t[1] == '-') {
			size_t ol = strcspn(t, "=");

			if (curl && ((ol == 6 && !strncmp(t, "--user", 6)) ||
				     (ol == 12 && !strncmp(t, "--proxy-user", 12)))) {
				vw = opt_value(cmd, i, &v);
				if (vw && literal(vw, v) && strchr(v, ':') && strchr(v, ':')[1])
					report(sc, arena_printf(sc->c->a, "curl %.*s gets a literal "
								"user:password", (int)ol, t));
				continue;
			}
			if (!opt_name_is_secret(t + 2))
				continue;
			/* mysql --password without = prompts; the next word is not it. */
			if (mysql && !strchr(t, '='))
				continue;
			vw = opt_value(cmd, i, &v);
			if (vw && literal(vw, v) && v[0] != '/')
				report(sc, arena_printf(sc->c->a, "%s %.*s gets a literal secret",
							name, (int)strcspn(t, "="), t));
			continue;
		}
		/* Short options: -pSECRET for the MySQL clients, -p X for logins, curl -u. */
		if (mysql && t[1] == 'p' && t[2] && literal(w, t + 2)) {
			report(sc, arena_printf(sc->c->a, "%s -p gets a literal password", name));
		} else if (login && str_eq(t, "-p")) {
			vw = opt_value(cmd, i, &v);
			if (vw && literal(vw, v))
				report(sc, arena_printf(sc->c->a, "%s login -p gets a literal password",
							name));
		} else if (curl && t[1] == 'u') {
			if (t[2]) {
				v = t + 2;
				vw = w;
			} else if (i + 1 < cmd->argc) {
				v = cmd->argv[i + 1].text;
				vw = &cmd->argv[i + 1];
			} else {
				continue;
			}
			if (literal(vw, v) && strchr(v, ':') && strchr(v, ':')[1])
				report(sc, "curl -u gets a literal user:password");
		}
	}
}

/* Commands that run another command: the shell parser emits that command
 * (or the -c script's commands) on its own, so its words are checked there. */
static const char *const runners[] = {
	"su", "runuser", "sudo", "env",
	"nice", "nohup", "exec", "time", "command", "xargs", "gosu", "su-exec", "tini",
	"dumb-init", "timeout", NULL
};

static void check_cmd(struct scan *sc, const struct sh_cmd *cmd)
{
	const char *name = sh_cmd_name(cmd);

	for (size_t k = 0; k < cmd->nassigns; k++) {
		check_assign(sc, &cmd->assigns[k], cmd->argc ? name : NULL);
		check_text(sc, cmd, &cmd->assigns[k]);
	}
	if (str_eq(name, "export") || str_eq(name, "declare") || str_eq(name, "typeset") ||
	    str_eq(name, "readonly") || str_eq(name, "local")) {
		for (size_t k = 1; k < cmd->argc; k++)
			if (cmd->argv[k].text[0] != '-')
				check_assign(sc, &cmd->argv[k], NULL);
	}
	if (lex_has(&lex_shells, name) || name_in(name, runners))
		return;
	for (size_t k = 0; k < cmd->argc; k++)
		check_text(sc, cmd, &cmd->argv[k]);
	check_options(sc, cmd);
	check_npm_config(sc, cmd);
}

static void check(struct rule_ctx *c)
{
	const bool *ships = rule_stages_ship(c);

	for (size_t s = 0; s < c->df->nstages; s++) {
		const struct m_stage *st = &c->df->stages[s];
		const struct m_stage *throwaway = ships[s] ? NULL : st;

		for (size_t i = 0; i < st->ninstrs; i++) {
			struct scan sc = { .c = c, .in = &st->instrs[i], .throwaway = throwaway };

			if (sc.in->kind != K_RUN)
				continue;
			for (size_t k = 0; k < sc.in->sh.ncmds; k++)
				check_cmd(&sc, &sc.in->sh.cmds[k]);
		}
	}
}

const struct check check_secret_on_command_line = {
	.rule = &SW0502,
	.dockerfile = check,
};
