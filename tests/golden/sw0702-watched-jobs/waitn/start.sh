#!/bin/bash
# Docker's own multi-service example: the first job to end ends the container.
nginx -g 'daemon off;' &
php-fpm -F &
wait -n
exit $?
