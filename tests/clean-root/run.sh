#!/usr/bin/env bash
# Installing and running seaworthy from nothing: a clean Debian 12 root made
# here with mmdebstrap (minbase, as debian:12-slim) from the Debian archive,
# copied afresh for each of:
#   install  the build dependencies the docs name, make, make install
#            DESTDIR=... PREFIX=/usr (binary, man pages, three completions),
#            make install to /usr/local and run it from PATH, make uninstall
#   deb      dpkg-buildpackage -b (build dependencies from debian/control),
#            lintian on the result (on this machine) with no error or warning
#   dpkg     dpkg -i of that .deb in another clean root (apt-get -f install
#            for its Depends), /usr/bin/seaworthy checks examples/webapp,
#            and with the Recommends, reads an image archive
#   action   the GitHub Action's steps (action.yml, through steps.py) on a
#            clean project and on examples/webapp: build, check, summary
#   gitlab   the GitLab template's job (docs/gitlab-ci.yml) the same way
# Slow (about 10 minutes; the first root is downloaded), so it is a make
# target of its own: make test-clean-root. .ci/run runs it when there is
# time. usage: tests/clean-root/run.sh [BIN]  (BIN, default build/seaworthy,
# only builds the image fixture). SW_DEBIAN_MIRROR overrides the mirror.
# Exit status: 0 all passed, 1 something failed, 77 it cannot run here (not
# root, no mmdebstrap or python3-yaml, the archive out of reach).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mirror=${SW_DEBIAN_MIRROR:-http://deb.debian.org/debian}
start=$SECONDS

skip() { echo "skip: $*"; echo; echo "0 passed, 0 failed, 1 skipped"; exit 77; }
[ "$(id -u)" = 0 ] || skip "a clean root needs root (chroot, mmdebstrap)"
command -v mmdebstrap >/dev/null 2>&1 || skip "no mmdebstrap (apt-get install mmdebstrap)"
command -v unshare >/dev/null 2>&1 || skip "no unshare (util-linux)"
python3 -c 'import yaml' 2>/dev/null || skip "no python3-yaml (apt-get install python3-yaml)"

pass=0 fail=0
work=$(mktemp -d /var/tmp/sw-clean-root.XXXXXX)
# No mount outlives the command that made it (steps.py uses unshare), and
# --one-file-system keeps rm inside the work folder whatever happens.
trap 'rm -rf --one-file-system "$work"' EXIT
trap 'exit 143' TERM INT	# so that the EXIT trap runs (.ci/run's timeout)
ok()  { pass=$((pass + 1)); echo "ok $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
t()   { echo "   ($((SECONDS - start))s)"; }
export SW_APT_CACHE=$work/apt-cache
mkdir -p "$SW_APT_CACHE/partial"

echo "== mmdebstrap bookworm (minbase) from $mirror"
if ! mmdebstrap --quiet --variant=minbase bookworm "$work/base" "$mirror" >"$work/mmdebstrap.log" 2>&1; then
	tail -5 "$work/mmdebstrap.log"
	if grep -qiE 'could not resolve|failed to fetch|unable to connect|temporary failure|network' "$work/mmdebstrap.log"; then
		skip "the Debian archive ($mirror) is out of reach"
	fi
	bad "mmdebstrap"; echo; echo "$pass passed, $fail failed"; exit 1
fi
cp /etc/resolv.conf "$work/base/etc/resolv.conf" 2>/dev/null
# Keep what apt downloads, for the next roots (the cache folder is shared).
echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' >"$work/base/etc/apt/apt.conf.d/99keep"
ok "clean Debian 12 root"; t

# A fresh copy of the clean root; the source tree (tracked and new files,
# no build output) in it at $2.
fresh() { # name [where-the-source-goes]
	rm -rf --one-file-system "$work/root"
	cp -a "$work/base" "$work/root"
	if [ -n "${2:-}" ]; then
		mkdir -p "$work/root$2"
		(cd "$top" && git ls-files -co --exclude-standard -z | tar --null -cf - -T -) | tar -xf - -C "$work/root$2"
	fi
	echo "== $1"
}
# A command in the current root, as root, from a folder; output in $work/log.
# It runs under pipefail: grep -q would end a pipe early (SIGPIPE), so the
# scripts grep into /dev/null.
in_root() { # cwd script
	unshare --mount --propagation private sh -c \
		'mount -t proc proc "$0/proc" && mount --bind "$1" "$0/var/cache/apt/archives" && shift && exec chroot "$0" "$@"' \
		"$work/root" "$SW_APT_CACHE" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive NO_COLOR=1 \
		bash -eo pipefail -c "cd $1 && $2" >"$work/log" 2>&1
}
show() { tail -"${1:-20}" "$work/log"; }
deps='gcc libc6-dev make pkg-config libjansson-dev libyaml-dev libarchive-dev libcurl4-openssl-dev'

# install: the documented dependencies, make, make install.
fresh install /src
if in_root /src "apt-get update -qq && apt-get install -y -qq --no-install-recommends $deps >/dev/null && make -j2 >/dev/null &&
	readelf -d build/seaworthy | grep BIND_NOW >/dev/null && readelf -h build/seaworthy | grep DYN >/dev/null &&
	nm -D build/seaworthy | grep _chk@ >/dev/null"; then
	ok "install: a hardened build with the documented dependencies"
else bad "install: build"; show; fi
t
if in_root /src 'make install DESTDIR=/tmp/dest PREFIX=/usr >/dev/null && cd /tmp/dest && find . -type f | sort'; then
	want='./usr/bin/seaworthy
./usr/share/bash-completion/completions/seaworthy
./usr/share/fish/vendor_completions.d/seaworthy.fish
./usr/share/man/man1/seaworthy.1
./usr/share/man/man7/seaworthy-rules.7
./usr/share/zsh/site-functions/_seaworthy'
	if [ "$(cat "$work/log")" = "$want" ]; then ok "install: make install DESTDIR=/tmp/dest PREFIX=/usr"
	else bad "install: make install DESTDIR lands"; show; fi
else bad "install: make install DESTDIR=..."; show; fi
if in_root /src 'make install >/dev/null && cd / && seaworthy --version && seaworthy check /src/examples/webapp-fixed >/dev/null &&
	make -C /src uninstall >/dev/null && hash -r && ! command -v seaworthy && test -z "$(find /usr/local -type f -path "*seaworthy*")"'; then
	ok "install: make install to /usr/local runs from PATH; make uninstall removes it"
else bad "install: make install / uninstall in /usr/local"; show; fi
t

# deb: dpkg-buildpackage -b in a clean root, lintian here.
fresh deb /src/seaworthy
if in_root /src/seaworthy 'apt-get update -qq && apt-get install -y -qq --no-install-recommends build-essential debhelper fakeroot >/dev/null &&
	apt-get build-dep -y -qq --no-install-recommends ./ >/dev/null && dpkg-buildpackage -b -us -uc >/dev/null 2>&1 && ls ..'; then
	ok "deb: dpkg-buildpackage -b"
	cp "$work"/root/src/seaworthy_*.deb "$work"/root/src/seaworthy_*.changes "$work"/root/src/*.buildinfo "$work"/root/src/*dbgsym* "$work/" 2>/dev/null
else bad "deb: dpkg-buildpackage -b"; show 30; fi
t
if ! ls "$work"/seaworthy_*.deb >/dev/null 2>&1; then
	bad "deb: no package to test"
elif command -v lintian >/dev/null 2>&1; then
	# lintian warns when it runs as root; its findings are what count.
	lintian --fail-on error,warning "$work"/seaworthy_*.changes >"$work/lintian" 2>&1; rc=$?
	if [ $rc -eq 0 ] && ! grep -qE '^[EW]: ' "$work/lintian"; then ok "deb: lintian (no error or warning)"
	else bad "deb: lintian (exit $rc)"; cat "$work/lintian"; fi
	if dpkg-deb -f "$work"/seaworthy_*.deb Recommends | grep -q libarchive13 &&
	   dpkg-deb -f "$work"/seaworthy_*.deb Recommends | grep -q libcurl4; then ok "deb: recommends libarchive13 and libcurl4"
	else bad "deb: Recommends: $(dpkg-deb -f "$work"/seaworthy_*.deb Recommends)"; fi
else
	echo "SKIP deb: lintian absent (apt-get install lintian)"
fi

# dpkg: dpkg -i in another clean root, then run from /usr/bin.
if ls "$work"/seaworthy_*.deb >/dev/null 2>&1; then
	fresh dpkg
	cp "$work"/seaworthy_*.deb "$work/root/tmp/"
	cp -r "$top/examples/webapp" "$work/root/tmp/webapp"
	"$top/tests/image/build-fixtures.sh" "$work/fx" >/dev/null 2>&1 && cp "$work/fx/good.tar" "$work/root/tmp/"
	if in_root /tmp 'apt-get update -qq; dpkg -i seaworthy_*.deb || apt-get -f install -y -qq --no-install-recommends >/dev/null;
		dpkg-query -W -f="\${Status}\n" seaworthy | grep -x "install ok installed" >/dev/null && command -v seaworthy'; then
		if [ "$(tail -1 "$work/log")" = /usr/bin/seaworthy ]; then ok "dpkg: dpkg -i installs /usr/bin/seaworthy"
		else bad "dpkg: seaworthy is $(tail -1 "$work/log")"; fi
	else bad "dpkg: dpkg -i"; show; fi
	in_root /tmp/webapp 'seaworthy check .'; rc=$?
	if [ $rc -eq 1 ] && grep -q '^17 findings' "$work/log"; then ok "dpkg: seaworthy checks examples/webapp"
	else bad "dpkg: seaworthy check examples/webapp (exit $rc)"; show; fi
	in_root /tmp 'seaworthy image good.tar'; rc=$?
	if [ $rc -eq 2 ] && grep -q 'libarchive' "$work/log"; then ok "dpkg: without the Recommends, image says libarchive is missing"
	else bad "dpkg: image without libarchive (exit $rc)"; show 5; fi
	in_root /tmp 'apt-get install -y -qq --no-install-recommends libarchive13 libcurl4 >/dev/null && seaworthy image good.tar'; rc=$?
	if [ $rc -eq 0 ] && grep -q '^0 findings' "$work/log"; then ok "dpkg: with the Recommends, image reads an archive"
	else bad "dpkg: image with libarchive (exit $rc)"; show; fi
	t
fi

# action: the GitHub Action's steps, on a clean project, then on the webapp.
fresh action /action
mkdir -p "$work/root/ws"
cp -r "$top/tests/pre-commit/ok/." "$work/root/ws/"
python3 "$here/steps.py" action "$work/root" "$top/action.yml" /ws >"$work/log" 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -q '^step Install the dependencies and build seaworthy: exit 0' "$work/log" &&
   grep -q '^step Check: exit 0' "$work/log" && grep -q '"exit-code": "0"' "$work/log" &&
   grep -q '^step Fail on findings: skipped' "$work/log"; then ok "action: steps pass on a clean project"
else bad "action: clean project (exit $rc)"; show 40; fi
if grep -q '^| 2 | Container user | passed |$' "$work/root/gh/summary" 2>/dev/null &&
   grep -q '^| 1 | Host user | not checked' "$work/root/gh/summary" && grep -q '^0 findings' "$work/root/gh/summary"; then
	ok "action: job summary"
else bad "action: job summary"; cat "$work/root/gh/summary"; fi
# Without code scanning (a private repository: the probe fails), the
# findings are annotations; the SARIF log is written all the same.
rm -rf "$work/root/ws" "$work/root/gh"; mkdir -p "$work/root/ws"
cp -r "$top/examples/webapp/." "$work/root/ws/"
python3 "$here/steps.py" action "$work/root" "$top/action.yml" /ws event.repository.visibility=private \
	'args=--ignore SW0005' >"$work/log" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q '^step Check: exit 0' "$work/log" && grep -q '"exit-code": "1"' "$work/log" &&
   grep -q '"upload": "false"' "$work/log" && grep -q '^::error file=Dockerfile,line=3' "$work/log" &&
   ! grep -q 'SW0005' "$work/log" && grep -q '^step Fail on findings: exit 1' "$work/log" &&
   [ -s "$work/root/ws/seaworthy.sarif" ] && grep -q '^| 9 | Ports | failed (1 finding) |$' "$work/root/gh/summary"; then
	ok "action: the webapp fails with annotations, extra args and a summary"
else bad "action: webapp (exit $rc)"; show 40; cat "$work/root/gh/summary" 2>/dev/null; fi
# A public repository uploads SARIF (the upload step needs GitHub: skipped
# here), so no annotations.
rm -rf "$work/root/gh"
python3 "$here/steps.py" action "$work/root" "$top/action.yml" /ws event.repository.visibility=public >"$work/log" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q '"upload": "true"' "$work/log" && ! grep -q '^::error file=' "$work/log" &&
   grep -q '^step Upload SARIF to code scanning: skipped (uses' "$work/log"; then ok "action: public repository: SARIF, no annotations"
else bad "action: public repository (exit $rc)"; show 40; fi
t

# gitlab: the template's job; seaworthy comes from a git repository of
# this tree at /srv/seaworthy.
fresh gitlab /srv/seaworthy
(cd "$work/root/srv/seaworthy" && git init -q -b main && git add -A &&
 git -c user.name=t -c user.email=t@t commit -qm tree) >/dev/null 2>&1
mkdir -p "$work/root/ws"
cp -r "$top/tests/pre-commit/ok/." "$work/root/ws/"
python3 "$here/steps.py" gitlab "$work/root" "$top/docs/gitlab-ci.yml" seaworthy /ws \
	SW_REPO=file:///srv/seaworthy SW_REF=main >"$work/log" 2>&1; rc=$?
if [ $rc -eq 0 ] && [ -s "$work/root/ws/gl-code-quality-report.json" ] && [ -s "$work/root/ws/seaworthy.sarif" ]; then
	ok "gitlab: the job builds seaworthy and passes a clean project"
else bad "gitlab: clean project (exit $rc)"; show 30; fi
rm -rf "$work/root/ws"; mkdir -p "$work/root/ws"
cp -r "$top/examples/webapp/." "$work/root/ws/"
python3 "$here/steps.py" gitlab "$work/root" "$top/docs/gitlab-ci.yml" seaworthy /ws \
	SW_REPO=file:///srv/seaworthy SW_REF=main >"$work/log" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q '"check_name": "SW0201"' "$work/root/ws/gl-code-quality-report.json"; then
	ok "gitlab: the job fails on the webapp with a Code Quality report"
else bad "gitlab: webapp (exit $rc)"; show 30; fi
python3 "$here/steps.py" gitlab "$work/root" "$top/docs/gitlab-ci.yml" seaworthy /ws >"$work/log" 2>&1; rc=$?
if [ $rc -eq 2 ] && grep -q 'set SW_REPO' "$work/log"; then ok "gitlab: without SW_REPO, a clear error"
else bad "gitlab: without SW_REPO (exit $rc)"; show 10; fi
t

echo
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
