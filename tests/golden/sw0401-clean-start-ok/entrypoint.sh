#!/bin/sh
# chown -R app /data is done at build time
echo "mkdir -p /data"
mkdir -p /tmp/app /run/app
exec "$@"
