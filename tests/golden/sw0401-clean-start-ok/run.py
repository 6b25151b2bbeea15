#!/usr/bin/env python3
import os
os.system("mkdir -p /data")
mkdir -p /data
