#!/bin/sh
# paths given at run time: no ENV fixes them (an ARG does not reach the container)
mkdir -p "$DATA_DIR/x" "${WRITABLE_PATH}/files"
chmod -R 755 ${MEDIA_ROOT:-/opt/media}
chown www-data "$(dirname "$0")/state"
for d in a b; do mkdir -p "/srv/$d"; done
exec app
