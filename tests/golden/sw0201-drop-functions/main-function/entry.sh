#!/bin/sh
# main is always called: its drop holds.
set -e
main() {
  chown -R app /data
  exec gosu app "$@"
}
main "$@"
