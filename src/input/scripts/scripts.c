#include "input/scripts/scripts.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "input/compose/project.h"
#include "input/discover/discover.h"
#include "util/readfile.h"
#include "util/str.h"
#include "lexicon/lexicon.h"


static bool isalnum_c(char c)
{
	return isalnum((unsigned char)c);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool yaml_ext(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && str_eq(name + n - 4, ".yml")) || (n > 5 && str_eq(name + n - 5, ".yaml"));
}

int script_kind_of(const char *path)
{
	const char *b = base_name(path);
	size_t bl = strlen(b), pl = strlen(path);

	if (str_eq(b, "Makefile") || str_eq(b, "makefile") || str_eq(b, "GNUmakefile") ||
	    (bl > 3 && str_eq(b + bl - 3, ".mk")))
		return SCRIPT_MAKEFILE;
	if (str_eq(b, "Jenkinsfile") || !strncmp(b, "Jenkinsfile.", 12) ||
	    (bl > 12 && str_eq(b + bl - 12, ".jenkinsfile")))
		return SCRIPT_JENKINSFILE;
	if (str_eq(b, ".gitlab-ci.yml") || str_eq(b, ".gitlab-ci.yaml") ||
	    str_eq(b, ".travis.yml") || str_eq(b, "bitbucket-pipelines.yml") ||
	    str_eq(b, "azure-pipelines.yml") || str_eq(b, "azure-pipelines.yaml") ||
	    str_eq(b, ".drone.yml"))
		return SCRIPT_CI_YAML;
	if (yaml_ext(b) && (size_t)(b - path) >= 18 &&
	    !strncmp(b - 18, ".github/workflows/", 18) && (b - path == 18 || b[-19] == '/'))
		return SCRIPT_CI_YAML;
	if (pl >= 20 && str_eq(path + pl - 20, ".circleci/config.yml") &&
	    (pl == 20 || path[pl - 21] == '/'))
		return SCRIPT_CI_YAML;
	if ((bl > 3 && str_eq(b + bl - 3, ".sh")) || (bl > 5 && str_eq(b + bl - 5, ".bash")))
		return SCRIPT_SHELL;
	return -1;
}

/* A #! line naming a POSIX-family shell, directly or through env. */
static bool shell_shebang(const char *path)
{
	char line[160], *p, *w;
	FILE *fp = fopen(path, "r");
	bool ok = false;

	if (!fp)
		return false;
	if (fgets(line, sizeof(line), fp) && line[0] == '#' && line[1] == '!') {
		p = line + 2;
		for (int k = 0; k < 3; k++) {
			while (*p == ' ' || *p == '\t')
				p++;
			w = p;
			while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
				p++;
			if (*p)
				*p++ = '\0';
			if (!*w)
				break;
			w = (char *)base_name(w);
			if (str_eq(w, "env") || w[0] == '-')
				continue;	/* #!/usr/bin/env [-S] bash */
			ok = lex_has(&lex_shells, w);
			break;
		}
	}
	fclose(fp);
	return ok;
}

static void add_script(struct arena *a, struct script_set *out, const char *path,
		       enum script_kind kind)
{
	const char *why;
	size_t len, lines = 0;
	char *buf;
	struct script *s;

	if (out->n >= MAX_SCRIPTS) {
		/* Said by the caller (struct script_set): never a silent pass. */
		if (!out->ndropped++)
			out->first_dropped = display_path(a, path);
		return;
	}
	buf = read_file(a, path, &len, &why);
	if (!buf || memchr(buf, '\0', len))
		return;	/* unreadable, too big or binary: not a script to read */
	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	s = ARENA_PUSH(a, out->scripts, out->n, out->cap);
	s->path = display_path(a, path);
	s->text = buf;
	s->len = len;
	s->nlines = lines + (len && buf[len - 1] != '\n');
	s->kind = kind;
}

/* The folders discover walked (see struct dir_node): their entries are
 * known, with types, so this reads no folder again. */
static void walk(struct arena *a, const struct dir_node *node, struct script_set *out)
{
	const char *dir = node->path;

	/* As deep as discover walked (DISCOVER_MAX_DEPTH), which says where
	 * it stopped: no limit of its own to pass over scripts silently. */
	for (size_t i = 0; i < node->n; i++) {
		const char *name = node->ents[i].name;
		const char *path = !strcmp(dir, ".") ? name : arena_path_join(a, dir, name);
		unsigned char type = discover_type(path, node->ents[i].type);
		bool have_st = false;
		struct stat st;
		int kind;

		if (type == DT_DIR) {
			/* The walk skipped .git, node_modules and vendor, and never
			 * followed a symlink (DT_LNK), so there are no loops. */
			if (node->sub[i])
				walk(a, node->sub[i], out);
			continue;
		}
		if (type == DT_LNK) {
			if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
				continue;
			have_st = true;
		} else if (type != DT_REG) {
			continue;
		}
		if (node->ents[i].kind == INPUT_COMPOSE)
			out->has_compose = true;
		kind = script_kind_of(path);
		/* Only scripts by name, and files without an extension (which
		 * may be executables with a #!), are worth a stat. */
		if (kind < 0 && strchr(name, '.'))
			continue;
		if (!have_st && stat(path, &st) < 0)
			continue;
		if (st.st_size > (off_t)READ_MAX)
			continue;
		/* Scripts without a .sh name: executable, no extension, #!. */
		if (kind < 0 && (st.st_mode & 0111) && shell_shebang(path))
			kind = SCRIPT_SHELL;
		if (kind >= 0)
			add_script(a, out, path, (enum script_kind)kind);
	}
}

void scripts_discover_tree(struct arena *a, const struct dir_node *root, struct script_set *out)
{
	if (root)
		walk(a, root, out);
}

void scripts_discover(struct arena *a, const char *dir, struct script_set *out)
{
	struct stat st;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		walk(a, discover_tree(a, dir), out);
}

/* --- docker commands ------------------------------------------------- */

struct scan {
	struct arena *a;
	const struct script *s;
	/* script_cmds: every command of the parts that mention one of words
	 * (NULL: docker, podman) goes to cv; else docker commands go to v. */
	bool generic;
	const char *const *words;
	struct docker_cmd *v;
	size_t n, cap;
	struct script_cmd *cv;
	size_t cn, ccap;
	/* The next session number; a group (the prompt lines of one Markdown
	 * block) shares group_session, and is parsed when the whole block
	 * mentions a word (group_match). */
	unsigned session, group_session;
	bool grouped, group_match;
	/* Line counting resumes where the last position was found. */
	size_t last_off, last_bol;
	unsigned last_line;
};

static struct y_pos pos_of(struct scan *sc, size_t off)
{
	const struct script *s = sc->s;
	struct y_pos p = { s->path, 1, 1 };
	size_t i = 0, bol = 0;

	if (off > s->len)
		off = s->len;
	if (sc->last_line && off < sc->last_off) {
		/* Back a little (the commands of a $(...) come before the one
		 * around them): count back rather than start over, so that a
		 * script of many such lines stays linear. */
		bool crossed = false;

		p.line = sc->last_line;
		for (i = sc->last_off; i > off; i--)
			if (s->text[i - 1] == '\n') {
				p.line--;
				crossed = true;
			}
		bol = sc->last_bol;
		if (crossed)
			for (bol = off; bol > 0 && s->text[bol - 1] != '\n'; bol--)
				;
		i = off;
	} else if (sc->last_line) {
		i = sc->last_off;
		bol = sc->last_bol;
		p.line = sc->last_line;
	}
	for (; i < off; i++)
		if (s->text[i] == '\n') {
			p.line++;
			bol = i + 1;
		}
	sc->last_off = off;
	sc->last_bol = bol;
	sc->last_line = p.line;
	p.col = (unsigned)(off - bol) + 1;
	return p;
}

static bool word_is(const struct sh_word *w, const char *s)
{
	return str_eq(w->text, s);
}

static bool in_list(const char *s, const char *const *list)
{
	for (size_t k = 0; list[k]; k++)
		if (str_eq(s, list[k]))
			return true;
	return false;
}

/* Whether c runs docker or podman. sh_parse already lists the command a
 * wrapper (sudo, env, nohup, timeout...) runs as a command of its own. */
static bool is_docker(const struct sh_cmd *c)
{
	const char *w = sh_cmd_name(c);

	return str_eq(w, "docker") || str_eq(w, "podman");
}

/* Options of docker run/create that take no value. */
static const char *const run_bool_long[] = {
	"detach", "interactive", "tty", "rm", "privileged", "publish-all", "init",
	"read-only", "oom-kill-disable", "no-healthcheck", "sig-proxy",
	"disable-content-trust", "quiet", "help", "use-api-socket", NULL
};

static void run_option(struct docker_cmd *d, const char *name, const char *val)
{
	if (str_eq(name, "name"))
		d->name = val;
	else if (str_eq(name, "publish"))
		d->publish = true;
	else if ((str_eq(name, "network") || str_eq(name, "net")) && val && strcmp(val, "none"))
		d->network = true;
	else if (str_eq(name, "restart") && val && strcmp(val, "no"))
		d->restart = true;
	else if (str_eq(name, "link"))
		d->link = true;
}

/* Reads docker run/create options from argv[i]; returns the image index. */
static size_t parse_run(const struct sh_cmd *c, size_t i, struct docker_cmd *d)
{
	while (i < c->argc) {
		const char *w = c->argv[i].text;

		if (str_eq(w, "--"))
			return i + 1;
		if (w[0] != '-' || !w[1])
			return i;
		if (w[1] == '-') {
			const char *eq = strchr(w, '=');
			char name[48];
			size_t nl = eq ? (size_t)(eq - w - 2) : strlen(w + 2);

			if (nl >= sizeof(name))
				nl = sizeof(name) - 1;
			memcpy(name, w + 2, nl);
			name[nl] = '\0';
			if (in_list(name, run_bool_long)) {
				d->detach |= str_eq(name, "detach");
				d->publish |= str_eq(name, "publish-all");
				d->rm |= str_eq(name, "rm");
				i++;
				continue;
			}
			if (eq) {
				run_option(d, name, eq + 1);
				i++;
			} else {
				run_option(d, name, i + 1 < c->argc ? c->argv[i + 1].text : NULL);
				i += 2;
			}
			continue;
		}
		/* A short cluster: -dit, -p8080:80, -e X. */
		for (const char *p = w + 1; *p; p++) {
			if (strchr("ditqP", *p)) {
				d->detach |= *p == 'd';
				d->publish |= *p == 'P';
				continue;
			}
			/* -p takes a value, like every other short option here. */
			d->publish |= *p == 'p';
			if (!p[1])
				i++;
			break;
		}
		i++;
	}
	return i;
}

bool script_docker_global_value(const char *opt)
{
	static const char *const global_val[] = {
		"-H", "--host", "-c", "--context", "--config", "-l", "--log-level",
		"--tlscacert", "--tlscert", "--tlskey", "--url", "--connection", NULL
	};

	return in_list(opt, global_val);
}

/* Fills d when c creates or starts containers, networks or volumes. */
static bool docker_cmd_of(const struct sh_cmd *c, struct docker_cmd *d)
{
	size_t k;

	if (!is_docker(c))
		return false;
	for (k = 1; k < c->argc && c->argv[k].text[0] == '-'; k++)
		if (script_docker_global_value(c->argv[k].text))
			k++;
	if (k >= c->argc)
		return false;
	memset(d, 0, sizeof(*d));
	d->cmd = c;
	if (word_is(&c->argv[k], "container") && k + 1 < c->argc)
		k++;
	else if ((word_is(&c->argv[k], "network") || word_is(&c->argv[k], "volume")) &&
		 k + 1 < c->argc && word_is(&c->argv[k + 1], "create")) {
		d->verb = word_is(&c->argv[k], "network") ? "network create" : "volume create";
		return true;
	}
	if (word_is(&c->argv[k], "run") || word_is(&c->argv[k], "create")) {
		size_t img;

		d->verb = word_is(&c->argv[k], "run") ? "run" : "create";
		img = parse_run(c, k + 1, d);
		d->image = img < c->argc ? c->argv[img].text : NULL;
		return true;
	}
	if (word_is(&c->argv[k], "start")) {
		d->verb = "start";
		for (size_t i = k + 1; i < c->argc; i++) {
			const char *w = c->argv[i].text;

			if (str_eq(w, "--checkpoint") || str_eq(w, "--checkpoint-dir") ||
			    str_eq(w, "--detach-keys")) {
				i++;
				continue;
			}
			if (w[0] != '-') {
				d->name = w;
				break;
			}
		}
		return true;
	}
	return false;
}

/* Documentation writes <name> for what the reader fills in; to the shell
 * that is two redirections. A copy of t with each <word> as {word}: the
 * same length, so offsets hold, and one word, unknown to the reader. */
static const char *md_placeholders(struct arena *a, const char *t, size_t len)
{
	char *c = arena_strndup(a, t, len);

	for (size_t i = 0; i < len; i++) {
		size_t k = i + 1;

		if (c[i] != '<')
			continue;
		while (k < len && (isalnum_c(c[k]) || strchr("_.:/-", c[k])))
			k++;
		if (k < len && k > i + 1 && c[k] == '>') {
			c[i] = '{';
			c[k] = '}';
			i = k;
		}
	}
	return c;
}

static bool mentions(const struct scan *sc, const char *t, size_t len)
{
	static const char *const dflt[] = { "docker", "podman", NULL };

	for (const char *const *w = sc->words ? sc->words : dflt; *w; w++)
		if (memmem(t, len, *w, strlen(*w)))
			return true;
	return false;
}

/* Parses text[start, end) of the script as shell and collects its docker
 * commands (or, for script_cmds, all its commands). */
static void scan_fragment(struct scan *sc, size_t start, size_t end)
{
	const char *t = sc->s->text + start;
	size_t len = end - start;
	unsigned session = sc->grouped ? sc->group_session : sc->session++;
	struct sh_script sh;

	if (end <= start)
		return;
	if (sc->grouped ? !sc->group_match : !mentions(sc, t, len))
		return;
	if (sc->s->kind == SCRIPT_MARKDOWN && memchr(t, '<', len))
		t = md_placeholders(sc->a, t, len);
	sh_parse(sc->a, t, len, &sh);
	for (size_t i = 0; i < sh.ncmds; i++) {
		struct docker_cmd d;

		if (sc->generic) {
			struct script_cmd *c = ARENA_PUSH(sc->a, sc->cv, sc->cn, sc->ccap);

			c->cmd = &sh.cmds[i];
			c->pos = pos_of(sc, start + sh.cmds[i].off);
			c->session = session;
			continue;
		}
		if (!docker_cmd_of(&sh.cmds[i], &d))
			continue;
		d.pos = pos_of(sc, start + sh.cmds[i].off);
		*ARENA_PUSH(sc->a, sc->v, sc->n, sc->cap) = d;
	}
}

static size_t line_end(const struct script *s, size_t i)
{
	const char *nl = memchr(s->text + i, '\n', s->len - i);

	return nl ? (size_t)(nl - s->text) : s->len;
}

/* Recipe lines (tab-indented), with backslash continuations joined. */
static void scan_makefile(struct scan *sc)
{
	const struct script *s = sc->s;

	for (size_t i = 0; i < s->len;) {
		size_t e = line_end(s, i), start = i + 1;

		if (s->text[i] != '\t') {
			/* A variable or rule line may continue too: skip it whole. */
			while (e > i && e < s->len && s->text[e - 1] == '\\')
				e = line_end(s, e + 1);
			i = e + 1;
			continue;
		}
		while (start < e && strchr("@+- \t", s->text[start]))
			start++;
		while (e < s->len && e > start && s->text[e - 1] == '\\')
			e = line_end(s, e + 1);
		scan_fragment(sc, start, e);
		i = e + 1;
	}
}

static bool ci_key(const char *k, size_t n)
{
	static const char *const keys[] = {
		"run", "script", "scripts", "before_script", "after_script", "command",
		"commands", "bash", "sh", "before_install", "install", "before_script",
		"after_success", "deploy_script", "cmds", "cmd", NULL
	};

	for (size_t i = 0; keys[i]; i++)
		if (strlen(keys[i]) == n && !strncmp(k, keys[i], n))
			return true;
	return false;
}

/* A scalar at text[b, e): the fragment inside its quotes, comment dropped. */
static void scan_scalar(struct scan *sc, size_t b, size_t e)
{
	const char *t = sc->s->text;

	while (b < e && (t[b] == ' ' || t[b] == '\t'))
		b++;
	while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
		e--;
	if (b < e && (t[b] == '"' || t[b] == '\'')) {
		char q = t[b];

		for (size_t k = b + 1; k < e; k++)
			if (t[k] == q) {
				e = k;
				break;
			}
		b++;
	} else {
		for (size_t k = b; k < e; k++)
			if (t[k] == '#' && k > b && (t[k - 1] == ' ' || t[k - 1] == '\t')) {
				e = k;
				break;
			}
	}
	scan_fragment(sc, b, e);
}

/*
 * CI YAML embeds shell: the values of run:/script:/command: keys, the items
 * of such lists, and block scalars (run: |) under them. A line scan is
 * enough, and also reads files a YAML parser would refuse.
 */
static void scan_ci_yaml(struct scan *sc)
{
	const struct script *s = sc->s;
	const char *t = s->text;
	bool block = false, list = false;
	size_t block_indent = 0, list_indent = 0, block_start = 0, block_end = 0;

	for (size_t i = 0;;) {
		bool eof = i >= s->len, blank;
		size_t e = eof ? s->len : line_end(s, i), ind = 0, c, k;

		while (i + ind < e && t[i + ind] == ' ')
			ind++;
		c = i + ind;
		blank = c >= e || t[c] == '\r' || t[c] == '#';
		if (block) {
			if (!eof && (blank || ind > block_indent)) {
				if (!blank) {
					if (!block_start)
						block_start = i;
					block_end = e;
				}
				i = e + 1;
				continue;
			}
			if (block_start)
				scan_fragment(sc, block_start, block_end);
			block = false;
		}
		if (eof)
			break;
		if (blank) {
			i = e + 1;
			continue;
		}
		if (list) {
			if (ind >= list_indent && t[c] == '-' && c + 1 < e && t[c + 1] == ' ') {
				size_t v = c + 2;

				while (v < e && t[v] == ' ')
					v++;
				/* `- run: ...` is a key line, handled below. */
				for (k = v; k < e && (isalnum_c(t[k]) || t[k] == '_' || t[k] == '-'); k++)
					;
				if (!(k < e && t[k] == ':' && (k + 1 == e || t[k + 1] == ' '))) {
					if (t[v] == '|' || t[v] == '>') {
						block = true;
						block_indent = ind;
						block_start = block_end = 0;
					} else {
						scan_scalar(sc, v, e);
					}
					i = e + 1;
					continue;
				}
			} else {
				list = false;
			}
		}
		if (t[c] == '-' && c + 1 < e && t[c + 1] == ' ')
			for (c += 2; c < e && t[c] == ' '; c++)
				;
		for (k = c; k < e && (isalnum_c(t[k]) || t[k] == '_' || t[k] == '-'); k++)
			;
		if (k < e && t[k] == ':' && (k + 1 == e || t[k + 1] == ' ' || t[k + 1] == '\r') &&
		    ci_key(t + c, k - c)) {
			size_t v = k + 1;

			while (v < e && (t[v] == ' ' || t[v] == '\r'))
				v++;
			if (v >= e || t[v] == '#') {
				list = true;
				list_indent = ind;
			} else if (t[v] == '|' || t[v] == '>') {
				block = true;
				block_indent = ind;
				block_start = block_end = 0;
			} else if (t[v] != '[' && t[v] != '{') {
				scan_scalar(sc, v, e);
			}
		}
		i = e + 1;
	}
}

/* sh '...', sh "...", sh """...""" and sh(script: '...') steps. */
static void scan_jenkinsfile(struct scan *sc)
{
	const struct script *s = sc->s;
	const char *t = s->text;

	for (size_t i = 0; i < s->len;) {
		const char *p = memmem(t + i, s->len - i, "sh", 2);
		size_t at, q, e;
		char quote;
		bool triple;

		if (!p)
			break;
		at = (size_t)(p - t);
		i = at + 2;
		if (at > 0 && (isalnum_c(t[at - 1]) || t[at - 1] == '_' || t[at - 1] == '.'))
			continue;
		q = at + 2;
		while (q < s->len && (t[q] == ' ' || t[q] == '\t' || t[q] == '('))
			q++;
		if (q + 7 < s->len && !strncmp(t + q, "script:", 7))
			for (q += 7; q < s->len && (t[q] == ' ' || t[q] == '\t'); q++)
				;
		if (q >= s->len || (t[q] != '\'' && t[q] != '"'))
			continue;
		quote = t[q];
		triple = q + 2 < s->len && t[q + 1] == quote && t[q + 2] == quote;
		q += triple ? 3 : 1;
		for (e = q; e < s->len; e++) {
			if (t[e] == '\\') {
				e++;
				continue;
			}
			if (t[e] == quote &&
			    (!triple || (e + 2 < s->len && t[e + 1] == quote && t[e + 2] == quote)))
				break;
			if (!triple && t[e] == '\n')
				break;
		}
		if (e > s->len)
			e = s->len;
		scan_fragment(sc, q, e);
		i = e + (triple ? 3 : 1);
	}
}

/* --- Markdown -------------------------------------------------------- */

/* A fence's info string that names a shell, a console session or nothing. */
static bool md_shell_info(const char *t, size_t b, size_t e)
{
	static const char *const langs[] = {
		"sh", "bash", "shell", "console", "zsh", "shell-session", "shellsession",
		"sh-session", "bash-session", "terminal", "text", "txt", "plaintext", "plain",
		"cli", NULL
	};
	size_t n;

	while (b < e && (t[b] == ' ' || t[b] == '\t' || t[b] == '{' || t[b] == '.'))
		b++;
	for (n = 0; b + n < e && (isalnum_c(t[b + n]) || t[b + n] == '-'); n++)
		;
	if (!n)
		return true;
	for (size_t k = 0; langs[k]; k++)
		if (strlen(langs[k]) == n && !strncasecmp(t + b, langs[k], n))
			return true;
	return false;
}

/* The end of the line at i, and of the lines after it while one ends in a
 * backslash (a continued command). */
static size_t continued_end(const struct script *s, size_t i)
{
	size_t e = line_end(s, i);

	for (;;) {
		size_t k = e;

		if (k > i && s->text[k - 1] == '\r')
			k--;
		if (e >= s->len || k == i || s->text[k - 1] != '\\')
			return e;
		e = line_end(s, e + 1);
	}
}

/* "$ " or "% " after the indentation: a prompt, followed by a command. */
static size_t md_prompt(const char *t, size_t c, size_t e)
{
	if (c + 1 < e && (t[c] == '$' || t[c] == '%') && t[c + 1] == ' ')
		return c + 2;
	return 0;
}

/* A fenced shell block, text[b, e): whole, or when it shows prompts, the
 * command of each prompt line (one session; the other lines are output). */
static void md_block(struct scan *sc, size_t b, size_t e)
{
	const struct script *s = sc->s;
	const char *t = s->text;
	bool prompts = false;

	for (size_t i = b; i < e && !prompts; i = line_end(s, i) + 1) {
		size_t c = i;

		while (c < e && (t[c] == ' ' || t[c] == '\t'))
			c++;
		prompts = md_prompt(t, c, e) != 0;
	}
	if (!prompts) {
		scan_fragment(sc, b, e);
		return;
	}
	sc->grouped = true;
	sc->group_session = sc->session++;
	sc->group_match = mentions(sc, t + b, e - b);
	for (size_t i = b; i < e;) {
		size_t c = i, p, le;

		while (c < e && (t[c] == ' ' || t[c] == '\t'))
			c++;
		if ((p = md_prompt(t, c, e))) {
			le = continued_end(s, p);
			if (le > e)
				le = e;
			scan_fragment(sc, p, le);
		} else {
			le = line_end(s, i);
		}
		i = le + 1;
	}
	sc->grouped = false;
}

/* `code` spans of the line text[b, e): each one a session of its own. */
static void md_spans(struct scan *sc, size_t b, size_t e)
{
	const char *t = sc->s->text;

	for (size_t i = b; i < e;) {
		size_t n = 0, k;

		if (t[i] != '`') {
			i++;
			continue;
		}
		while (i + n < e && t[i + n] == '`')
			n++;
		/* The closing run: exactly n backticks. */
		for (k = i + n; k < e; k++) {
			size_t m = 0;

			if (t[k] != '`')
				continue;
			while (k + m < e && t[k + m] == '`')
				m++;
			if (m == n)
				break;
			k += m - 1;
		}
		if (k >= e)
			return;	/* unclosed: the rest of the line is text */
		scan_fragment(sc, i + n, k);
		i = k + n;
	}
}

/*
 * Markdown: fenced blocks (``` or ~~~, any indentation) whose info string
 * is a shell or empty; outside them, lines indented by four spaces or a tab
 * (indented code, code under a list item) and `inline code`.
 */
static void scan_markdown(struct scan *sc)
{
	const struct script *s = sc->s;
	const char *t = s->text;
	bool fence = false, shell = false;
	char fch = 0;
	size_t flen = 0, bstart = 0;

	for (size_t i = 0; i < s->len;) {
		size_t e = line_end(s, i), c = i, ind = 0, run = 0;

		while (c < e && (t[c] == ' ' || t[c] == '\t')) {
			ind += t[c] == '\t' ? 4 : 1;
			c++;
		}
		if (c < e && (t[c] == '`' || t[c] == '~'))
			while (c + run < e && t[c + run] == t[c])
				run++;
		if (fence) {
			size_t k = c + run;

			while (k < e && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r'))
				k++;
			if (run >= flen && t[c] == fch && k == e) {
				if (shell)
					md_block(sc, bstart, i);
				fence = false;
			}
			i = e + 1;
			continue;
		}
		if (run >= 3 && !(t[c] == '`' && memchr(t + c + run, '`', e - c - run))) {
			fence = true;
			fch = t[c];
			flen = run;
			shell = md_shell_info(t, c + run, e);
			bstart = e < s->len ? e + 1 : e;
			i = e + 1;
			continue;
		}
		if (ind >= 4) {
			size_t p = md_prompt(t, c, e), le = continued_end(s, p ? p : c);

			scan_fragment(sc, p ? p : c, le);
			i = le + 1;
			continue;
		}
		md_spans(sc, c, e);
		i = e + 1;
	}
	if (fence && shell)
		md_block(sc, bstart, s->len);	/* unclosed: runs to the end */
}

static void scan_script(struct scan *sc)
{
	const struct script *s = sc->s;

	switch (s->kind) {
	case SCRIPT_SHELL:
		scan_fragment(sc, 0, s->len);
		break;
	case SCRIPT_MAKEFILE:
		scan_makefile(sc);
		break;
	case SCRIPT_CI_YAML:
		scan_ci_yaml(sc);
		break;
	case SCRIPT_JENKINSFILE:
		scan_jenkinsfile(sc);
		break;
	case SCRIPT_MARKDOWN:
		scan_markdown(sc);
		break;
	}
}

size_t script_docker_cmds(struct arena *a, const struct script *s, struct docker_cmd **out)
{
	struct scan sc = { 0 };

	sc.a = a;
	sc.s = s;
	scan_script(&sc);
	*out = sc.v;
	return sc.n;
}

size_t script_cmds(struct arena *a, const struct script *s, const char *const *words,
		   struct script_cmd **out)
{
	struct scan sc = { 0 };

	sc.a = a;
	sc.s = s;
	sc.generic = true;
	sc.words = words;
	scan_script(&sc);
	*out = sc.cv;
	return sc.cn;
}
