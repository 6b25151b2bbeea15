/* The catalogue, checklist point 2 (container user): each rule's metadata, in id order.
 * What raises it lives in src/checks/ (or the loader that finds it). */
#include "catalog/catalog.h"

const struct rule SW0201 = {
	.id = "SW0201",
	.title = "The final stage runs as root",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "dockerfile",
	.why = "A process running as root in the container is root on the host's kernel: "
	       "any escape through a kernel or runtime bug, or a mounted path, gives the "
	       "attacker the host. An unprivileged user limits the damage of a compromise. "
	       "Not reported for a server whose root master process serves every request from workers of its own user (nginx, Apache, php-fpm, postfix, dovecot), for a supervisord whose programs each run as such a user (a program's script that starts such a server and then only sleeps counts: postfix start; sleep), nor for a base image (a file named *base*), whose children choose their user, nor for a toolbox: an image FROM an OS image (debian, alpine...) that only adds packages (no ENTRYPOINT, CMD, EXPOSE, COPY or ADD of its own), which runs what its runner names (docker run --rm IMAGE tar ...), unless a compose service builds it. A vendor's base image (onlyoffice/documentserver, ghcr.io/linuxserver/...) sets a USER seaworthy does not know: only Docker's official images and the vendors it knows are judged. Nor when every compose service that runs the image is privileged, adds a capability that reaches the host, or mounts the Docker socket: SW0252-SW0254 report those, and a USER would break the first or change nothing. A service runs a Dockerfile's image when it builds it, or pulls an image the repository makes that is named like the Dockerfile (ghcr.io/mailcow/netfilter and data/Dockerfiles/netfilter/Dockerfile).",
	.bad = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20-slim\nRUN useradd --system --create-home app\nWORKDIR /app\n"
		"COPY --chown=app:app . .\nUSER app\nCMD [\"node\", \"server.js\"]\n",
	.fix = "Create an unprivileged user at build time (useradd/adduser) and add USER <name> "
	       "after the OS packages are installed",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3002" }, { 0 } },
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0202 = {
	.id = "SW0202",
	.title = "USER switches away from root before OS packages are installed",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "dockerfile",
	.why = "Package managers need root: an apt-get, apk or dnf install that runs after "
	       "USER has switched to an unprivileged user fails the build, and the usual "
	       "\"fix\" is to install sudo or loosen permissions, which hands the runtime user "
	       "a way back to root. Install packages first, as root, and switch USER last.",
	.bad = "FROM debian:12-slim\nRUN useradd --system app\nUSER app\n"
	       "RUN apt-get update && apt-get install -y --no-install-recommends curl\n"
	       "CMD [\"./server\"]\n",
	.good = "FROM debian:12-slim\n"
		"RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
		" && rm -rf /var/lib/apt/lists/*\n"
		"RUN useradd --system app\nUSER app\nCMD [\"./server\"]\n",
	.fix = "Install OS packages before USER switches to the unprivileged user",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0203 = {
	.id = "SW0203",
	.title = "sudo is used in the image",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "dockerfile",
	.why = "sudo in a Dockerfile means a step runs as the wrong user: build steps that need "
	       "root should simply run as root before USER switches away. Shipping sudo in the "
	       "image gives the runtime user (and an attacker who gets its shell) a documented "
	       "way back to root, undoing the point of the unprivileged USER, and sudo does not "
	       "forward signals the way a container's main process must. "
	       "An image that runs as root and grants sudo to no one (no sudoers file) gains nothing from it: SW0201 reports the root.",
	.bad = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y sudo \\\n"
	       " && useradd app && echo 'app ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers\n"
	       "USER app\nRUN sudo apt-get install -y curl\nCMD [\"./server\"]\n",
	.good = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl \\\n"
		" && rm -rf /var/lib/apt/lists/* && useradd app\n"
		"USER app\nCMD [\"./server\"]\n",
	.fix = "Run privileged build steps as root before USER, and don't install sudo",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3004" }, { 0 } },
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0204 = {
	.id = "SW0204",
	.title = "A non-root USER is never created",
	.severity = SEV_INFO,
	.checklist = 2,
	.layer = "dockerfile",
	.why = "USER with a name the image has no passwd entry for fails: RUN steps after it "
	       "stop with \"unable to find user\", and so does the container at start-up. "
	       "Create the user (useradd/adduser) in the same stage chain, pick one the base "
	       "image already has, or use a numeric uid, which needs no entry.",
	.bad = "FROM python:3.12-slim\nCOPY . /app\nUSER app\nCMD [\"python\", \"/app/main.py\"]\n",
	.good = "FROM python:3.12-slim\nRUN useradd --system --no-create-home app\n"
		"COPY . /app\nUSER app\nCMD [\"python\", \"/app/main.py\"]\n",
	.fix = "Create the user with useradd/adduser before USER, or use a numeric uid",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0205 = {
	.id = "SW0205",
	.title = "VOLUME makes a system folder a volume",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "A VOLUME is filled from the image once, when the container first "
	       "starts, and then outlives the image: compose keeps a service's "
	       "anonymous volumes when it recreates it. A VOLUME on /etc, /usr or / "
	       "keeps the first image's users, CA certificates and programs in every "
	       "later version of the container, so security updates never reach it; on "
	       "/proc, /sys or /dev the container does not start. /var/lib/docker in a "
	       "Docker-in-Docker image is a proper use and is not reported.",
	.bad = "FROM debian:12-slim\nVOLUME /etc\n",
	.good = "FROM debian:12-slim\nVOLUME /var/lib/app\n",
	.fix = "Declare VOLUME only for the folders the app keeps data in, and mount "
	       "configuration files one by one",
};

const struct rule SW0251 = {
	.id = "SW0251",
	.title = "A compose service runs as root",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "compose",
	.why = "user: root (or 0) makes the container's processes root on the host's kernel, "
	       "and it overrides the unprivileged USER the image may set. Any escape through "
	       "a kernel or runtime bug, or through a mounted path, then gives the attacker "
	       "the host.",
	.bad = "services:\n  api:\n    build: .\n    user: root\n",
	.good = "services:\n  api:\n    build: .\n    user: \"1000:1000\"   # or leave the image's USER\n",
	.fix = "Remove user: root so the image's USER applies, or set an unprivileged user "
	       "(user: \"1000:1000\")",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0252 = {
	.id = "SW0252",
	.title = "A compose service runs privileged",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "compose",
	.why = "privileged: true turns off nearly all isolation: every capability, all host "
	       "devices, no seccomp or AppArmor profile, writable /sys. A process in such a "
	       "container can mount the host's disks or load kernel modules; it is a root "
	       "shell on the host with extra steps.",
	.bad = "services:\n  agent:\n    image: acme/agent:1.4\n    privileged: true\n",
	.good = "services:\n  agent:\n    image: acme/agent:1.4\n    cap_add: [NET_BIND_SERVICE]\n"
		"    devices: [\"/dev/fuse\"]\n",
	.fix = "Remove privileged: true and grant only what the service needs: a capability "
	       "in cap_add, a device in devices:",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0253 = {
	.id = "SW0253",
	.title = "A compose service adds a capability that reaches the host",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "compose",
	.why = "Docker drops the capabilities that act on the whole machine. Adding one back "
	       "(ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE, DAC_READ_SEARCH, NET_ADMIN...) gives "
	       "root in the container a documented path to the host: mounting filesystems, "
	       "loading kernel modules, reading other processes' memory, rewriting the "
	       "firewall. A warning rather than an error when the service's process runs as "
	       "another user (user:, or the entrypoint of an image such as postgres drops "
	       "root): Docker grants no ambient capabilities, so only a root process started "
	       "in the container holds it.",
	.bad = "services:\n  app:\n    image: acme/app:2.1\n    cap_add: [SYS_ADMIN]\n",
	.good = "services:\n  app:\n    image: acme/app:2.1\n    cap_drop: [ALL]\n"
		"    cap_add: [NET_BIND_SERVICE]\n",
	.fix = "Remove the capability; if the service truly needs it, isolate it (a dedicated "
	       "host or VM) and document why",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0254 = {
	.id = "SW0254",
	.title = "A compose service mounts the Docker socket",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "compose",
	.why = "The Docker API is root on the host: anyone who can talk to the socket can run "
	       "a privileged container that mounts the host's filesystem. Mounting it (even "
	       "read-only, which does not stop connections) hands that power to every process "
	       "in the service and to anyone who compromises it.",
	.bad = "services:\n  ui:\n    image: acme/dashboard:3\n    volumes:\n"
	       "      - /var/run/docker.sock:/var/run/docker.sock\n",
	.good = "services:\n  ui:\n    image: acme/dashboard:3\n    environment:\n"
		"      DOCKER_HOST: tcp://socket-proxy:2375\n  socket-proxy:\n"
		"    image: tecnativa/docker-socket-proxy:0.2\n    environment:\n"
		"      CONTAINERS: 1   # read-only API subset\n    volumes:\n"
		"      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
	.fix = "Remove the mount; if the service needs the API, give it a filtering socket proxy "
	       "that allows only the calls it needs, or rootless Docker",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0255 = {
	.id = "SW0255",
	.title = "A compose service shares a host namespace (pid, ipc, uts, userns)",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "compose",
	.why = "Namespaces are what keeps a container's view apart from the host. pid: host "
	       "shows it every host process (and lets root in it signal or trace them), "
	       "ipc: host shares the host's shared memory, uts: host its hostname (which "
	       "root with CAP_SYS_ADMIN can change for the whole host), userns_mode: host "
	       "undoes the daemon's user remapping so container root is host root again.",
	.bad = "services:\n  monitor:\n    image: acme/monitor:1.0\n    pid: host\n",
	.good = "services:\n  monitor:\n    image: acme/monitor:1.0\n"
		"    # watch only the services of the project: share a service's namespace\n"
		"    pid: \"service:app\"\n",
	.fix = "Remove pid/ipc/uts/userns_mode: host; share a sibling's namespace "
	       "(\"service:NAME\") when the service must see another one",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0256 = {
	.id = "SW0256",
	.title = "A compose service turns off seccomp, AppArmor or SELinux",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "compose",
	.why = "Docker's default seccomp profile blocks the syscalls most kernel exploits "
	       "need, and AppArmor or SELinux confine what the container may touch. Marking "
	       "the service unconfined removes that layer, so one kernel bug is enough to "
	       "reach the host. "
	       "label=disable beside a bind of the Docker socket is what SELinux needs for the socket to be used: SW0254 reports the socket, once.",
	.bad = "services:\n  app:\n    image: acme/app:2.1\n    security_opt:\n"
	       "      - seccomp:unconfined\n",
	.good = "services:\n  app:\n    image: acme/app:2.1\n    security_opt:\n"
		"      - no-new-privileges:true\n",
	.fix = "Remove the option; if the service needs one more syscall or permission, use a "
	       "custom profile that allows just that (seccomp:./seccomp.json, apparmor:NAME)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0257 = {
	.id = "SW0257",
	.title = "A compose service bind-mounts a sensitive host folder",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "compose",
	.why = "A bind mount of /, /etc, /root, /home, /boot, /proc, /sys, /dev, the system "
	       "folders or the container runtimes' state (/var/lib/docker, /run/containerd) "
	       "gives the container the host: written to, it can add a user, a cron job or a "
	       "kernel module, or change other containers; read-only, it still reads the "
	       "host's password hashes, keys and every container's secrets. A file below one "
	       "(/etc/localtime) is not reported. Monitoring agents that need /proc or /sys "
	       "should mount them read-only.",
	.bad = "services:\n  agent:\n    image: acme/agent:2\n    volumes:\n      - /:/host\n",
	.good = "services:\n  agent:\n    image: acme/agent:2\n    volumes:\n"
		"      - /var/log/app:/logs:ro\n",
	.fix = "Mount only the file or folder the service needs, read-only (:ro)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0258 = {
	.id = "SW0258",
	.title = "A compose service is given the host's disks or memory as devices",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "compose",
	.scope = SCOPE_PRODUCTION,
	.why = "devices: hands the container a host device node. A GPU, a serial "
	       "adapter or /dev/fuse gives it that piece of hardware; a disk (/dev/sda, "
	       "/dev/nvme0n1, a device-mapper volume), /dev/mem or all of /dev gives it "
	       "the host: it can read every file and write its own root account or "
	       "kernel, whatever its user and capabilities. Only those devices are "
	       "reported (lexicon host_devices).",
	.bad = "services:\n  backup:\n    image: acme/backup:3\n    devices:\n      - "
	       "/dev/sda:/dev/sda\n",
	.good = "services:\n  backup:\n    image: acme/backup:3\n    volumes:\n      - "
		"/srv/data:/data:ro\n",
	.fix = "Mount the folders the service needs instead of the device, read-only "
	       "where it can",
};

const struct rule SW0259 = {
	.id = "SW0259",
	.title = "A compose service mounts a folder with shared propagation",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "compose",
	.scope = SCOPE_PRODUCTION,
	.why = "With shared (or rshared) propagation, mounts made under the folder "
	       "inside the container appear on the host, and the host's in the "
	       "container: a container that can mount can cover a host path with its "
	       "own files. Storage drivers that need it run privileged anyway; rslave, "
	       "which only lets the host's mounts in (what monitoring agents use), is "
	       "not reported.",
	.bad = "services:\n  agent:\n    image: acme/agent:2\n    volumes:\n      - "
	       "/mnt/data:/data:rshared\n",
	.good = "services:\n  agent:\n    image: acme/agent:2\n    volumes:\n      - "
		"/mnt/data:/data:rslave\n",
	.fix = "Use the default propagation (rprivate), or rslave when the container "
	       "must see mounts the host makes later",
};

const struct rule SW0271 = {
	.id = "SW0271",
	.title = "The image runs as root",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "image",
	.why = "A process running as root inside the container is root on the host's kernel: "
	       "any escape or mounted volume gives full control. The image config decides the "
	       "user, whatever the Dockerfile looked like.",
	.bad = "docker save myapp:1.0 -o myapp.tar   # config.User is \"\"\n",
	.good = "RUN useradd --uid 10001 app\nUSER app\n",
	.fix = "Create an unprivileged user in the image and set USER to it",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0272 = {
	.id = "SW0272",
	.title = "The image's USER does not exist in the image",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "image",
	.why = "Docker resolves a user name through the image's own /etc/passwd when the "
	       "container starts; a name it lacks makes every start fail. A numeric uid always "
	       "works.",
	.bad = "USER app   # but no useradd app in any stage that ends in the image\n",
	.good = "RUN useradd --uid 10001 app\nUSER app\n",
	.fix = "Create the user in the final stage, or use a numeric USER 10001",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0273 = {
	.id = "SW0273",
	.title = "The image holds setuid or setgid binaries",
	.severity = SEV_INFO,
	.checklist = 2,
	.layer = "image",
	.why = "A setuid-root binary lets a non-root user become root inside the container "
	       "when it has a flaw. Few services need one; base images ship several (su, passwd, "
	       "mount).",
	.bad = "FROM debian:12   # /usr/bin/su, /usr/bin/passwd... are setuid root\n",
	.good = "RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\n",
	.fix = "Strip the bits (chmod a-s) from binaries the service does not need, or run with "
	       "--security-opt no-new-privileges",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0274 = {
	.id = "SW0274",
	.title = "The image's accounts have passwords or shared uids",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "image",
	.why = "Containers need no login passwords: a hash in /etc/shadow ships with every copy "
	       "of the image and can be cracked offline, and an empty password lets anyone su. "
	       "Two users with one uid (often an \"app\" user with uid 0) hide who really runs the "
	       "process.",
	.bad = "RUN echo 'app:secret' | chpasswd\nRUN useradd -o -u 0 app\n",
	.good = "RUN useradd --uid 10001 --no-create-home app   # no password: locked\n",
	.fix = "Create service users without passwords (locked) and with their own uid",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0275 = {
	.id = "SW0275",
	.title = "The image declares a VOLUME on a system folder",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "image",
	.scope = SCOPE_PRODUCTION,
	.why = "A VOLUME is filled from the image once, when a container first starts, "
	       "and then outlives the image: a VOLUME on /etc, /usr or / keeps the "
	       "first image's users, CA certificates and programs in later versions of "
	       "the container, so security updates never reach it.",
	.bad = "docker image inspect acme/app:1 --format '{{.Config.Volumes}}'   # "
	       "map[/etc:{}]\n",
	.good = "VOLUME /var/lib/app\n",
	.fix = "Rebuild the image with VOLUME only on the folders the app keeps data in",
};

const struct rule SW0281 = {
	.id = "SW0281",
	.title = "A container runs as root",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "live",
	.why = "Whatever the Dockerfile or compose file says, this is the user the running "
	       "container has: no user in the image and none given to docker run, or an "
	       "explicit root (root, 0, 0:0). Root in a container is root on the host's kernel: "
	       "a container escape or a writable host mount gives full control.",
	.bad = "docker run -d --name api acme/api:1.8          # the image sets no USER\n"
	       "docker run -d --name job --user root acme/job:2\n",
	.good = "docker run -d --name api --user 10001:10001 acme/api:1.8\n"
		"# better: USER app in the image's Dockerfile\n",
	.fix = "Set an unprivileged USER in the image (or run the container with --user "
	       "10001:10001, user: in compose) and recreate the container",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0282 = {
	.id = "SW0282",
	.title = "A container runs privileged",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "live",
	.why = "--privileged turns off the isolation that makes a container a container: all "
	       "capabilities, every host device, no seccomp or AppArmor profile. Root in it "
	       "can mount the host's disks and load kernel modules; it is root on the host.",
	.bad = "docker run -d --privileged --name agent acme/agent:3\n",
	.good = "docker run -d --name agent --cap-drop ALL --cap-add NET_BIND_SERVICE "
		"--device /dev/ttyUSB0 acme/agent:3\n",
	.fix = "Recreate the container without --privileged (privileged: true), granting only the "
	       "device or capability it really needs",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0283 = {
	.id = "SW0283",
	.title = "A container has a capability added that reaches the host",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "live",
	.why = "Docker drops the capabilities that act on the whole machine. A running container "
	       "that got one back (ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE, DAC_READ_SEARCH, "
	       "NET_ADMIN...) gives root in it a documented path to the host: mounting "
	       "filesystems, loading kernel modules, reading other processes' memory, rewriting "
	       "the firewall. The list is the one of the compose rule SW0253, and so is the "
	       "warning (not error) for a container whose process runs as another user.",
	.bad = "docker run -d --cap-add SYS_ADMIN --name app acme/app:2.1\n",
	.good = "docker run -d --cap-drop ALL --cap-add NET_BIND_SERVICE --name app acme/app:2.1\n",
	.fix = "Recreate the container without the capability; if it truly needs it, isolate it "
	       "(a dedicated host or VM) and document why",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0284 = {
	.id = "SW0284",
	.title = "A container has the Docker socket mounted",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "live",
	.why = "The Docker API is root on the host: a container that can reach the socket can "
	       "start a privileged container with / mounted, whatever its own user. A bind "
	       "mount of the socket (or of /var/run, or any file onto /var/run/docker.sock in "
	       "the container) hands that over to every process and every exploit in it.",
	.bad = "docker run -d -v /var/run/docker.sock:/var/run/docker.sock --name ci acme/ci:1\n",
	.good = "# a socket proxy that allows only what is needed, read-only\n"
		"docker run -d --name ci -e DOCKER_HOST=tcp://socket-proxy:2375 acme/ci:1\n",
	.fix = "Remove the socket mount; if the container must talk to Docker, put a filtering "
	       "socket proxy in front or use rootless Docker",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0285 = {
	.id = "SW0285",
	.title = "A container has a sensitive host folder bind-mounted",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "live",
	.why = "A bind mount of /, /etc, /root, /home, /boot, /proc, /sys, /dev, the system "
	       "folders or the container runtimes' state (/var/lib/docker, /run/containerd) "
	       "gives the container the host: written to, it can add a user, a cron job or a "
	       "kernel module; read-only, it still reads the host's password hashes and keys. "
	       "A file below one (/etc/localtime) is not reported.",
	.bad = "docker run -d -v /:/host --name agent acme/agent:2\n",
	.good = "docker run -d -v /var/log/app:/logs:ro --name agent acme/agent:2\n",
	.fix = "Recreate the container with only the file or folder it needs, read-only (:ro)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0286 = {
	.id = "SW0286",
	.title = "A container shares a host namespace (pid, ipc, uts, userns)",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "live",
	.why = "A container started with --pid host sees and, as root, can signal every host "
	       "process; --ipc host opens the host's shared memory; --uts host its hostname; "
	       "--userns host makes its root the host's root even where the daemon remaps "
	       "users.",
	.bad = "docker run -d --pid host --name monitor acme/monitor:1.0\n",
	.good = "docker run -d --name monitor acme/monitor:1.0\n",
	.fix = "Recreate the container without --pid/--ipc/--uts/--userns host; share a "
	       "sibling's namespace (--pid container:NAME) if that is what it needs",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0287 = {
	.id = "SW0287",
	.title = "A container runs with seccomp, AppArmor or SELinux turned off",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "live",
	.why = "--security-opt seccomp=unconfined allows every syscall, including those kernel "
	       "exploits need; apparmor=unconfined and label=disable drop the profiles that "
	       "confine it; systempaths=unconfined unmasks /proc and /sys. Together with root "
	       "they are most of the way to the host.",
	.bad = "docker run -d --security-opt seccomp=unconfined --name app acme/app:2\n",
	.good = "docker run -d --security-opt seccomp=./app-seccomp.json --name app acme/app:2\n",
	.fix = "Recreate the container without the option; if it needs one more syscall or "
	       "permission, use a custom profile that allows just that",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0288 = {
	.id = "SW0288",
	.title = "A container has the host's disks or memory as devices",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "live",
	.scope = SCOPE_PRODUCTION,
	.why = "A disk (/dev/sda, /dev/nvme0n1, a device-mapper volume), /dev/mem or "
	       "all of /dev given with --device gives the container the host: it can "
	       "read every file and write the host's root account or kernel, whatever "
	       "its user and capabilities. GPUs, serial adapters and /dev/fuse are not "
	       "reported.",
	.bad = "docker run -d --device /dev/sda acme/backup:3\n",
	.good = "docker run -d -v /srv/data:/data:ro acme/backup:3\n",
	.fix = "Recreate the container with the folders it needs mounted instead of the "
	       "device",
};

const struct rule SW0289 = {
	.id = "SW0289",
	.title = "A container has a folder mounted with shared propagation",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "live",
	.scope = SCOPE_PRODUCTION,
	.why = "With shared (or rshared) propagation, mounts made under the folder "
	       "inside the container appear on the host, and the other way: a container "
	       "that can mount can cover a host path with its own files. rslave is not "
	       "reported.",
	.bad = "docker run -d -v /mnt/data:/data:rshared acme/agent:2\n",
	.good = "docker run -d -v /mnt/data:/data:rslave acme/agent:2\n",
	.fix = "Recreate the container with the default propagation (rprivate), or "
	       "rslave",
};
