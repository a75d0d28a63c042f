#!/bin/sh
# Generate an lspci -xxx dump of N PCI functions (default 16,384) for the
# benchmark: the accelerator functions of the HGX H100, HGX H20 and MI300X
# fixtures, plus their host bridges, NICs and switches, repeated at new
# addresses (domains 0000-00ff, buses, devices; function 0) until N.
#   bench/gen-dump.sh [N] > dump.txt
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
n=${1:-16384}
cd "$(dirname "$0")/.."
cat tests/fixtures/hgx-h100/lspci-xxx.txt tests/fixtures/hgx-h20/lspci-xxx.txt tests/fixtures/mi300x/lspci-xxx.txt |
awk -v n="$n" '
	$1 ~ /^([0-9a-f]+:)?[0-9a-f]+:[0-9a-f]+\.[0-7]$/ { if (cur != "") blocks[nb++] = cur; desc = substr($0, index($0, " ") + 1); cur = desc "\n"; next }
	/^[0-9a-f][0-9a-f]: / { cur = cur $0 "\n"; next }
	END {
		if (cur != "") blocks[nb++] = cur
		for (i = 0; i < n; i++) {
			b = blocks[i % nb]
			nl = index(b, "\n")
			dom = int(i / 8192); rest = i % 8192
			printf "%04x:%02x:%02x.0 %s\n", dom, int(rest / 32), rest % 32, substr(b, 1, nl - 1)
			printf "%s\n", substr(b, nl + 1)
		}
	}'
