#!/bin/sh
# Usage: deploy/apt-need.sh COMMAND PACKAGES WHY
# Installs PACKAGES with apt when COMMAND is missing (as root); otherwise says what to run.
command -v "$1" >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "installing $2 with apt ($3)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $2 >/dev/null) \
    || { echo "apt-get install $2 failed" >&2; exit 1; }
else
  echo "$1 is missing: run 'sudo apt-get install $2' ($3)" >&2
  exit 1
fi
