#!/usr/bin/env bash
# Install the Debian packages mangfold needs, or say exactly which command installs them.
#   scripts/system-deps.sh run   – what `make run` needs (gettext for the catalogues, Pango and HarfBuzz's
#                                  subsetter for PDFs with embedded font subsets, fonts)
#   scripts/system-deps.sh test  – that plus Chromium (browser tests) and poppler-utils (PDF to PNG)
set -euo pipefail
profile="${1:-run}"
packages=(gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if [ "$profile" = "test" ]; then
  packages+=(chromium poppler-utils)
fi
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "mangfold needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
