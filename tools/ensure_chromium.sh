#!/usr/bin/env bash
# Make sure Debian's Chromium is there for the browser tests (`make test` runs this first).
# As root with apt-get, install it when missing; otherwise say so and let those tests skip.
set -u
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium for the browser tests (apt-get, about a minute)..."
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    exit 0
  fi
  echo "warning: apt-get could not install chromium; the browser tests will be skipped" >&2
  exit 0
fi
echo "note: $CHROMIUM is missing and this is not root with apt-get;" \
  "install Debian's chromium to run the browser tests (they will be skipped)" >&2
exit 0
