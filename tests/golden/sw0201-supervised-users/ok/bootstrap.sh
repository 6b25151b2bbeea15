#!/bin/sh
set -e
mkdir -p /var/run/sogo
exec gosu sogo /usr/sbin/sogod
