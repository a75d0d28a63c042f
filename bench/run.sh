#!/bin/sh
# Benchmark: tppscan scan of a generated dump of N PCI functions (default
# 16,384; bench/gen-dump.sh) against `lspci -F` of the same dump, in the same
# run, interleaved, reported as ratios of medians; and the peak resident
# memory of each (GNU time). Targets (issue 8): JSON <= 2 x lspci -F and
# <= 64 MiB peak RSS; text and CSV <= 1.5 x.
#   bench/run.sh [path/to/tppscan] [runs] [functions]
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
bin=${1:-build/tppscan}
runs=${2:-15}
nfunc=${3:-16384}
command -v lspci >/dev/null || { echo "bench: lspci not found (apt-get install pciutils)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dump=$tmp/dump.txt
"$(dirname "$0")/gen-dump.sh" "$nfunc" >"$dump"

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Sanity: both read the same dump.
n_lspci=$(lspci -F "$dump" | wc -l)
n_acc=$("$bin" scan --dump "$dump" --format csv | tail -n +2 | wc -l)
echo "dump: $nfunc generated functions: lspci lists $n_lspci; tppscan reports $n_acc accelerators and display devices"

i=0
while [ "$i" -lt "$runs" ]; do
	t0=$(now); lspci -F "$dump" >/dev/null; t1=$(now)
	"$bin" scan --dump "$dump" >/dev/null; t2=$(now)
	"$bin" scan --dump "$dump" --format json >/dev/null; t3=$(now)
	"$bin" scan --dump "$dump" --format csv >/dev/null; t4=$(now)
	echo $(( (t1 - t0) / 1000 )) >>"$tmp/lspci"
	echo $(( (t2 - t1) / 1000 )) >>"$tmp/text"
	echo $(( (t3 - t2) / 1000 )) >>"$tmp/json"
	echo $(( (t4 - t3) / 1000 )) >>"$tmp/csv"
	i=$((i + 1))
done
l=$(median <"$tmp/lspci"); t=$(median <"$tmp/text"); j=$(median <"$tmp/json"); c=$(median <"$tmp/csv")
echo "median of $runs interleaved runs (microseconds):"
echo "  lspci -F                      $l"
echo "  tppscan scan (text)           $t"
echo "  tppscan scan --format json    $j"
echo "  tppscan scan --format csv     $c"
awk -v t="$t" -v j="$j" -v c="$c" -v l="$l" 'BEGIN {
	printf "ratio tppscan/lspci: text %.2f, csv %.2f (target <= 1.5), json %.2f (target <= 2.0)\n", t / l, c / l, j / l }'
if [ -x /usr/bin/time ]; then
	rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
	echo "peak RSS (KiB): lspci -F $(rss lspci -F "$dump"), tppscan text $(rss "$bin" scan --dump "$dump"), json $(rss "$bin" scan --dump "$dump" --format json) (target <= 65536), csv $(rss "$bin" scan --dump "$dump" --format csv)"
else
	echo "peak RSS: /usr/bin/time (Debian package time) not installed"
fi
