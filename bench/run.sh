#!/bin/sh
# Benchmark: tppscan scan of a dump with 64 accelerators and 200 other
# devices against `lspci -F` of the same dump, in the same run, interleaved,
# reported as the ratio of medians. Also the scan of a fixture sysfs tree.
#   bench/run.sh [path/to/tppscan] [runs]
# The target (issue 4): tppscan no slower than 1.5 x lspci -F while doing
# identification and classification.
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
bin=${1:-build/tppscan}
runs=${2:-31}
dump=tests/fixtures/bench-64/lspci-xxx.txt
tree=tests/fixtures/hgx-h100/sys
command -v lspci >/dev/null || { echo "bench: lspci not found (apt-get install pciutils)"; exit 1; }
[ -f "$dump" ] || { echo "bench: $dump missing"; exit 1; }

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Sanity: both read the same dump.
n_lspci=$(lspci -F "$dump" | wc -l)
n_acc=$("$bin" scan --dump "$dump" --format csv | tail -n +2 | wc -l)
echo "dump: $dump: lspci lists $n_lspci functions; tppscan reports $n_acc accelerators"

i=0
while [ "$i" -lt "$runs" ]; do
	t0=$(now); lspci -F "$dump" >/dev/null; t1=$(now)
	"$bin" scan --dump "$dump" >/dev/null; t2=$(now)
	"$bin" scan --dump "$dump" --format json >/dev/null; t3=$(now)
	"$bin" scan --sysfs "$tree" --no-nvml >/dev/null; t4=$(now)
	lspci >/dev/null 2>&1 || true; t5=$(now)
	echo $(( (t1 - t0) / 1000 )) >>"$tmp/lspci"
	echo $(( (t2 - t1) / 1000 )) >>"$tmp/scan"
	echo $(( (t3 - t2) / 1000 )) >>"$tmp/json"
	echo $(( (t4 - t3) / 1000 )) >>"$tmp/tree"
	i=$((i + 1))
done
l=$(median <"$tmp/lspci"); s=$(median <"$tmp/scan"); j=$(median <"$tmp/json"); t=$(median <"$tmp/tree")
echo "median of $runs runs (microseconds):"
echo "  lspci -F dump                 $l"
echo "  tppscan scan --dump           $s"
echo "  tppscan scan --dump (json)    $j"
echo "  tppscan scan --sysfs fixture  $t   (hgx-h100 tree, 8 GPUs + switches + NICs)"
awk -v s="$s" -v l="$l" -v j="$j" 'BEGIN {
	printf "ratio tppscan/lspci: text %.2f, json %.2f (target <= 1.5)\n", s / l, j / l }'
