#!/usr/bin/env bash
# One command runs every test: lint, format, types, then unit, integration, e2e and browser tests
# against a real PostgreSQL, a real S3-protocol server, real mediasoup workers and Chromium.
source "$(dirname "$0")/lib.sh"
ensure_system
ensure_node_modules
ensure_worker
export MEDIASOUP_WORKER_BIN

STEP_NAME=lint say "eslint, prettier, tsc"
npx eslint . --max-warnings=0
npx prettier --check . --log-level warn
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/web/tsconfig.json --noEmit
ensure_build

# Services for the tests: ours unless DATABASE_URL / S3_ENDPOINT are given. The data folder sits
# under /var/tmp so the postgres user can reach it wherever the checkout is.
DATA_DIR="$(mktemp -d /var/tmp/anchor-academy-test.XXXXXX)"
chmod 755 "$DATA_DIR"
SUPERVISOR_PID=""
cleanup() {
  if [ -n "$SUPERVISOR_PID" ] && kill -0 "$SUPERVISOR_PID" 2>/dev/null; then
    kill -TERM "$SUPERVISOR_PID"; wait "$SUPERVISOR_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT
PG_PORT=${TEST_PG_PORT:-55432}
S3_PORT=${TEST_S3_PORT:-9490}
STEP_NAME=services say "starting test services"
node dist/scripts/supervisor.js services --data-dir "$DATA_DIR" --pg-port "$PG_PORT" --s3-port "$S3_PORT" \
  --write-env "$DATA_DIR/services.env" > "$DATA_DIR/services.log" 2>&1 &
SUPERVISOR_PID=$!
for _ in $(seq 1 120); do
  [ -f "$DATA_DIR/services.env" ] && break
  kill -0 "$SUPERVISOR_PID" 2>/dev/null || { cat "$DATA_DIR/services.log"; exit 1; }
  sleep 0.5
done
[ -f "$DATA_DIR/services.env" ] || { cat "$DATA_DIR/services.log"; echo "services did not start"; exit 1; }
# shellcheck disable=SC1091
source "$DATA_DIR/services.env"
node dist/libs/database/src/cli/prepare-test-template.js

STEP_NAME=jest say "running the suite"
set +e
npx jest --ci --maxWorkers=2 --json --outputFile="$DATA_DIR/jest.json" "$@"
status=$?
set -e
node -e '
  const r = require(process.argv[1]);
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$DATA_DIR/jest.json" || true
exit $status
