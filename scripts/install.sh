#!/usr/bin/env bash
# Install everything StrideLab needs on a Debian machine, non-interactively:
#   system packages: Chromium (UI, pose engine, PDF), poppler-utils (PDF checks in tests), Xvfb (headed
#   runs), a C++ toolchain (better-sqlite3 builds from source), PostgreSQL (the clinic-server backend:
#   the tests start their own throwaway cluster with its initdb/postgres, as the `postgres` user when
#   run as root; the cluster the package may create is never used); then the npm packages (`npm ci`,
#   whose `prepare` step builds the pose models and the app). Used by the README's first command and by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
# Electron's binary cannot be downloaded on offline machines; the app runs in browser mode without it.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

packages=(chromium poppler-utils xvfb xauth build-essential python3 ca-certificates postgresql)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
