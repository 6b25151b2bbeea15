#!/usr/bin/env bash
# seaworthy image against a real engine: the private test engine of
# tests/engine/dockerd.sh builds each case here (FROM scratch with a static
# busybox copied in: no registry is reachable), then every image is checked
# twice, by name through the engine and as a `docker save` archive, and both
# must print the case's expected.txt and expected.json; the daemon case is
# also run, and check, image and live must agree on it. Each run tags its
# images seaworthy-test/img-CASE:run<PID> (shown as @TAG@) and removes only
# those tags, so suites running at once on the one engine do not collide.
# usage: tests/image-engine/run.sh BIN
#   UPDATE=1 rewrites the expectations from the by-name run (review the diff!)
#   SW_BUSYBOX=PATH  the static busybox to copy in (default /bin/busybox)
# Prints "ok NAME" or "FAIL NAME" and a diff per check. Exit status: 0 all
# passed, 1 something failed, 77 no engine, docker CLI or static busybox
# (the suite reports a skip, never a pass).
#
# Digests are not reproducible (the classic builder records creation times
# in the config), nor are the COPY hashes in the history (busybox differs
# between hosts): the comparison turns every sha256 into @DIGEST@ and every
# file:/dir: hash (whole or cut short) into @HASH@, and checks the real
# digest against docker image inspect.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: tests/image-engine/run.sh BIN" >&2; exit 2; }
BIN=$(readlink -f "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
export NO_COLOR=1 DOCKER_BUILDKIT=0	# this engine has the classic builder only
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}
bb=${SW_BUSYBOX:-/bin/busybox}

skip() { echo "skip: $*"; exit 77; }
command -v docker >/dev/null 2>&1 || skip "no docker CLI (apt-get install docker.io)"
[ -x "$bb" ] || skip "no $bb (apt-get install busybox-static)"
if ldd "$bb" >/dev/null 2>&1; then skip "$bb is dynamically linked (apt-get install busybox-static)"; fi
sock=$("$top/tests/engine/dockerd.sh" start 2>/dev/null)
rc=$?
[ $rc -eq 0 ] || { [ $rc -eq 77 ] && skip "no test engine (tests/engine/dockerd.sh start)"; echo "FAIL dockerd.sh start (exit $rc)"; exit 1; }
export DOCKER_HOST=unix://$sock

pass=0 fail=0
tag=run$$
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sw-image-engine.XXXXXX")
cases=()
# By tag, never by id: another run's images may share this run's layers.
cleanup() {
	local refs
	refs=$(docker images --format '{{.Repository}}:{{.Tag}}' \
		--filter "reference=seaworthy-test/img-*:$tag" 2>/dev/null)
	[ -z "$refs" ] || docker rmi $refs >/dev/null 2>&1
	docker rm -f "sw-agree-$tag" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
ok()  { pass=$((pass + 1)); echo "ok $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
norm() {
	sed -E "s/sha256:[0-9a-f]{64}/sha256:@DIGEST@/g; s/(file|dir):[0-9a-f]+/\\1:@HASH@/g; s/:$tag\\b/:@TAG@/g"
}

# Build context: the case's files, busybox, and the secrets (made here, so
# no key-looking file is committed).
context() { # case -> folder
	local c=$tmp/ctx/$1
	mkdir -p "$c"
	cp -r "$here/$1/." "$c/"
	rm -f "$c/expected.txt" "$c/expected.json" "$c/build-args"
	cp "$bb" "$c/busybox"
	printf -- '-----BEGIN OPENSSH %s KEY-----\nZmFrZQ==\n-----END OPENSSH %s KEY-----\n' \
		PRIVATE PRIVATE >"$c/id_rsa"
	printf 'DATABASE_URL=postgres://app:s3cret@db/app\nSTRIPE_KEY=sk_live_fake\n' >"$c/.env"
	echo "$c"
}
build() { # case
	local args=(--build-arg "BASE=seaworthy-test/img-base:$tag") a
	if [ -f "$here/$1/build-args" ]; then
		while read -r a; do args+=(--build-arg "$a"); done <"$here/$1/build-args"
	fi
	docker build -q --rm --force-rm "${args[@]}" -t "seaworthy-test/img-$1:$tag" "$(context "$1")" \
		>"$tmp/build.out" 2>&1
}

if build base; then ok "build base"
else bad "build base"; tail -20 "$tmp/build.out"; echo; echo "$pass passed, $fail failed"; exit 1; fi
for dir in "$here"/*/; do
	c=$(basename "$dir")
	[ "$c" != base ] && [ -f "$dir/Dockerfile" ] || continue
	if build "$c"; then ok "build $c"; cases+=("$c")
	else bad "build $c"; tail -20 "$tmp/build.out"; fi
done

# check case name expfile args...: runs seaworthy, normalises, compares.
check() {
	local c=$1 what=$2 exp=$3; shift 3
	(cd "$tmp/run" && timeout 120 "$BIN" "$@" >"$tmp/out.raw" 2>&1; echo "[exit $?]" >>"$tmp/out.raw")
	norm <"$tmp/out.raw" >"$tmp/out"
	if [ -n "${UPDATE:-}" ] && [ "$what" = name ]; then cp "$tmp/out" "$exp"; fi
	if diff -u "$exp" "$tmp/out" >"$tmp/diff" 2>&1; then ok "$c ($what, ${exp##*.})"
	else bad "$c ($what, ${exp##*.})"; head -40 "$tmp/diff"; fi
}
mkdir -p "$tmp/run"
for c in "${cases[@]}"; do
	ref=seaworthy-test/img-$c:$tag
	id=$(docker image inspect -f '{{.Id}}' "$ref")
	check "$c" name "$here/$c/expected.txt" image "$ref"
	check "$c" name "$here/$c/expected.json" image --format json "$ref"
	# The same image as an archive must read the same (RepoTags[0] is the
	# name), and the digest must be the image id, unnormalised.
	if docker save -o "$tmp/run/$c.tar" "$ref" 2>"$tmp/err"; then
		check "$c" archive "$here/$c/expected.txt" image "$c.tar"
		check "$c" archive "$here/$c/expected.json" image --format json "$c.tar"
		rm -f "$tmp/run/$c.tar"
	else
		bad "$c: docker save"; cat "$tmp/err"
	fi
	"$BIN" image --format json --fail-on never "$ref" >"$tmp/id.json" 2>&1
	got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["findings"][0]["target"]["digest"] if d["findings"] else "-")' "$tmp/id.json" 2>&1)
	if [ "$got" = "$id" ] || [ "$got" = - ]; then ok "$c (digest)"; else bad "$c: digest $got, want $id"; fi
done

# By id, the name shown is one of the image's tags, and the digest its id.
if printf '%s\n' "${cases[@]}" | grep -qx root; then
	id=$(docker image inspect -f '{{.Id}}' "seaworthy-test/img-root:$tag")
	out=$("$BIN" image --format json --fail-on never "${id:7:12}" 2>&1)
	if grep -q '"name": "seaworthy-test/img-root:' <<<"$out" &&
	   grep -q "\"digest\": \"$id\"" <<<"$out"; then ok "by id"
	else bad "by id: $(head -5 <<<"$out")"; fi
fi

# Live and static agree (issue 12): the daemon case's entry script starts
# crond, then httpd. The Dockerfile with its script (check), the built
# image (image) and a running container of it (live, picked by a label of
# its own) must each report, under checklist point 7, crond running
# beside httpd: the rule ids differ per layer, the fact must not.
facts() { # JSON file -> the point-7 findings that name crond and httpd
	python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
for f in d["findings"]:
    m = f["message"]
    if f["checklist"] == 7 and "crond" in m and "httpd" in m:
        print(f["rule"], m)' "$1" 2>&1
}
if printf '%s\n' "${cases[@]}" | grep -qx daemon; then
	ref=seaworthy-test/img-daemon:$tag
	project=swagree$$
	(cd "$tmp/ctx/daemon" && "$BIN" check --format json --fail-on never . \
		>"$tmp/agree-check.json" 2>&1)
	"$BIN" image --format json --fail-on never "$ref" >"$tmp/agree-image.json" 2>&1
	if docker run -d --name "sw-agree-$tag" --network none --label \
		"com.docker.compose.project=$project" "$ref" >"$tmp/agree-run.log" 2>&1; then
		# Settled: the script's shell, crond and httpd.
		for _ in $(seq 1 120); do
			[ "$(docker top "sw-agree-$tag" 2>/dev/null | wc -l)" -ge 4 ] && break
			sleep 0.25
		done
		"$BIN" live --project "$project" --format json --fail-on never \
			>"$tmp/agree-live.json" 2>&1
	else
		bad "agree: docker run"; cat "$tmp/agree-run.log"
	fi
	docker rm -f "sw-agree-$tag" >/dev/null 2>&1
	for layer in check image live; do
		got=$(facts "$tmp/agree-$layer.json")
		if [ -n "$got" ] && ! grep -q Traceback <<<"$got"; then
			ok "agree: $layer sees crond beside httpd (${got%% *})"
		else
			bad "agree: $layer does not see crond beside httpd"
			head -40 "$tmp/agree-$layer.json"
		fi
	done
fi

# Errors: a missing image names the engine's message; no engine is a clear
# error; both exit 2. --host beats DOCKER_HOST.
expect() { # name want-exit want-grep command...
	local name=$1 want=$2 pat=$3 rc; shift 3
	"$@" >"$tmp/e.out" 2>&1; rc=$?
	if [ $rc -eq "$want" ] && grep -q -- "$pat" "$tmp/e.out"; then ok "$name"
	else bad "$name (exit $rc, want $want and /$pat/)"; head -5 "$tmp/e.out"; fi
}
expect "missing image" 2 'No such image: seaworthy-test/img-nonexistent:1' \
	"$BIN" image seaworthy-test/img-nonexistent:1
expect "no engine (--host)" 2 'cannot reach the Docker engine: /nonexistent.sock' \
	"$BIN" image --host unix:///nonexistent.sock "seaworthy-test/img-good:$tag"
expect "no engine (DOCKER_HOST)" 2 'cannot reach the Docker engine: /nonexistent.sock' \
	env DOCKER_HOST=unix:///nonexistent.sock "$BIN" image "seaworthy-test/img-good:$tag"
expect "--host beats DOCKER_HOST" 0 '^0 findings' \
	env DOCKER_HOST=unix:///nonexistent.sock "$BIN" image --host "unix://$sock" "seaworthy-test/img-good:$tag"
expect "missing archive is a file" 2 'nope.tar: error: cannot read' \
	"$BIN" image --host unix:///nonexistent.sock nope.tar
expect "bad engine address" 2 "the engine address 'ssh://x' is not supported" \
	"$BIN" image --host ssh://x "seaworthy-test/img-good:$tag"

echo
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
