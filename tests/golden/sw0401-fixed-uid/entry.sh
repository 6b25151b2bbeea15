#!/bin/sh
chown -R $PUID:$PGID /app
# a fixed owner on a fixed path: one RUN chown at build time does it
chown -R app:app /app
exec gosu app app
