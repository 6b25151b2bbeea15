#!/bin/sh
mkdir -p /srv/data/uploads
# one target of the two is in the image and not mounted: named
mkdir -p /srv/data/cache /var/log/app
chmod 777 /var/log/app
exec app
