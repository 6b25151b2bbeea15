#!/bin/bash
# kill -0 only logs here: nothing stops the container when nginx dies.
nginx &
while kill -0 "$!"; do sleep 60; done &
exec gunicorn app:app
