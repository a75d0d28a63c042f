#!/bin/sh
# CLI checks that golden files cannot express: defaults that depend on
# today's date, equivalence of embedded and on-disk data, write errors,
# and make install. Run by tests/cli/run.sh with the binary under test.
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # description, then a command that must succeed
	d=$1; shift
	if "$@"; then echo "ok   $d"; else echo "FAIL $d"; fail=1; fi
}

# Default rule set: the one in force today (the clock's, TPPSCAN_TODAY unset;
# whatever day the clock says, faketime included).
today=$(date +%F)
env -u TPPSCAN_TODAY "$bin" classify --tpp 5000 --format json >"$tmp/default.json"
"$bin" classify --tpp 5000 --format json --as-of "$today" >"$tmp/today.json"
check "default --as-of is today ($today)" cmp -s "$tmp/default.json" "$tmp/today.json"
check "default JSON names today's date" grep -q "\"as_of\": \"$today\"" "$tmp/default.json"
# TPPSCAN_TODAY replaces the clock; --as-of still wins; a bad value is 64.
TPPSCAN_TODAY=2024-01-02 "$bin" classify --tpp 5000 --format json >"$tmp/pinned.json"
check "TPPSCAN_TODAY sets today" grep -q '"as_of": "2024-01-02"' "$tmp/pinned.json"
check "TPPSCAN_TODAY picks that day's rule set" grep -q '"id": "2023-11-17"' "$tmp/pinned.json"
TPPSCAN_TODAY=2024-01-02 "$bin" classify --tpp 5000 --format json --as-of 2023-01-01 >"$tmp/pinned2.json"
check "--as-of overrides TPPSCAN_TODAY" grep -q '"as_of": "2023-01-01"' "$tmp/pinned2.json"
TPPSCAN_TODAY=2024-02-30 "$bin" classify --tpp 5000 >"$tmp/out" 2>"$tmp/err"
check "bad TPPSCAN_TODAY exits 64" [ $? = 64 ]
check "bad TPPSCAN_TODAY is named" grep -q "TPPSCAN_TODAY: '2024-02-30' is not a valid date" "$tmp/err"

# Plain tppscan scans this host: whatever it has, the run succeeds and the
# JSON is a document with a devices array (the live-host smoke test).
"$bin" --format json --as-of 2026-11-22 >"$tmp/live.json" 2>"$tmp/live.err"
check "plain tppscan scans this host (exit 0)" [ $? = 0 ]
check "live scan JSON has devices" grep -q '"devices": \[' "$tmp/live.json"

# As an unprivileged user: a scan works, and --read-rom refuses with 77
# before touching anything. (Only when the tests run as root with setpriv.)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	# the checkout may sit where that user cannot read: give it copies
	nr=$(mktemp -d)
	chmod 755 "$nr"
	cp "$bin" tests/fixtures/hgx-h20/lspci-xxx.txt "$nr/"
	chmod 755 "$nr/$(basename "$bin")"
	chmod 644 "$nr/lspci-xxx.txt"
	nbin="$nr/$(basename "$bin")"
	nobody "$nbin" scan --dump "$nr/lspci-xxx.txt" --format csv >"$tmp/nr.csv" 2>/dev/null
	check "non-root scan of a dump works" [ $? = 0 ]
	check "non-root scan lists the 8 H20s" [ "$(grep -c nvidia-h20 "$tmp/nr.csv")" = 8 ]
	(cd "$nr" && nobody "$nbin" >/dev/null 2>&1)
	check "non-root live scan exits 0" [ $? = 0 ]
	cp tests/fixtures/hgx-h20/lspci-xxx.txt "$nr/secret.txt"
	chmod 600 "$nr/secret.txt"
	nobody "$nbin" scan --dump "$nr/secret.txt" >/dev/null 2>"$tmp/perm.err"
	check "non-root --dump of an unreadable file exits 77" [ $? = 77 ]
	(cd "$nr" && nobody "$nbin" scan --read-rom >/dev/null 2>"$tmp/rr.err")
	check "non-root --read-rom exits 77" [ $? = 77 ]
	check "non-root --read-rom says why" grep -q 'needs root' "$tmp/rr.err"
	rm -rf "$nr"
fi

# --version: tool version, then data version and origin.
"$bin" --version >"$tmp/v"
check "--version first line" grep -qx 'tppscan [0-9][0-9.]*' "$tmp/v"
check "--version data line" grep -q '^data 20[0-9-]*+[0-9a-f]\{8\} (embedded: [0-9]* rule sets' "$tmp/v"

# --data-dir with the source tree's data gives the same result and data identity.
"$bin" classify --tpp 2368 --pd 2.91 --format json --as-of 2026-11-22 >"$tmp/emb.json"
"$bin" classify --tpp 2368 --pd 2.91 --format json --as-of 2026-11-22 --data-dir . >"$tmp/dir.json"
check "--data-dir . equals the embedded data" cmp -s "$tmp/emb.json" "$tmp/dir.json"

for args in "lookup H20 A800 MI250X --history --format json --as-of 2026-11-22" \
	"lookup --all --format csv --as-of 2026-11-22" \
	"scan --dump tests/fixtures/hgx-h20/lspci-xxx.txt --format json --as-of 2026-11-22" \
	"design --like A800 --all-rules --format json"; do
	# shellcheck disable=SC2086
	"$bin" $args >"$tmp/emb.out"
	# shellcheck disable=SC2086
	"$bin" $args --data-dir . >"$tmp/dir.out"
	check "--data-dir . equals the built-in data: $args" cmp -s "$tmp/emb.out" "$tmp/dir.out"
done

# A changed rule set in --data-dir changes the answer without a rebuild.
mkdir -p "$tmp/data/thresholds"
sed 's/"value": 4800, "wording": "4800 or more"/"value": 4000, "wording": "4000 or more"/' \
	thresholds/2022-10-07.json >"$tmp/data/thresholds/2022-10-07.json"
sed -i 's/"superseded": "2023-11-17",//' "$tmp/data/thresholds/2022-10-07.json"
cp -r devices "$tmp/data/"
"$bin" classify --tpp 4500 --io-bidir 700 --data-dir "$tmp/data" --format json >"$tmp/mod.json"
check "--data-dir rules are used" grep -q '"eccn": "3A090.a"' "$tmp/mod.json"

# Output that cannot be written is an error (74), not a silent success.
if [ -w /dev/full ]; then
	"$bin" classify --tpp 5000 >/dev/full 2>"$tmp/err"
	rc=$?
	check "write error exits 74" [ "$rc" = 74 ]
	check "write error is reported" grep -q 'cannot write output' "$tmp/err"
fi

# --help and --version that cannot be written are 74 as well.
if [ -w /dev/full ]; then
	for args in "--help" "--version" "lookup --help" "scan --help"; do
		# shellcheck disable=SC2086
		"$bin" $args >/dev/full 2>/dev/null
		check "unwritable output of '$args' exits 74" [ $? = 74 ]
	done
fi

# Inputs that are not regular files are refused at once (66), never read
# or waited on: a FIFO as a dump, a ROM, in --rom-dir; links inside
# --data-dir and --rom-dir are not followed.
mkfifo "$tmp/fifo"
for args in "scan --dump $tmp/fifo" "rom $tmp/fifo"; do
	# shellcheck disable=SC2086
	timeout 10 "$bin" $args >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "FIFO input '$args' exits 66 (not a hang: $rc)" [ "$rc" = 66 ]
	check "FIFO input '$args' is named" grep -q "not a regular file" "$tmp/err"
	check "FIFO input '$args' leaves stdout empty" [ ! -s "$tmp/out" ]
done
mkdir -p "$tmp/romdir"
mkfifo "$tmp/romdir/0000:01:00.0.rom"
timeout 10 "$bin" scan --dump tests/fixtures/desktop-4090d/lspci-xxx.txt --rom-dir "$tmp/romdir" >/dev/null 2>"$tmp/err"
check "a FIFO in --rom-dir exits 66" [ $? = 66 ]
rm -f "$tmp/romdir/0000:01:00.0.rom"
ln -s "$(pwd)/tests/fixtures/roms/rtx4090-synthetic.rom" "$tmp/romdir/0000:01:00.0.rom"
"$bin" scan --dump tests/fixtures/desktop-4090d/lspci-xxx.txt --rom-dir "$tmp/romdir" >/dev/null 2>"$tmp/err"
check "a link in --rom-dir exits 66" [ $? = 66 ]
check "a link in --rom-dir is named" grep -q "a symbolic link; not followed" "$tmp/err"
mkdir -p "$tmp/linked/thresholds" "$tmp/linked/devices"
cp devices/*.json "$tmp/linked/devices/"
ln -s "$(pwd)/thresholds/2023-11-17.json" "$tmp/linked/thresholds/2023-11-17.json"
"$bin" classify --tpp 5000 --data-dir "$tmp/linked" >/dev/null 2>"$tmp/err"
check "a link in --data-dir exits 66" [ $? = 66 ]
check "a link in --data-dir is named" grep -q "a symbolic link; not followed" "$tmp/err"
mkdir -p "$tmp/empty/thresholds" "$tmp/empty/devices"
cp thresholds/*.json "$tmp/empty/thresholds/"
"$bin" classify --tpp 5000 --data-dir "$tmp/empty" >/dev/null 2>"$tmp/err"
check "an empty devices/ in --data-dir exits 66" [ $? = 66 ]
check "an empty devices/ is named" grep -q "devices: no knowledge-base file" "$tmp/err"

# Errors leave stdout empty: nothing partial.
"$bin" classify --tpp 5000 --rules nope >"$tmp/out" 2>/dev/null
check "error leaves stdout empty" [ ! -s "$tmp/out" ]

# make install honours PREFIX and DESTDIR and installs everything.
build=$(dirname "$bin")
if make -s install BUILD="$build" DESTDIR="$tmp/root" PREFIX=/usr >"$tmp/install.log" 2>&1; then
	for f in usr/bin/tppscan usr/share/man/man1/tppscan.1 usr/share/bash-completion/completions/tppscan \
		usr/share/tppscan/thresholds/2023-11-17.json usr/share/tppscan/destinations/licence.json \
		usr/share/tppscan/destinations/country-groups.json; do
		check "install: $f" [ -f "$tmp/root/$f" ]
	done
	check "installed man page has the version" grep -q 'tppscan [0-9]' "$tmp/root/usr/share/man/man1/tppscan.1"
	check "installed man page names the installed data" grep -q '/usr/share/tppscan/thresholds' "$tmp/root/usr/share/man/man1/tppscan.1"
	check "installed data loads" sh -c "\"$tmp/root/usr/bin/tppscan\" thresholds --data-dir \"$tmp/root/usr/share/tppscan\" >/dev/null"
	check "installed destinations load" sh -c "\"$tmp/root/usr/bin/tppscan\" countries CN --data-dir \"$tmp/root/usr/share/tppscan\" >/dev/null"
else
	echo "FAIL make install"; cat "$tmp/install.log"; fail=1
fi

# The man page reads right from the source tree: no placeholders, the
# version the Makefile builds.
check "man page has no placeholders" sh -c '! grep -q "@[A-Z]*@" docs/tppscan.1'
ver=$("$bin" --version | sed -n 's/^tppscan //p')
check "man page names version $ver" grep -q "\"tppscan $ver\"" docs/tppscan.1
for env in TPPSCAN_TODAY TPPSCAN_NVML_LIBRARY TPPSCAN_NOW; do
	check "man page documents $env" grep -q "^.B $env" docs/tppscan.1
done

# The man page documents every long option the commands accept.
for cmd in scan classify thresholds lookup rom design countries verify verify-report plot "fleet ingest" "fleet changes" "fleet summary"; do
	# shellcheck disable=SC2086
	for opt in $("$bin" $cmd --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		check "man page documents $cmd $opt" grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" docs/tppscan.1
	done
done
for env in TPPSCAN_NOW TPPSCAN_MACHINE_ID_FILE TPPSCAN_HOSTNAME; do
	check "man page documents $env" grep -q "^.B $env" docs/tppscan.1
done

# Fleet outputs, inventory and batch classification (tests/cli/fleet-checks.sh).
sh tests/cli/fleet-checks.sh "$bin" || fail=1

# verify, verify-report and plot: signatures, PDF, charts, output files.
. tests/cli/checks-verify.sh

[ "$fail" = 0 ] && echo "cli checks: all passed"
exit "$fail"
