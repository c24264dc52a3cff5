#!/usr/bin/env bash
# While nothing is deployed, the schema is one initial migration: rebuild it from the models.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
rm -f migrations/versions/*.py
export FLASK_APP=wsgi FLASK_DEBUG=1 SECRET_KEY=regen DATABASE_URL="sqlite:///$tmp/regen.sqlite"
.venv/bin/flask db migrate -m "initial schema" >/dev/null
rm -rf "$tmp"
ls migrations/versions/
