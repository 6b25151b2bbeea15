#!/bin/sh
nginx -t
exec node /app/server.js
