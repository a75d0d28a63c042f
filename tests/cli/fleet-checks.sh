#!/bin/sh
# Fleet checks golden files cannot express: the unpinned defaults (scan
# time, host id), promtool on the textfiles, every JSON Lines line parsing,
# the atomic textfile write, the inventory (idempotent ingest, changes,
# conflicts, a damaged or foreign file refused without a write), and batch
# classification agreeing with single classification. Run by checks.sh.
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
	d=$1; shift
	if "$@"; then echo "ok   $d"; else echo "FAIL $d"; fail=1; fi
}
export TPPSCAN_TODAY=2026-11-22
h20=tests/fixtures/hgx-h20/lspci-xxx.txt
h100=tests/fixtures/hgx-h100/lspci-xxx.txt
F=tests/fixtures/fleet

# --- scan time and host id: the defaults, and their overrides ---------------
now=$(date -u +%s)
env -u TPPSCAN_NOW "$bin" scan --dump $h20 --prometheus - --host-id t >"$tmp/now.prom"
t=$(sed -n 's/^tppscan_scan_timestamp_seconds{.*} //p' "$tmp/now.prom")
check "default scan time is the clock ($t vs $now)" [ "${t:-0}" -ge $((now - 300)) -a "${t:-0}" -le $((now + 300)) ]
TPPSCAN_NOW=2026-11-22T10:00:00Z "$bin" scan --dump $h20 --format jsonl --host-id t >"$tmp/pinned.jsonl"
check "TPPSCAN_NOW sets the scan time" grep -q '"scan_time":"2026-11-22T10:00:00Z"' "$tmp/pinned.jsonl"
env -u TPPSCAN_MACHINE_ID_FILE -u TPPSCAN_HOSTNAME "$bin" scan --dump $h20 --format jsonl >"$tmp/def.jsonl"
if [ -r /etc/machine-id ] && [ -s /etc/machine-id ]; then
	want=$(head -n 1 /etc/machine-id)
else
	want=$(uname -n)
fi
check "default host id is /etc/machine-id, else the host name ($want)" grep -q "\"host_id\":\"$want\"" "$tmp/def.jsonl"
TPPSCAN_MACHINE_ID_FILE=$tmp/none env -u TPPSCAN_HOSTNAME "$bin" scan --dump $h20 --format jsonl >"$tmp/host.jsonl"
check "without a machine-id file the host id is the host name" grep -q "\"host_id\":\"$(uname -n)\"" "$tmp/host.jsonl"
printf 'feedfacefeedfacefeedfacefeedface\n' >"$tmp/mid"
TPPSCAN_MACHINE_ID_FILE=$tmp/mid "$bin" scan --dump $h20 --format jsonl >"$tmp/mid.jsonl"
check "TPPSCAN_MACHINE_ID_FILE names the machine-id file" grep -q '"host_id":"feedfacefeedfacefeedfacefeedface"' "$tmp/mid.jsonl"
TPPSCAN_MACHINE_ID_FILE=$tmp/none TPPSCAN_HOSTNAME=node-x "$bin" scan --dump $h20 --format jsonl >"$tmp/hn.jsonl"
check "TPPSCAN_HOSTNAME is the host name fallback" grep -q '"host_id":"node-x"' "$tmp/hn.jsonl"
check "--host-id wins" sh -c "TPPSCAN_HOSTNAME=node-x \"$bin\" scan --dump $h20 --format jsonl --host-id given | grep -q '\"host_id\":\"given\"'"

# --- every JSON Lines line parses; device lines match the host line --------
if command -v jq >/dev/null 2>&1; then
	for f in "$tmp/pinned.jsonl" $F/reports/*.jsonl $F/later/*.jsonl; do
		check "every line of $(basename "$f") parses (jq)" jq -e . "$f" >/dev/null
		n=$(grep -c '"record":"device"' "$f")
		check "$(basename "$f"): the host line counts its $n device lines" \
			[ "$(jq -r 'select(.record == "host") | .devices' "$f")" = "$n" ]
	done
	# --dest: each device line carries the licence answer; fleet reads it as any other line
	TPPSCAN_NOW=2026-11-22T10:00:00Z "$bin" scan --dump $h20 --format jsonl --host-id cn-1 --country CN --dest CN \
		>"$tmp/dest.jsonl"
	check "with --dest every device line has its licence answer" \
		[ "$(jq -r 'select(.record == "device") | .licence.destination + " " + (.licence.required | tostring)' \
			"$tmp/dest.jsonl" | sort | uniq -c | tr -s ' ')" = " 8 CN true" ]
	check "fleet summary reads device lines with a licence member" \
		sh -c "\"$bin\" fleet summary --strict --format json \"$tmp/dest.jsonl\" | jq -e '.totals.devices == 8' >/dev/null"
	"$bin" classify --batch tests/fixtures/batch/manifest.csv --format jsonl >"$tmp/b.jsonl" 2>/dev/null
	check "every classify --batch --format jsonl line parses (jq)" jq -e . "$tmp/b.jsonl" >/dev/null
else
	echo "skip JSON Lines parse checks: jq not installed (apt-get install jq)"
fi

# --- Prometheus textfiles are valid ---------------------------------------------
"$bin" scan --dump $h100 --prometheus "$tmp/h100.prom" --host-id a --site 'hall "B"' --country US >/dev/null
"$bin" scan --dump tests/fixtures/mi300x/lspci-xxx.txt --prometheus "$tmp/mi300x.prom" --host-id b >/dev/null
"$bin" scan --dump tests/fixtures/pci-malformed/nonhex.txt --prometheus "$tmp/failed.prom" --host-id c >/dev/null 2>&1
check "a failed scan exits with its error (65)" [ $? = 65 ]
check "a failed scan still writes tppscan_scan_success 0" grep -q '^tppscan_scan_success{.*} 0$' "$tmp/failed.prom"
if command -v promtool >/dev/null 2>&1; then
	for f in h100 mi300x failed; do
		check "promtool check metrics: $f.prom" sh -c "promtool check metrics <'$tmp/$f.prom'"
	done
	check "promtool check metrics: the relabelled 4090 D golden" \
		sh -c 'promtool check metrics <tests/cli/cases/scan-prometheus-relabelled-4090d.out'
else
	echo "skip promtool checks: promtool not installed (Debian package prometheus)"
fi

# --- the textfile is written atomically and never through a link or FIFO ---------
check "the textfile is world-readable (0644 less the umask)" [ "$(stat -c %a "$tmp/h100.prom")" = "$(printf '%o' $((0644 & ~$(umask))))" ]
check "no temporary file is left" sh -c "! ls -A '$tmp' | grep -q '^\\.'"
ino=$(stat -c %i "$tmp/h100.prom")
"$bin" scan --dump $h20 --prometheus "$tmp/h100.prom" --host-id a >/dev/null
check "a rewrite replaces the file (rename, new inode)" [ "$(stat -c %i "$tmp/h100.prom")" != "$ino" ]
echo precious >"$tmp/target"
ln -s "$tmp/target" "$tmp/link.prom"
"$bin" scan --dump $h20 --prometheus "$tmp/link.prom" --host-id a >/dev/null
check "a link at the destination is replaced, not followed" [ ! -L "$tmp/link.prom" -a "$(cat "$tmp/target")" = precious ]
mkfifo "$tmp/fifo.prom"
timeout 10 "$bin" scan --dump $h20 --prometheus "$tmp/fifo.prom" --host-id a >"$tmp/out" 2>"$tmp/err"
check "a FIFO destination is refused (74, not a hang)" [ $? = 74 ]
check "the FIFO refusal is named" grep -q "fifo.prom: exists and is not a regular file (a FIFO)" "$tmp/err"
check "a refused textfile leaves stdout empty" [ ! -s "$tmp/out" ]
check "the FIFO is left alone" [ -p "$tmp/fifo.prom" ]
"$bin" scan --dump $h20 --prometheus "$tmp/nodir/x.prom" --host-id a >/dev/null 2>"$tmp/err"
check "a missing directory is a write error (74)" [ $? = 74 ]

# --- the inventory ---------------------------------------------------------------
db=$tmp/inv.sqlite
"$bin" fleet ingest --db "$db" $F/reports >"$tmp/i1" 2>&1
check "ingest stores the four reports" grep -q ': 4 scans read from 4 files .*: 4 stored (27 devices)' "$tmp/i1"
"$bin" fleet ingest --db "$db" $F/reports >"$tmp/i2" 2>&1
check "ingest is idempotent (already stored)" grep -q '0 stored (0 devices), 4 already stored, 0 conflicting' "$tmp/i2"
"$bin" fleet ingest --db "$db" --format json $F/later >"$tmp/i3.json"
check "ingest of the rescans (JSON)" grep -q '"stored": 2' "$tmp/i3.json"
"$bin" fleet changes --db "$db" --since 2026-11-10 >"$tmp/changes.txt"
check "fleet changes --since finds what the rescans changed" cmp -s "$tmp/changes.txt" $F/changes-since.expected
"$bin" fleet changes --db "$db" --format csv >"$tmp/changes.csv"
check "fleet changes lists every host's first scan" [ "$(grep -c ',first_scan,' "$tmp/changes.csv")" = 4 ]
"$bin" fleet summary --db "$db" --by site,country --format csv >"$tmp/db.csv"
"$bin" fleet summary $F/later $F/reports/node-03.json $F/reports/node-04.jsonl --by site,country --format csv >"$tmp/files.csv"
check "summary of the inventory (latest scans) equals the summary of the latest reports" cmp -s "$tmp/db.csv" "$tmp/files.csv"
sed 's/"name":"NVIDIA H100 SXM5 80GB"/"name":"NVIDIA H100 (relabelled)"/' $F/later/node-01.jsonl >"$tmp/conflict.jsonl"
"$bin" fleet ingest --db "$db" "$tmp/conflict.jsonl" >"$tmp/c.out" 2>"$tmp/c.err"
check "a different scan under a stored host and time is a conflict" grep -q '1 conflicting' "$tmp/c.out"
check "the conflict is reported with file and line" grep -q 'conflict.jsonl:1: a different scan of host node-01' "$tmp/c.err"
before=$("$bin" fleet summary --db "$db" --by host --format csv)
"$bin" fleet ingest --db "$db" --strict $F/damaged.jsonl >/dev/null 2>"$tmp/s.err"
check "ingest --strict stops at the first problem (65)" [ $? = 65 ]
check "ingest --strict stores nothing of the run" [ "$("$bin" fleet summary --db "$db" --by host --format csv)" = "$before" ]
"$bin" fleet ingest --db "$db" $F/damaged.jsonl >/dev/null 2>"$tmp/d.err"
check "without --strict the complete scan of a damaged file is stored" \
	sh -c "\"$bin\" fleet summary --db '$db' --by host --format csv | grep -q '^group,node-06,'"
check "damaged input is reported with file and line" grep -q 'damaged.jsonl:9: incomplete scan of host node-05' "$tmp/d.err"

cp "$db" "$tmp/corrupt.sqlite"
dd if=/dev/urandom of="$tmp/corrupt.sqlite" bs=1 seek=20000 count=3000 conv=notrunc 2>/dev/null
sum=$(cksum <"$tmp/corrupt.sqlite")
"$bin" fleet ingest --db "$tmp/corrupt.sqlite" $F/later >/dev/null 2>"$tmp/e"
check "a damaged inventory is refused (65)" [ $? = 65 ]
check "a damaged inventory is left as it was" [ "$(cksum <"$tmp/corrupt.sqlite")" = "$sum" ]
check "the refusal names the file" grep -q "corrupt.sqlite" "$tmp/e"
cp $F/damaged.jsonl "$tmp/notdb.sqlite"
sum=$(cksum <"$tmp/notdb.sqlite")
"$bin" fleet ingest --db "$tmp/notdb.sqlite" $F/later >/dev/null 2>"$tmp/e"
check "a file that is not SQLite is refused (65)" [ $? = 65 ]
check "... and left as it was" [ "$(cksum <"$tmp/notdb.sqlite")" = "$sum" ]
: >"$tmp/empty.sqlite"
"$bin" fleet summary --db "$tmp/empty.sqlite" >/dev/null 2>"$tmp/e"
check "an empty file is not an inventory to read (65)" [ $? = 65 ]
"$bin" fleet ingest --db "$tmp/empty.sqlite" $F/reports >/dev/null 2>&1
check "ingest makes an inventory of an empty file" [ $? = 0 ]
mkfifo "$tmp/fifo.sqlite"
timeout 10 "$bin" fleet ingest --db "$tmp/fifo.sqlite" $F/reports >/dev/null 2>&1
check "a FIFO as the inventory is refused (66, not a hang)" [ $? = 66 ]

# --- report directories: links and hidden files are not read, and said ------------
mkdir "$tmp/dir"
cp $F/reports/node-01.jsonl "$tmp/dir/"
cp $F/reports/node-02.jsonl "$tmp/dir/.node-02.jsonl.tmp"
ln -s "$(pwd)/$F/reports/node-04.jsonl" "$tmp/dir/link.jsonl"
echo notes >"$tmp/dir/README"
"$bin" fleet summary "$tmp/dir" --format json >"$tmp/dir.json" 2>"$tmp/dir.err"
check "a link in a report directory is a problem, not followed" grep -q 'link.jsonl:0: a symbolic link; not followed' "$tmp/dir.err"
check "files not named as reports are counted as ignored" grep -q '"ignored_files": 2' "$tmp/dir.json"
check "only the real report is summed" grep -q '"scans": 1' "$tmp/dir.json"
cat $F/reports/node-01.jsonl | "$bin" fleet summary - --format csv >"$tmp/stdin.csv"
check "reports on standard input" grep -q '^total,1,8,126656.0,' "$tmp/stdin.csv"

# --- batch classification agrees with classify, line by line ----------------------
printf 'id,tpp,pd,datacenter,hbm_mbd\n' >"$tmp/m.csv"
for row in "2368 2.91 yes" "4800 - -" "4707 7.7 no" "2400 2.95 yes" "1600 5.92 yes" "1599 5.92 yes" "4799 1.59 no"; do
	set -- $row
	printf 'r,%s,%s,%s,\n' "$1" "$([ "$2" = - ] || echo "$2")" "$([ "$3" = - ] || echo "$3")" >>"$tmp/m.csv"
done
"$bin" classify --batch "$tmp/m.csv" --format jsonl >"$tmp/m.jsonl"
i=0
for row in "2368 2.91 yes" "4800 - -" "4707 7.7 no" "2400 2.95 yes" "1600 5.92 yes" "1599 5.92 yes" "4799 1.59 no"; do
	set -- $row
	i=$((i + 1))
	args="--tpp $1"
	[ "$2" = - ] || args="$args --pd $2"
	[ "$3" = - ] || args="$args --datacenter $3"
	# shellcheck disable=SC2086
	single=$("$bin" classify $args --format json | grep -m1 -o '"eccn": [^,]*' | tr -d ' ')
	batch=$(sed -n "${i}p" "$tmp/m.jsonl" | grep -o '"eccn":[^,]*')
	check "batch and classify agree on $row ($single)" [ "$single" = "$batch" ]
done
awk 'BEGIN { print "tpp,pd"; for (i = 0; i < 200000; i++) printf "%d,%.2f\n", i % 9000, (i % 700) / 50 }' >"$tmp/big.csv"
"$bin" classify --batch "$tmp/big.csv" >"$tmp/big.out"
check "a 200,000-line manifest gives 200,000 results" [ "$(($(wc -l <"$tmp/big.out") - 1))" = 200000 ]
check "... in input order" sh -c "tail -n +2 '$tmp/big.out' | cut -d, -f1 | sort -n -c"
mkfifo "$tmp/fifo.csv"
timeout 10 "$bin" classify --batch "$tmp/fifo.csv" >/dev/null 2>&1
check "a FIFO manifest is refused (66, not a hang)" [ $? = 66 ]
check "a manifest on standard input" sh -c "printf 'part\\nH20\\n' | \"$bin\" classify --batch - | grep -q '^2,,nvidia-h20,'"

[ "$fail" = 0 ] && echo "fleet checks: all passed"
exit "$fail"
