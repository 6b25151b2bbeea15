#!/bin/sh
# Only the manage branch calls the function that drops: the default path
# runs supervisord as root. Reported, as a stage with no USER.
manage() {
  exec su app -c "manage.py $*"
}
case "$1" in
  manage) shift; manage "$@" ;;
esac
exec supervisord -n
