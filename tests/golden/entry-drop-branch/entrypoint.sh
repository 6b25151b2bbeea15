#!/bin/sh
set -e
if [ "$1" = 'server' ]; then
	exec gosu app /usr/local/bin/app serve
fi
exec "$@"
