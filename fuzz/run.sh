#!/usr/bin/env bash
# Fuzzes every built libFuzzer target (build-fuzz/fuzz_*, see `make fuzz`)
# for SECONDS each, one after the other, and prints one line per target.
# usage: fuzz/run.sh [SECONDS [NAME...]]  (default 60 s, every target;
#        `make fuzz-run` runs it; NAME is e.g. dockerfile for fuzz_dockerfile)
#
# Seeds: build-fuzz/corpus/NAME is rebuilt on every run from the committed
# corpus in fuzz/corpus/NAME/ plus: for dockerfile, shell and expand, the
# golden tests' Dockerfiles and BuildKit's parser test files (../shared, when
# present); for expand, BuildKit's expansion vectors; for compose_yaml,
# compose_load and dotenv, the YAML or .env files of the shared compose
# corpus and the golden tests; for bake, the bake files of the shared
# projects and the golden tests. New units go to a temporary directory that is removed
# afterwards: nothing in the repository is written. Crash, leak, timeout and
# out-of-memory reproducers are kept in build-fuzz/artifacts/ and reported;
# replay one with `build-fuzz/fuzz_NAME FILE`.
#
# Exit status: 0 when no target found anything, 1 when one did, 2 on usage
# or setup trouble. Extra libFuzzer flags can be given in FUZZ_FLAGS.
set -euo pipefail

secs=${1:-60}
case $secs in '' | *[!0-9]*) echo "usage: fuzz/run.sh [SECONDS [NAME...]]" >&2; exit 2 ;; esac
shift $(($# > 0 ? 1 : 0))
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
shared=${SW_SHARED:-$top/../shared}
bk=$shared/conformance/buildkit

shopt -s nullglob
if [ $# -gt 0 ]; then
	targets=()
	for name in "$@"; do
		[ -x "build-fuzz/fuzz_$name" ] || { echo "fuzz/run.sh: no build-fuzz/fuzz_$name (run make fuzz)" >&2; exit 2; }
		targets+=("build-fuzz/fuzz_$name")
	done
else
	targets=(build-fuzz/fuzz_*)
fi
if [ ${#targets[@]} -eq 0 ]; then
	echo "fuzz/run.sh: no fuzzers in build-fuzz/ (run make fuzz)" >&2
	exit 2
fi
[ -d "$bk" ] || echo "fuzz/run.sh: $bk absent: seeding from the repository only"

work=$(mktemp -d "${TMPDIR:-/tmp}/seaworthy-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p build-fuzz/artifacts

# seed DIR NAME FILE: copies FILE into DIR under NAME (path-derived, unique).
seed() { cp -f -- "$3" "$1/$(printf '%s' "$2" | tr -c 'A-Za-z0-9._-' '_')"; }

build_seeds() { # NAME DIR
	local name=$1 dir=$2 f n=0
	rm -rf "$dir"
	mkdir -p "$dir"
	case $name in
	dockerfile | shell | expand)
		for f in tests/golden/*/Dockerfile*; do seed "$dir" "golden-${f#tests/golden/}" "$f"; done
		for f in "$bk"/parser/*/Dockerfile "$bk"/parser/*/*/Dockerfile; do
			seed "$dir" "buildkit-${f#"$bk"/parser/}" "$f"
		done
		;;
	esac
	if [ "$name" = expand ] && [ -f "$bk/shell/envVarTest" ]; then
		# "P|input|expected" lines: the input, after a byte 0 (backslash escape).
		while IFS='|' read -r plat input _; do
			case $plat in A | U) ;; *) continue ;; esac
			input=${input#"${input%%[! ]*}"}
			input=${input%"${input##*[! ]}"}
			n=$((n + 1))
			printf '\0%s' "$input" >"$dir/envvartest-$n"
		done <"$bk/shell/envVarTest"
	fi
	if [ "$name" = compose_yaml ] || [ "$name" = compose_load ] || [ "$name" = dotenv ]; then
		# The shared compose corpus and the golden tests: YAML, or .env files.
		local pat=(-name '*.yml' -o -name '*.yaml')
		if [ "$name" = dotenv ]; then pat=(-name '.env*' -o -name '*.env'); fi
		while IFS= read -r -d '' f; do
			seed "$dir" "compose-${f#"$shared"/corpus/compose/}" "$f"
		done < <(find "$shared/corpus/compose" tests/golden -type f \( "${pat[@]}" \) -print0 2>/dev/null)
	fi
	if [ "$name" = bake ]; then
		# The shared projects' bake files, behind fuzz_bake's first byte:
		# 0 names the file .hcl, 1 names it .json.
		while IFS= read -r -d '' f; do
			n=$((n + 1))
			case $f in *.json) printf '\1' ;; *) printf '\0' ;; esac >"$dir/shared-$n"
			cat -- "$f" >>"$dir/shared-$n"
		done < <(find "$shared/projects" tests/golden -type f -name 'docker-bake*' -print0 2>/dev/null)
	fi
	for f in fuzz/corpus/"$name"/*; do
		[ -f "$f" ] && seed "$dir" "committed-$(basename "$f")" "$f"
	done
}

failed=0
for bin in "${targets[@]}"; do
	if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then continue; fi	# e.g. the logs
	fz=$(basename "$bin")
	name=${fz#fuzz_}
	seeds=build-fuzz/corpus/$name
	build_seeds "$name" "$seeds"
	nseeds=$(find "$seeds" -type f | wc -l)
	new=$work/$name
	mkdir -p "$new"
	log=build-fuzz/$fz.log
	dict=()
	[ -f "fuzz/$name.dict" ] && dict=(-dict="fuzz/$name.dict")
	[ "$name" = entry ] && dict=(-dict=fuzz/shell.dict)	# Dockerfile words matter less than the script's
	rc=0
	# shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
	"$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$fz-" "${dict[@]}" \
		${FUZZ_FLAGS:-} "$new" "$seeds" >"$log" 2>&1 </dev/null || rc=$?
	runs=$(grep -a '^stat::number_of_executed_units:' "$log" | tail -1 | tr -dc 0-9 || true)
	cov=$(grep -aEo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
	corp=$(find "$new" -type f | wc -l)
	if [ $rc -eq 0 ]; then
		printf '%-16s OK     %ss, %s runs, %s, %s seeds + %s new units\n' \
			"$fz" "$secs" "${runs:-?}" "${cov:-cov ?}" "$nseeds" "$corp"
	else
		failed=1
		what=$(grep -aEo 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer|UndefinedBehaviorSanitizer)[^(]*|[^ ]+: runtime error: .*' "$log" | head -1 || true)
		art=$(grep -a 'Test unit written to ' "$log" | tail -1 | sed 's/.*Test unit written to //' || true)
		printf '%-16s FAILED (exit %s): %s\n' "$fz" "$rc" "${what:-see $log}"
		printf '%-16s   reproducer: %s   log: %s\n' "" "${art:-none written}" "$log"
		grep -aE '^ *#[0-9]+ 0x' "$log" | grep -v -E 'libFuzzer|fuzzer::|__libc_start|_start' | head -8 | sed 's/^/                   /' || true
	fi
done
exit $failed
