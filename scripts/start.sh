#!/usr/bin/env bash
# One command: install what is missing, build, and run the whole platform on embedded defaults
# (or on DATABASE_URL / S3_ENDPOINT when set). Ctrl-C stops everything.
source "$(dirname "$0")/lib.sh"
ensure_system
ensure_node_modules
ensure_worker
ensure_build
exec node dist/scripts/supervisor.js start "$@"
