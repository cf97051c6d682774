#!/usr/bin/env bash
# The system packages the build and the tests need: installs what is missing where it can
# (apt-get, as root or with passwordless sudo), else stops and says what to run.
# Prints nothing when everything is present.
#   - Chromium at /usr/bin/chromium, where Debian's package puts it: kaleido draws the static
#     chart images with it and the browser tests drive it through Playwright.
#   - the shared libraries of Playwright's bundled node driver (libatomic1, which minimal
#     Debian and Ubuntu images lack), checked once the virtualenv exists.
#   - a Japanese font (Noto CJK, fonts-noto-cjk): the Japanese edition's PDF (typst), its chart
#     images (kaleido, through Chromium) and its pages name it; without one, Japanese text
#     prints as missing-glyph boxes.
# Usage: scripts/ensure-system-packages.sh [VENV]   (default .venv)
# OS_RELEASE and CHROMIUM stand in for /etc/os-release and /usr/bin/chromium (for the tests).
set -euo pipefail

venv=${1:-.venv}
os_release=${OS_RELEASE:-/etc/os-release}
chromium=${CHROMIUM:-/usr/bin/chromium}

# The Debian (and Ubuntu) package that provides each library the driver may lack.
declare -A package_of=(
  [libatomic.so.1]=libatomic1
  [libstdc++.so.6]=libstdc++6
  [libgcc_s.so.1]=libgcc-s1
  [libdl.so.2]=libc6
  [libm.so.6]=libc6
  [libpthread.so.0]=libc6
  [libc.so.6]=libc6
)

chromium_runs() { "$chromium" --version >/dev/null 2>&1; }

# Noto CJK's Japanese faces, where fontconfig finds them (no fontconfig yet: none).
japanese_font_present() {
  command -v fc-list >/dev/null 2>&1 && fc-list 'Noto Sans CJK JP' family | grep -q .
}

# The libraries the dynamic loader cannot find for the driver, one a line.
missing_libraries() {
  command -v ldd >/dev/null 2>&1 || return 0
  local driver
  for driver in "$venv"/lib/python3*/site-packages/playwright/driver/node; do
    [[ -e $driver ]] || continue
    { ldd "$driver" 2>/dev/null || true; } | awk '$2 == "=>" && $3 == "not" {print $1}'
  done | sort -u
}

os_field() {
  [[ -r $os_release ]] || return 0
  sed -n "s/^$1=//p" "$os_release" | tr -d "\"'" | head -n 1
}

# Whether apt offers a real chromium package: Ubuntu's is only a wrapper that installs the snap.
apt_has_chromium() {
  # Debian's own (main) has it, even where the package lists are not downloaded yet.
  [[ $os_id == debian ]] && return 0
  local candidate
  candidate=$(apt-cache policy chromium 2>/dev/null | awk '$1 == "Candidate:" {print $2}')
  [[ -n $candidate && $candidate != "(none)" ]] || return 1
  ! apt-cache show chromium 2>/dev/null | grep -q '^Depends:.*\bsnapd\b'
}

collect() {
  need_chromium=false
  chromium_runs || need_chromium=true
  packages=()
  unknown=()
  japanese_font_present || packages+=(fonts-noto-cjk)
  local library
  for library in $(missing_libraries); do
    if [[ -n ${package_of[$library]:-} ]]; then
      packages+=("${package_of[$library]}")
    else
      unknown+=("$library")
    fi
  done
}

collect
if ! $need_chromium && ((${#packages[@]} + ${#unknown[@]} == 0)); then
  exit 0
fi

os_id=$(os_field ID)
apt=false
for word in $os_id $(os_field ID_LIKE); do
  case $word in debian | ubuntu) apt=true ;; esac
done
command -v apt-get >/dev/null 2>&1 || apt=false

as_root=()
can_install=$apt
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    can_install=false
  fi
fi
sudo_hint=$([[ $(id -u) -eq 0 ]] || echo "sudo ")

if $can_install; then
  "${as_root[@]}" apt-get update -qq
  install=("${packages[@]}")
  if $need_chromium && apt_has_chromium; then
    install+=(chromium)
  fi
  if ((${#install[@]})); then
    echo "Installing with apt-get: ${install[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${install[@]}"
  fi
  collect
  if ! $need_chromium && ((${#packages[@]} + ${#unknown[@]} == 0)); then
    exit 0
  fi
fi

# What is still missing, and what to run.
how_to_get_chrome() {
  # apt offers no real Chromium here (Ubuntu's chromium only installs the snap). Google's
  # Chrome works, as on GitHub's Ubuntu runners, once linked where the project looks.
  local chrome
  chrome=$(command -v google-chrome || true)
  if [[ -n $chrome ]]; then
    echo "Link Google Chrome there:"
  elif [[ $(dpkg --print-architecture 2>/dev/null) == amd64 ]]; then
    chrome=/usr/bin/google-chrome
    echo "apt has no Chromium package here (Ubuntu's chromium only installs the snap)."
    echo "Install Google Chrome and link it there:"
    echo "  ${sudo_hint}apt-get install -y curl"
    echo "  curl -fsSLo /tmp/google-chrome.deb https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb"
    echo "  ${sudo_hint}apt-get install -y /tmp/google-chrome.deb"
  else
    chrome=/snap/bin/chromium
    echo "apt has no Chromium package here, and Google ships Chrome for amd64 only."
    echo "Install the Chromium snap and link it there:"
    echo "  ${sudo_hint}snap install chromium"
  fi
  echo "  ${sudo_hint}ln -sf $chrome $chromium"
}

report() {
  if [[ -n $(missing_libraries) ]] || ((${#unknown[@]})); then
    echo "Playwright's driver cannot start: it lacks $(missing_libraries | paste -sd ' ')"
    echo "  ($(echo "$venv"/lib/python3*/site-packages/playwright/driver/node))"
  fi
  if ! japanese_font_present; then
    echo "No Japanese font: the Japanese edition needs Noto CJK (Debian's fonts-noto-cjk)."
  fi
  if $need_chromium && [[ -e $chromium ]]; then
    echo "$chromium does not run: $("$chromium" --version 2>&1 | tail -n 1)"
  elif $need_chromium; then
    echo "Chromium is missing at $chromium."
  fi
  if ! $apt; then
    echo "This script installs packages only on Debian, Ubuntu and their derivatives (apt-get)."
    echo "Install with your system's package manager:"
    if $need_chromium; then
      echo "  - Chromium (or Google Chrome), linked at $chromium"
    fi
    for library in $(missing_libraries); do
      echo "  - the package that provides $library"
    done
    japanese_font_present || echo "  - the Noto Sans CJK JP and Noto Serif CJK JP fonts"
    return
  fi
  local apt_packages=("${packages[@]}") chromium_from_apt=false
  if $need_chromium && apt_has_chromium; then
    apt_packages+=(chromium)
    chromium_from_apt=true
  fi
  if ((${#apt_packages[@]})) && $can_install; then
    echo "Installing ${apt_packages[*]} with apt-get did not fix this."
  elif ((${#apt_packages[@]})); then
    echo "Install with apt-get (this script does so only as root or with passwordless sudo):"
    echo "  ${sudo_hint}apt-get update && ${sudo_hint}apt-get install -y ${apt_packages[*]}"
  fi
  for library in "${unknown[@]}"; do
    echo "Install the package that provides $library (apt-file search $library finds it)."
  done
  if $need_chromium && ! $chromium_from_apt; then
    how_to_get_chrome
  fi
}

{
  report
  echo "Then run make again."
} >&2
exit 1
