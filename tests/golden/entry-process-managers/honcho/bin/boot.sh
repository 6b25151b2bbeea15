#!/bin/bash
. ./env.sh
exec honcho start
