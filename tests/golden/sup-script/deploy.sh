#!/bin/sh
set -e
docker network create app
# seaworthy ignore=SW0601 -- the database runs on the host's own docker for now
docker run -d --name db --network app postgres:16
docker run -d --name web --network app -p 8080:80 example/web:1
