#!/bin/sh
set -e
cd "$(dirname "$0")/.."
docker build --target prod -t shop:prod .
docker build --target missing .
