#!/usr/bin/env bash
# Set up .venv the same way as run_local.sh, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
source ./bootstrap.sh
exec .venv/bin/python -m pytest -q "$@"
