#!/usr/bin/env bash
# The pre-commit hooks (.pre-commit-hooks.yaml, hooks/seaworthy-compose)
# through the real pre-commit (Debian's pre-commit package): `pre-commit
# try-repo` on a copy of this repository's hooks, in a scratch git
# repository, with seaworthy-dockerfile and seaworthy-compose both on.
#   ok/      a valid project whose compose.override.yaml fails alone: passes
#   broken/  the webapp example with an override file: fails, with every
#            finding of `seaworthy check broken` once, and no other
# usage: tests/pre-commit/run.sh BIN
# Prints "ok NAME" or "FAIL NAME". Exit status: 0 all passed, 1 something
# failed, 77 no pre-commit or git (the suite reports a skip).
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: tests/pre-commit/run.sh BIN" >&2; exit 2; }
BIN=$(readlink -f "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
export NO_COLOR=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}

skip() { echo "skip: $*"; exit 77; }
command -v pre-commit >/dev/null 2>&1 || skip "no pre-commit (apt-get install pre-commit)"
command -v git >/dev/null 2>&1 || skip "no git"

pass=0 fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sw-pre-commit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
ok()  { pass=$((pass + 1)); echo "ok $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
export PRE_COMMIT_HOME=$tmp/cache HOME=$tmp/home PATH=$(dirname "$BIN"):$PATH
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
# seaworthy-docker needs the image on an engine: tests/image-self/run.sh.
export SKIP=seaworthy-docker
mkdir -p "$HOME"
# The binary under test is named seaworthy on PATH, as the hooks expect.
mkdir -p "$tmp/bin"
ln -s "$BIN" "$tmp/bin/seaworthy"
PATH=$tmp/bin:$PATH

# The hook repository: this tree's hooks, committed (try-repo takes what is
# committed, plus changes to tracked files).
hooks=$tmp/hooks
mkdir -p "$hooks/hooks"
cp "$top/.pre-commit-hooks.yaml" "$hooks/"
cp "$top/hooks/seaworthy-compose" "$hooks/hooks/"
git -C "$hooks" init -q && git -C "$hooks" add -A && git -C "$hooks" commit -qm hooks

proj=$tmp/proj
mkdir -p "$proj"
git -C "$proj" init -q
try() { # expected-exit name: stage everything, run both hooks
	(cd "$proj" && git add -A && pre-commit try-repo "$hooks" >"$tmp/out" 2>&1); rc=$?
	if [ $rc -eq "$1" ]; then ok "$2 (exit $rc)"; else bad "$2: exit $rc, want $1"; cat "$tmp/out"; fi
}

# ok/: passes; its override file alone would be exit 2 (no image or build).
cp -r "$here/ok" "$proj/ok"
try 0 "valid project with an override file"
for name in Dockerfiles 'compose projects'; do
	if grep -q "^seaworthy ($name)\.*Passed" "$tmp/out"; then ok "seaworthy ($name) ran and passed"
	else bad "seaworthy ($name) did not run and pass"; cat "$tmp/out"; fi
done
(cd "$proj/ok" && seaworthy check compose.override.yaml >/dev/null 2>&1); rc=$?
if [ $rc -eq 2 ]; then ok "ok/compose.override.yaml alone is exit 2"; else bad "ok/compose.override.yaml alone: exit $rc"; fi

# broken/: fails; every finding of the project once, none twice, no other.
git -C "$proj" commit -qm ok
cp -r "$here/broken" "$proj/broken"
try 1 "broken project"
(cd "$proj" && seaworthy check broken) | grep -E '^[^ ].*:[0-9]+:[0-9]+: (error|warning|info)\[' | LC_ALL=C sort >"$tmp/want"
grep -E '^[^ ].*:[0-9]+:[0-9]+: (error|warning|info)\[' "$tmp/out" | LC_ALL=C sort >"$tmp/got"
if [ -s "$tmp/want" ] && diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then ok "broken project: $(wc -l <"$tmp/want") findings, each once"
else bad "broken project: findings differ from seaworthy check broken"; cat "$tmp/diff"; fi
if grep -q 'broken/compose.override.yaml:5:9: warning\[SW0901\]' "$tmp/got"; then ok "the override file's finding"
else bad "no finding from broken/compose.override.yaml"; fi

# Only the override file staged: the project is still loaded whole.
git -C "$proj" commit -qm broken
printf '      - "9230:9230"\n' >>"$proj/broken/compose.override.yaml"
(cd "$proj" && git add -A && pre-commit try-repo "$hooks" seaworthy-compose >"$tmp/out" 2>&1); rc=$?
if [ $rc -eq 1 ] && grep -q 'broken/compose.yaml:.*SW0902' "$tmp/out" && ! grep -q 'neither an image nor a build' "$tmp/out" &&
   ! grep -q '^broken/Dockerfile:' "$tmp/out"; then ok "override file staged alone"
else bad "override file staged alone (exit $rc)"; cat "$tmp/out"; fi

echo
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
