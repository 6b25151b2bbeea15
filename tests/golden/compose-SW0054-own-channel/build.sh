#!/bin/sh
docker build -t acme/shop:1.2 .
