#!/bin/sh
# The compose file describes db and api: starting them by hand is info.
docker run -d --name pg -p 127.0.0.1:5432:5432 postgres:16.2
docker start shop-api
docker run -d shop-api
# Not a service of the project: nothing (and no SW0601, a compose file exists).
docker run -d --name other acme/other:1.0
docker compose up -d cache
