#!/bin/sh
mkdir -p /srv/data/cache
exec app "$@"
