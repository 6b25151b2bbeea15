#!/bin/sh
set -e
cd "$(dirname "$0")"
docker stack deploy -c stack.yml shop
