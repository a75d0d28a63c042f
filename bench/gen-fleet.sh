#!/bin/sh
# Generate N synthetic host reports (scan --format jsonl) on stdout: each
# host is one of four real scans of fixture dumps (HGX H100 with its BMC
# graphics, HGX H20, MI300X, Gaudi 2: 8 accelerators each), with its own
# host id, one of six sites in five countries, and a share of damaged
# input: every 997th host has a device line cut in half (a malformed line
# and an incomplete scan), every 1009th is preceded by a line of garbage.
#   bench/gen-fleet.sh [path/to/tppscan] [hosts]
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
bin=${1:-build/tppscan}
n=${2:-100000}
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TPPSCAN_TODAY=2026-11-22 TPPSCAN_NOW=2026-11-22T10:00:00Z
i=0
for dump in examples/hgx-h100.lspci examples/hgx-h20.lspci tests/fixtures/mi300x/lspci-xxx.txt \
	tests/fixtures/gaudi2/lspci-xxx.txt; do
	"$bin" scan --dump "$top/$dump" --format jsonl --host-id HOSTID --site SITEID --country ZZ >"$tmp/t$i"
	i=$((i + 1))
done
awk -v n="$n" -v dir="$tmp" '
BEGIN {
	split("fra1 ams1 sin1 iad1 bom1 fra2", site, " ")
	split("DE NL SG US IN DE", cc, " ")
	for (t = 0; t < 4; t++) {
		k = 0
		while ((getline line < (dir "/t" t)) > 0)
			tl[t, ++k] = line
		tn[t] = k
	}
	for (i = 0; i < n; i++) {
		t = i % 4
		s = 1 + (i * 7) % 6
		host = sprintf("host-%06d", i)
		if (i % 1009 == 5)
			print "garbage: not a report line {"
		for (k = 1; k <= tn[t]; k++) {
			line = tl[t, k]
			sub(/"host_id":"HOSTID"/, "\"host_id\":\"" host "\"", line)
			sub(/"site":"SITEID"/, "\"site\":\"" site[s] "\"", line)
			sub(/"country":"ZZ"/, "\"country\":\"" cc[s] "\"", line)
			if (i % 997 == 13 && k == 3)
				line = substr(line, 1, int(length(line) / 2))
			print line
		}
	}
}'
