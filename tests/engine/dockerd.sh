#!/usr/bin/env bash
# A private Docker engine for the suite, so tests never touch the user's
# containers: its own socket, data and exec roots under one folder.
#   tests/engine/dockerd.sh start   start it (or reuse it), print its socket
#   tests/engine/dockerd.sh stop    stop it and remove its containers' state
# Exit status 77 when no engine can run here (not root, no dockerd, or it
# did not come up): callers report a skip, never a pass.
set -uo pipefail

dir=${SW_DOCKERD_DIR:-/tmp/sw-dockerd}
sock=$dir/docker.sock
# Short: containerd's shim sockets live under it (108-byte sun_path).
# One per engine folder: two engines sharing it would share containerd.
exec_root=${SW_DOCKERD_EXEC:-/tmp/sw-dx-$(printf '%s' "$dir" | cksum | cut -d' ' -f1)}

ping() {
	curl -sf --max-time 2 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1
}

skip() {
	echo "skip: $*" >&2
	exit 77
}

case ${1:-} in
start)
	if ping; then
		echo "$sock"
		exit 0
	fi
	[ "$(id -u)" = 0 ] || skip "the test engine needs root"
	command -v dockerd >/dev/null || skip "no dockerd (apt-get install docker.io)"
	command -v curl >/dev/null || skip "no curl"
	mkdir -p "$dir" "$exec_root"
	rm -f "$sock"
	dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$exec_root" \
		--pidfile "$dir/dockerd.pid" --iptables=false --ip6tables=false --bridge=none \
		--storage-driver=vfs >"$dir/dockerd.log" 2>&1 &
	# Whoever asked to be told (tests/run.sh) stops it at its end.
	[ -z "${SW_ENGINES_STARTED:-}" ] || echo "$dir" >>"$SW_ENGINES_STARTED"
	for _ in $(seq 1 120); do
		if ping; then
			echo "$sock"
			exit 0
		fi
		kill -0 $! 2>/dev/null || break
		sleep 0.25
	done
	tail -5 "$dir/dockerd.log" >&2
	skip "the test engine did not start (log: $dir/dockerd.log)"
	;;
stop)
	pid=$(cat "$dir/dockerd.pid" 2>/dev/null)
	# A stale pid file must not kill whatever has that pid now.
	if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]; then
		if ping; then
			ids=$(DOCKER_HOST=unix://$sock docker ps -aq 2>/dev/null)
			[ -z "$ids" ] || DOCKER_HOST=unix://$sock docker rm -f $ids >/dev/null 2>&1
		fi
		kill "$pid" 2>/dev/null
		for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
	fi
	exit 0
	;;
*)
	echo "usage: tests/engine/dockerd.sh start|stop" >&2
	exit 2
	;;
esac
