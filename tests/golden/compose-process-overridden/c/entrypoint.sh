#!/bin/sh
set -e
# a cron daemon beside the app, whatever command runs
cron &
exec "$@"
