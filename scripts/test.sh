#!/usr/bin/env bash
# Install everything and run the whole suite on SQLite and on PostgreSQL, side by side (2 cores).
# PostgreSQL: TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432/postgres); a throw-away
# database is created per run. Locally an unreachable server is skipped with a notice; with CI=true
# it is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt

# The browser tests drive Debian's Chromium; never download a browser (no `playwright install`).
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium for the browser tests =="
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    echo "Chromium is missing at $CHROMIUM_PATH and cannot be installed here (needs root and apt-get)." >&2
    echo "Install it with 'sudo apt-get install -y chromium' or set CHROMIUM_PATH; browsers are never downloaded." >&2
    exit 1
  fi
fi
export CHROMIUM_PATH
export TEST_PG_URL=${TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/postgres}

pg_reachable() {
  .venv/bin/python - <<'PY'
import os, sys, psycopg
try:
    psycopg.connect(os.environ["TEST_PG_URL"], connect_timeout=5).close()
except Exception as error:
    print(f"PostgreSQL unreachable: {error}", file=sys.stderr)
    sys.exit(1)
PY
}

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
TEST_DATABASE=sqlite .venv/bin/python -m pytest "$@" > "$logs/sqlite.log" 2>&1 &
sqlite_pid=$!
pg_status=skipped
if pg_reachable; then
  # tests/vietqr is database-free: it runs once, in the SQLite run.
  TEST_DATABASE=postgresql .venv/bin/python -m pytest --ignore=tests/vietqr "$@" > "$logs/postgresql.log" 2>&1 &
  pg_pid=$!
  pg_status=started
elif [ "${CI:-}" = "true" ]; then
  pg_status=unreachable
fi

status=0
wait "$sqlite_pid" || status=1
echo "== pytest on SQLite =="
cat "$logs/sqlite.log"
tested=(sqlite)
if [ "$pg_status" = started ]; then
  wait "$pg_pid" || status=1
  echo "== pytest on PostgreSQL =="
  cat "$logs/postgresql.log"
  tested+=(postgresql)
elif [ "$pg_status" = unreachable ]; then
  echo "CI=true and PostgreSQL cannot be reached at ${TEST_PG_URL}: failing." >&2
  status=1
else
  echo "PostgreSQL not reachable: skipped the PostgreSQL run (it is required when CI=true)." >&2
fi
echo "Databases tested: ${tested[*]}"
exit "$status"
