#!/bin/sh
# made by the runtime at every start (tmpfs, devices, kernel views)
mkdir -p /run/app /var/run/app /tmp/cache
chown root:tty /dev/console
chmod 666 /dev/fuse
mkdir -p /sys/fs/cgroup/app
chmod 644 /proc/sys/net/core/somaxconn
exec app
