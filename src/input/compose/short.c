/* Short syntax normalisation (compose-go format/, docker/go-connections
 * nat): ports and volumes written as strings. */
#include <arpa/inet.h>
#include <stdlib.h>

#include "input/compose/load.h"

/* "N" or "N-M", ports 0..65535, N <= M. */
bool short_port_range(const char *s, size_t n)
{
	unsigned long lo = 0, hi = 0, *cur = &lo;
	size_t digits = 0;

	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '-' && cur == &lo && digits) {
			cur = &hi;
			digits = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return false;
		*cur = *cur * 10 + (unsigned long)(s[i] - '0');
		if (*cur > 65535)
			return false;
		digits++;
	}
	if (!digits)
		return false;
	return cur == &lo || hi >= lo;
}

static unsigned long range_width(const char *s)
{
	const char *dash = strchr(s, '-');

	if (!dash)
		return 0;
	return strtoul(dash + 1, NULL, 10) - strtoul(s, NULL, 10);
}

static bool valid_ip(const char *ip)
{
	unsigned char buf[16];

	return inet_pton(AF_INET, ip, buf) == 1 || inet_pton(AF_INET6, ip, buf) == 1;
}

/* Parses [[IP:]PUBLISHED:]TARGET[/PROTOCOL]; IPv6 in brackets. Returns NULL,
 * or what is wrong. */
const char *short_parse_port(struct arena *a, const char *raw, struct port_spec *ps)
{
	const char *slash = strchr(raw, '/'), *proto = "tcp", *colon;
	char *port;
	size_t ncolon = 0;
	const char *parts_end, *last, *prev = NULL;

	memset(ps, 0, sizeof(*ps));
	if (!*raw || *raw == '/')
		return "no port specified";
	if (slash) {
		const char *end = strchr(slash + 1, '/');

		port = arena_strndup(a, raw, (size_t)(slash - raw));
		if (slash[1] && slash[1] != '/')
			proto = arena_strndup(a, slash + 1, end ? (size_t)(end - slash - 1)
					      : strlen(slash + 1));
	} else {
		port = arena_strdup(a, raw);
	}
	for (const char *c = port; *c; c++)
		ncolon += *c == ':';
	/* The last part is the target, the one before it the published port,
	 * and everything before that the IP (which may hold colons). */
	last = strrchr(port, ':');
	last = last ? last + 1 : port;
	parts_end = port + strlen(port);
	if (ncolon >= 1) {
		colon = last - 1;
		prev = colon;
		while (prev > port && prev[-1] != ':')
			prev--;
		ps->published = arena_strndup(a, prev, (size_t)(colon - prev));
		if (ncolon >= 2) {
			const char *ip = arena_strndup(a, port, (size_t)(prev - 1 - port));

			if (ip[0] == '[') {
				size_t n = strlen(ip);

				if (n < 2 || ip[n - 1] != ']')
					return arena_printf(a, "invalid IP address %s", ip);
				ip = arena_strndup(a, ip + 1, n - 2);
			}
			if (*ip && !valid_ip(ip))
				return arena_printf(a, "invalid IP address: %s", ip);
			ps->ip = *ip ? ip : NULL;
		}
	}
	ps->target = arena_strndup(a, last, (size_t)(parts_end - last));
	if (!*ps->target)
		return "no port specified";
	if (!short_port_range(ps->target, strlen(ps->target)))
		return arena_printf(a, "invalid container port %s", ps->target);
	if (ps->published && !*ps->published)
		ps->published = NULL;
	if (ps->published && !short_port_range(ps->published, strlen(ps->published)))
		return arena_printf(a, "invalid host port %s", ps->published);
	if (ps->published && range_width(ps->target) &&
	    range_width(ps->target) != range_width(ps->published))
		return arena_printf(a, "invalid ranges specified for container and host ports: "
				    "%s and %s", ps->target, ps->published);
	if (strcasecmp(proto, "tcp") && strcasecmp(proto, "udp") && strcasecmp(proto, "sctp"))
		return arena_printf(a, "invalid protocol %s", proto);
	ps->protocol = arena_strdup(a, proto);
	for (char *c = (char *)ps->protocol; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return NULL;
}

/* A bind propagation option of the short syntax (compose-go's
 * volumespec: the mount(8) names). */
static bool is_propagation(const char *o, size_t n)
{
	static const char *const names[] = { "shared", "rshared", "slave", "rslave",
					      "private", "rprivate" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && !strncmp(o, names[i], n))
			return true;
	return false;
}

/* compose-go format.isFilePath: ".", "/", "~", \\ or a Windows drive. */
static bool is_file_path(const char *s)
{
	if (!s || !*s)
		return false;
	if (*s == '.' || *s == '/' || *s == '~')
		return true;
	if (s[0] == '\\' && s[1] == '\\')
		return true;
	return ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) && s[1] == ':';
}

/* Parses SOURCE:TARGET[:OPTIONS] or TARGET (compose-go format.ParseVolume).
 * Returns NULL, or what is wrong. */
const char *short_parse_volume(struct arena *a, const char *spec, struct vol_spec *vs)
{
	size_t len = strlen(spec), start = 0, nfield = 0;
	int subst = 0;
	const char *field[3] = { NULL, NULL, NULL };

	memset(vs, 0, sizeof(*vs));
	if (!len)
		return "empty volume spec";
	if (len <= 2) {
		vs->target = spec;
		return NULL;
	}
	for (size_t i = 0; i <= len; i++) {
		char c = spec[i];

		if (c == '$' && spec[i + 1] == '{')
			subst++;
		if (c == '}' && subst > 0)
			subst--;
		if (c == ':' && i - start == 1 &&
		    ((spec[start] >= 'a' && spec[start] <= 'z') ||
		    (spec[start] >= 'A' && spec[start] <= 'Z')))
			continue;	/* a Windows drive */
		if (c && (c != ':' || subst))
			continue;
		if (i == start)
			return "empty section between colons";
		if (nfield == 3)
			return "too many colons";
		if (nfield == 2 && c == ':')
			return "too many colons";
		field[nfield++] = arena_strndup(a, spec + start, i - start);
		start = i + 1;
	}
	if (nfield == 1) {
		vs->target = field[0];
		return NULL;
	}
	vs->source = field[0];
	vs->target = field[1];
	vs->bind = is_file_path(vs->source);
	if (nfield == 3) {
		const char *o = field[2];

		while (*o) {
			size_t n = strcspn(o, ",");

			if (n == 2 && !strncmp(o, "ro", 2))
				vs->read_only = true;
			else if (n == 2 && !strncmp(o, "rw", 2))
				vs->read_only = false;
			else if (is_propagation(o, n))
				vs->propagation = arena_strndup(a, o, n);
			o += n;
			if (*o == ',')
				o++;
		}
	}
	return NULL;
}
