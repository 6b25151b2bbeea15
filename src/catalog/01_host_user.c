/* The catalogue, checklist point 1 (host user): each rule's metadata, in id order.
 * What raises it lives in src/checks/ (or the loader that finds it). */
#include "catalog/catalog.h"

const struct rule SW0101 = {
	.id = "SW0101",
	.title = "A host user has uid 0",
	.severity = SEV_ERROR,
	.checklist = 1,
	.layer = "host",
	.why = "A user with uid 0 is root under another name: every process it starts, "
	       "and every container it runs, has full control of the host. Deployments "
	       "and their tooling should run as an ordinary user, so that a leaked "
	       "shell or a bad script is not an immediate host compromise.",
	.bad = "deploy:x:0:0:Deploy:/home/deploy:/bin/bash\n",
	.good = "deploy:x:1001:1001:Deploy:/home/deploy:/bin/bash\n",
	.fix = "Give the user its own uid (usermod -o -u 1001 NAME) and grant what it "
	       "needs explicitly",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0102 = {
	.id = "SW0102",
	.title = "A host user may run commands as root through sudo",
	.severity = SEV_WARNING,
	.checklist = 1,
	.layer = "host",
	.why = "The deploying user should not be root and should not be able to become "
	       "root: a stolen key or a compromised CI job then owns the host. sudo "
	       "rights to run commands as root undo that, and NOPASSWD: ALL removes "
	       "even the password barrier (it is an error). seaworthy parses "
	       "/etc/sudoers and its includes as sudo does: aliases, %group, %#gid, "
	       "#uid, negation and tags.",
	.bad = "# /etc/sudoers.d/deploy\ndeploy ALL=(ALL) NOPASSWD: ALL\n",
	.good = "# no sudo rights for the deploying user; it runs Docker rootless\n",
	.fix = "Remove the user's sudo rights (or narrow them to specific commands, "
	       "run as another user)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0103 = {
	.id = "SW0103",
	.title = "A host user is in the docker group (root-equivalent)",
	.severity = SEV_INFO,
	.checklist = 1,
	.layer = "host",
	.why = "Membership of the docker group lets the user run Docker without sudo, "
	       "which satisfies the checklist. But whoever can reach the Docker socket "
	       "can start a container that mounts / and so is root on the host: the "
	       "docker group is root-equivalent. Rootless Docker "
	       "(dockerd-rootless-setuptool.sh install) runs the daemon as the user "
	       "instead.",
	.bad = "$ id deploy\nuid=1001(deploy) gid=1001(deploy) groups=1001(deploy),999(docker)\n",
	.good = "$ id deploy\nuid=1001(deploy) gid=1001(deploy) groups=1001(deploy)\n$ "
	        "ls $XDG_RUNTIME_DIR/docker.sock   # rootless Docker\n",
	.fix = "Prefer rootless Docker for the user, and keep the docker group for "
	       "trusted administrators",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0104 = {
	.id = "SW0104",
	.title = "A host user cannot use Docker without sudo",
	.severity = SEV_WARNING,
	.checklist = 1,
	.layer = "host",
	.why = "A user that is neither in the docker group nor running rootless Docker "
	       "can only drive Docker through sudo, that is as root: deployments then "
	       "run with full root rights and every script needs sudo. Rootless Docker "
	       "is detected by a docker.sock under $XDG_RUNTIME_DIR (or DOCKER_HOST "
	       "pointing at one), or by name=rootless in the security options of the "
	       "engine the user reaches (DOCKER_HOST, else the default socket).",
	.bad = "$ sudo docker compose up -d\n",
	.good = "$ dockerd-rootless-setuptool.sh install\n$ docker compose up -d\n",
	.fix = "Install rootless Docker for the user (or add it to the docker group, "
	       "knowing that is root-equivalent)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0105 = {
	.id = "SW0105",
	.title = "The Docker socket is not root:docker with mode 0660 or stricter",
	.severity = SEV_ERROR,
	.checklist = 1,
	.layer = "host",
	.why = "The Docker socket is root access to the host. It must belong to root "
	       "and the docker group, and grant nothing beyond read-write to them (mode "
	       "0660 or stricter, compared bit by bit: 0640 is fine, 0666 and 0770 are "
	       "not). A world writable socket makes every local user, and every "
	       "container that mounts it, root.",
	.bad = "$ ls -l /var/run/docker.sock\nsrw-rw-rw- 1 root docker 0 /var/run/docker.sock\n",
	.good = "$ ls -l /var/run/docker.sock\nsrw-rw---- 1 root docker 0 /var/run/docker.sock\n",
	.fix = "Let systemd's docker.socket create it (SocketMode=0660, "
	       "SocketUser=root, SocketGroup=docker)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0106 = {
	.id = "SW0106",
	.title = "An ACL on the Docker socket grants access to other users or groups",
	.severity = SEV_WARNING,
	.checklist = 1,
	.layer = "host",
	.why = "A POSIX ACL adds users and groups beyond the owner and group shown by "
	       "ls -l: each one it grants access to the Docker socket is "
	       "root-equivalent on the host, invisibly to anyone who checks only the "
	       "mode.",
	.bad = "$ getfacl /var/run/docker.sock\nuser::rw-\nuser:ci:rw-\ngroup::rw-\n"
	       "mask::rw-\nother::---\n",
	.good = "$ getfacl /var/run/docker.sock\nuser::rw-\ngroup::rw-\nother::---\n",
	.fix = "Remove the extra entries (setfacl -b /var/run/docker.sock) and grant "
	       "access through the docker group or rootless Docker",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0107 = {
	.id = "SW0107",
	.title = "The sudo rights of a host user could not be checked",
	.severity = SEV_INFO,
	.checklist = 1,
	.layer = "host",
	.why = "/etc/sudoers (or a file it includes) is readable only by root, so "
	       "seaworthy cannot tell whether the user may become root; it does not "
	       "guess. Run seaworthy host with sudo to check the sudo rights too.",
	.bad = "$ seaworthy host\n",
	.good = "$ sudo seaworthy host   # checks the user who ran sudo\n",
	.fix = "Run seaworthy host as root (sudo keeps the invoking user as the one checked)",
	.scope = SCOPE_PRODUCTION,
};
