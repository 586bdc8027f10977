#!/usr/bin/env bash
# Fail early, with a clear message, when the Python that `make` would use is missing or too old.
set -euo pipefail
python="${1:-}"
if [ -z "$python" ] || ! command -v "$python" >/dev/null 2>&1; then
  echo "netweave needs Python 3.11 or newer, and none was found on PATH." >&2
  echo "Install it (e.g. 'apt-get install python3.11 python3.11-venv') or run: make PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "netweave needs Python 3.11 or newer; $python is $("$python" --version 2>&1)." >&2
  exit 1
fi
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "$python cannot create virtual environments: install the venv module (e.g. 'apt-get install python3.11-venv')." >&2
  exit 1
fi
