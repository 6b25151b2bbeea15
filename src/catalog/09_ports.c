/* The catalogue, checklist point 9 (ports): each rule's metadata, in id order.
 * What raises it lives in src/checks/ (or the loader that finds it). */
#include "catalog/catalog.h"

const struct rule SW0901 = {
	.id = "SW0901",
	.title = "A service other than the web proxy publishes a port on all interfaces",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "compose",
	.why = "A published port without an address listens on every interface of the host, "
	       "and Docker's own iptables rules let it through ahead of ufw or firewalld. Only "
	       "the reverse proxy should face the network; the services behind it are reached "
	       "over the compose network (expose: or nothing at all), or bound to 127.0.0.1 "
	       "for local access. A proxy is recognised by its image (nginx, traefik, caddy, "
	       "haproxy, envoy, httpd, varnish, or a last component that starts with one of "
	       "them or with proxy: nginx-proxy, caddy-gen, caddy-docker-proxy), a service "
	       "name that says proxy (proxy, reverse-proxy, nginx2), the label seaworthy.role: "
	       "proxy, or proxies: in .seaworthy.yaml.\n\n"
	       "Not reported: (1) in a project with no proxy, the one service that publishes "
	       "ports (running by default, not a one-off job): a self-hosted app that serves "
	       "its own web port is then the only door, in the proxy's place, and whatever "
	       "fronts it (a proxy on the host, a tunnel) is outside the files, so a warning "
	       "would be noise on nearly every such app, and even an info line would ask for "
	       "a proxy the app does not need. With two or more publishing services, or a "
	       "proxy beside them, each is reported. (2) DNS and DHCP servers (pihole, "
	       "adguardhome, coredns, dnsmasq, bind9, unbound...) on 53, 67, 68 and 853, and "
	       "mail servers (postfix, dovecot, docker-mailserver, stalwart...) on 25, 465, "
	       "587, 110, 995, 143, 993 and 4190, known by image or a part of the service "
	       "name: those protocols face the network by design and no web proxy fronts "
	       "them. (3) Database ports: SW0902. A debugger's port (9229, 5678, 5005, 2345) "
	       "is reported whoever publishes it: whoever reaches it runs code.",
	.bad = "services:\n  proxy:\n    image: traefik:v3.1\n    ports: [\"443:443\"]\n"
	       "  api:\n    image: acme/api:1.8\n    ports: [\"8080:8080\"]\n",
	.good = "services:\n  proxy:\n    image: traefik:v3.1\n    ports: [\"443:443\"]\n"
		"  api:\n    image: acme/api:1.8\n    expose: [\"8080\"]\n"
		"    # or, for local debugging: ports: [\"127.0.0.1:8080:8080\"]\n",
	.fix = "Drop the published port and let the proxy reach the service over the compose "
	       "network, or bind it to loopback (\"127.0.0.1:8080:8080\")",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0902 = {
	.id = "SW0902",
	.title = "A database, cache or broker port is published on all interfaces",
	.severity = SEV_ERROR,
	.checklist = 9,
	.layer = "compose",
	.why = "Databases, caches and brokers published on 0.0.0.0 are found by internet-wide "
	       "scanners within hours; Docker's iptables rules open them ahead of the host's "
	       "firewall, and many (Redis, Memcached, Elasticsearch, MongoDB in old setups) "
	       "have no authentication by default. Other services reach them over the "
	       "compose network. A database is known by its well-known port (5432, 3306, "
	       "6379...), by its image, whatever port it publishes (postgres, mariadb, "
	       "bitnami/redis, mcr.microsoft.com/mssql/server...), or by the ports listed "
	       "under databases: in .seaworthy.yaml.",
	.bad = "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n",
	.good = "services:\n  db:\n    image: postgres:16\n"
		"    # reached by the other services as db:5432; for local tools only:\n"
		"    ports: [\"127.0.0.1:5432:5432\"]\n",
	.fix = "Remove the published port (services reach it as db:5432 on the compose "
	       "network), or bind it to loopback (\"127.0.0.1:5432:5432\")",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0903 = {
	.id = "SW0903",
	.title = "A compose service uses the host network",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "compose",
	.why = "With network_mode: host the container shares the host's network stack: any "
	       "port it opens (an admin endpoint, a debug port, a database) listens on every "
	       "host interface without a ports: line to review, and it can reach services "
	       "bound to the host's loopback. "
	       "A server whose command binds it to the loopback address only (--bind_ip 127.0.0.1) opens nothing on the host's interfaces, and is not reported; nor is a privileged container, which SW0252 reports: it has the whole host already.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n    network_mode: host\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    ports: [\"127.0.0.1:8080:8080\"]\n",
	.fix = "Remove network_mode: host and publish only the ports needed (bound to "
	       "127.0.0.1 unless the service is the proxy)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0904 = {
	.id = "SW0904",
	.title = "A published port is not one the service's Dockerfile EXPOSEs",
	.severity = SEV_INFO,
	.checklist = 9,
	.layer = "compose",
	.why = "EXPOSE documents the ports the application listens on. A compose file that "
	       "publishes a different container port maps to nothing when the app listens "
	       "elsewhere; or the app moved and EXPOSE is the stale side. Either way one of "
	       "them is wrong. Checked only when the Dockerfile EXPOSEs some port; debugger "
	       "ports (9229 Node.js inspector, 5678 debugpy, 5005 JDWP, 2345 Delve) are "
	       "opened by a development command, not EXPOSEd, and are left out.",
	.bad = "# Dockerfile: EXPOSE 3000\nservices:\n  web:\n    build: .\n"
	       "    ports: [\"127.0.0.1:8080:8080\"]\n",
	.good = "# Dockerfile: EXPOSE 3000\nservices:\n  web:\n    build: .\n"
		"    ports: [\"127.0.0.1:8080:3000\"]\n",
	.fix = "Publish the port the app listens on (HOST:CONTAINER), and make EXPOSE list that "
	       "port",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0905 = {
	.id = "SW0905",
	.title = "Two compose services publish the same host port",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "compose",
	.why = "A host port (on one address and protocol) can be bound once. When two "
	       "services of a project publish it, docker compose up starts the first and "
	       "fails on the second with \"port is already allocated\". Services that are "
	       "alternatives are kept apart by profiles: two services are reported when one "
	       "has no profiles or both have the same ones.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n    ports: [\"8080:8080\"]\n"
	       "  admin:\n    image: acme/admin:1.8\n    ports: [\"8080:3000\"]\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    ports: [\"8080:8080\"]\n"
		"  admin:\n    image: acme/admin:1.8\n    ports: [\"8081:3000\"]\n",
	.fix = "Publish a different host port, or put the services that are alternatives "
	       "under different profiles",
};

const struct rule SW0951 = {
	.id = "SW0951",
	.title = "The Docker daemon publishes ports on all interfaces by default",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "host",
	.why = "The daemon's ip setting is the address a -p 8080:80 (or a compose ports "
	       "entry without an address) binds to; its default 0.0.0.0 publishes every "
	       "port on every interface, past host firewalls, since Docker's own "
	       "iptables rules come first.",
	.bad = "{\n  \"live-restore\": true\n}\n",
	.good = "{\n  \"live-restore\": true,\n  \"ip\": \"127.0.0.1\"\n}\n",
	.fix = "Set \"ip\": \"127.0.0.1\" in daemon.json and publish public ports "
	       "with an explicit address",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0971 = {
	.id = "SW0971",
	.title = "The image exposes SSH or a privileged port it cannot bind",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "image",
	.why = "Port 22 in an image means an SSH server inside the container. A port below 1024 "
	       "needs root or CAP_NET_BIND_SERVICE to bind: with a non-root USER the server "
	       "fails to start, or someone adds the capability back.",
	.bad = "USER app\nEXPOSE 80 22\n",
	.good = "USER app\nEXPOSE 8080   # publish it as 80:8080\n",
	.fix = "Listen on a port above 1023 and map it when publishing (-p 80:8080)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0981 = {
	.id = "SW0981",
	.title = "A container other than the web proxy publishes a port on all interfaces",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "live",
	.why = "A port published without an address (or on 0.0.0.0 or ::) listens on every "
	       "interface of the host, and Docker's iptables rules let it through ahead of ufw "
	       "or firewalld. Only the reverse proxy should face the network; the services "
	       "behind it are reached over a Docker network, or bound to 127.0.0.1. A proxy is "
	       "recognised as in the compose rule SW0901: its image (nginx, traefik, caddy, "
	       "haproxy, envoy, httpd, varnish), the label seaworthy.role=proxy, a name or "
	       "compose service that says proxy, or proxies: in the config file. DNS, DHCP "
	       "and mail servers on their protocols' ports are not reported, as in SW0901; a "
	       "debugger's port always is.",
	.bad = "docker run -d -p 8080:8080 --name api acme/api:1.8\n",
	.good = "docker run -d --network web --name api acme/api:1.8     # the proxy reaches "
		"api:8080\ndocker run -d -p 127.0.0.1:8080:8080 --name api acme/api:1.8  # or "
		"loopback only\n",
	.fix = "Recreate it without the published port and let the proxy reach it over a Docker "
	       "network, or bind the port to 127.0.0.1",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0982 = {
	.id = "SW0982",
	.title = "A container other than the web proxy uses the host's network",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "live",
	.why = "With the host's network the container has no network isolation: whatever it "
	       "listens on, debug and admin ports included, is reachable on every interface of "
	       "the host, and it can talk to services bound to the host's loopback. Ports are "
	       "not published, so nothing in docker ps shows it.",
	.bad = "docker run -d --network host --name api acme/api:1.8\n",
	.good = "docker network create web\ndocker run -d --network web --name api "
		"acme/api:1.8\n",
	.fix = "Recreate it on a user-defined bridge network and publish (to the proxy, or to "
	       "127.0.0.1) only the ports that must be reached",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0983 = {
	.id = "SW0983",
	.title = "A container uses the default bridge network",
	.severity = SEV_INFO,
	.checklist = 9,
	.layer = "live",
	.scope = SCOPE_PRODUCTION,
	.why = "On the default bridge containers find each other only by IP (names do "
	       "not resolve) and every container can reach every other one unless the "
	       "daemon sets icc false (SW0084). A network of its own, which compose "
	       "makes for each project, resolves service names and keeps other stacks "
	       "out.",
	.bad = "docker run -d --name api acme/api:1.8\n",
	.good = "docker network create app\ndocker run -d --name api --network app "
		"acme/api:1.8\n",
	.fix = "Run it on a user-defined network (docker network create; compose does "
	       "this for you)",
};
