#!/usr/bin/env bash
# Install the runtime packages into .venv and serve the dashboard with gunicorn.
#   bash scripts/serve.sh                  # the shipped data
#   bash scripts/serve.sh --data PATH      # a CSV, JSON or folder of results
set -euo pipefail
cd "$(dirname "$0")/.."

while [[ $# -gt 0 ]]; do
  case "$1" in
    --data)
      [[ $# -ge 2 ]] || { echo "--data needs a file or folder path" >&2; exit 2; }
      export DATA_PATH="$(realpath -m "$2")"
      shift 2
      ;;
    *)
      echo "Unknown option: $1 (use --data PATH)" >&2
      exit 2
      ;;
  esac
done

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.lock

echo "Serving on http://${GUNICORN_BIND:-127.0.0.1:8050}/ (Ctrl-C stops it)"
exec .venv/bin/gunicorn -c gunicorn.conf.py app:server
