#!/bin/bash
# Starts the web server as a daemon, then supervisord with the workers.
nginx
exec /usr/bin/supervisord -n -c /app/supervisord.conf
