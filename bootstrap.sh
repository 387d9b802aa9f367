#!/usr/bin/env bash
# Sourced by run_local.sh and run_tests.sh: make .venv when missing and install newsbeam into it.
# Reinstalls only when setup.py or the constraints change, so repeated runs start quickly.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.newsbeam-install
wanted=$(cat setup.py constraints.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "installing newsbeam and its dependencies into .venv (first time: a few minutes)"
  {
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -c constraints.txt -e ".[test,dev]"
  } 2> >(grep -v -e "^WARNING: Location .* is ignored" -e "BuildBackendWarning" >&2)
  echo "$wanted" > "$stamp"
fi
