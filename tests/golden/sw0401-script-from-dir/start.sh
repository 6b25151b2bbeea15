#!/bin/sh
chmod 600 /srv/secret.key
exec /srv/app
