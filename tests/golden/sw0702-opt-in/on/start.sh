#!/bin/sh
if [ -n "$WITH_CRON" ]; then
  cron
fi
exec /usr/bin/app
