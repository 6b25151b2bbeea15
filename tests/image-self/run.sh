#!/usr/bin/env bash
# seaworthy's own container image, built on the private test engine
# (tests/engine/dockerd.sh): the Dockerfile's final stage as it is, with the
# root filesystem that its build stage would make (tools/image-rootfs.sh)
# made here from BIN instead (no registry is reachable to pull the base).
# Then the image must run as user 65532 with no shell, check examples/webapp
# exactly as BIN does, and reach the engine through a mounted socket for
# `seaworthy image` (on itself) and `seaworthy live`.
# usage: tests/image-self/run.sh BIN
# Prints "ok NAME" or "FAIL NAME" per check. Exit status: 0 all passed, 1
# something failed, 77 no engine or docker CLI (the suite reports a skip).
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: tests/image-self/run.sh BIN" >&2; exit 2; }
BIN=$(readlink -f "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
export NO_COLOR=1 DOCKER_BUILDKIT=0	# this engine has the classic builder only
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}

skip() { echo "skip: $*"; exit 77; }
command -v docker >/dev/null 2>&1 || skip "no docker CLI (apt-get install docker.io)"
command -v ldd >/dev/null 2>&1 && command -v ldconfig >/dev/null 2>&1 || skip "no ldd or ldconfig"
sock=$("$top/tests/engine/dockerd.sh" start 2>/dev/null)
rc=$?
[ $rc -eq 0 ] || { [ $rc -eq 77 ] && skip "no test engine (tests/engine/dockerd.sh start)"; echo "FAIL dockerd.sh start (exit $rc)"; exit 1; }
export DOCKER_HOST=unix://$sock

pass=0 fail=0
img=seaworthy-test/self:run$$
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sw-image-self.XXXXXX")
cleanup() {
	docker rmi "$img" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
ok()  { pass=$((pass + 1)); echo "ok $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
done_() { echo; echo "$pass passed, $fail failed"; [ $fail -eq 0 ]; exit; }

# The final stage of the Dockerfile, its COPY --from=build taking the
# root filesystem from the context instead.
ctx=$tmp/ctx
mkdir -p "$ctx"
sed -n '/^FROM scratch/,$p' "$top/Dockerfile" | sed 's|^COPY --from=build /rootfs /$|COPY rootfs /|' >"$ctx/Dockerfile"
if grep -qx 'COPY rootfs /' "$ctx/Dockerfile" && ! grep -q -- '--from' "$ctx/Dockerfile"; then ok "final stage of the Dockerfile"
else bad "the Dockerfile's final stage is not FROM scratch + COPY --from=build /rootfs /"; cat "$ctx/Dockerfile"; done_; fi
if "$top/tools/image-rootfs.sh" "$BIN" "$ctx/rootfs" >"$tmp/out" 2>&1; then ok "tools/image-rootfs.sh"
else bad "tools/image-rootfs.sh"; cat "$tmp/out"; done_; fi
if docker build -q -t "$img" "$ctx" >"$tmp/out" 2>&1; then ok "build"
else bad "build"; tail -20 "$tmp/out"; done_; fi

# Runs the image; output and exit status in $tmp/out.
run() {
	docker run --rm -e NO_COLOR=1 -e ASAN_OPTIONS -e UBSAN_OPTIONS "$@" >"$tmp/out" 2>&1
	echo "[exit $?]" >>"$tmp/out"
}
expect() { # name file-or-text
	if diff -u "$2" "$tmp/out" >"$tmp/diff" 2>&1; then ok "$1"; else bad "$1"; head -30 "$tmp/diff"; fi
}

# The same version and commit as BIN, and libcurl and libarchive load.
{ "$BIN" --version; echo "[exit 0]"; } >"$tmp/want"
run "$img" --version
expect "--version" "$tmp/want"
user=$(docker image inspect -f '{{.Config.User}}' "$img" 2>&1)
if [ "$user" = 65532:65532 ]; then ok "user 65532"; else bad "the image's user is '$user'"; fi
run --entrypoint /bin/sh "$img" -c true
if grep -q 'exit 0' "$tmp/out"; then bad "the image has a shell"; else ok "no shell"; fi

# The documented use, and the default command (check .) in /src.
(cd "$top/examples/webapp" && "$BIN" check . >"$tmp/want" 2>&1; echo "[exit $?]" >>"$tmp/want")
run -v "$top/examples/webapp:/src:ro" "$img"
expect "check examples/webapp (default command)" "$tmp/want"
(cd "$top/examples/webapp" && "$BIN" check "$top/examples/webapp" 2>&1 | sed "s|$top/examples/webapp|/src|g" >"$tmp/want"
 echo "[exit ${PIPESTATUS[0]}]" >>"$tmp/want")
run -v "$top/examples/webapp:/src:ro" "$img" check /src
expect "check /src" "$tmp/want"
run -v "$top/Dockerfile:/src/Dockerfile:ro" "$img" check --fail-on info Dockerfile
if grep -q '^0 findings' "$tmp/out" && grep -q 'exit 0' "$tmp/out"; then ok "the image checks its own Dockerfile clean"
else bad "the Dockerfile has findings"; cat "$tmp/out"; fi

# Through the engine's socket: the unprivileged user reaches it through the
# socket's group, as the documented --group-add does.
gid=$(stat -c %g "$sock")
run --group-add "$gid" -v "$sock:/var/run/docker.sock" "$img" image --fail-on info "$img"
if grep -q "^0 findings" "$tmp/out" && grep -q 'exit 0' "$tmp/out"; then ok "image (itself, through the socket)"
else bad "seaworthy image on itself through the socket"; head -30 "$tmp/out"; fi
run --group-add "$gid" -v "$sock:/var/run/docker.sock" "$img" live --format json
if grep -q '"checklist"' "$tmp/out" && grep -qE 'exit [01]\]' "$tmp/out"; then ok "live (through the socket)"
else bad "seaworthy live through the socket"; head -30 "$tmp/out"; fi
run "$img" live
if grep -q 'cannot reach the Docker engine' "$tmp/out" && grep -q 'exit 2' "$tmp/out"; then ok "live without a socket is exit 2"
else bad "live without a socket"; head -10 "$tmp/out"; fi

# The docker_image pre-commit hook (seaworthy-docker) runs seaworthy:latest:
# the image just built, tagged so here, on a scratch repository holding
# examples/webapp: it fails with the example's findings, each once.
if command -v pre-commit >/dev/null 2>&1 && command -v git >/dev/null 2>&1; then
	docker tag "$img" seaworthy:latest
	mkdir -p "$tmp/hooks" "$tmp/proj" "$tmp/home"
	cp "$top/.pre-commit-hooks.yaml" "$tmp/hooks/"
	(cd "$tmp/hooks" && git init -q && git add -A &&
	 git -c user.name=t -c user.email=t@t commit -qm hooks)
	cp -r "$top/examples/webapp" "$tmp/proj/webapp"
	chmod -R a+rX "$tmp"	# the hook runs as the caller's uid, here root anyway
	(cd "$tmp/proj" && git init -q && git add -A &&
	 HOME=$tmp/home PRE_COMMIT_HOME=$tmp/cache pre-commit try-repo "$tmp/hooks" seaworthy-docker >"$tmp/out" 2>&1); rc=$?
	(cd "$tmp/proj" && "$BIN" check . 2>&1) | grep -E '^[^ ].*: (error|warning|info)\[' >"$tmp/want"
	grep -E '^[^ ].*: (error|warning|info)\[' "$tmp/out" >"$tmp/got"
	if [ $rc -eq 1 ] && [ -s "$tmp/want" ] && diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then ok "pre-commit docker_image hook"
	else bad "pre-commit docker_image hook (exit $rc)"; head -30 "$tmp/out"; cat "$tmp/diff"; fi
	# Only if it is still this run's image: another run may have tagged its own.
	[ "$(docker image inspect -f '{{.Id}}' seaworthy:latest 2>/dev/null)" != "$(docker image inspect -f '{{.Id}}' "$img")" ] ||
		docker rmi seaworthy:latest >/dev/null 2>&1
else
	echo "SKIP pre-commit docker_image hook: no pre-commit or git"
fi
done_
