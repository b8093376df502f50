#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end and Lighthouse runs when it is missing.
# Browser tools' own downloads (npx playwright install) cannot work on these machines.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
# A CJK font, so that the zh-CN screenshots show characters rather than empty boxes.
packages=()
[ -x "$CHROMIUM" ] || packages+=(chromium)
has_cjk_font() {
  if command -v fc-list >/dev/null 2>&1; then
    fc-list :lang=zh | grep -q .
  else
    [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]
  fi
}
if ! has_cjk_font; then
  packages+=(fonts-wqy-microhei)
fi
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  [ -x "$CHROMIUM" ] && exit 0
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium so that $CHROMIUM exists" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  elif [ -x "$CHROMIUM" ]; then
    exit 0 # only the font is missing: screenshots still work
  else
    echo "ensure-chromium: $CHROMIUM is missing and installing it needs root (run: apt-get install -y chromium)" >&2
    exit 1
  fi
fi
echo "ensure-chromium: installing ${packages[*]} from Debian…" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${packages[@]}"; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  rm -f "$log"
  echo "ensure-chromium: apt-get could not install ${packages[*]} (see above)" >&2
  exit 1
fi
rm -f "$log"
if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing" >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium installed)" >&2
