#!/usr/bin/env bash
# Start the background worker and the web server; stop the worker when the server stops.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
python="$here/.venv/bin/python"
host="${MANGFOLD_HOST:-127.0.0.1}"
port="${MANGFOLD_PORT:-8000}"
"$here/.venv/bin/mangfold" worker --interval 1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo "mangfold is serving on http://$host:$port/ (Ctrl-C stops it)"
"$python" "$here/manage.py" runserver --noreload "$host:$port"
