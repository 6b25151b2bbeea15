#!/usr/local/bin/python
# Prepares /data as root, then runs the server as 991 through gosu.
import os, sys
os.makedirs("/data", exist_ok=True)
args = ["gosu", "991:991", sys.executable, "-m", "app"]
os.execve("/usr/sbin/gosu", args, os.environ)
