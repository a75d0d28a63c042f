#!/bin/sh
# Fleet benchmarks, each against its baseline in the same run, reported as
# ratios of medians (tppscan(1), docs/fleet.md). Targets (issue 12):
#   fleet summary of 100,000 host reports: < 2 s on one core, >= 10 x faster
#     than jq computing the same grouped totals, peak RSS < 64 MiB;
#   classify --batch of 1,000,000 lines: >= 1,000,000 records/s, >= 10 x jq
#     on the same arithmetic;
#   fleet ingest of the 100,000 reports: < 30 s.
# Each result is also checked against the baseline's (the same totals, the
# same ECCN on every line).
#   bench/fleet.sh [path/to/tppscan] [runs] [hosts] [batch-lines]
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
bin=${1:-build/tppscan}
runs=${2:-5}
hosts=${3:-100000}
lines=${4:-1000000}
jq_runs=$(( runs < 3 ? runs : 3 ))
command -v jq >/dev/null || { echo "bench: jq not found (apt-get install jq)"; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found (apt-get install time)"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TPPSCAN_TODAY=2026-11-22

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# run LABEL FILE CMD...: append "seconds peak-KiB" of one run to FILE
run() {
	out=$1; shift
	/usr/bin/time -f '%e %M' -o "$tmp/t" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
	cat "$tmp/t" >>"$out"
}
report() { # label file
	printf '  %-34s median %6.2f s  (runs: %s)  peak RSS %s KiB\n' "$1" "$(cut -d' ' -f1 "$2" | median)" \
		"$(cut -d' ' -f1 "$2" | tr '\n' ' ' | sed 's/ $//')" "$(cut -d' ' -f2 "$2" | sort -n | tail -n 1)"
}

echo "== generating $hosts host reports (bench/gen-fleet.sh)"
"$here/gen-fleet.sh" "$bin" "$hosts" >"$tmp/fleet.jsonl"
echo "   $(wc -l <"$tmp/fleet.jsonl") lines, $(($(wc -c <"$tmp/fleet.jsonl") / 1048576)) MiB"

echo "== fleet summary --by site,country vs jq (the same totals, incomplete scans dropped alike)"
i=0
while [ "$i" -lt "$runs" ]; do
	run "$tmp/sum" taskset -c 0 "$bin" fleet summary --by site,country --format csv "$tmp/fleet.jsonl"
	cp "$tmp/stdout" "$tmp/sum.csv"
	if [ "$i" -lt "$jq_runs" ]; then
		run "$tmp/jq" taskset -c 0 jq -R -n -r -f "$here/fleet-summary.jq" "$tmp/fleet.jsonl"
		cp "$tmp/stdout" "$tmp/jq.csv"
	fi
	i=$((i + 1))
done
grep '^group,' "$tmp/sum.csv" | awk -F, '{ printf "%s,%s,%d,%d,%.1f,%d,%.1f,%d,%d\n", $2, $3, $4, $5, $6, $8, $9, $10, $11 }' >"$tmp/a"
awk -F, '{ printf "%s,%s,%d,%d,%.1f,%d,%.1f,%d,%d\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$tmp/jq.csv" >"$tmp/b"
if cmp -s "$tmp/a" "$tmp/b"; then echo "   same totals as jq ($(wc -l <"$tmp/a") groups)"; else echo "   TOTALS DIFFER:"; diff "$tmp/a" "$tmp/b"; fi
report "tppscan fleet summary" "$tmp/sum"
report "jq (same grouped totals)" "$tmp/jq"
s=$(cut -d' ' -f1 "$tmp/sum" | median); j=$(cut -d' ' -f1 "$tmp/jq" | median)
awk -v s="$s" -v j="$j" 'BEGIN { printf "   ratio jq / tppscan: %.1f x (target >= 10), tppscan %.2f s (target < 2)\n", j / s, s }'

echo "== classify --batch of $lines lines vs jq on the same arithmetic (2026 rule set, 3A090.a/.b, Note 2)"
awk -v n="$lines" 'BEGIN { srand(7); print "id,tpp,pd,datacenter"
	for (i = 0; i < n; i++) printf "r%d,%s,%s,%s\n", i, int(rand() * 200000) / 10, int(rand() * 3000) / 100,
		rand() < 0.5 ? "yes" : "no" }' >"$tmp/batch.csv"
i=0
rm -f "$tmp/b1" "$tmp/bj"
while [ "$i" -lt "$runs" ]; do
	run "$tmp/b1" taskset -c 0 "$bin" classify --batch "$tmp/batch.csv" --as-of 2026-11-22
	cp "$tmp/stdout" "$tmp/batch.out"
	if [ "$i" -lt "$jq_runs" ]; then
		run "$tmp/bj" taskset -c 0 jq -R -r -f "$here/classify-batch.jq" "$tmp/batch.csv"
		cp "$tmp/stdout" "$tmp/batch.jq"
	fi
	i=$((i + 1))
done
tail -n +2 "$tmp/batch.out" | cut -d, -f2,8 >"$tmp/a"
if cmp -s "$tmp/a" "$tmp/batch.jq"; then echo "   same ECCN as jq on all $lines lines"; else echo "   ECCNS DIFFER: $(diff "$tmp/a" "$tmp/batch.jq" | grep -c '^<') lines"; fi
report "tppscan classify --batch" "$tmp/b1"
report "jq (same arithmetic)" "$tmp/bj"
s=$(cut -d' ' -f1 "$tmp/b1" | median); j=$(cut -d' ' -f1 "$tmp/bj" | median)
awk -v s="$s" -v j="$j" -v n="$lines" 'BEGIN { printf "   %.0f records/s (target >= 1,000,000), ratio jq / tppscan: %.1f x (target >= 10)\n", n / s, j / s }'

echo "== fleet ingest of the $hosts host reports into a new inventory"
i=0
while [ "$i" -lt "$runs" ] && [ "$i" -lt 3 ]; do
	rm -f "$tmp/fleet.sqlite"*
	run "$tmp/ing" taskset -c 0 "$bin" fleet ingest --db "$tmp/fleet.sqlite" "$tmp/fleet.jsonl"
	i=$((i + 1))
done
head -n 1 "$tmp/stdout" | sed 's/^/   /'
report "tppscan fleet ingest" "$tmp/ing"
echo "   inventory: $(($(wc -c <"$tmp/fleet.sqlite") / 1048576)) MiB (target: ingest < 30 s)"
run "$tmp/again" taskset -c 0 "$bin" fleet ingest --db "$tmp/fleet.sqlite" "$tmp/fleet.jsonl"
report "fleet ingest again (all already stored)" "$tmp/again"
run "$tmp/dbsum" taskset -c 0 "$bin" fleet summary --db "$tmp/fleet.sqlite" --by site,country --format csv
cmp -s "$tmp/stdout" "$tmp/sum.csv" && echo "   summary of the inventory = summary of the reports"
report "fleet summary --db" "$tmp/dbsum"
