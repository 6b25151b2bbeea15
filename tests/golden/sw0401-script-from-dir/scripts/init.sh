#!/bin/sh
set -e
chown app /srv/data
exec "$@"
