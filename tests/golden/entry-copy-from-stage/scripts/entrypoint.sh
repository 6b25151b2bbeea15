#!/bin/sh
set -e
if [ "$(id -u)" = "0" ]; then
	chown -R 10001:10001 /var/opt/memo
	exec su-exec 10001:10001 "$0" "$@"
fi
exec "$@"
