#!/bin/sh
mkdir -p /srv/cache
