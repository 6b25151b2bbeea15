#!/usr/bin/env bash
# `seaworthy host` timing: the running system as the invoking user, and a
# fixture tree through --root (sudoers with includes and aliases, groups,
# daemon.json). Goal: under 50 ms each. hyperfine when installed, else the
# best of 20 runs timed by bash.
# usage: bench/host.sh BINARY
set -uo pipefail
bin=$(readlink -f "${1:?usage: bench/host.sh BINARY}")
top=$(cd "$(dirname "$0")/.." && pwd)
goal_ms=50
tree=$top/tests/golden/host-sudoers-includes

median_ms() { # command... -> median wall time in ms
	if command -v hyperfine >/dev/null 2>&1; then
		local j
		j=$(mktemp)
		hyperfine -N -w 3 -r 30 -i --export-json "$j" "$(printf '%q ' "$@")" >/dev/null 2>&1
		python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$j"
		rm -f "$j"
	else
		local best=999999 t0 t1 ms
		for _ in $(seq 20); do
			t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
			ms=$(( (t1 - t0) / 1000 ))
			[ $ms -lt $best ] && best=$ms
		done
		awk -v u="$best" 'BEGIN { printf "%.1f", u / 1000 }'
	fi
}
verdict() { awk -v v="$1" -v g="$goal_ms" 'BEGIN { print (v < g) ? "PASS" : "MISS" }'; }

echo
echo "seaworthy host (goal < ${goal_ms} ms)"
ms=$(median_ms "$bin" host --format json)
printf '  %-40s %8s ms   %s\n' 'host (this machine)' "$ms" "$(verdict "$ms")"
if [ -d "$tree" ]; then
	ms=$(median_ms "$bin" host --root "$tree" --user alice --format json)
	printf '  %-40s %8s ms   %s\n' 'host --root (fixture tree)' "$ms" "$(verdict "$ms")"
fi
