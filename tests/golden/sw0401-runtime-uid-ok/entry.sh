#!/bin/sh
# the owner is chosen at run time
chown -R $PUID:$PGID /app
chown "${UID}" /config
chgrp "$PGID" /srv/share
exec gosu "$PUID" app
