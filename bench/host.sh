#!/usr/bin/env bash
# `seaworthy host` timing: the running system as the invoking user, and a
# fixture tree through --root (sudoers with includes and aliases, groups,
# daemon.json). Goal: under 50 ms each. The median of 30 runs (bench/lib.sh).
# usage: bench/host.sh BINARY
set -uo pipefail
bin=$(readlink -f "${1:?usage: bench/host.sh BINARY}")
top=$(cd "$(dirname "$0")/.." && pwd)
goal_ms=50
tree=$top/tests/golden/host-sudoers-includes

# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
median_ms() { # command... -> median wall time in ms
	awk -v s="$(bench_median 30 "$@")" 'BEGIN { printf "%.1f", s * 1000 }'
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
