#!/usr/bin/env bash
# Install everything the tests need and run them: unit tests, serving tests
# under gunicorn, and browser tests in headless Chromium from Debian.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh tests/core`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium and chromium-driver for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "The browser tests need chromium and chromedriver on PATH." >&2
    echo "Install them as root: apt-get install chromium chromium-driver" >&2
    exit 1
  fi
fi

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.lock

exec .venv/bin/python -m pytest --headless "$@"
