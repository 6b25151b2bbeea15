#!/bin/sh
mkdir -p "$DATA_DIR/uploads"
# the image fixes LOG_DIR, and nothing is mounted there
mkdir -p "${LOG_DIR:-/tmp/log}/archive"
exec app
