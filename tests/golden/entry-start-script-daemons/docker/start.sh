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
# a cache warmed up, then stopped by its pid
redis-server &
REDIS_PID=$!
node warm-cache.js
kill "$REDIS_PID"
memcached -u app &
MEMCACHED_PID=$!
kill "$UNRELATED_PID" 2>/dev/null || true
exec node server.js
