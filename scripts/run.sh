#!/usr/bin/env bash
# Install, migrate, load the admin units and the demo village, then serve on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
mkdir -p instance
[ -s instance/secret_key ] || .venv/bin/python -c "import secrets; print(secrets.token_hex(32))" > instance/secret_key
export SECRET_KEY=${SECRET_KEY:-$(cat instance/secret_key)}
export FLASK_APP=wsgi SESSION_COOKIE_SECURE=${SESSION_COOKIE_SECURE:-0}
.venv/bin/flask db upgrade
.venv/bin/flask import-admin-units
if .venv/bin/flask --help | grep -q seed-demo; then .venv/bin/flask seed-demo; fi
echo "Chợ 4.0 đang chạy tại http://127.0.0.1:8000"
# Rate limits, failed-login counters included, must hold for the whole server. Without a shared store
# (RATELIMIT_STORAGE_URI=redis://…) they live in memory, so the server is ONE process with threads;
# with Redis, several worker processes (and hosts) share one count.
if [ -n "${RATELIMIT_STORAGE_URI:-}" ]; then WORKERS=${WORKERS:-2}; else WORKERS=1; fi
# The app answers over-long addresses itself (JSON 414 above 4096 characters); gunicorn's own cut-off
# sits above that, at its maximum.
exec .venv/bin/gunicorn --bind 127.0.0.1:8000 --worker-class gthread --workers "$WORKERS" \
  --threads "${THREADS:-8}" --limit-request-line 8190 --access-logfile - wsgi:app
