#!/bin/bash
JOBS=()
freshclam -d &
JOBS+=($!)
clamd &
JOBS+=($!)
while true; do
  for job in ${JOBS[*]}; do
    if ! kill -0 "$job"; then
      echo "job $job died, stopping the container"
      kill -TERM 1
    fi
  done
  sleep 10
done
