#!/bin/bash
postconf -c /opt/postfix/conf > /dev/null
if [[ $? != 0 ]]; then
  echo "configuration error"
  exit 1
else
  postfix -c /opt/postfix/conf start
  sleep 126144000
fi
