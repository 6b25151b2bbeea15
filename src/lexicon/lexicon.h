/* What seaworthy knows about the world, as data, each list once: the
 * names of shells, supervisors, daemons, proxies, secret words, log
 * variables, capabilities, databases' ports and the container runtimes'
 * sockets. Checks of every layer (Dockerfile, compose, image, live) and
 * the spec/ predicates look names up here, so they agree; the suite tests
 * every entry (tests/lexicon/). Everything here is static data. */
#ifndef SW_LEXICON_H
#define SW_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

/* A list of words; NULL-terminated. */
struct lexicon {
	const char *name;	/* for tests/lexicon/NAME.txt */
	const char *const *words;
};

/* POSIX-family shells: sh, bash, ash, dash, zsh, ksh, mksh. */
extern const struct lexicon lex_shells;
/* Multi-call binaries that run a shell or a tool by their first argument
 * (busybox sh, busybox sleep). */
extern const struct lexicon lex_multicall;
/* Process supervisors and init systems that run several services. */
extern const struct lexicon lex_supervisors;
/* Procfile runners: they start every process of a Procfile. */
extern const struct lexicon lex_procfile_runners;
/* An init system run as a path (/sbin/init ...). */
extern const struct lexicon lex_init_paths;
/* Minimal inits that only reap zombies and forward signals (tini,
 * dumb-init, docker-init): fine as a container's main process. */
extern const struct lexicon lex_reapers;
/* Servers whose root master process serves as a user of its own
 * (nginx, httpd, php-fpm*, postfix...): a final star matches a prefix
 * (lex_match_ci). */
extern const struct lexicon lex_privdrop_daemons;
/* Log forwarders (syslog-ng, rsyslogd): beside a service, no second one. */
extern const struct lexicon lex_log_forwarders;
/* Their packages (syslog-ng*, rsyslog*; lex_match_ci). */
extern const struct lexicon lex_log_forwarder_packages;
/* SSH servers, as programs. */
extern const struct lexicon lex_ssh_servers;
/* Packages that ship an SSH server. "openssh" is the server on Alpine and
 * Arch; Debian's "ssh" metapackage pulls in openssh-server. */
extern const struct lexicon lex_ssh_packages;
/* Interpreters that run a script named as their first operand. */
extern const struct lexicon lex_interpreters;
/* Image repositories (last component) of web proxies. */
extern const struct lexicon lex_proxy_images;
/* Words that, starting a part of a name, say proxy (reverse-proxy, nginx2). */
extern const struct lexicon lex_proxy_words;
/* DNS and DHCP servers, and mail servers: their images (the repository's
 * last component) and words of service names; a final star matches a
 * prefix (lex_match_ci). They serve the network themselves, not behind a
 * web proxy (struct lex_public_server). */
extern const struct lexicon lex_dns_servers;
extern const struct lexicon lex_mail_servers;
/* Commands that fail on an empty or cut-short input, as "NAME" or "NAME
 * ARG" (the command with that option or operand: -x is tar's extract
 * mode, -d decompresses, -c checks sums): at the end of a pipe, they fail
 * the RUN when the command feeding them fails, pipefail or not
 * (lex_strict_reader). */
extern const struct lexicon lex_strict_readers;
/* Tools that install OS packages with apt themselves, as "WORD ARG..."
 * (playwright install --with-deps). */
extern const struct lexicon lex_apt_installers;
/* Installers piped into an interpreter, "URL-PART FILE": what they write. */
extern const struct lexicon lex_installer_outputs;
/* Words of a name that declare an all-in-one image (aio, multi-process). */
extern const struct lexicon lex_bundle_words;
/* Official OS images (debian, alpine...), whose CMD is a shell. */
extern const struct lexicon lex_os_images;
/* Words of a README's title, or of "is a WORD" in its first paragraph,
 * that make the whole repository a demonstration (PURPOSE_EXAMPLE). */
extern const struct lexicon lex_demo_words;
/* Words that, ending a part of a variable name, make it a secret
 * (PGPASSWORD, AUTH_TOKEN, APIKEY). */
extern const struct lexicon lex_secret_words;
/* Endings of variable names that hold a log location (APP_LOG_DIR). */
extern const struct lexicon lex_log_vars;
/* Command-line options that name a log file or folder (--log-file X). */
extern const struct lexicon lex_log_options;
/* What secret a file holds, by its path and first bytes (buf[0..len)):
 * "a private key", "a .env file", "AWS credentials"... or NULL. With buf
 * NULL (content unknown) only the names that are secrets whatever they
 * hold (.env, id_rsa, .git-credentials) are. */
const char *lex_secret_file(const char *path, const char *buf, size_t len);
/* Whether a file of this name is worth reading for lex_secret_file: one it
 * judges by its content (id_*, .npmrc, .docker/config.json) or key
 * material's extensions (.pem, .key, .crt...). For walks that cannot read
 * every file of a tree. */
bool lex_secret_file_maybe(const char *path);
/* Host folders a bind mount of which hands over the host (/, /etc, /proc,
 * /var/lib/docker...), as normalized absolute paths. */
extern const struct lexicon lex_sensitive_host_paths;
/* System folders a VOLUME should not take over (/etc, /usr...). */
extern const struct lexicon lex_system_folders;
/* Host devices that hand over the host (disks, /dev/mem), for
 * lex_match_ci: a final * matches a prefix. */
extern const struct lexicon lex_host_devices;
/* The container runtimes' API sockets, as normalized absolute paths. */
extern const struct lexicon lex_runtime_sockets;
/* Whether a normalized absolute path is a container runtime's API socket;
 * *docker is set when it is Docker's. */
bool lex_runtime_socket(const char *path, bool *docker);
/* Tags that move over time, like latest: stable, edge, lts, nightly... */
extern const struct lexicon lex_floating_tags;
/* Whether a tag floats: one of its dash-separated words is a floating
 * tag and none starts with a digit (stable-slim, lts-alpine; not
 * stable-20240722). */
bool lex_floating_tag(const char *tag);
/* Whether repo:tag floats: a floating tag, or a tag with no digit at all
 * on an application image (nginx:alpine, python:slim, php:apache: the
 * newest version, with that variant). An OS image's codename
 * (debian:bookworm) names a release, and distroless's user variants
 * (:nonroot) follow one; repo as image_ref_repo gives it. */
bool lex_floating_ref(const char *repo, const char *tag);
/* Repositories whose /bin/sh is BusyBox ash: alpine, busybox. */
extern const struct lexicon lex_busybox_images;
/* Whether an image reference is one of them, or says so in a word of its
 * repository's last component or its tag (node:20-alpine3.20,
 * baseimage-alpine). */
bool lex_busybox_image(const char *ref);
/* Every list above, NULL-terminated, for the tests. */
extern const struct lexicon *const lexicon_lists[];

/* Whether s is one of l's words (exact, case-sensitive). */
bool lex_has(const struct lexicon *l, const char *s);
/* The same, ignoring case. */
bool lex_has_ci(const struct lexicon *l, const char *s);
/* The same, ignoring case, where a word ending in * matches a prefix. */
bool lex_match_ci(const struct lexicon *l, const char *s);
/* Whether the last component of a path ("/usr/bin/bash") is one of l's words. */
bool lex_has_base(const struct lexicon *l, const char *path);

/* Capabilities that reach the host: why adding name (with or without
 * CAP_, any case) does, or NULL for a harmless one. *canon gets its name
 * without CAP_. */
const char *capability_danger(const char *name, const char **canon);
/* The i-th capability the table knows, or NULL past the end (tests). */
const char *capability_at(size_t i);

/* Databases, caches and brokers by their well-known port: what listens
 * on port (e.g. "PostgreSQL"), or NULL. */
const char *database_of_port(long port);
/* The first known database port within lo..hi, or 0. */
long database_port_in(long lo, long hi);
/* The i-th port the table knows, or 0 past the end (tests). */
long database_port_at(size_t i);

/* Databases, caches and brokers by image: what the repository (as
 * image_ref_repo writes it) runs, e.g. "MariaDB", when it or its last
 * components are a known database image (mariadb, bitnami/mariadb,
 * mcr.microsoft.com/mssql/server); NULL otherwise. */
const char *database_of_image(const char *repo);
/* The i-th image the table knows, or NULL past the end (tests). */
const char *database_image_at(size_t i);

/* Debuggers by their default port: what listens on port (e.g. "the Node.js
 * inspector" for 9229), or NULL. */
const char *debugger_of_port(long port);
/* The i-th port the table knows, or 0 past the end (tests). */
long debugger_port_at(size_t i);

/* Servers whose protocol faces the network by design (a DNS server on 53,
 * a mail server on 25), which no web proxy can front: who they are and
 * the ports of their protocols. */
struct lex_public_server {
	const struct lexicon *names;	/* images and service-name words */
	const char *what;		/* "a DNS or DHCP server" */
	const long *ports;		/* 0-terminated */
};
/* Every such server, NULL-names-terminated. */
extern const struct lex_public_server lex_public_servers[];

/* Servers that fork into the background when a shell starts them, and
 * the options that decide it. */
struct lex_daemon {
	const char *name;		/* the program; "php-fpm*" matches a prefix */
	/* Forks unless one of these options is given (sh_cmd_has_opt); NULL
	 * when it forks only with one of `daemonize`. */
	const char *const *foreground;
	/* Options that make it fork: a word equal to one, or --long=... */
	const char *const *daemonize;
	const char *how;		/* for the message: "is daemonized (-D)" */
	bool custom;			/* the rule reads its options itself */
};
/* The daemon entry for a program name, or NULL. Programs whose options
 * need more than two lists (nginx, httpd, apachectl, dbus-daemon, pg_ctl
 * start) are in the table too, marked custom. */
const struct lex_daemon *lex_daemon(const char *name);
/* Every daemon the table knows, NULL-name-terminated, for the tests. */
extern const struct lex_daemon lex_daemons[];

/* A base image whose default user is not root. */
struct lex_nonroot_image {
	const char *ref;	/* repository without tag; a final star matches a prefix */
	const char *tag_has;	/* only tags containing this; NULL for every tag */
	const char *user;	/* for messages: "65532 (nonroot)" */
	/* Root at first: the image's own ENTRYPOINT drops to the user, so
	 * only while a Dockerfile keeps that ENTRYPOINT. */
	bool by_entrypoint;
	/* Root by design: the server the image's own CMD starts serves as
	 * a user of its own (lex_privdrop_daemons), so only while a
	 * Dockerfile keeps that CMD and ENTRYPOINT. */
	bool by_command;
};
/* The entry for an image reference (tag and digest allowed), or NULL
 * when its default user is root or unknown. */
const struct lex_nonroot_image *lex_nonroot_image(const char *ref);
/* Whether the default user of the image ref names is known: Docker Hub's
 * official images (root unless lex_nonroot_image says otherwise), and the
 * vendors' images of that table, whatever the tag (gcr.io/distroless/
 * static is root, :nonroot is not). A vendor's image (onlyoffice/...,
 * ghcr.io/linuxserver/...) may set any USER: unknown. */
bool lex_image_user_known(const char *ref);
/* Every entry, NULL-ref-terminated, for the tests. */
extern const struct lex_nonroot_image lex_nonroot_images[];

/* A package manager. Word lists are NULL-terminated; a clean entry may
 * hold several words ("clean all": the subcommand, then arguments the
 * command must have); a final star matches any rest ("-S*"). */
struct lex_pkg_manager {
	const char *family;		/* "apt", "dnf", "pip"... */
	const char *const *names;	/* its programs */
	bool os;			/* installs the distribution's packages */
	bool op_is_option;		/* the operation is argv[1] (pacman -S) */
	bool bare_installs;		/* no subcommand installs (yarn) */
	const char *const *install;	/* subcommands that install packages */
	const char *const *fetch;	/* others that download packages (upgrade) */
	const char *const *refresh;	/* those that only refresh the index */
	const char *const *clean;	/* those that empty the cache */
	/* Where the cache lives; "~/" is the user's home. */
	const char *const *cache_dirs;
	const char *const *no_cache_opts;	/* options that keep no cache */
	const char *no_cache_env;	/* a variable that, set, keeps no cache */
	/* Options with which an install fetches a fresh index itself
	 * (apk add --update), as it does with a no-cache option. */
	const char *const *fresh_opts;
	/* Installs refresh an index older than its expiry themselves (dnf's
	 * metadata_expire, zypper's autorefresh): a refresh alone is waste,
	 * not a stale index. */
	bool refresh_expires;
	/* The subcommands that ask for confirmation (with no terminal they
	 * abort), the options that answer in advance, and their letters in a
	 * cluster of short options (-qy); NULL when it never asks. Programs of
	 * the family that never ask (microdnf) are in quiet_names. A word
	 * holding yes_conf (apt's -o APT::Get::Assume-Yes=true) answers too. */
	const char *const *asks;
	const char *const *yes_opts;
	const char *yes_letters;
	const char *const *quiet_names;
	const char *yes_conf;
	bool quiet2_yes;	/* quiet level 2 (-qq, -q -q, -q=2) answers too: apt-get */
	/* Subcommands that upgrade every installed package when given none
	 * (apt-get upgrade, apk upgrade, dnf upgrade, zypper update; SW0030). */
	const char *const *upgrade_all;
	/* How a package argument names its version (SW0020): a character
	 * of pin_marks after the name (apt's curl=8.5.0-2, pip's flask==3.0,
	 * npm's react@18.3.1), or, with pin_dash, a dash and a digit (dnf's
	 * nodejs-18.20.4); pin_example shows the syntax. NULL when not checked. */
	const char *pin_marks;
	bool pin_dash;
	/* Options that give the version for the whole command (gem's -v);
	 * module_paths: operands are module paths (go's example.com/x/cmd),
	 * pinned by @ and a version, not @latest or a branch. */
	const char *const *pin_opts;
	bool module_paths;
	const char *pin_example;
	const char *leaves;		/* for messages: "the package lists" */
	const char *index;		/* what refresh downloads: "package index" */
	/* For the fix: an rm command, an option, or the words after the
	 * program ("clean all"). */
	const char *cleanup;
};
/* Every manager, ended by a NULL family, for the tests. */
extern const struct lex_pkg_manager lex_pkg_managers[];
/* Installers only SW0020 asks about (gem install, go install): names,
 * install and the pin fields are set, nothing else. The manager whose
 * names hold program, or NULL. */
const struct lex_pkg_manager *lex_pin_installer(const char *program);
/* Whether name starts with the first two letters of a manager's name or
 * of python: a command that does not is no manager. */
bool lex_pkg_manager_maybe(const char *name);
/* The manager a program name is (pip3.12 included), or NULL. */
const struct lex_pkg_manager *lex_pkg_manager(const char *program);
/* Whether word is the first word of an entry of list. */
bool lex_pm_word_in(const char *const *list, const char *word);
/* Whether an option of a package manager takes the next word as value. */
bool lex_pm_value_opt(const char *opt);
/* Whether path (a mount target, an rm operand; a trailing slash-star means its
 * contents) is dir or holds it; a "~/" dir is under any home
 * (~, $HOME, /root, /home/NAME). */
bool lex_pm_covers(const char *path, const char *dir);

#endif
