#!/bin/sh
# /srv/data is a VOLUME (of the base stage): it starts empty
mkdir -p /srv/data/uploads data/cache
chown -R nobody:nobody /srv/data
chmod 750 ./data/uploads
exec app
