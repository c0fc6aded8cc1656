#!/usr/bin/env bash
# Debian packages the tests need: chromium (browser tests through playwright-core) and faketime (the suite run at fixed
# wall-clock times). Installed when missing.
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "saknas: ${missing[*]} – installerar Debians paket (behövs för testerna) ..."
if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=""; fi
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
  echo "FEL: kunde inte installera ${missing[*]} med apt-get. Installera paketen (Debian) och kör igen." >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "FEL: /usr/bin/chromium finns inte efter installationen." >&2; exit 1; }
command -v faketime >/dev/null 2>&1 || { echo "FEL: faketime finns inte efter installationen." >&2; exit 1; }
echo "installerat: $(/usr/bin/chromium --version 2>/dev/null); faketime"
