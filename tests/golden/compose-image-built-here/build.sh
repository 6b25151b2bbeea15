#!/bin/sh
# Builds and pushes the images of the stack.
set -e
docker build -t acme/firewall:1.0 firewall
docker build -t acme/agent:1.0 agent
docker build -t acme/mail:1.0 mail
docker push acme/firewall:1.0
