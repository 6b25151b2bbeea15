#!/usr/local/bin/python
# Runs the server in place, as root: reported.
import os, sys
os.execv(sys.executable, [sys.executable, "-m", "app"])
