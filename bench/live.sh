#!/usr/bin/env bash
# `seaworthy live` timing over 50 running containers of the private test
# engine (tests/engine/dockerd.sh, the folder tests/live/run.sh uses): 50
# busybox containers of one compose-labelled project, some publishing ports,
# created here and removed afterwards. Each run inspects all 50, asks the
# processes of each (docker top) and reads the image. Goal: under 1 s.
# hyperfine when installed, else the median of 10 runs timed by bash.
# usage: bench/live.sh BINARY
#   BENCH_LIVE_N=N   the number of containers (default 50)
# Without an engine (not root, no dockerd) it says SKIPPED and exits 0.
set -uo pipefail
bin=$(readlink -f "${1:?usage: bench/live.sh BINARY}")
top=$(cd "$(dirname "$0")/.." && pwd)
n=${BENCH_LIVE_N:-50}
goal_s=1
export SW_DOCKERD_DIR=${SW_LIVE_DOCKERD_DIR:-/tmp/sw-live-dockerd}
export SW_DOCKERD_EXEC=${SW_LIVE_DOCKERD_EXEC:-/tmp/sw-lx}

# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
engines=$(mktemp)
bench_engines_track "$engines"
trap bench_engines_stop EXIT

echo
echo "bench: seaworthy live over $n running containers"
if ! sock=$("$top/tests/engine/dockerd.sh" start 2>/dev/null); then
	echo "bench: live SKIPPED: no private engine here (tests/engine/dockerd.sh needs root and dockerd)"
	exit 0
fi
command -v docker >/dev/null || { echo "bench: live SKIPPED: no docker client"; exit 0; }
export DOCKER_HOST=unix://$sock
busybox=/bin/busybox
[ -x "$busybox" ] || busybox=$(command -v busybox || true)
[ -n "$busybox" ] || { echo "bench: live SKIPPED: no busybox (apt-get install busybox-static)"; exit 0; }
# Not at the same time as the live tests: they expect the engine to themselves.
if command -v flock >/dev/null; then
	exec 9>"$SW_DOCKERD_DIR/live-tests.lock"
	flock -w 600 9 || { echo "bench: live: the engine stays locked" >&2; exit 1; }
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/seaworthy-bench-live.XXXXXX")
cleanup() {
	ids=$(docker ps -aq --filter label=com.docker.compose.project=swbench 2>/dev/null)
	[ -z "$ids" ] || docker rm -f -v $ids >/dev/null 2>&1
	docker network rm swbench-net >/dev/null 2>&1
	docker rmi seaworthy-bench/busybox >/dev/null 2>&1
	rm -rf "$tmp"
}
trap 'cleanup; bench_engines_stop' EXIT
cleanup
mkdir -p "$tmp/root/bin"
cp "$busybox" "$tmp/root/bin/busybox" && ln -s busybox "$tmp/root/bin/sh"
if ! tar -C "$tmp/root" -c bin | docker import -c 'CMD ["/bin/busybox","sleep","3600"]' - \
	seaworthy-bench/busybox >/dev/null 2>"$tmp/err" ||
   ! { docker network inspect swbench-net >/dev/null 2>&1 || docker network create swbench-net >/dev/null 2>>"$tmp/err"; }; then
	echo "bench: live: cannot set up the engine:" >&2; head -5 "$tmp/err" >&2; exit 1
fi
mkdir -p "$tmp/cwd"
seq 1 "$n" | xargs -P 8 -I{} sh -c '
	ports=""; [ $(({} % 5)) -eq 0 ] && ports="-p 127.0.0.1::80"
	docker run -d --name swbench-{} --network swbench-net --restart unless-stopped \
		--label com.docker.compose.project=swbench --label com.docker.compose.service=svc{} \
		$ports seaworthy-bench/busybox >/dev/null 2>>"$1/err"' _ "$tmp"
running=$(docker ps -q --filter label=com.docker.compose.project=swbench | wc -l)
if [ "$running" -ne "$n" ]; then
	echo "bench: live: only $running of $n containers run:" >&2; head -5 "$tmp/err" >&2; exit 1
fi

cmd=("$bin" live --host "unix://$sock" --project swbench --format json)
"${cmd[@]}" >"$tmp/out.json" 2>"$tmp/err"; rc=$?
found=$(python3 -c 'import json,sys; print(len({f["target"]["name"] for f in json.load(open(sys.argv[1]))["findings"]}))' "$tmp/out.json" 2>/dev/null)
if [ $rc -gt 1 ] || [ "${found:-0}" -ne "$n" ]; then
	echo "bench: live: seaworthy live failed (exit $rc, $found containers reported):" >&2
	head -5 "$tmp/err" >&2; exit 1
fi
# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
median=$(awk -v s="$(bench_median 10 "${cmd[@]}")" 'BEGIN { printf "%.3f", s }')
how=$(bench_how 10)
verdict=$(awk -v v="$median" -v g="$goal_s" 'BEGIN { print (v < g) ? "PASS" : "MISS" }')
printf '  %-32s %8s s   goal < %s s   %s   (%s; %s)\n' "seaworthy live, $n containers" "$median" \
	"$goal_s" "$verdict" "$how" "$(printf '%q ' "${cmd[@]}")"
exit 0
