#!/usr/bin/env bash
set -euo pipefail
if [[ -n "${1:-}" ]]; then
	echo "starting" $app_home
fi
started=`date`
echo "$started"
. /docker/lib.sh
cd $target_dir
exec "$@"
