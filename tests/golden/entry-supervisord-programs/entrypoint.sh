#!/usr/bin/env bash
set -euo pipefail
if [ -n "${DEBUG:-}" ]; then
	set -x
fi
exec supervisord -n -c /etc/supervisor/supervisord.conf
