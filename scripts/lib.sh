# Shared by start.sh and test.sh: make the machine ready, doing only what is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m[%s]\033[0m %s\n' "${STEP_NAME:-setup}" "$*"; }

mediasoup_version() { node -p "require('./package.json').dependencies.mediasoup"; }

ensure_system() {
  STEP_NAME=system say "checking Debian packages"
  bash scripts/install-system.sh
}

ensure_node_modules() {
  # The worker is built by us (scripts/build-mediasoup-worker.sh): tell mediasoup's postinstall so.
  export MEDIASOUP_WORKER_BIN="$ROOT/.cache/mediasoup-worker/$(mediasoup_version)/mediasoup-worker"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    STEP_NAME=npm say "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_worker() {
  bash scripts/build-mediasoup-worker.sh
}

# Rebuild only when a source file is newer than the last build, so a second start is quick.
ensure_build() {
  local stamp=dist/.build-stamp
  if [ -f "$stamp" ] && [ -z "$(find apps libs scripts package-lock.json tsconfig*.json -newer "$stamp" -type f \
      -not -path '*/node_modules/*' -not -name '*.spec.ts' -not -name '*-spec.ts' -print -quit)" ]; then
    return 0
  fi
  STEP_NAME=build say "building server and web client"
  npm run --silent build
  touch "$stamp"
}
