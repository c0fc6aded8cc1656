#!/usr/bin/env bash
# Browser tests drive Debian's chromium through playwright-core. Install it when it is missing.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "chromium saknas: installerar Debians paket chromium (behövs för webbläsartesterna) ..."
if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=""; fi
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; }; then
  echo "FEL: kunde inte installera chromium med apt-get. Installera paketet 'chromium' (Debian) och kör igen." >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "FEL: /usr/bin/chromium finns inte efter installationen." >&2; exit 1; }
echo "chromium installerad: $(/usr/bin/chromium --version 2>/dev/null)"
