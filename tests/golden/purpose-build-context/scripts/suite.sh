#!/bin/sh
# This script is designed for developers who want to run the suite.
docker build -t shop-suite -f docker/Suite.Dockerfile .
