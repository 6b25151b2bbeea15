#!/usr/bin/env bash
# `seaworthy live` against a real engine: a private dockerd (tests/engine/
# dockerd.sh, in its own folder so that nobody else's containers show up),
# good and bad containers made from a busybox image imported here (no
# registry needed), and a compose project brought up with docker-compose.
# Output is compared to the golden files of this folder.
#   usage: tests/live/run.sh [BUILD_DIR | BINARY]     (default: build)
#   UPDATE=1 rewrites the golden files (review the diff!).
# Prints one line per check: "ok NAME", "FAIL NAME" (with details indented
# below) or "SKIP NAME"; tests/run.sh counts them. Exit status: 0 all
# passed, 1 a check failed, 77 no engine could run here (a skip, never a
# pass). Environment: SW_LIVE_DOCKERD_DIR and SW_LIVE_DOCKERD_EXEC choose
# the engine's folders (default /tmp/sw-live-dockerd, /tmp/sw-lx);
# SW_LIVE_KEEP=1 keeps the containers afterwards.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/tests/live
arg=${1:-build}
if [ -f "$arg" ] && [ -x "$arg" ]; then BIN=$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")
else BIN=$top/$arg/seaworthy; fi
export NO_COLOR=1
fails=0 passes=0
tmp=$(mktemp -d)

ok()   { passes=$((passes + 1)); echo "ok $*"; }
bad()  { fails=$((fails + 1)); echo "FAIL $*"; }
show() { sed 's/^/    /' "$@" | head -40; }

# Checks that need no engine: every option of `live --help` is documented.
"$BIN" live --help >"$tmp/help" 2>&1; rc=$?
if [ $rc -eq 0 ] && head -1 "$tmp/help" | grep -q '^usage: seaworthy live'; then ok "live --help"
else bad "live --help (exit $rc)"; show "$tmp/help"; fi
missing=''
for opt in $(grep -oE '^ +--[a-z][a-z-]*' "$tmp/help"); do
	grep -qE "Fl -${opt#--}([^a-z-]|\$)" "$top/man/seaworthy.1" || missing="$missing man:$opt"
	grep -qE -- "$opt([^a-z-]|\$)" "$top/completion/seaworthy.bash" || missing="$missing bash:$opt"
	grep -qE -- "$opt([^a-z-]|\$)" "$top/completion/_seaworthy" || missing="$missing zsh:$opt"
done
grep -q 'seaworthy live' "$top/man/seaworthy.1" || missing="$missing man:live"
if [ -z "$missing" ]; then ok "live options documented"; else bad "live options undocumented:$missing"; fi
"$BIN" live extra >"$tmp/out" 2>&1; rc=$?
if [ $rc -eq 2 ] && grep -q 'takes no arguments' "$tmp/out"; then ok "live usage error"
else bad "live usage error (exit $rc)"; show "$tmp/out"; fi

# Engine down: exit 2, a clear message on stderr and in the report.
"$BIN" live --host unix:///nonexistent.sock --format json >"$tmp/out" 2>"$tmp/err"; rc=$?
# The error reaches stderr once, as file: error: message, and stays in the JSON.
if [ $rc -eq 2 ] && [ "$(grep -c 'cannot reach' "$tmp/err")" = 1 ] &&
   grep -q '^unix:///nonexistent.sock: error: cannot reach the Docker engine: /nonexistent.sock' "$tmp/err" &&
   python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); e=d["errors"]
assert len(e) == 1 and e[0]["file"] == "unix:///nonexistent.sock" and "cannot reach" in e[0]["message"], e
assert not d["findings"] and all(p["status"] == "unchecked" for p in d["checklist"])' "$tmp/out" 2>"$tmp/py"; then
	ok "engine down"
else bad "engine down (exit $rc)"; show "$tmp/err" "$tmp/py"; fi
# --host beats DOCKER_HOST.
DOCKER_HOST=unix:///nonexistent-env.sock "$BIN" live --host unix:///nonexistent.sock >/dev/null 2>"$tmp/err"; rc=$?
DOCKER_HOST=unix:///nonexistent-env.sock "$BIN" live >/dev/null 2>"$tmp/err2"; rc2=$?
if [ $rc -eq 2 ] && grep -q '/nonexistent.sock:' "$tmp/err" && [ $rc2 -eq 2 ] &&
   grep -q '/nonexistent-env.sock:' "$tmp/err2"; then ok "--host beats DOCKER_HOST"
else bad "--host beats DOCKER_HOST ($rc $rc2)"; show "$tmp/err" "$tmp/err2"; fi

finish() {
	echo "live: $passes passed, $fails failed"
	rm -rf "$tmp"
	[ $fails -eq 0 ] || exit 1
	exit "${1:-0}"
}

export SW_DOCKERD_DIR=${SW_LIVE_DOCKERD_DIR:-/tmp/sw-live-dockerd}
export SW_DOCKERD_EXEC=${SW_LIVE_DOCKERD_EXEC:-/tmp/sw-lx}
sock=$("$top/tests/engine/dockerd.sh" start 2>"$tmp/err"); rc=$?
if [ $rc -ne 0 ]; then
	echo "SKIP live engine tests: $(tail -1 "$tmp/err")"
	finish 77
fi
for tool in docker docker-compose; do
	if ! command -v $tool >/dev/null; then echo "SKIP live engine tests: no $tool"; finish 77; fi
done
export DOCKER_HOST=unix://$sock
H=(--host "unix://$sock")
# One run at a time on this engine (fixed names and host ports).
if command -v flock >/dev/null; then
	exec 9>"$SW_DOCKERD_DIR/live-tests.lock"
	flock -w 600 9 || { bad "another live test run holds $SW_DOCKERD_DIR/live-tests.lock"; finish; }
fi

cleanup() {
	docker-compose -p swlive -f "$here/compose.yaml" down -v >/dev/null 2>&1
	ids=$(docker ps -aq --filter name=swlive- 2>/dev/null)
	[ -z "$ids" ] || docker rm -f -v $ids >/dev/null 2>&1
	docker network rm swlive-net >/dev/null 2>&1
	docker volume rm swlive-logs >/dev/null 2>&1
	rm -f /tmp/swlive-docker.sock
}
# SW_LIVE_KEEP=1 leaves the containers for a look (the next run removes them).
trap '[ -n "${SW_LIVE_KEEP:-}" ] || cleanup; rm -rf "$tmp"' EXIT
cleanup

# The images: busybox-static, a script named supervisord, one tag that looks
# like a proxy, and one with a user and a log VOLUME.
busybox=$(command -v busybox || true)
if [ -z "$busybox" ] || ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
	[ -x /bin/busybox ] && busybox=/bin/busybox
fi
if [ -z "$busybox" ]; then echo "SKIP live engine tests: no busybox (apt-get install busybox-static)"; finish 77; fi
mkdir -p "$tmp/root/bin"
cp "$busybox" "$tmp/root/bin/busybox"
ln -s busybox "$tmp/root/bin/sh"
printf '#!/bin/sh\n/bin/busybox sleep 3600 &\n/bin/busybox sleep 3601 &\nwait\n' >"$tmp/root/bin/supervisord"
chmod 755 "$tmp/root/bin/supervisord"
if tar -C "$tmp/root" -c bin | docker import -c 'CMD ["/bin/busybox","sleep","3600"]' - seaworthy-test/busybox >"$tmp/log" 2>&1 &&
   docker tag seaworthy-test/busybox seaworthy-test/nginx:1 >>"$tmp/log" 2>&1 &&
   tar -C "$tmp/root" -c bin | docker import -c 'CMD ["/bin/busybox","sleep","3600"]' -c 'USER 1000' \
	-c 'VOLUME ["/var/log/app"]' - seaworthy-test/app >>"$tmp/log" 2>&1 &&
   { docker network inspect swlive-net >/dev/null 2>&1 ||	# a stale endpoint can keep it
     docker network create swlive-net >>"$tmp/log" 2>&1; }; then
	ok "images imported"
else
	bad "importing the test images"; show "$tmp/log"; finish
fi
: >/tmp/swlive-docker.sock

# Clean settings; each container below changes one thing.
good=(--network swlive-net --user 1000:1000 --restart unless-stopped
      --security-opt no-new-privileges --log-opt max-size=10m)
bb=seaworthy-test/busybox
# docker run takes seconds here (vfs storage): the containers start side by
# side, and mk_wait reports those that failed.
mk() { # name args...
	local name=$1; shift
	(docker run -d --name "$name" "$@" >"$tmp/run-$name.log" 2>&1 ||
	 echo "$name" >>"$tmp/run-failed") &
}
mk_wait() {
	wait
	if [ -s "$tmp/run-failed" ]; then
		for n in $(cat "$tmp/run-failed"); do bad "docker run $n"; show "$tmp/run-$n.log"; done
		rm -f "$tmp/run-failed"
	fi
}
mk swlive-good "${good[@]}" -p 127.0.0.1:28081:80 $bb
mk swlive-root --network swlive-net --restart no $bb
mk swlive-rootuser "${good[@]}" --user 0:0 seaworthy-test/app
mk swlive-public "${good[@]}" -p 0.0.0.0:28080:80 -p 28082:81 -p 127.0.0.1:28083:82 $bb
mk swlive-hostnet --network host --user 1000 --restart unless-stopped \
	--security-opt no-new-privileges --log-opt max-size=10m $bb
mk swlive-nolog --network swlive-net --user 1000 --restart unless-stopped \
	--security-opt no-new-privileges --log-driver none $bb
mk swlive-socket "${good[@]}" -v /tmp/swlive-docker.sock:/var/run/docker.sock $bb
mk swlive-privileged "${good[@]}" --privileged $bb
mk swlive-cap "${good[@]}" --cap-add SYS_ADMIN --cap-add NET_BIND_SERVICE $bb
mk swlive-supervisor "${good[@]}" $bb /bin/supervisord
mk swlive-trees "${good[@]}" $bb sh -c 'sleep 3600 & sleep 3601 & wait'
mk swlive-proxy "${good[@]}" -p 0.0.0.0:28480:80 seaworthy-test/nginx:1
mk swlive-crashed "${good[@]}" --restart no $bb sh -c 'exit 3'
mk swlive-job "${good[@]}" --restart no $bb sh -c 'exit 0'
mk swlive-loop "${good[@]}" --restart on-failure:4 $bb sh -c 'exit 1'
mk swlive-logvol "${good[@]}" seaworthy-test/app
mk swlive-logvol-named "${good[@]}" -v swlive-logs:/var/log/app seaworthy-test/app
mk swlive-logenv "${good[@]}" -e LOG_DIR=/app/logs $bb
if docker-compose -p swlive -f "$here/compose.yaml" up -d >"$tmp/compose.log" 2>&1; then ok "docker-compose up"
else bad "docker-compose up"; show "$tmp/compose.log"; fi
mk_wait

# Wait until the engine is settled: the loop gave up after 4 restarts, the
# one-shot ones exited, the process trees are complete.
settled() {
	[ "$(docker inspect -f '{{.State.Status}} {{.RestartCount}}' swlive-loop 2>/dev/null)" = "exited 4" ] &&
	[ "$(docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' swlive-crashed 2>/dev/null)" = "exited 3" ] &&
	[ "$(docker inspect -f '{{.State.Status}}' swlive-job 2>/dev/null)" = exited ] &&
	[ "$(docker top swlive-supervisor 2>/dev/null | wc -l)" -ge 4 ] &&
	[ "$(docker top swlive-trees 2>/dev/null | wc -l)" -ge 4 ]
}
for _ in $(seq 1 120); do settled && break; sleep 0.25; done
if settled; then ok "containers settled"; else bad "containers did not settle"; docker ps -a | show; fi

golden() { # name file: compares (or with UPDATE=1 rewrites) a golden file
	if [ -n "${UPDATE:-}" ]; then cp "$2" "$here/$1"; fi
	if diff -u "$here/$1" "$2" >"$tmp/diff" 2>&1; then ok "golden $1"; else bad "golden $1"; show "$tmp/diff"; fi
}
run() { # outfile args...: output and exit status in one file
	local out=$1; shift
	"$BIN" live "$@" >"$out" 2>&1
	echo "[exit $?]" >>"$out"
}

run "$tmp/all.txt" "${H[@]}"
golden expected.txt "$tmp/all.txt"
run "$tmp/all.json" "${H[@]}" --format json
golden expected.json "$tmp/all.json"
run "$tmp/project.txt" "${H[@]}" --project swlive
golden expected-project.txt "$tmp/project.txt"
# The same run again gives the same bytes (order, no ids or times).
run "$tmp/again.json" "${H[@]}" --format json
if cmp -s "$tmp/all.json" "$tmp/again.json"; then ok "deterministic"; else bad "two runs differ"; diff -u "$tmp/all.json" "$tmp/again.json" | show; fi
# Processes through the engine's /top (as for a remote engine) give the
# same findings as this machine's /proc.
SEAWORTHY_LIVE_TOP=1 run "$tmp/top.json" "${H[@]}" --format json
if cmp -s "$tmp/all.json" "$tmp/top.json"; then ok "/top and /proc agree"; else bad "/top and /proc differ"; diff -u "$tmp/all.json" "$tmp/top.json" | show; fi

# JSON shape: no file, a container target with project and service.
if python3 - "$tmp/all.json" >"$tmp/py" 2>&1 <<'PY'; then ok "JSON targets"; else bad "JSON targets"; show "$tmp/py"; fi
import json, sys
text = open(sys.argv[1]).read()
d = json.loads(text[:text.rindex("[exit")])
fs = d["findings"]
assert fs and all(f["file"] is None for f in fs)
for f in fs:
    t = f["target"]
    assert t["kind"] == "container" and set(t) == {"kind", "name", "project", "service"}, t
    assert f["message"].startswith("container " + t["name"] + " "), f
web = [f for f in fs if f["target"]["name"] == "swlive_web_1"]
assert web and all(f["target"]["project"] == "swlive" and f["target"]["service"] == "web" for f in web)
plain = [f for f in fs if f["target"]["name"] == "swlive-root"]
assert plain and all(f["target"]["project"] is None and f["target"]["service"] is None for f in plain)
names = {f["target"]["name"] for f in fs}
for clean in ("swlive-good", "swlive-job", "swlive-logvol-named", "swlive_worker_1"):
    assert clean not in names, clean
assert not any(f["rule"] == "SW0981" and "proxy" in f["target"]["name"] for f in fs)
status = {p["point"]: p["status"] for p in d["checklist"]}
assert all(status[p] == "fail" for p in (2, 7, 8, 9, 10)), status
assert status[1] == "unchecked" and status[3] == "unchecked", status
PY

# --project: only that project's containers; an unknown project is an error.
"$BIN" live "${H[@]}" --project swlive --format json >"$tmp/p.json" 2>&1
if python3 -c 'import json,sys; fs=json.load(open(sys.argv[1]))["findings"]
assert fs and all(f["target"]["project"] == "swlive" for f in fs)' "$tmp/p.json" 2>"$tmp/py"; then ok "--project filters"
else bad "--project filters"; show "$tmp/py"; fi
run "$tmp/none.txt" "${H[@]}" --project swlive-nothing
if grep -q 'no container belongs to compose project swlive-nothing' "$tmp/none.txt" && grep -q '^\[exit 2\]' "$tmp/none.txt"; then
	ok "--project with no container"
else bad "--project with no container"; show "$tmp/none.txt"; fi

# DOCKER_HOST is honoured without --host.
"$BIN" live --project swlive --select SW0981 --format json >"$tmp/env.json" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q '"swlive_web_1"' "$tmp/env.json"; then ok "DOCKER_HOST"; else bad "DOCKER_HOST (exit $rc)"; show "$tmp/env.json"; fi

# --select, --fail-on, a config file (proxies, rule options).
"$BIN" live "${H[@]}" --select SW0282 --format json >"$tmp/sel.json" 2>&1; rc=$?
got=$(python3 -c 'import json,sys; print(" ".join(sorted(f["target"]["name"] for f in json.load(open(sys.argv[1]))["findings"])))' "$tmp/sel.json" 2>&1)
if [ $rc -eq 1 ] && [ "$got" = swlive-privileged ]; then ok "--select"; else bad "--select (exit $rc): $got"; fi
"$BIN" live "${H[@]}" --select SW0091 --fail-on warning >/dev/null 2>&1; rc=$?
"$BIN" live "${H[@]}" --select SW0091 --fail-on info >/dev/null 2>&1; rc2=$?
if [ $rc -eq 0 ] && [ $rc2 -eq 1 ]; then ok "--fail-on"; else bad "--fail-on ($rc $rc2)"; fi
printf 'proxies: [swlive-public]\nrules:\n  SW0882: {max-restarts: 10}\n' >"$tmp/cfg.yaml"
"$BIN" live "${H[@]}" --config "$tmp/cfg.yaml" --select SW0981,SW0882 --format json >"$tmp/cfg.json" 2>&1
got=$(python3 -c 'import json,sys; print(" ".join(sorted(f["target"]["name"] for f in json.load(open(sys.argv[1]))["findings"])))' "$tmp/cfg.json" 2>&1)
if [ "$got" = swlive_web_1 ]; then ok "--config proxies and max-restarts"; else bad "--config: got '$got'"; fi

# Baselines: everything known, then one new finding.
"$BIN" live "${H[@]}" --write-baseline "$tmp/base.json" >/dev/null 2>&1; r1=$?
"$BIN" live "${H[@]}" --baseline "$tmp/base.json" >"$tmp/bl.txt" 2>&1; r2=$?
mk swlive-zz-new "${good[@]}" --privileged $bb
mk_wait
"$BIN" live "${H[@]}" --baseline "$tmp/base.json" --format json >"$tmp/bl.json" 2>&1; r3=$?
got=$(python3 -c 'import json,sys; print(" ".join(f["rule"] + ":" + f["target"]["name"] for f in json.load(open(sys.argv[1]))["findings"]))' "$tmp/bl.json" 2>&1)
if [ "$r1 $r2 $r3" = "0 0 1" ] && grep -q 'known from the baseline' "$tmp/bl.txt" && grep -q '^0 findings' "$tmp/bl.txt" &&
   [ "$got" = "SW0282:swlive-zz-new" ]; then ok "baseline"
else bad "baseline ($r1 $r2 $r3): $got"; show "$tmp/bl.txt"; fi

finish
