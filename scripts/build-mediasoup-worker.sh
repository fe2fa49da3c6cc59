#!/usr/bin/env bash
# Builds the mediasoup worker from the sources in node_modules against Debian's own libraries
# (see /work/shared/notes/mediasoup-worker.md for why: no prebuilt download and no PyPI here).
#
# Output: .cache/mediasoup-worker/<version>/mediasoup-worker, <version> read from
# node_modules/mediasoup/package.json. Idempotent and cached by version: when that binary exists
# and runs, this exits at once. Concurrent runs are serialized by a lock.
set -euo pipefail

log() { echo "[mediasoup-worker] $*"; }
die() { echo "[mediasoup-worker] ERROR: $*" >&2; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/node_modules/mediasoup"
[ -f "$PKG/package.json" ] || die "mediasoup is not installed ($PKG/package.json missing); run npm install first"

# Read the version without starting node: the fast path must stay well under a second.
VERSION="$(sed -nE 's/^[[:space:]]*"version":[[:space:]]*"([^"]+)".*/\1/p' "$PKG/package.json" | head -n1)"
[ -n "$VERSION" ] || die "cannot read the version from $PKG/package.json"

OUT_DIR="$ROOT/.cache/mediasoup-worker/$VERSION"
BIN="$OUT_DIR/mediasoup-worker"
BUILD_DIR="$OUT_DIR/build"
WORKER_SRC="$PKG/worker"
SUBPROJECTS="$WORKER_SRC/subprojects"

# The worker refuses to start without MEDIASOUP_VERSION and exits with 41 after printing a line:
# reaching that exit proves the binary and every shared library it links load on this machine.
runs() {
  [ -x "$1" ] || return 1
  local rc=0
  env -u MEDIASOUP_VERSION "$1" >/dev/null 2>&1 </dev/null || rc=$?
  [ "$rc" -eq 41 ]
}

if runs "$BIN"; then
  exit 0
fi

mkdir -p "$OUT_DIR"
exec 9>"$OUT_DIR/.lock"
if ! flock -n 9; then
  log "another build of $VERSION is running; waiting for it"
  flock 9
fi
if runs "$BIN"; then
  log "built meanwhile by another run: $BIN"
  exit 0
fi
if [ -e "$BIN" ]; then
  log "existing $BIN does not run here; rebuilding"
fi

command -v meson >/dev/null 2>&1 || die "meson not found; run scripts/install-system.sh"
command -v ninja >/dev/null 2>&1 || die "ninja not found; run scripts/install-system.sh"
command -v pkg-config >/dev/null 2>&1 || die "pkg-config not found; run scripts/install-system.sh"
MESON_VERSION="$(meson --version)"
if [ "$(printf '%s\n1.1.0\n' "$MESON_VERSION" | sort -V | head -n1)" != "1.1.0" ]; then
  die "meson $MESON_VERSION is too old (>= 1.1.0 needed, from bookworm-backports); run scripts/install-system.sh"
fi
for pc in absl_flat_hash_map absl_strings absl_optional openssl nlohmann_json libuv libsrtp2 usrsctp; do
  pkg-config --exists "$pc" || die "pkg-config cannot find $pc; run scripts/install-system.sh"
done

# --- shim subprojects --------------------------------------------------------------------------
# Each .wrap names the directory meson looks in before it tries a download. A meson.build there
# that hands over the system library makes meson use it and download nothing. Variables are the
# ones mediasoup's meson.build and deps/libwebrtc/meson.build read with get_variable(); the
# *_lib / bare-name ones go into link_whole, which wants a static library target, so an empty one
# stands in while the *_dep carries the real shared library.
SHIM_MARKER=".anchor-academy-shim"

wrap_directory() {
  sed -nE 's/^[[:space:]]*directory[[:space:]]*=[[:space:]]*([^[:space:]]+).*/\1/p' "$1" | head -n1
}

shim_meson_build() {
  case "$1" in
    abseil-cpp)
      cat <<'EOF'
project('abseil-cpp', 'c')
absl_container_dep = dependency('absl_flat_hash_map')
absl_strings_dep = dependency('absl_strings')
absl_types_dep = dependency('absl_optional')
absl_container_lib = static_library('absl_container_shim', 'empty.c')
EOF
      ;;
    openssl)
      cat <<'EOF'
project('openssl', 'c')
openssl_dep = dependency('openssl')
libcrypto_dep = dependency('libcrypto')
libssl_dep = dependency('libssl')
libcrypto_lib = static_library('libcrypto_shim', 'empty.c')
libssl_lib = static_library('libssl_shim', 'empty.c')
EOF
      ;;
    nlohmann_json)
      cat <<'EOF'
project('nlohmann_json')
nlohmann_json_dep = dependency('nlohmann_json')
EOF
      ;;
    libuv)
      cat <<'EOF'
project('libuv', 'c')
libuv_dep = dependency('libuv')
libuv = static_library('libuv_shim', 'empty.c')
EOF
      ;;
    libsrtp2)
      cat <<'EOF'
project('libsrtp2', 'c')
# Debian installs srtp.h under /usr/include/srtp2 and mediasoup includes <srtp.h>.
libsrtp2_dep = declare_dependency(dependencies: dependency('libsrtp2'), compile_args: ['-I/usr/include/srtp2'])
libsrtp2 = static_library('libsrtp2_shim', 'empty.c')
EOF
      ;;
    usrsctp)
      cat <<'EOF'
project('usrsctp', 'c')
usrsctp_dep = dependency('usrsctp')
usrsctp = static_library('usrsctp_shim', 'empty.c')
EOF
      ;;
    catch2)
      cat <<'EOF'
project('catch2')
# Only the worker's own test binary uses it; <catch2/catch.hpp> is found under /usr/include.
catch2_dep = declare_dependency()
EOF
      ;;
    *) return 1 ;;
  esac
}

shim_options() {
  case "$1" in
    libuv)
      cat <<'EOF'
option('build_tests', type: 'boolean', value: false)
option('build_benchmarks', type: 'boolean', value: false)
EOF
      ;;
    libsrtp2)
      cat <<'EOF'
option('crypto-library', type: 'string', value: 'openssl')
option('crypto-library-kdf', type: 'string', value: 'disabled')
option('tests', type: 'string', value: 'disabled')
EOF
      ;;
    usrsctp)
      cat <<'EOF'
option('sctp_build_programs', type: 'boolean', value: false)
EOF
      ;;
    *) ;;
  esac
}

shopt -s nullglob
wraps=("$SUBPROJECTS"/*.wrap)
[ ${#wraps[@]} -gt 0 ] || die "no .wrap files in $SUBPROJECTS"
for wrap in "${wraps[@]}"; do
  name="$(basename "$wrap" .wrap)"
  [ "$name" = "wingetopt" ] && continue # Windows only
  dir="$(wrap_directory "$wrap")"
  [ -n "$dir" ] || die "no directory= in $wrap"
  target="$SUBPROJECTS/$dir"
  if [ -d "$target" ] && [ ! -f "$target/$SHIM_MARKER" ]; then
    log "subproject $name: $dir holds real sources, leaving it alone"
    continue
  fi
  body="$(shim_meson_build "$name")" || die "no shim known for subproject '$name' ($wrap); mediasoup changed, update this script"
  mkdir -p "$target"
  printf '%s\n' "$body" >"$target/meson.build"
  opts="$(shim_options "$name")"
  if [ -n "$opts" ]; then printf '%s\n' "$opts" >"$target/meson_options.txt"; else rm -f "$target/meson_options.txt"; fi
  : >"$target/empty.c"
  echo "shim written by scripts/build-mediasoup-worker.sh" >"$target/$SHIM_MARKER"
  log "subproject $name: shim in subprojects/$dir"
done

# --- build -------------------------------------------------------------------------------------
start=$(date +%s)
if [ -f "$BUILD_DIR/build.ninja" ]; then
  log "meson setup --reconfigure $BUILD_DIR"
  meson setup --reconfigure --buildtype=release -Db_ndebug=true --wrap-mode=nodownload "$BUILD_DIR" "$WORKER_SRC"
else
  rm -rf "$BUILD_DIR"
  log "meson setup $BUILD_DIR (meson $MESON_VERSION)"
  meson setup --buildtype=release -Db_ndebug=true --wrap-mode=nodownload "$BUILD_DIR" "$WORKER_SRC"
fi
log "ninja -C $BUILD_DIR mediasoup-worker (a few minutes on 2 cores)"
ninja -C "$BUILD_DIR" mediasoup-worker

built="$BUILD_DIR/mediasoup-worker"
[ -x "$built" ] || die "ninja finished but $built is missing"
tmp="$(mktemp "$OUT_DIR/.mediasoup-worker.XXXXXX")"
cp "$built" "$tmp"
chmod 0755 "$tmp"
runs "$tmp" || { rm -f "$tmp"; die "the built worker does not run (ldd $built)"; }
mv -f "$tmp" "$BIN"
log "built $BIN for mediasoup $VERSION in $(($(date +%s) - start)) s"
