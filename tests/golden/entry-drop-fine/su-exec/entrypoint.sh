#!/bin/sh
set -e
if [ "$(id -u)" = "0" ]; then
	chown -R app /data
	exec su-exec 1000:1000 "$0" "$@"
fi
exec "$@"
