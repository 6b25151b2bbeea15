#!/bin/sh
# Writes the settings every install needs; compose reads them through .env.
cat << EOF > app.conf
APP_HOSTNAME=${1:-localhost}
DB_PASSWORD=$(openssl rand -hex 16)
EOF
[ -e .env ] || ln -s app.conf .env
