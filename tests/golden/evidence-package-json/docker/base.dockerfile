# Two published bases: package.json builds the slim one (--target slim).
FROM debian:12-slim AS slim
# reported: slim ships, and it installs sudo for its user
RUN apt-get update && apt-get install -y --no-install-recommends sudo \
    && rm -rf /var/lib/apt/lists/* && useradd -u 1000 app
COPY docker/sudoers /etc/sudoers
USER app

FROM slim AS full
USER root
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
USER app
