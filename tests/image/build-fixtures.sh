#!/usr/bin/env bash
# Builds the image fixtures of tests/image/ into OUT at test time, with tar,
# gzip and zstd from the files here (no container engine): docker save
# archives in the legacy layout (manifest.json + layer.tar) and the OCI
# layout of Docker 25+ (index.json, blobs/sha256/...), plus broken archives.
# usage: tests/image/build-fixtures.sh OUT
set -eu
src=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
TAR=(tar --sort=name --mtime=@0 --numeric-owner --format=gnu)

# layer_tar DIR OUT [UID:GID PATH...]: everything as root, then the listed
# paths again with another owner (the later member wins, as in a layer).
layer_tar() {
	local dir=$1 o=$2; shift 2
	"${TAR[@]}" --owner=0 --group=0 -C "$dir" -cf "$o" .
	while [ $# -gt 1 ]; do
		"${TAR[@]}" --owner="${1%:*}" --group="${1#*:}" -C "$dir" -rf "$o" --no-recursion "$2"
		shift 2
	done
}
sha() { sha256sum "$1" | cut -d' ' -f1; }
# config SRC_JSON LAYER_FILES...: writes the config with rootfs.diff_ids.
config() {
	local j=$1 ids='' f; shift
	for f in "$@"; do ids="$ids${ids:+,}\"sha256:$(sha "$f")\""; done
	sed "s/@DIFF_IDS@/$ids/" "$j"
}

# legacy CASE OUT.tar: docker save before Docker 25; layers uncompressed.
legacy() {
	local c=$1 o=$2 d=$work/$1 i=0 layers='' l
	mkdir -p "$d/img"
	for l in "$src/$c"/layer*/; do
		mkdir -p "$d/img/l$i"
		layer_tar "$l" "$d/img/l$i/layer.tar" $(cat "$src/$c/owners$i" 2>/dev/null || true)
		layers="$layers${layers:+,}\"l$i/layer.tar\""
		i=$((i + 1))
	done
	config "$src/$c/config.json" "$d"/img/l*/layer.tar >"$d/cfg"
	mv "$d/cfg" "$d/img/$(sha "$d/cfg").json"
	printf '[{"Config":"%s","RepoTags":["%s"],"Layers":[%s]}]\n' \
		"$(cd "$d/img" && ls ./*.json | sed 's,^\./,,')" "$(cat "$src/$c/tag")" "$layers" \
		>"$d/img/manifest.json"
	"${TAR[@]}" --owner=0 --group=0 -C "$d/img" -cf "$o" .
}

# oci CASE OUTDIR: the layout of Docker 25+; layer i compressed with the
# tool named in compressI (gzip, zstd or cat), through a nested index.
oci() {
	local c=$1 o=$2 d=$work/$1 i=0 layers='' l z b m cf
	mkdir -p "$o/blobs/sha256" "$d"
	for l in "$src/$c"/layer*/; do
		layer_tar "$l" "$d/l$i.tar" $(cat "$src/$c/owners$i" 2>/dev/null || true)
		z=$(cat "$src/$c/compress$i" 2>/dev/null || echo gzip)
		case $z in
		gzip) gzip -9n <"$d/l$i.tar" >"$d/b" ;;
		zstd) zstd -q -19 -c "$d/l$i.tar" >"$d/b" ;;
		*) cp "$d/l$i.tar" "$d/b" ;;
		esac
		b=$(sha "$d/b"); mv "$d/b" "$o/blobs/sha256/$b"
		layers="$layers${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+$z\",\"digest\":\"sha256:$b\",\"size\":1}"
		i=$((i + 1))
	done
	config "$src/$c/config.json" "$d"/l*.tar >"$d/cfg"
	cf=$(sha "$d/cfg"); mv "$d/cfg" "$o/blobs/sha256/$cf"
	printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":1},"layers":[%s]}\n' \
		"$cf" "$layers" >"$d/m"
	m=$(sha "$d/m"); mv "$d/m" "$o/blobs/sha256/$m"
	printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":1}]}\n' \
		"$m" >"$d/n"
	b=$(sha "$d/n"); mv "$d/n" "$o/blobs/sha256/$b"
	printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:%s","size":1,"annotations":{"io.containerd.image.name":"%s"}}]}\n' \
		"$b" "$(cat "$src/$c/tag")" >"$o/index.json"
	echo '{"imageLayoutVersion":"1.0.0"}' >"$o/oci-layout"
}
# The OCI layout as a docker save tar, blobs first (index.json last).
oci_tar() { # DIR OUT
	"${TAR[@]}" --owner=0 --group=0 -C "$1" -cf "$2" blobs oci-layout index.json
}

# A private key made here, so no key-looking file is committed.
key() {
	mkdir -p "$(dirname "$1")"	# git keeps no empty folders
	printf -- '-----BEGIN OPENSSH %s KEY-----\nZmFrZQ==\n-----END OPENSSH %s KEY-----\n' \
		PRIVATE PRIVATE >"$1"
}
rm -rf "$work/src"; cp -r "$src" "$work/src"; src=$work/src
# Modes do not depend on the checkout's umask; a case's modes file sets more.
chmod -R u=rwX,go=rX "$src"
for m in "$src"/*/modes; do
	[ -f "$m" ] || continue
	while read -r mode path; do chmod "$mode" "$(dirname "$m")"/layer0/"$path"; done <"$m"
done
key "$src/oci-whiteout/layer0/root/.ssh/id_ed25519"
# git cannot hold a .git folder: the leftover one is made here too.
mkdir -p "$src/nonroot-dirs/layer0/app/.git"
printf '[core]\n' >"$src/nonroot-dirs/layer0/app/.git/config"
ln -s b "$src/symlink-loop/layer0/a"; ln -s a "$src/symlink-loop/layer0/b"
# Entry scripts (issue 12): the entry command is a link on the PATH, and
# crond a link to a program (an ELF header, then NUL bytes); the bad case
# gets its 10 MB script, its program in a script's place and its link
# loop here rather than in git.
ed=$src/entry-daemon
mkdir -p "$ed/layer0/bin" "$ed/layer0/usr/sbin"
printf '\177ELF\002\001\001\000\000\000\000\000' >"$ed/layer0/bin/busybox"
head -c 100000 /dev/zero >>"$ed/layer0/bin/busybox"
ln -s /bin/busybox "$ed/layer0/usr/sbin/crond"
ln -s docker-entrypoint.sh "$ed/layer1/usr/local/bin/start"
eb=$src/entry-bad/layer0
yes 'echo "a line of a very long script"' | head -c $((10 << 20)) >"$eb/big.sh"
printf '\177ELF\002\001\001\000' >"$eb/program.sh"
head -c 3000 /dev/zero >>"$eb/program.sh"
ln -s loop2.sh "$eb/loop.sh"; ln -s loop.sh "$eb/loop2.sh"

legacy legacy-root "$out/legacy-root.tar"
oci oci-whiteout "$out/oci-whiteout"
oci_tar "$out/oci-whiteout" "$out/oci-whiteout.tar"
oci good "$out/good"
oci_tar "$out/good" "$out/good.tar"
rm -rf "$out/good"
legacy symlink-loop "$out/symlink-loop.tar"
legacy bad-user "$out/bad-user.tar"
legacy system-volume "$out/system-volume.tar"
legacy managers "$out/managers.tar"
legacy entry-daemon "$out/entry-daemon.tar"
oci entry-supervisor "$work/entry-supervisor"
oci_tar "$work/entry-supervisor" "$out/entry-supervisor.tar"
legacy entry-bad "$out/entry-bad.tar"
legacy entry-inline "$out/entry-inline.tar"
cp "$src/config/seaworthy.yaml" "$out/config.yaml"
# The working directory's .seaworthy.yaml, for tests/image/config-here.
mkdir -p "$out/here"
cp "$src/config/seaworthy.yaml" "$out/here/.seaworthy.yaml"
oci whiteout-order "$out/whiteout-order"
oci nonroot-dirs "$work/nonroot-dirs"
oci_tar "$work/nonroot-dirs" "$out/nonroot-dirs.tar"

# Broken archives: a clear error, never a crash.
head -c 3000 "$out/oci-whiteout.tar" >"$out/truncated.tar"
head -c 6000 "$out/legacy-root.tar" >"$out/truncated-layer.tar"
printf 'not an image\n' >"$out/garbage.tar"
# A layout whose gzip layer stops half way.
cp -r "$out/oci-whiteout" "$out/truncated-gzip"
for b in "$out"/truncated-gzip/blobs/sha256/*; do
	if gzip -t "$b" 2>/dev/null; then
		head -c $(($(stat -c %s "$b") / 2)) "$b" >"$work/half"; cp "$work/half" "$b"
	fi
done
# A layer entry escaping the root.
mkdir -p "$work/trav/l0" "$work/trav/in/etc"
echo x >"$work/trav/in/etc/evil"
"${TAR[@]}" -P --owner=0 --group=0 -C "$work/trav/in" --transform 's,^,../../,' \
	-cf "$work/trav/l0/layer.tar" etc/evil
echo '{"config":{},"rootfs":{"type":"layers"}}' >"$work/trav/cfg.json"
echo '[{"Config":"cfg.json","RepoTags":["trav:1"],"Layers":["l0/layer.tar"]}]' \
	>"$work/trav/manifest.json"
"${TAR[@]}" --owner=0 --group=0 -C "$work/trav" -cf "$out/traversal.tar" manifest.json cfg.json l0
# A decompression bomb: a sparse 5 GiB file compresses to almost nothing.
mkdir -p "$work/bomb/in" "$work/bomb/l0"
truncate -s 5G "$work/bomb/in/zeros"
"${TAR[@]}" -S --owner=0 --group=0 -C "$work/bomb/in" -cf - zeros | gzip -1n >"$work/bomb/l0/layer.tar"
cp "$work/trav/cfg.json" "$work/bomb/"
sed 's/trav:1/bomb:1/' "$work/trav/manifest.json" >"$work/bomb/manifest.json"
"${TAR[@]}" --owner=0 --group=0 -C "$work/bomb" -cf "$out/bomb.tar" manifest.json cfg.json l0
# A manifest naming a layer the archive lacks.
"${TAR[@]}" --owner=0 --group=0 -C "$work/trav" -cf "$out/missing-layer.tar" manifest.json cfg.json
