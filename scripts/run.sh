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
# Threaded workers: an open money screen (a Server-Sent Events stream) holds a thread, not a whole worker.
exec .venv/bin/gunicorn --bind 127.0.0.1:8000 --workers "${WORKERS:-2}" --worker-class gthread --threads "${THREADS:-64}" \
  --access-logfile - wsgi:app
