#!/usr/bin/env bash
set -euo pipefail
# chmod 777 "$PGDATA" would be wrong
echo "mkdir -p $PGDATA"
mkdir -p /run/postgresql

if [ ! -d "$PGDATA" ]; then
	mkdir -p "$PGDATA"
	chown -R postgres "$PGDATA"
fi
exec gosu postgres "$@"
