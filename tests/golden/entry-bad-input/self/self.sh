#!/bin/sh
. /usr/local/bin/self.sh
. /usr/local/bin/lib.sh
exec app
