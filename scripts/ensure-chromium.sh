#!/usr/bin/env bash
# Chromium renders the static chart images (kaleido) and runs the browser tests.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  exit 0
fi
cat >&2 <<'MSG'
Chromium is missing, and it cannot be installed from here (this needs root and apt-get).
Install Debian's chromium package, which provides /usr/bin/chromium:
    sudo apt-get install chromium
then run make again.
MSG
exit 1
