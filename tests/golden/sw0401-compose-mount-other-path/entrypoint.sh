#!/bin/sh
mkdir -p /app/uploads/avatars
# /app/static is in the image: compose mounts only /app/uploads
chown -R 1000:1000 /app/static
exec gunicorn app:app
