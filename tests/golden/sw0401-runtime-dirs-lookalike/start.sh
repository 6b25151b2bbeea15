#!/bin/sh
mkdir -p /run/app
# /runner and /devtools are no runtime places
mkdir -p /runner/work /devtools
exec app
