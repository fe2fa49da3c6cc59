#!/usr/bin/env bash
# Installs the Debian packages the platform and its tests need. Idempotent: a second run on a
# machine that has everything does no apt work at all.
set -euo pipefail

PKGS=(
  # mediasoup worker build (see scripts/build-mediasoup-worker.sh)
  ninja-build pkg-config libssl-dev libuv1-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev
  # media tooling: recording and its checks
  ffmpeg
  # browser tests and CJK rendering
  chromium fonts-wqy-microhei poppler-utils
  # the production shape's helpers, used by tests where they can run here
  redis-server
  # the start command's self-signed certificate for phones (--https)
  openssl
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
meson_ok=0
if command -v meson >/dev/null 2>&1; then
  v=$(meson --version)
  if [ "$(printf '%s\n1.1.0\n' "$v" | sort -V | head -n1)" = "1.1.0" ]; then meson_ok=1; fi
fi

if [ ${#missing[@]} -eq 0 ] && [ $meson_ok -eq 1 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

if [ $meson_ok -eq 0 ]; then
  # meson >= 1.1.0 comes only from bookworm-backports; use the mirror the machine already uses.
  ours=/etc/apt/sources.list.d/anchor-academy-backports.list
  if [ -f "$ours" ] || ! grep -rhsE '^(Suites:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/ | grep -q 'bookworm-backports'; then
    # Only live lines count (deb822 "URIs:" or one-line "deb"), never comments.
    mirror=$(grep -rhE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
      | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n1 | tr -d ' ' || true)
    mirror=${mirror:-http://deb.debian.org/debian}
    echo "deb ${mirror%/} bookworm-backports main" | $SUDO tee "$ours" >/dev/null
  fi
fi

echo "[install-system] installing: ${missing[*]} $([ $meson_ok -eq 0 ] && echo meson/bookworm-backports)"
$SUDO apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ $meson_ok -eq 0 ]; then
  $SUDO apt-get install -y -qq --no-install-recommends meson/bookworm-backports
fi
