#!/usr/bin/env bash
# Chromium renders the static chart images (kaleido) and runs the browser tests.
# The project expects it at /usr/bin/chromium, where Debian's chromium package puts it.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
debian=false
if [[ -r /etc/os-release ]] && grep -qx 'ID=debian' /etc/os-release; then
  debian=true
fi
if $debian && command -v apt-get >/dev/null 2>&1; then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      debian=false
    fi
  fi
  if $debian; then
    echo "Installing Debian's chromium package..."
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium
    exit 0
  fi
fi
cat >&2 <<'MSG'
Chromium is missing at /usr/bin/chromium, and it cannot be installed from here
(that needs Debian, apt-get, and root or sudo).
On Debian:           sudo apt-get install chromium
Elsewhere: install Chromium or Google Chrome and link it there, for example
                     sudo ln -s "$(command -v google-chrome)" /usr/bin/chromium
then run make again.
MSG
exit 1
