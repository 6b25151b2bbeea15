#include "checks/dockerfile/deps.h"

#include <fnmatch.h>
#include <stdint.h>
#include <string.h>

#include "checks/dockerfile/helpers.h"
#include "util/str.h"

/*
 * One row per package manager: the manifest that must be in the image for
 * its install to work (key, space-separated alternatives, globs allowed),
 * what to copy before it, and the dependency-only step to run then.
 */
struct manager {
	const char *id;
	const char *eco;
	const char *key;
	const char *manifests;
	const char *fetch;
};

static const struct manager managers[] = {
	{ "npm", "node", "package.json", "package.json package-lock.json", "npm ci" },
	{ "yarn", "node", "package.json", "package.json yarn.lock", "yarn install --frozen-lockfile" },
	{ "pnpm", "node", "package.json", "package.json pnpm-lock.yaml", "pnpm install --frozen-lockfile" },
	{ "pnpm-fetch", "node", "pnpm-lock.yaml", "pnpm-lock.yaml", "pnpm fetch" },
	{ "pip-project", "python", "pyproject.toml setup.py", "pyproject.toml", NULL },
	{ "poetry", "python", "pyproject.toml", "pyproject.toml poetry.lock", "poetry install --no-root" },
	{ "pipenv", "python", "Pipfile", "Pipfile Pipfile.lock", "pipenv install --deploy" },
	{ "uv", "python", "pyproject.toml", "pyproject.toml uv.lock",
	  "uv sync --frozen --no-install-project" },
	{ "bundler", "ruby", "Gemfile", "Gemfile Gemfile.lock", "bundle install" },
	{ "composer", "php", "composer.json", "composer.json composer.lock",
	  "composer install --no-scripts --no-autoloader" },
	{ "go", "go", "go.mod", "go.mod go.sum", "go mod download" },
	{ "cargo", "rust", "Cargo.toml", "Cargo.toml Cargo.lock", "cargo fetch" },
	{ "maven", "maven", "pom.xml", "pom.xml", NULL },
	{ "gradle", "gradle", "build.gradle build.gradle.kts", "build.gradle settings.gradle", NULL },
	{ "dotnet", "dotnet", "*.csproj *.fsproj *.vbproj *.sln", "*.csproj", "dotnet restore" },
};

/* Files that describe dependencies or configure their manager: copying
 * them with the manifests doesn't put code in the install's cache key. */
static const char *const manifest_names[] = {
	"package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
	".yarnrc", ".yarnrc.yml", ".yarn", ".npmrc", ".nvmrc", ".node-version",
	"pnpm-lock.yaml", "pnpm-workspace.yaml", ".pnpmfile.cjs", "patches",
	"pyproject.toml", "poetry.lock", "poetry.toml", "setup.py", "setup.cfg",
	"Pipfile", "Pipfile.lock", "uv.lock", ".python-version", "constraints.txt",
	"README.md", "README.rst", "README",
	"Gemfile", "Gemfile.lock", ".ruby-version", ".bundle",
	"composer.json", "composer.lock", "auth.json",
	"go.mod", "go.sum", "go.work", "go.work.sum",
	"Cargo.toml", "Cargo.lock", "rust-toolchain", "rust-toolchain.toml", ".cargo",
	"pom.xml", ".mvn", "mvnw", "gradlew", "gradle", "gradle.properties",
	"settings.gradle", "settings.gradle.kts", "build.gradle", "build.gradle.kts",
	"Directory.Build.props", "Directory.Packages.props", "NuGet.config",
	"nuget.config", "global.json",
	NULL
};

static const char *const manifest_globs[] = {
	"requirements*", "*.csproj", "*.fsproj", "*.vbproj", "*.sln", "*.gemspec",
	"*.gradle", "*.gradle.kts",
	NULL
};

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if ((*list)[0] == s[0] && str_eq(*list, s))
			return true;
	return false;
}

static const struct manager *manager(const char *id)
{
	for (size_t i = 0; i < sizeof(managers) / sizeof(*managers); i++)
		if (str_eq(managers[i].id, id))
			return &managers[i];
	return NULL;
}

/* The last component of p into buf, trailing slashes ignored. */
static const char *base(const char *p, char *buf, size_t size)
{
	size_t n = strlen(p);
	const char *s;

	while (n > 1 && p[n - 1] == '/')
		n--;
	for (s = p + n; s > p && s[-1] != '/'; s--)
		;
	n = (size_t)(p + n - s);
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static bool has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/*
 * Index of the first operand at or after from: options are skipped, and so
 * are the values of the options in vals ("--prefix DIR"). 0 when none.
 */
static size_t operand(const struct sh_cmd *c, size_t from, const char *const *vals)
{
	for (size_t i = from; i < c->argc; i++) {
		const char *t = c->argv[i].text;

		if (str_eq(t, "--"))
			return i + 1 < c->argc ? i + 1 : 0;
		if (t[0] != '-' || !t[1])
			return i;
		if (vals && !strchr(t, '=') && in_list(vals, t))
			i++;
	}
	return 0;
}

static const char *arg(const struct sh_cmd *c, size_t i)
{
	return i && i < c->argc ? c->argv[i].text : NULL;
}

static bool is_any(const char *s, const char *const *list)
{
	return s && in_list(list, s);
}

static void set(struct dep_install *out, const char *id, const char *what)
{
	const struct manager *m = manager(id);

	out->eco = m->eco;
	out->key = m->key;
	out->manifests = m->manifests;
	out->fetch = m->fetch;
	out->what = what;
}

/* "pip", "pip3", "pip3.12" */
static bool is_pip(const char *name)
{
	if (strncmp(name, "pip", 3))
		return false;
	for (name += 3; *name; name++)
		if (!strchr("0123456789.", *name))
			return false;
	return true;
}

/* "python", "python3", "python3.12" */
static bool is_python(const char *name)
{
	if (strncmp(name, "python", 6))
		return false;
	for (name += 6; *name; name++)
		if (!strchr("0123456789.", *name))
			return false;
	return true;
}

/* ".", "./", ".[dev]": the project in the current directory. */
static bool is_here(const char *t)
{
	if (t[0] == '.' && t[1] == '/')
		t++;
	return str_eq(t, ".") || str_eq(t, "/") || !strncmp(t, ".[", 2) || !strncmp(t, "/[", 2);
}

static bool pip_install(struct arena *a, const struct sh_cmd *c, struct dep_install *out)
{
	static const char *const vals[] = {
		"-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f",
		"--find-links", "-t", "--target", "--prefix", "--root", "--src",
		"--platform", "--python-version", "--implementation", "--abi",
		"--no-binary", "--only-binary", "--progress-bar", "--log", "--proxy",
		"--retries", "--timeout", "--cert", "--client-cert", "--cache-dir",
		"--trusted-host", "--upgrade-strategy", "--global-option",
		"--config-settings", "-C", "--python", NULL
	};
	const char *name = sh_cmd_name(c), *shown, *rfile = NULL, *proj = NULL;
	size_t from, sub;

	if (is_pip(name)) {
		from = 1;
		shown = name;
	} else if (is_python(name) && c->argc > 3 && str_eq(c->argv[1].text, "-m") &&
		   is_pip(c->argv[2].text)) {
		from = 3;
		shown = arena_printf(a, "%s -m %s", name, c->argv[2].text);
	} else if (str_eq(name, "uv") && c->argc > 2 && str_eq(c->argv[1].text, "pip")) {
		from = 2;
		shown = "uv pip";
	} else {
		return false;
	}
	sub = operand(c, from, vals);
	if (!sub || strcmp(c->argv[sub].text, "install"))
		return false;
	for (size_t k = sub + 1; k < c->argc && !rfile; k++) {
		const struct sh_word *w = &c->argv[k];
		const char *t = w->text;

		if (str_eq(t, "-r") || str_eq(t, "--requirement")) {
			if (k + 1 < c->argc && !c->argv[k + 1].has_subst)
				rfile = c->argv[k + 1].text;
			k++;
		} else if (!strncmp(t, "--requirement=", 14)) {
			if (!w->has_subst)
				rfile = t + 14;
		} else if (t[0] == '-' && t[1] == 'r' && t[2]) {
			if (!w->has_subst)
				rfile = t + 2;
		} else if (str_eq(t, "-e") || str_eq(t, "--editable")) {
			if (k + 1 < c->argc && is_here(c->argv[k + 1].text))
				proj = arena_printf(a, "%s %s", t, c->argv[k + 1].text);
			k++;
		} else if (!strncmp(t, "--editable=", 11)) {
			if (is_here(t + 11))
				proj = t;
		} else if (t[0] == '-') {
			if (!strchr(t, '=') && in_list(vals, t))
				k++;
		} else if (is_here(t)) {
			proj = t;
		}
	}
	if (rfile && *rfile) {
		out->eco = "python";
		out->key = rfile;
		/* -r /tmp/requirements.txt: the context file is requirements.txt */
		out->manifests = rfile[0] == '/' ? strrchr(rfile, '/') + 1 : rfile;
		while (out->manifests[0] == '.' && out->manifests[1] == '/')
			out->manifests += 2;
		if (!*out->manifests)
			out->manifests = rfile;
		out->what = arena_printf(a, "%s install -r %s", shown, rfile);
		out->fetch = out->what;
		return true;
	}
	if (proj) {
		set(out, "pip-project", arena_printf(a, "%s install %s", shown, proj));
		out->build = true;
		return true;
	}
	return false;
}

/* A package file given by a relative path: from the context, not a repo. */
static bool local_pkgfile(const struct sh_word *w, bool any_name)
{
	const char *t = w->text;
	size_t n = strlen(t);

	if (w->has_subst || !n || t[0] == '/' || t[0] == '-' || strstr(t, "://"))
		return false;
	if (any_name)
		return true;
	return (n > 4 && (str_eq(t + n - 4, ".deb") || str_eq(t + n - 4, ".rpm") ||
			  str_eq(t + n - 4, ".apk")));
}

static bool pkgfile(struct arena *a, const struct sh_cmd *c, struct dep_install *out)
{
	const char *name = sh_cmd_name(c);
	const char *shown = NULL, *sub = NULL;
	bool any_name = false;
	size_t start = 1;

	/* Only apt*, apk, rpm, dpkg, dnf, microdnf, yum and tdnf are read:
	 * most commands are none of them, and this runs for each. */
	if (!*name || !char_in(name[0], "admrty") || (name[0] == 'a' && name[1] != 'p'))
		return false;
	if (str_eq(name, "dpkg")) {
		if (!sh_cmd_has_opt(c, "-i") && !sh_cmd_has_opt(c, "--install"))
			return false;
		shown = "dpkg -i";
		any_name = true;
	} else if (str_eq(name, "rpm")) {
		if (sh_cmd_has_opt(c, "-q") || sh_cmd_has_opt(c, "-e") || sh_cmd_has_opt(c, "-V"))
			return false;
		if (!sh_cmd_has_opt(c, "-i") && !sh_cmd_has_opt(c, "-U") &&
		    !sh_cmd_has_opt(c, "-F") && !sh_cmd_has_opt(c, "--install") &&
		    !sh_cmd_has_opt(c, "--upgrade"))
			return false;
		shown = "rpm -i";
	} else {
		sub = sh_cmd_subcommand(c);
		if (!sub || str_eq(name, "zypper") || str_eq(name, "aptitude"))
			return false;
		if (str_eq(name, "apt-get") || str_eq(name, "apt") || str_eq(name, "dnf") ||
		    str_eq(name, "yum") || str_eq(name, "microdnf") || str_eq(name, "tdnf")) {
			if (strcmp(sub, "install"))
				return false;
		} else if (str_eq(name, "apk")) {
			if (strcmp(sub, "add"))
				return false;
		} else {
			return false;
		}
		start = sh_cmd_find_arg(c, sub) + 1;
	}
	for (size_t i = start; i < c->argc; i++) {
		if (!local_pkgfile(&c->argv[i], any_name))
			continue;
		if (!shown)
			shown = arena_printf(a, "%s %s", name, sub);
		out->eco = arena_printf(a, "pkgfile:%s", c->argv[i].text);
		out->key = c->argv[i].text;
		out->manifests = c->argv[i].text;
		while (out->manifests[0] == '.' && out->manifests[1] == '/')
			out->manifests += 2;
		out->what = arena_printf(a, "%s %s", shown, c->argv[i].text);
		out->pkgfile = true;
		return true;
	}
	return false;
}

static bool install_of(struct arena *a, const struct sh_cmd *c, struct dep_install *out);

/* SW0301 and SW0302 ask of every command twice each: the answers, while the
 * commands stay put (cmd_memo_epoch), per thread; the strings are in a. */
#define DEP_MEMO 128
static _Thread_local struct dep_memo {
	const struct sh_cmd *c;
	struct arena *a;
	unsigned epoch;
	bool is;
	struct dep_install d;
} dep_memo[DEP_MEMO];

bool dep_install_of(struct arena *a, const struct sh_cmd *c, struct dep_install *out)
{
	struct dep_memo *e = &dep_memo[((uintptr_t)c / sizeof(*c)) % DEP_MEMO];
	unsigned epoch = cmd_memo_epoch();

	if (!epoch)
		return install_of(a, c, out);
	if (e->c != c || e->a != a || e->epoch != epoch) {
		e->is = install_of(a, c, &e->d);
		e->c = c;
		e->a = a;
		e->epoch = epoch;
	}
	*out = e->d;
	return e->is;
}

static bool install_of(struct arena *a, const struct sh_cmd *c, struct dep_install *out)
{
	static const char *const npm_vals[] = { "--prefix", "-C", "--workspace", "-w", "--cache", NULL };
	static const char *const yarn_vals[] = {
		"--cwd", "--modules-folder", "--cache-folder", "--mutex", "--network-timeout", NULL
	};
	static const char *const pnpm_vals[] = { "-C", "--dir", "--filter", "-F", NULL };
	static const char *const poetry_vals[] = { "-C", "--directory", "-P", "--project", NULL };
	static const char *const bundle_vals[] = {
		"--jobs", "-j", "--path", "--without", "--with", "--gemfile", "--retry", NULL
	};
	static const char *const go_vals[] = { "-C", NULL };
	static const char *const dotnet_vals[] = { "-c", "--configuration", "-o", "--output",
		"-r", "--runtime", "-s", "--source", "-f", "--framework", NULL };
	static const char *const mvn_vals[] = {
		"-f", "--file", "-s", "--settings", "-gs", "--global-settings", "-P",
		"--activate-profiles", "-pl", "--projects", "-T", "--threads", "-rf",
		"--resume-from", "-l", "--log-file", "-t", "--toolchains", "-D", NULL
	};
	static const char *const gradle_vals[] = {
		"-p", "--project-dir", "-x", "--exclude-task", "-b", "--build-file", "-c",
		"--settings-file", "-g", "--gradle-user-home", "-D", "-P", "--init-script",
		"-I", NULL
	};
	static const char *const ci_words[] = {
		"ci", "clean-install", "install", "i", "isntall", NULL
	};
	static const char *const gradle_tasks[] = {
		"build", "assemble", "dependencies", "bootJar", "bootWar", "shadowJar",
		"installDist", "jar", "war", NULL
	};
	const char *name, *sub;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!c || !c->argc)
		return false;
	name = sh_cmd_name(c);
	/* Every name handled below starts with one of these: most commands of
	 * a script are none of them, and this runs for each. */
	if (!*name || !char_in(name[0], "bcdgmnpuy"))
		return pkgfile(a, c, out);

	if (str_eq(name, "npm")) {
		i = operand(c, 1, npm_vals);
		sub = arg(c, i);
		if (!is_any(sub, ci_words))
			return false;
		/* A global tool install doesn't read the project's manifest. */
		if (sh_cmd_has_opt(c, "-g") || sh_cmd_has_opt(c, "--global") ||
		    sh_cmd_find_arg(c, "--location=global"))
			return false;
		set(out, "npm", arena_printf(a, "npm %s", sub));
		out->with_packages = strcmp(sub, "ci") && operand(c, i + 1, npm_vals);
		return true;
	}
	if (str_eq(name, "yarn")) {
		sub = arg(c, operand(c, 1, yarn_vals));
		if (sub && strcmp(sub, "install"))
			return false;
		set(out, "yarn", sub ? "yarn install" : "yarn");
		return true;
	}
	if (str_eq(name, "pnpm")) {
		i = operand(c, 1, pnpm_vals);
		sub = arg(c, i);
		if (is_any(sub, (const char *const[]){ "fetch", NULL })) {
			set(out, "pnpm-fetch", "pnpm fetch");
			return true;
		}
		if (!is_any(sub, (const char *const[]){ "install", "i", NULL }))
			return false;
		set(out, "pnpm", arena_printf(a, "pnpm %s", sub));
		out->with_packages = operand(c, i + 1, pnpm_vals) != 0;
		return true;
	}
	if (pip_install(a, c, out))
		return true;
	if (str_eq(name, "poetry")) {
		sub = arg(c, operand(c, 1, poetry_vals));
		if (!is_any(sub, (const char *const[]){ "install", "sync", NULL }))
			return false;
		set(out, "poetry", arena_printf(a, "poetry %s", sub));
		return true;
	}
	if (str_eq(name, "pipenv")) {
		i = operand(c, 1, NULL);
		sub = arg(c, i);
		if (!is_any(sub, (const char *const[]){ "install", "sync", NULL }))
			return false;
		set(out, "pipenv", arena_printf(a, "pipenv %s", sub));
		out->with_packages = operand(c, i + 1, NULL) != 0;
		return true;
	}
	if (str_eq(name, "uv")) {
		sub = arg(c, operand(c, 1, NULL));
		if (!is_any(sub, (const char *const[]){ "sync", NULL }))
			return false;
		set(out, "uv", "uv sync");
		return true;
	}
	if (str_eq(name, "bundle") || str_eq(name, "bundler")) {
		sub = arg(c, operand(c, 1, bundle_vals));
		if (sub && strcmp(sub, "install"))
			return false;
		set(out, "bundler", sub ? arena_printf(a, "%s install", name) : name);
		return true;
	}
	/* php composer.phar install: the phar the composer image ships */
	if (str_eq(name, "composer") ||
	    (str_eq(name, "php") && c->argc > 1 &&
	     (str_eq(sh_word_base_slow(&c->argv[1]), "composer.phar") ||
	      str_eq(sh_word_base_slow(&c->argv[1]), "composer")))) {
		sub = arg(c, operand(c, str_eq(name, "php") ? 2 : 1, NULL));
		if (!is_any(sub, (const char *const[]){ "install", NULL }))
			return false;
		set(out, "composer", "composer install");
		return true;
	}
	if (str_eq(name, "go")) {
		i = operand(c, 1, go_vals);
		sub = arg(c, i);
		if (is_any(sub, (const char *const[]){ "mod", NULL }) &&
		    is_any(arg(c, operand(c, i + 1, NULL)), (const char *const[]){ "download", NULL })) {
			set(out, "go", "go mod download");
			return true;
		}
		if (!is_any(sub, (const char *const[]){ "build", NULL }))
			return false;
		set(out, "go", "go build");
		out->build = true;
		return true;
	}
	if (str_eq(name, "cargo")) {
		i = operand(c, 1, NULL);
		if (arg(c, i) && arg(c, i)[0] == '+')	/* cargo +nightly build */
			i = operand(c, i + 1, NULL);
		sub = arg(c, i);
		/* cargo-chef: `cargo chef cook` builds the dependencies of a
		 * recipe.json before the code is copied */
		if (str_eq_null(sub, "chef") && str_eq_null(arg(c, operand(c, i + 1, NULL)), "cook")) {
			set(out, "cargo", "cargo chef cook");
			return true;
		}
		if (!is_any(sub, (const char *const[]){ "build", "fetch", NULL }))
			return false;
		set(out, "cargo", arena_printf(a, "cargo %s", sub));
		out->build = str_eq(sub, "build");
		return true;
	}
	if (str_eq(name, "mvn") || str_eq(name, "mvnw")) {
		const char *shown = c->argv[0].text;

		for (i = operand(c, 1, mvn_vals); i; i = operand(c, i + 1, mvn_vals)) {
			const char *g = c->argv[i].text, *colon = strrchr(g, ':');
			bool fetch = colon && (str_eq(colon, ":go-offline") ||
					       str_eq(colon, ":resolve") ||
					       str_eq(colon, ":resolve-plugins"));

			if (!fetch && !is_any(g, (const char *const[]){
					"package", "install", "verify", "compile", NULL }))
				continue;
			set(out, "maven", arena_printf(a, "%s %s", shown, g));
			out->fetch = arena_printf(a, "%s dependency:go-offline", shown);
			out->build = !fetch;
			return true;
		}
		return false;
	}
	if (str_eq(name, "gradle") || str_eq(name, "gradlew")) {
		const char *shown = c->argv[0].text;

		for (i = operand(c, 1, gradle_vals); i; i = operand(c, i + 1, gradle_vals)) {
			const char *t = c->argv[i].text, *colon = strrchr(t, ':');

			if (!is_any(colon ? colon + 1 : t, gradle_tasks))
				continue;
			set(out, "gradle", arena_printf(a, "%s %s", shown, t));
			out->fetch = arena_printf(a, "%s dependencies", shown);
			out->build = strcmp(colon ? colon + 1 : t, "dependencies") != 0;
			return true;
		}
		return false;
	}
	if (str_eq(name, "dotnet")) {
		sub = arg(c, operand(c, 1, dotnet_vals));
		if (!is_any(sub, (const char *const[]){ "restore", "publish", "build", NULL }))
			return false;
		set(out, "dotnet", arena_printf(a, "dotnet %s", sub));
		out->build = strcmp(sub, "restore") != 0;
		return true;
	}
	return pkgfile(a, c, out);
}

bool dep_whole_context(const char *src)
{
	const char *s = src;
	size_t n;

	/* Sources are relative to the context root: "/", "./" and "." are all of it. */
	while (s[0] == '.' && s[1] == '/')
		for (s += 2; *s == '/'; s++)
			;
	n = strlen(s);
	while (n && s[n - 1] == '/')
		n--;
	if (!n)
		return *src != '\0';
	return n == 1 && (s[0] == '.' || s[0] == '*');
}

bool dep_whole_context_copy(const struct m_instr *in)
{
	if ((in->kind != K_COPY && in->kind != K_ADD) || in->copy_from)
		return false;
	for (size_t i = 0; i + 1 < in->nwords; i++)
		if (dep_whole_context(in->words[i]))
			return true;
	return false;
}

bool dep_manifest_source(const char *src)
{
	char b[256];

	base(src, b, sizeof(b));
	if (in_list(manifest_names, b))
		return true;
	for (size_t i = 0; manifest_globs[i]; i++) {
		if (!fnmatch(manifest_globs[i], b, 0) || str_eq(manifest_globs[i], b))
			return true;
	}
	/* COPY package*.json ./ */
	if (has_glob(b) && strcmp(b, "*"))
		for (size_t i = 0; manifest_names[i]; i++)
			if (!fnmatch(b, manifest_names[i], 0))
				return true;
	return false;
}

/* src names the single key k (see dep_source_names). */
static bool names_one(const char *src, const char *k)
{
	char b[256], kb[256];
	size_t n;

	base(src, b, sizeof(b));
	base(k, kb, sizeof(kb));
	if (!fnmatch(b, kb, 0))
		return true;
	if (has_glob(kb) && (!fnmatch(kb, b, 0) || str_eq(kb, b)))
		return true;
	/* COPY requirements/ ... for -r requirements/base.txt */
	while (src[0] == '.' && src[1] == '/')
		src += 2;
	while (k[0] == '.' && k[1] == '/')
		k += 2;
	n = strlen(src);
	while (n && src[n - 1] == '/')
		n--;
	return n && k[0] != '/' && !strncmp(k, src, n) && k[n] == '/';
}

bool dep_source_names(const char *src, const char *key)
{
	char k[256];

	while (*key) {
		size_t n = strcspn(key, " ");

		if (n && n < sizeof(k)) {
			memcpy(k, key, n);
			k[n] = '\0';
			if (names_one(src, k))
				return true;
		}
		key += n;
		while (*key == ' ')
			key++;
	}
	return false;
}
