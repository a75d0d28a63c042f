#!/bin/sh
# Install the Debian 12 packages tppscan needs to build and test.
# Idempotent: installs only what is missing. Runs apt-get directly as root,
# through sudo otherwise.
#   scripts/install-deps.sh          build + test dependencies
#   scripts/install-deps.sh --ci     also clang for the libFuzzer targets
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

PKGS="gcc make libc6-dev pkgconf libpci-dev libdrm-dev libjansson-dev libcmocka-dev pciutils faketime"
# verify: Ed25519 (libcrypto), PDF/SVG/PNG (cairo, with a font); its tests run
# openssl, poppler's pdfinfo/pdftoppm, jq and python3 on what it writes
PKGS="$PKGS libssl-dev libcairo2-dev libfontconfig-dev fonts-dejavu-core openssl poppler-utils jq python3 libxml2-utils"
# fleet: the SQLite inventory; promtool checks the fleet outputs in the tests
PKGS="$PKGS libsqlite3-dev prometheus"
if [ "${1:-}" = "--ci" ]; then
	PKGS="$PKGS clang libclang-rt-14-dev valgrind"
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	echo "install-deps: all packages present"
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "install-deps: need root or sudo to install:$missing" >&2
	exit 1
fi

echo "install-deps: installing$missing"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
