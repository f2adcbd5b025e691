#!/usr/bin/env bash
# Prints the path of a Chromium/Chrome for the browser tests: $CHROME_PATH, then the usual
# install paths. On Debian/Ubuntu as root it installs the `chromium` package when none is found;
# elsewhere it stops with one line saying what to install.
set -u
for candidate in "${CHROME_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable /snap/bin/chromium; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found; installing Debian's chromium package (about a minute)…" >&2
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2; then
    for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
      if [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
    done
  fi
fi
echo "No Chromium or Chrome found: install one (e.g. 'apt-get install chromium') or set CHROME_PATH." >&2
exit 1
