#!/bin/sh
mkdir -p /tmp/s6
exec s6-svscan /etc/s6
