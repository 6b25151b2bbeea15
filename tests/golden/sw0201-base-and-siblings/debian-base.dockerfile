# A base image: the images built FROM it choose their user. Not reported.
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
