#!/bin/sh
# Builds the images the app is made from.
set -e
docker build -t acme/tools:1.4 imagick
docker build -t acme/base:1.4 base
docker build -t acme/app:1.4 app
