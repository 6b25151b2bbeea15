/* The word lists of the lexicon, and lookups. */
#include "lexicon/lexicon.h"

#include <string.h>
#include <strings.h>

#include "util/str.h"

#define LIST(id, ...) \
	static const char *const id##_words[] = { __VA_ARGS__, NULL }; \
	const struct lexicon lex_##id = { #id, id##_words }

LIST(shells, "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh");
LIST(multicall, "busybox");
LIST(supervisors, "supervisord", "s6-svscan", "s6-supervise", "runsvdir", "runit",
     "runit-init", "my_init", "systemd", "openrc-init", "circusd", "monit", "chaperone",
     "god");
LIST(procfile_runners, "honcho", "foreman", "overmind", "goreman", "forego");
LIST(init_paths, "init", "/sbin/init", "/usr/sbin/init", "/bin/init", "/usr/bin/init");
LIST(reapers, "docker-init", "tini", "tini-static", "dumb-init", "catatonit");
LIST(ssh_servers, "sshd", "dropbear");
/* Servers whose master process starts as root by design, to bind low
 * ports and read their keys, and serves every request from processes of
 * an unprivileged user of their own (nginx's User, Apache's User
 * directive, php-fpm's pool user, postfix's and dovecot's service users);
 * a final star matches a prefix (php-fpm82). Apache's httpd is one only
 * with -D (BusyBox httpd shares its name and keeps its user). */
LIST(privdrop_daemons, "nginx", "openresty", "httpd-foreground", "apache2",
     "apache2-foreground", "apache2ctl", "apachectl", "php-fpm*", "unbound", "dnsmasq",
     "dovecot", "postfix", "squid", "rspamd");
/* Log forwarders that run beside a service only to ship its logs, and so
 * make no second service of a container. */
LIST(log_forwarders, "syslog-ng", "rsyslogd", "syslogd");
/* Their packages (syslog-ng-core, rsyslog-gnutls): a final star matches a
 * prefix. An image that installs one sends its services' logs through it. */
LIST(log_forwarder_packages, "syslog-ng*", "rsyslog*");
LIST(ssh_packages, "openssh-server", "openssh-server-pam", "openssh", "ssh", "dropbear",
     "dropbear-bin", "tinysshd");
LIST(interpreters, "python", "python2", "python3", "perl", "ruby", "node", "php");
LIST(proxy_images, "nginx", "nginx-unprivileged", "nginx-proxy", "nginx-proxy-manager",
     "openresty", "traefik", "caddy", "caddy-docker-proxy", "haproxy", "haproxy-alpine",
     "haproxy-debian", "envoy", "envoy-alpine", "envoy-distroless", "httpd", "apache",
     "apache2", "varnish");
LIST(proxy_words, "proxy", "nginx", "traefik", "caddy", "haproxy", "envoy", "httpd", "apache",
     "varnish", "openresty");
/* Servers whose protocol faces the network itself, not through a web
 * proxy, by image (the repository's last component) or a part of a
 * service name; a final star matches a prefix (pdns-recursor-51). */
LIST(dns_servers, "pihole", "adguardhome", "coredns", "dnsmasq", "bind9", "unbound",
     "pdns-recursor*", "pdns-auth*", "blocky", "knot-resolver", "technitium", "dns-server",
     "kea-dhcp4", "kea-dhcp6", "isc-dhcp-server", "dhcpd");
LIST(mail_servers, "postfix", "dovecot", "docker-mailserver", "stalwart", "stalwart-mail",
     "mail-server", "maddy", "exim", "exim4", "haraka", "opensmtpd", "poste.io");
LIST(strict_readers, "tar -x", "tar -t", "gunzip", "zcat", "gzip -d", "xz -d", "unxz", "xzcat",
     "bunzip2", "bzcat", "bzip2 -d", "zstd -d", "unzstd", "gpg", "apt-key add",
     "sha256sum -c", "sha512sum -c", "sha1sum -c", "md5sum -c");
/* Tools that install OS packages themselves, with apt, as "WORD ARG..."
 * (each word found in order among a command's words, so npx playwright
 * install --with-deps counts): an apt-get update before them in the RUN
 * is used. */
LIST(apt_installers, "playwright install-deps", "playwright install --with-deps");
/* Words of a stage's or a Dockerfile's folder name that declare an image
 * that bundles several services on purpose (target aio, docker/multi-process/). */
/* Installers fetched to be piped into an interpreter, as "URL-PART FILE":
 * the file they write when told nothing else. */
LIST(installer_outputs, "getcomposer.org/installer composer.phar");
LIST(bundle_words, "aio", "all-in-one", "allinone", "multi-process", "multiprocess");
LIST(demo_words, "demo", "demonstration", "sample", "example", "tutorial", "workshop");
LIST(secret_words, "PASSWORD", "PASSWD", "PASSPHRASE", "TOKEN", "SECRET", "APIKEY",
     "CREDENTIAL");
LIST(log_vars, "LOG_DIR", "LOGDIR", "LOGS_DIR", "LOG_PATH", "LOGPATH", "LOG_FILE", "LOGFILE",
     "LOG_FOLDER", "LOGS_PATH");
LIST(log_options, "log-file", "logfile", "log_file", "log-path", "log-dir", "log_dir", "logdir",
     "access-logfile", "error-logfile", "log-filename");
LIST(runtime_sockets, "/var/run/docker.sock", "/run/docker.sock", "/var/run/podman/podman.sock",
     "/run/podman/podman.sock", "/run/containerd/containerd.sock",
     "/var/run/containerd/containerd.sock");
/* Host folders whose bind mount hands the container the host: its
 * configuration and secrets, its devices and kernel, its users' homes, the
 * container runtimes' state (normalized absolute paths; a file or folder
 * below one, /etc/localtime, is not one). */
LIST(sensitive_host_paths, "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/proc",
     "/root", "/run/containerd", "/sbin", "/sys", "/usr", "/var/lib/containerd",
     "/var/lib/docker", "/var/lib/kubelet");
/* System folders an image's VOLUME should not take over: the container
 * would keep its first copy of them (normalized absolute paths; /var/lib/
 * docker in a Docker-in-Docker image is the right use of a VOLUME). */
LIST(system_folders, "/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc",
     "/sbin", "/sys", "/usr", "/usr/bin", "/usr/lib", "/usr/local", "/usr/sbin");
/* Host devices that give the host itself, not one piece of hardware: its
 * disks (whole or partitions, device-mapper, loop and md), its memory and
 * I/O ports, and all of /dev. A final * matches a prefix. */
LIST(host_devices, "/dev", "/dev/sd*", "/dev/hd*", "/dev/vd*", "/dev/xvd*", "/dev/nvme*",
     "/dev/mmcblk*", "/dev/dm-*", "/dev/mapper/*", "/dev/md*", "/dev/loop*", "/dev/disk/*",
     "/dev/mem", "/dev/kmem", "/dev/port");
/* Tags that move to a new image over time, like latest (Docker Hub's
 * alpine:edge, node:lts, debian:stable, archlinux's rolling...). */
LIST(floating_tags, "latest", "stable", "edge", "nightly", "lts", "main", "master", "dev",
     "rolling");
/* Images whose /bin/sh is BusyBox ash, as repositories (last component)
 * or a word of the tag (node:20-alpine): `sh -c 'cmd'` execs a lone
 * simple command there, so it is PID 1 itself. */
LIST(busybox_images, "alpine", "busybox");
/* Official operating system images (the repository's last component):
 * their CMD is a shell, so an image built FROM one with no ENTRYPOINT or
 * CMD of its own runs whatever its runner names. */
LIST(os_images, "alpine", "almalinux", "amazonlinux", "archlinux", "busybox", "centos",
     "clearlinux", "debian", "fedora", "mageia", "oraclelinux", "photon", "rockylinux",
     "ubuntu");

const struct lexicon *const lexicon_lists[] = {
	&lex_shells, &lex_multicall, &lex_supervisors, &lex_procfile_runners, &lex_init_paths,
	&lex_reapers, &lex_ssh_servers, &lex_ssh_packages, &lex_interpreters, &lex_proxy_images,
	&lex_proxy_words, &lex_secret_words, &lex_log_vars, &lex_log_options,
	&lex_runtime_sockets, &lex_dns_servers, &lex_mail_servers, &lex_floating_tags,
	&lex_busybox_images, &lex_strict_readers, &lex_demo_words, &lex_privdrop_daemons,
	&lex_log_forwarders, &lex_log_forwarder_packages, &lex_apt_installers, &lex_os_images,
	&lex_bundle_words, &lex_installer_outputs, &lex_sensitive_host_paths,
	&lex_system_folders, &lex_host_devices, NULL
};

bool lex_has(const struct lexicon *l, const char *s)
{
	for (const char *const *w = l->words; *w; w++)
		if (str_eq(*w, s))
			return true;
	return false;
}

bool lex_has_ci(const struct lexicon *l, const char *s)
{
	for (const char *const *w = l->words; *w; w++)
		if (!strcasecmp(*w, s))
			return true;
	return false;
}

bool lex_match_ci(const struct lexicon *l, const char *s)
{
	for (const char *const *w = l->words; *w; w++) {
		size_t n = strlen(*w);

		if (n && (*w)[n - 1] == '*' ? !strncasecmp(*w, s, n - 1) : !strcasecmp(*w, s))
			return true;
	}
	return false;
}

bool lex_has_base(const struct lexicon *l, const char *path)
{
	const char *slash = strrchr(path, '/');

	return lex_has(l, slash ? slash + 1 : path);
}

bool lex_runtime_socket(const char *path, bool *docker)
{
	if (!lex_has(&lex_runtime_sockets, path))
		return false;
	*docker = strstr(path, "docker") != NULL;
	return true;
}

/* Whether word is one of the dash-, dot- or underscore-separated words of s. */
static bool has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = s; (p = strstr(p, word)); p++)
		if ((p == s || char_in(p[-1], "-._")) && (!p[n] || char_in(p[n], "-._0123456789")))
			return true;
	return false;
}

bool lex_busybox_image(const char *ref)
{
	const char *at, *slash, *colon, *name;
	char buf[256];
	size_t n;

	if (!ref)
		return false;
	at = strchr(ref, '@');
	n = at ? (size_t)(at - ref) : strlen(ref);
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, ref, n);
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	name = slash ? slash + 1 : buf;
	colon = strchr(name, ':');
	if (colon) {
		buf[colon - buf] = '\0';
		if (has_word(colon + 1, "alpine") || has_word(colon + 1, "busybox"))
			return true;
	}
	for (const char *const *w = lex_busybox_images.words; *w; w++)
		if (str_eq(name, *w) || has_word(name, *w))
			return true;
	return false;
}

bool lex_floating_tag(const char *tag)
{
	bool floats = false;
	char word[32];

	for (const char *p = tag; *p;) {
		size_t n = strcspn(p, "-");

		/* a version or a date pins it: stable-20240722, 20-lts */
		if (char_in(*p, "0123456789"))
			return false;
		if (n < sizeof(word)) {
			memcpy(word, p, n);
			word[n] = '\0';
			floats = floats || lex_has(&lex_floating_tags, word);
		}
		p += n + (p[n] == '-');
	}
	return floats;
}

bool lex_floating_ref(const char *repo, const char *tag)
{
	const char *last = strrchr(repo, '/');

	if (lex_floating_tag(tag))
		return true;
	if (!*tag || strpbrk(tag, "0123456789"))
		return false;
	return !lex_has(&lex_os_images, last ? last + 1 : repo) && !strstr(repo, "distroless");
}

const char *lex_secret_file(const char *path, const char *buf, size_t len)
{
	const char *base = str_last_part(path);

	if (buf && memmem(buf, len, "-----BEGIN ", 11) && memmem(buf, len, "PRIVATE KEY-----", 16))
		return "a private key";
	if (!strcmp(base, ".env") || (!strncmp(base, ".env.", 5) && !str_ends_with(base, ".example") &&
				      !str_ends_with(base, ".sample") && !str_ends_with(base, ".template")))
		return "a .env file";
	if (!buf && (!strcmp(base, "id_rsa") || !strcmp(base, "id_ed25519") ||
		     !strcmp(base, "id_ecdsa") || !strcmp(base, "id_dsa")))
		return "an SSH private key";
	if (buf && !strcmp(base, ".npmrc") && memmem(buf, len, "_authToken", 10))
		return "an .npmrc with an auth token";
	if (str_ends_with(path, ".aws/credentials") && (!buf || len))
		return "AWS credentials";
	if (buf && str_ends_with(path, ".docker/config.json") && memmem(buf, len, "\"auths\"", 7) &&
	    memmem(buf, len, "\"auth\"", 6))
		return "a Docker registry login";
	if (str_ends_with(path, ".git-credentials") && (!buf || len))
		return "Git credentials";
	return NULL;
}

bool lex_secret_file_maybe(const char *path)
{
	static const char *const exts[] = { "pem", "key", "crt", "cer", "cert", "priv",
					    "private", "p8", "pk8", "rsa", NULL };
	const char *base = str_last_part(path), *dot = strrchr(base, '.');

	if (!strncmp(base, "id_", 3) || !strcmp(base, ".npmrc") ||
	    str_ends_with(path, ".docker/config.json"))
		return true;
	for (size_t i = 0; dot && dot != base && exts[i]; i++)
		if (!strcasecmp(dot + 1, exts[i]))
			return true;
	return false;
}
