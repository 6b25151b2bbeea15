#!/bin/sh
if [ -x /usr/local/bin/cpu-wrap ]; then
  /usr/local/bin/cpu-wrap memcached -u app &
else
  memcached -u app &
fi
for conf in /etc/workers/*.conf; do
  redis-server "$conf" &
  memcached -c "$conf" &
done
exec /usr/bin/app
