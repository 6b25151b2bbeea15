#!/bin/sh
# Everything an entry script should not be followed into: itself, a
# 10 MB script, a program run as a script, a symbolic link loop and a
# script the image does not have. Each is a note; the rest is checked.
[ -n "$LOADED" ] || { LOADED=1; . /entry.sh; }
sh /big.sh
sh /program.sh
/loop.sh
. /missing.sh
if [ "$1" = serve ]; then
	exec gosu app /usr/local/bin/server
fi
exec "$@"
