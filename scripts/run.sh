#!/usr/bin/env bash
# Install, migrate, load the admin units and the demo village, then serve on the village network.
# HOST (default 0.0.0.0: every network of the laptop) and PORT (default 8000) choose where it listens;
# PUBLIC_BASE_URL (printed on the cards) defaults to this laptop's address on the local network.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
mkdir -p instance
[ -s instance/secret_key ] || .venv/bin/python -c "import secrets; print(secrets.token_hex(32))" > instance/secret_key
export SECRET_KEY=${SECRET_KEY:-$(cat instance/secret_key)}
export FLASK_APP=wsgi SESSION_COOKIE_SECURE=${SESSION_COOKIE_SECURE:-0}
HOST=${HOST:-0.0.0.0}
PORT=${PORT:-8000}
# The address of the interface that carries the default route (a UDP connect sends no packet).
lan_ip=$(.venv/bin/python -c '
import socket
probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
try:
    probe.connect(("192.0.2.1", 9))
    print(probe.getsockname()[0])
except OSError:
    print("")
')
if [ -z "${PUBLIC_BASE_URL:-}" ]; then
  if [ -n "$lan_ip" ] && [ "$HOST" != "127.0.0.1" ]; then
    export PUBLIC_BASE_URL="http://$lan_ip:$PORT"
  else
    export PUBLIC_BASE_URL="http://127.0.0.1:$PORT"
    echo "Cảnh báo: không tìm thấy địa chỉ mạng nội bộ; thẻ QR sẽ không in được (đặt PUBLIC_BASE_URL)." >&2
  fi
fi
.venv/bin/flask db upgrade
.venv/bin/flask import-admin-units
if .venv/bin/flask --help | grep -q seed-demo; then .venv/bin/flask seed-demo; fi
echo "Chợ 4.0 đang chạy. Mở trên máy này: http://127.0.0.1:$PORT"
if [ "$HOST" = "0.0.0.0" ]; then
  for address in $(hostname -I 2>/dev/null || true); do
    case "$address" in *:*) ;; *) echo "  Điện thoại cùng mạng Wi-Fi mở: http://$address:$PORT" ;; esac
  done
fi
echo "Địa chỉ in trên thẻ QR (PUBLIC_BASE_URL): $PUBLIC_BASE_URL"
# Rate limits, failed-login counters included, must hold for the whole server. Without a shared store
# (RATELIMIT_STORAGE_URI=redis://…) they live in memory, so the server is ONE process with threads;
# with Redis, several worker processes (and hosts) share one count. Threads, not processes, carry the
# open money screens (Server-Sent Events): each holds a thread, never a whole worker a sale needs.
if [ -n "${RATELIMIT_STORAGE_URI:-}" ]; then WORKERS=${WORKERS:-2}; else WORKERS=1; fi
# The app answers over-long addresses itself (JSON 414 above 4096 characters); gunicorn's own cut-off
# sits above that, at its maximum.
exec .venv/bin/gunicorn --bind "$HOST:$PORT" --worker-class gthread --workers "$WORKERS" \
  --threads "${THREADS:-64}" --limit-request-line 8190 --access-logfile - wsgi:app
