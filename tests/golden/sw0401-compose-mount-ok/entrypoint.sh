#!/bin/sh
# a bind mount and a named volume of the compose service: empty or host-owned
mkdir -p uploads/avatars /app/cache/thumbs
chown -R 1000:1000 /app/uploads
chmod -R u+rwX /app/cache
exec gunicorn app:app
