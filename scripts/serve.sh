#!/usr/bin/env bash
# Start the background worker and the web server; stop the worker when the server stops.
#
# The server is gunicorn with MANGFOLD_WEB_WORKERS single-threaded worker processes (default: two per CPU,
# at most 8; one request at a time each, so no code runs in two threads at once), static files by WhiteNoise
# from `collectstatic`'s folder. Without MANGFOLD_PRODUCTION=1 it serves the local demo
# (MANGFOLD_DEMO=1: DEBUG off, plain HTTP on the loopback address). MANGFOLD_SERVER=runserver serves with
# Django's development server instead (the load benchmark compares the two). More gunicorn options:
# GUNICORN_CMD_ARGS (for example "--access-logfile -").
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
python="$here/.venv/bin/python"
host="${MANGFOLD_HOST:-127.0.0.1}"
port="${MANGFOLD_PORT:-8000}"
if [ "${MANGFOLD_PRODUCTION:-}" != "1" ]; then
  export MANGFOLD_DEMO="${MANGFOLD_DEMO:-1}"
fi
"$here/.venv/bin/mangfold" worker --interval 1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo "mangfold is serving on http://$host:$port/ (Ctrl-C stops it)"
if [ "${MANGFOLD_SERVER:-gunicorn}" = "runserver" ]; then
  "$python" "$here/manage.py" runserver --noreload "$host:$port"
else
  cpus="$(nproc 2>/dev/null || echo 2)"
  workers="${MANGFOLD_WEB_WORKERS:-$(( cpus * 2 > 8 ? 8 : cpus * 2 ))}"
  "$here/.venv/bin/gunicorn" mangfold.web.wsgi:application --chdir "$here" --bind "$host:$port" \
    --workers "$workers" --worker-class sync --timeout 120 --graceful-timeout 10 --log-level warning
fi
