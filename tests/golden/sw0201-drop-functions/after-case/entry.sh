#!/bin/sh
# The case ends at esac: the exec after it runs whatever the argument.
case "$1" in
  a) MODE=a ;;
  b) MODE=b ;;
esac
exec gosu app /usr/bin/app
