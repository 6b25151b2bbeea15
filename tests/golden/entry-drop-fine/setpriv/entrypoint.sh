#!/bin/sh
set -e
if [ "$(id -u)" = "0" ]; then
	chown -R app /data
	exec setpriv --reuid=1000 --regid=1000 --init-groups "$0" "$@"
fi
exec "$@"
