#!/bin/sh
set -e
if [ "$(id -u)" = "0" ]; then
	chown -R app /data
	exec s6-setuidgid app "$0" "$@"
fi
exec "$@"
