. /usr/local/bin/lib.sh
. /usr/local/bin/self.sh
crond
