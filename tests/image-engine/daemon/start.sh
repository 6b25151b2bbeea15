#!/bin/sh
# Cron beside the web server: two services in one container.
crond -L /dev/stdout
httpd -f -p 8080 -h /www
