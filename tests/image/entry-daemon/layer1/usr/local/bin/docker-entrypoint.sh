#!/bin/sh
# The image's entry script: it sources its helpers, prepares the data
# folders as root, starts cron beside the web server, then hands over.
set -e
. /usr/local/lib/functions

prepare
log "starting"
crond -b -L /dev/stdout
exec su-exec app "$@"
