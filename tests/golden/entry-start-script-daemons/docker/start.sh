#!/bin/sh
# Starts the helpers, then the app.
set -e
cron
php-fpm -D
nginx &
# a database started for the migrations only, then stopped
pg_ctl -D /tmp/db start
node migrate.js
pg_ctl -D /tmp/db stop
exec node server.js
