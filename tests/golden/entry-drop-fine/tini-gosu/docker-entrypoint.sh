#!/bin/bash
set -e
chown -R app:app /var/lib/app
exec gosu app "$@"
