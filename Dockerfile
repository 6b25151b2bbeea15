# seaworthy's own image: the binary, the libraries it needs (those ldd names,
# and libcurl and libarchive, which it opens at run time) and nothing else,
# not even a shell, run as the unprivileged user 65532.
#
#   docker build -t seaworthy .                      (or: make image)
#   docker run --rm -v "$PWD:/src:ro" seaworthy check /src
#   docker run --rm --group-add "$(stat -c %g /var/run/docker.sock)" \
#       -v /var/run/docker.sock:/var/run/docker.sock:ro seaworthy live
#
# The suite builds the same final stage from a binary built on the host
# (tests/image-self/run.sh), and checks this file with seaworthy itself.

# A Debian point release: the same compiler and libraries on every build.
FROM debian:12.11-slim AS build

RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev make pkg-config \
        libjansson-dev libyaml-dev libarchive-dev libcurl4-openssl-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /build
COPY Makefile ./
COPY tools/image-rootfs.sh tools/
COPY src src/
# The commit `seaworthy --version` names (make image passes it: the
# context has no .git).
ARG SW_COMMIT=unknown
RUN make -j"$(nproc)" COMMIT="$SW_COMMIT" build/seaworthy \
 && tools/image-rootfs.sh build/seaworthy /rootfs

FROM scratch
COPY --from=build /rootfs /
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["/usr/bin/seaworthy"]
CMD ["check", "."]
