/* Servers that fork into the background when a shell starts them. */
#include "lexicon/lexicon.h"

#include <string.h>

#include "util/str.h"

#define OPTS(...) ((const char *const[]){ __VA_ARGS__, NULL })

const struct lex_daemon lex_daemons[] = {
	{ "cron", OPTS("-f", "-n"), NULL, NULL, false },
	{ "crond", OPTS("-f", "-n"), NULL, NULL, false },
	{ "atd", OPTS("-f", "-n"), NULL, NULL, false },
	{ "sshd", OPTS("-D", "-d", "-t", "-T"), NULL, NULL, false },
	{ "rsyslogd", OPTS("-n"), NULL, NULL, false },
	{ "syslogd", OPTS("-n"), NULL, NULL, false },
	{ "ntpd", OPTS("-n"), NULL, NULL, false },
	{ "syslog-ng", OPTS("-F", "--foreground"), NULL, NULL, false },
	{ "chronyd", OPTS("-d"), NULL, NULL, false },
	{ "squid", OPTS("-N", "--foreground", "-k", "-z"), NULL, NULL, false },
	{ "dnsmasq", OPTS("-k", "--keep-in-foreground", "-d", "--no-daemon", "--test"), NULL, NULL,
	  false },
	{ "php-fpm*", NULL, OPTS("-D", "--daemonize"), "is daemonized (-D)", false },
	{ "memcached", NULL, OPTS("-d", "--daemon"), "is daemonized (-d)", false },
	{ "haproxy", NULL, OPTS("-D"), "is daemonized (-D)", false },
	{ "nginx", NULL, NULL, NULL, true },
	{ "httpd", NULL, NULL, NULL, true },
	{ "apache2", NULL, NULL, NULL, true },
	{ "apachectl", NULL, NULL, NULL, true },
	{ "apache2ctl", NULL, NULL, NULL, true },
	{ "dbus-daemon", NULL, NULL, NULL, true },
	{ "pg_ctl", NULL, NULL, NULL, true },
	{ "pg_ctlcluster", NULL, NULL, NULL, true },
	{ "postfix", NULL, NULL, NULL, true },
	{ NULL, NULL, NULL, NULL, false },
};

const struct lex_daemon *lex_daemon(const char *name)
{
	for (const struct lex_daemon *d = lex_daemons; d->name; d++) {
		size_t n = strlen(d->name);

		if (d->name[n - 1] == '*' ? !strncmp(name, d->name, n - 1) : str_eq(name, d->name))
			return d;
	}
	return NULL;
}
