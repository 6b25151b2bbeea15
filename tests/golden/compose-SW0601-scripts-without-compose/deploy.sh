#!/bin/sh
set -eu
docker network create app
docker volume create pgdata
docker run -d --name db --network app -v pgdata:/var/lib/postgresql/data postgres:16
sudo docker run -d --name api --network app -p 8080:8080 \
	--restart unless-stopped acme/api:1.8
# A foreground tool run is not wiring: not reported.
docker run --rm -v "$PWD":/src hadolint/hadolint:2.12.0 hadolint /src/Dockerfile
