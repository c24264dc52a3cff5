#!/usr/bin/env bash
# Create .venv (if missing) and install the pinned requirements; sourced by run.sh and test.sh.
set -euo pipefail
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "${1:-requirements.txt}"
# The English catalogue: translations/en/LC_MESSAGES/messages.po → messages.mo (not committed).
.venv/bin/pybabel -q compile -d translations
