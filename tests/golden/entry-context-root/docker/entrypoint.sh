#!/bin/sh
set -e
mkdir -p /app/data/uploads
chmod 700 /app/data
exec "$@"
