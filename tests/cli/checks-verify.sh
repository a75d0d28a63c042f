# Checks of verify, verify-report and plot that golden files cannot express
# (UPDATE=1 sh tests/cli/checks.sh BIN rewrites tests/cli/chart-structure.golden):
# signatures checked by tppscan and by the openssl command line alone, a
# one-byte change and a wrong key, the PDF and PNG opened by poppler, the
# chart's SVG structure, reproducible files, atomic writes, the clock.
# Sourced by tests/cli/checks.sh (uses $bin, $tmp, check, fail).
# SPDX-License-Identifier: GPL-2.0-or-later

vnow=2026-11-22T10:00:00Z
vreport() { # run verify on the H20 dump with the given extra arguments
	TPPSCAN_NOW=$vnow "$bin" verify --declared H20 --qty 8 --dump examples/hgx-h20.lspci --as-of 2026-11-22 \
		--host lab-bench-1 "$@"
}
json_field() { # the first "KEY": "VALUE" string of the signature object of a report
	sed -n '/^  "signature": {/,/^  }/p' "$2" | sed -n "s/^ *\"$1\": \"\\([^\"]*\\)\".*/\\1/p" | head -1
}

if command -v openssl >/dev/null 2>&1; then
	openssl genpkey -algorithm ed25519 -out "$tmp/key.pem" 2>/dev/null
	openssl pkey -in "$tmp/key.pem" -pubout -out "$tmp/pub.pem"
	openssl genpkey -algorithm ed25519 -out "$tmp/key2.pem" 2>/dev/null
	openssl pkey -in "$tmp/key2.pem" -pubout -out "$tmp/pub2.pem"

	vreport --report "$tmp/r.json" --pdf "$tmp/r.pdf" --sign "$tmp/key.pem" >"$tmp/v.out"
	check "verify --sign on a match exits 0" [ $? = 0 ]
	check "verify names the signing key" grep -q "signature Ed25519 by key SHA-256 [0-9a-f]\{64\}" "$tmp/v.out"
	"$bin" verify-report "$tmp/r.json" --pubkey "$tmp/pub.pem" >"$tmp/vr.out"
	check "verify-report of a signed report exits 0" [ $? = 0 ]
	check "verify-report says VALID" grep -qx "tppscan verify-report: VALID" "$tmp/vr.out"
	# the key's identity is what openssl prints for its public key
	kid=$(openssl pkey -in "$tmp/pub.pem" -pubin -outform DER | sha256sum | cut -c1-64)
	check "key_sha256 is the SHA-256 of the DER public key" [ "$(json_field key_sha256 "$tmp/r.json")" = "$kid" ]

	# With openssl alone: the canonical body (three ways), its digest, the signature.
	"$bin" verify-report "$tmp/r.json" --print-body >"$tmp/body"
	check "the body's SHA-256 is the digest the report records" \
		[ "$(sha256sum <"$tmp/body" | cut -c1-64)" = "$(json_field body_sha256 "$tmp/r.json")" ]
	json_field value "$tmp/r.json" | base64 -d >"$tmp/sig"
	check "openssl verifies the signature of the body" sh -c "openssl pkeyutl -verify -pubin -inkey '$tmp/pub.pem' \
		-rawin -in '$tmp/body' -sigfile '$tmp/sig' | grep -qx 'Signature Verified Successfully'"
	# the relabelled 4090 D's report too: probed values, reals of every size, a fake NVML's strings
	TPPSCAN_NOW=$vnow FAKE_NVML_CONFIG=tests/fixtures/relabelled-4090d/nvml.conf "$bin" verify --declared '4090 D' \
		--sysfs tests/fixtures/desktop-4090d/sys --procfs tests/fixtures/relabelled-4090d \
		--nvml-lib "$(dirname "$bin")/fakes/fake_nvml.so" --as-of 2026-11-22 --report "$tmp/r4090.json" >/dev/null
	"$bin" verify-report "$tmp/r4090.json" --print-body >"$tmp/r4090.body"
	for r in r r4090; do
		b=$tmp/body
		[ "$r" = r ] || b=$tmp/$r.body
		if command -v jq >/dev/null 2>&1; then
			jq -cSj 'del(.signature)' "$tmp/$r.json" >"$tmp/$r.jq"
			check "jq -cSj 'del(.signature)' gives the canonical body ($r)" cmp -s "$b" "$tmp/$r.jq"
		fi
		if command -v python3 >/dev/null 2>&1; then
			python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("signature"); sys.stdout.write(json.dumps(d, sort_keys=True, separators=(",", ":"), ensure_ascii=False))' \
				"$tmp/$r.json" >"$tmp/$r.py"
			check "Python's json.dumps gives the canonical body ($r)" cmp -s "$b" "$tmp/$r.py"
		fi
	done

	# One byte changed in the content: both checks fail, tppscan says which.
	sed 's/"host": "lab-bench-1"/"host": "lab-bench-2"/' "$tmp/r.json" >"$tmp/r1.json"
	check "the altered report differs by one byte" [ "$(cmp -l "$tmp/r.json" "$tmp/r1.json" | wc -l)" = 1 ]
	"$bin" verify-report "$tmp/r1.json" --pubkey "$tmp/pub.pem" >"$tmp/vr1.out"
	check "verify-report of a report with one byte changed exits 1" [ $? = 1 ]
	check "verify-report says the body was altered" grep -q "the report was altered after it was written" "$tmp/vr1.out"
	"$bin" verify-report "$tmp/r1.json" --print-body >"$tmp/body1"
	check "openssl rejects the altered body" sh -c "! openssl pkeyutl -verify -pubin -inkey '$tmp/pub.pem' -rawin \
		-in '$tmp/body1' -sigfile '$tmp/sig' >/dev/null 2>&1"
	sed '0,/"quantity": 8/s//"quantity": 9/' "$tmp/r.json" >"$tmp/r2.json"
	"$bin" verify-report "$tmp/r2.json" --pubkey "$tmp/pub.pem" >/dev/null
	check "verify-report of a report with a changed quantity exits 1" [ $? = 1 ]
	# a number with more digits than the canonical form keeps is a change too
	sed 's/"pd": 2.90909090909091,/"pd": 2.909090909090911,/' "$tmp/r.json" >"$tmp/r3.json"
	check "the 16-digit change applies" sh -c "! cmp -s '$tmp/r.json' '$tmp/r3.json'"
	"$bin" verify-report "$tmp/r3.json" --pubkey "$tmp/pub.pem" >"$tmp/vr3.out"
	check "verify-report of a 16-digit change exits 1" [ $? = 1 ]
	check "verify-report names the extra digits" grep -q "more digits than the canonical form" "$tmp/vr3.out"
	# layout is not content: re-indented, still valid, and said
	sed 's/^  "schema_version"/    "schema_version"/' "$tmp/r.json" >"$tmp/r4.json"
	"$bin" verify-report "$tmp/r4.json" --pubkey "$tmp/pub.pem" >"$tmp/vr4.out"
	check "verify-report of a re-indented report exits 0" [ $? = 0 ]
	check "verify-report notes the layout" grep -q "not laid out as tppscan writes it" "$tmp/vr4.out"

	# The wrong key, an unsigned report.
	"$bin" verify-report "$tmp/r.json" --pubkey "$tmp/pub2.pem" >"$tmp/vr5.out"
	check "verify-report with the wrong key exits 1" [ $? = 1 ]
	check "verify-report says the key is not the signer's" grep -q "the wrong key" "$tmp/vr5.out"
	check "openssl rejects the wrong key" sh -c "! openssl pkeyutl -verify -pubin -inkey '$tmp/pub2.pem' -rawin \
		-in '$tmp/body' -sigfile '$tmp/sig' >/dev/null 2>&1"
	vreport --report "$tmp/unsigned.json" >/dev/null
	"$bin" verify-report "$tmp/unsigned.json" --pubkey "$tmp/pub.pem" >"$tmp/vr6.out"
	check "verify-report of an unsigned report exits 1" [ $? = 1 ]
	check "verify-report says it is not signed" grep -q "the report is not signed" "$tmp/vr6.out"
	"$bin" verify-report "$tmp/r.json" --pubkey "$tmp/pub.pem" --format json >"$tmp/vr.json"
	check "verify-report --format json says valid" grep -q '"valid": true' "$tmp/vr.json"

	# Keys that cannot be used: an RSA key (65), an encrypted key, an unreadable one (77).
	openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:1024 -out "$tmp/rsa.pem" 2>/dev/null
	vreport --format json --sign "$tmp/rsa.pem" >/dev/null 2>"$tmp/err"
	check "an RSA signing key exits 65" [ $? = 65 ]
	openssl pkey -in "$tmp/key.pem" -aes256 -passout pass:secret -out "$tmp/enc.pem" 2>/dev/null
	vreport --format json --sign "$tmp/enc.pem" </dev/null >/dev/null 2>"$tmp/err"
	check "an encrypted key exits 65 without a prompt" [ $? = 65 ]
	check "an encrypted key is named" grep -q "an encrypted private key" "$tmp/err"
	if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
		kd=$(mktemp -d)
		chmod 755 "$kd"
		cp "$bin" "$tmp/key.pem" examples/hgx-h20.lspci "$kd/"
		chmod 755 "$kd/$(basename "$bin")"
		chmod 644 "$kd/hgx-h20.lspci"
		chmod 600 "$kd/key.pem"
		setpriv --reuid=65534 --regid=65534 --clear-groups "$kd/$(basename "$bin")" verify --declared H20 --qty 8 \
			--dump "$kd/hgx-h20.lspci" --format json --sign "$kd/key.pem" >/dev/null 2>"$tmp/err"
		check "an unreadable signing key exits 77" [ $? = 77 ]
		rm -rf "$kd"
	elif [ "$(id -u)" != 0 ]; then
		cp "$tmp/key.pem" "$tmp/locked.pem"
		chmod 000 "$tmp/locked.pem"
		vreport --format json --sign "$tmp/locked.pem" >/dev/null 2>"$tmp/err"
		check "an unreadable signing key exits 77" [ $? = 77 ]
	fi

	# Reproducible: the same inputs and time give the same bytes.
	sleep 1
	vreport --report "$tmp/again.json" --pdf "$tmp/again.pdf" --sign "$tmp/key.pem" >/dev/null
	check "the same inputs and time give a byte-identical JSON report" cmp -s "$tmp/r.json" "$tmp/again.json"
	check "the same inputs and time give a byte-identical PDF" cmp -s "$tmp/r.pdf" "$tmp/again.pdf"
fi

# The PDF opens, with the pages expected: summary, findings and evidence,
# then the chart (2 pages for the H20 match; 3 for the relabelled 4090 D,
# whose 23 input files take a second page).
if command -v pdfinfo >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
	vreport --pdf "$tmp/h20.pdf" >/dev/null
	check "the verify PDF opens with 2 pages" [ "$(pdfinfo "$tmp/h20.pdf" | sed -n 's/^Pages: *//p')" = 2 ]
	check "the PDF's creation date is the test's time" pdfinfo -isodates "$tmp/h20.pdf" | grep -q "CreationDate: *2026-11-22T10:00:00"
	pdftoppm -r 30 -png "$tmp/h20.pdf" "$tmp/page"
	check "pdftoppm renders every page" [ "$(ls "$tmp"/page-*.png | wc -l)" = 2 ]
	if command -v pdftotext >/dev/null 2>&1; then
		pdftotext "$tmp/h20.pdf" "$tmp/h20.txt"
		for want in "MATCH" "Findings" "Evidence" "364324babd5c5e9ed323e01ce2ed1d2a90ad38830e37c5a262cf435bb5c0cf6b" \
			"Licence" "TPP 4800"; do
			check "the PDF shows '$want'" grep -q -- "$want" "$tmp/h20.txt"
		done
		vreport --pdf "$tmp/h20cn.pdf" --dest CN >/dev/null
		pdftotext "$tmp/h20cn.pdf" "$tmp/h20cn.txt"
		check "with --dest the PDF gives the line's licence answer" \
			grep -q "NVIDIA H20: licence required for China (CN), export from US" "$tmp/h20cn.txt"
		check "without --dest the PDF says the licence was not asked" grep -q "not asked (no --dest given)" "$tmp/h20.txt"
	fi
	TPPSCAN_NOW=$vnow FAKE_NVML_CONFIG=tests/fixtures/relabelled-4090d/nvml.conf "$bin" verify --declared '4090 D' \
		--sysfs tests/fixtures/desktop-4090d/sys --procfs tests/fixtures/relabelled-4090d \
		--nvml-lib "$(dirname "$bin")/fakes/fake_nvml.so" --as-of 2026-11-22 --pdf "$tmp/4090d.pdf" >/dev/null
	check "verify of the relabelled 4090 D exits 1 with a PDF" [ $? = 1 ]
	check "its PDF opens with 3 pages" [ "$(pdfinfo "$tmp/4090d.pdf" | sed -n 's/^Pages: *//p')" = 3 ]

	TPPSCAN_NOW=$vnow "$bin" plot --all -o "$tmp/all.pdf" --as-of 2026-11-22 >/dev/null
	check "plot -o FILE.pdf opens with 1 page" [ "$(pdfinfo "$tmp/all.pdf" | sed -n 's/^Pages: *//p')" = 1 ]
fi

# plot -o FILE.png: a PNG of the size drawn, whose data decodes.
"$bin" plot --all -o "$tmp/all.png" --as-of 2026-11-22 >"$tmp/plot.out"
check "plot -o FILE.png exits 0" [ $? = 0 ]
check "plot says what it wrote" grep -q "^$tmp/all.png: [0-9]* parts plotted" "$tmp/plot.out"
check "the PNG has the PNG signature" [ "$(od -An -tx1 -N8 "$tmp/all.png" | tr -d ' \n')" = 89504e470d0a1a0a ]
check "the PNG is 1520 x 1200" [ "$(od -An -tu1 -j16 -N8 "$tmp/all.png" | tr -s ' ' | sed 's/^ //')" = "0 0 5 240 0 0 4 176" ]
if command -v python3 >/dev/null 2>&1; then
	check "the PNG's chunks and image data decode" python3 -c '
import struct, sys, zlib
d = open(sys.argv[1], "rb").read(); i = 8; idat = b""
while i < len(d):
    n, = struct.unpack(">I", d[i:i+4]); t = d[i+4:i+8]; body = d[i+8:i+8+n]
    assert zlib.crc32(t + body) == struct.unpack(">I", d[i+8+n:i+12+n])[0], t
    idat += body if t == b"IDAT" else b""; i += 12 + n
assert len(zlib.decompress(idat)) == 1200 * (1 + 1520 * 3)' "$tmp/all.png"
fi
if command -v pdftoppm >/dev/null 2>&1 && [ -s "$tmp/all.pdf" ]; then
	pdftoppm -r 20 -png "$tmp/all.pdf" "$tmp/allpdf"
	check "pdftoppm renders the chart PDF" [ -s "$tmp/allpdf-1.png" ]
fi

# The chart's SVG structure: the dashed threshold lines where the rule set
# puts them, and its description. Golden: tests/cli/chart-structure.golden;
# a moved threshold (a --data-dir rule set with 4000 for 3A090.a.1's 4800)
# must differ.
svg_structure() {
	sed -n 's/.*<desc>\(Thresholds:[^<]*\) Parts plotted.*/\1/p' "$1" | tr ';' '\n' | sed -e 's/^ //' -e '/^$/d'
	grep -o 'stroke-dasharray:5,3;[^"]*" d="[^"]*"' "$1" | sed 's/.* d="\(.*\) "$/\1/'
}
"$bin" plot H20 'H100 SXM5 80GB' '4090 D' -o "$tmp/chart.svg" --as-of 2026-11-22 >/dev/null
svg_structure "$tmp/chart.svg" >"$tmp/chart.structure"
if [ "${UPDATE:-}" = 1 ]; then cp "$tmp/chart.structure" tests/cli/chart-structure.golden; fi
check "the chart's SVG structure matches its golden" cmp -s "$tmp/chart.structure" tests/cli/chart-structure.golden
check "the chart has its six threshold lines" [ "$(grep -c '^M ' "$tmp/chart.structure")" = 6 ]
if command -v xmllint >/dev/null 2>&1; then
	check "the chart's SVG is well-formed XML" xmllint --noout "$tmp/chart.svg"
fi
mkdir -p "$tmp/moved/thresholds"
cp -r devices "$tmp/moved/"
cp thresholds/*.json "$tmp/moved/thresholds/"
# the first 4800 of the file is 3A090.a.1's
sed -i '0,/"value": 4800,/s//"value": 4000,/' "$tmp/moved/thresholds/2026-01-15.json"
"$bin" plot H20 'H100 SXM5 80GB' '4090 D' -o "$tmp/moved.svg" --as-of 2026-11-22 --data-dir "$tmp/moved" >/dev/null
svg_structure "$tmp/moved.svg" >"$tmp/moved.structure"
check "a moved threshold changes the chart's structure" sh -c "! cmp -s '$tmp/moved.structure' tests/cli/chart-structure.golden"
check "the moved threshold is drawn and named" grep -q "^TPP 4000 (3A090.a.1" "$tmp/moved.structure"
sleep 1
"$bin" plot H20 'H100 SXM5 80GB' '4090 D' -o "$tmp/chart2.svg" --as-of 2026-11-22 >/dev/null
check "plot is reproducible" cmp -s "$tmp/chart.svg" "$tmp/chart2.svg"

# Output files: whole or not at all, never through a link, nothing left behind.
mkdir -p "$tmp/vout"
echo "old report" >"$tmp/vout/r.json"
echo "the link's target" >"$tmp/vout/target"
ln -s "$tmp/vout/target" "$tmp/vout/link.pdf"
vreport --report "$tmp/vout/r.json" --pdf "$tmp/vout/link.pdf" >/dev/null 2>"$tmp/err"
check "an output that is a symbolic link exits 74" [ $? = 74 ]
check "the link is named" grep -q "a symbolic link; not replaced or followed" "$tmp/err"
check "the link's target is untouched" grep -qx "the link's target" "$tmp/vout/target"
check "a refused run leaves the other output as it was" grep -qx "old report" "$tmp/vout/r.json"
ino=$(ls -i "$tmp/vout/r.json" | cut -d' ' -f1)
vreport --report "$tmp/vout/r.json" --pdf "$tmp/vout/r.pdf" >/dev/null
check "verify replaces an existing report" grep -q '"document": "tppscan-verify-report"' "$tmp/vout/r.json"
check "the report is a new file renamed into place" [ "$(ls -i "$tmp/vout/r.json" | cut -d' ' -f1)" != "$ino" ]
check "no temporary file is left" [ -z "$(find "$tmp/vout" -name '.*' -type f)" ]
mkdir "$tmp/vout/dir.json"
vreport --report "$tmp/vout/dir.json" >/dev/null 2>&1
check "an output that is a directory exits 74" [ $? = 74 ]
vreport --report "$tmp/vout/same" --pdf "$tmp/vout/same" >/dev/null 2>&1
check "--report and --pdf naming one file exits 64" [ $? = 64 ]
"$bin" plot --all -o "$tmp/vout/link.pdf" >/dev/null 2>&1
check "plot -o through a link exits 74" [ $? = 74 ]
vreport --report "$tmp/vout/stdout.json" --format json >"$tmp/vout/stdout.txt"
check "--format json writes the report to stdout as to the file" cmp -s "$tmp/vout/stdout.json" "$tmp/vout/stdout.txt"

# The time of the test: the clock's unless TPPSCAN_NOW pins it (faketime
# moves the clock; the day must follow it).
env -u TPPSCAN_NOW -u TPPSCAN_HOSTNAME "$bin" verify --declared H20 --qty 8 --dump examples/hgx-h20.lspci --format json >"$tmp/clock.json"
check "without TPPSCAN_NOW the time is the clock's" grep -q '"time_from": "clock"' "$tmp/clock.json"
check "the clock's time is today's, in UTC" grep -q "\"time\": \"$(date -u +%F)T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z\"" "$tmp/clock.json"
check "without --host the host is this machine's name" grep -q '"host_from": "gethostname"' "$tmp/clock.json"
TPPSCAN_HOSTNAME=lab-bench-7 "$bin" verify --declared H20 --qty 8 --dump examples/hgx-h20.lspci --as-of 2026-11-22 \
	--format json >"$tmp/hostenv.json"
check "TPPSCAN_HOSTNAME names verify's host as it names a scan's" grep -q '"host": "lab-bench-7"' "$tmp/hostenv.json"
check "the report says the host name came from TPPSCAN_HOSTNAME" \
	grep -q '"host_from": "TPPSCAN_HOSTNAME"' "$tmp/hostenv.json"
TPPSCAN_HOSTNAME=lab-bench-7 vreport --format json >"$tmp/hostarg.json"
check "--host wins over TPPSCAN_HOSTNAME" grep -q '"host_from": "--host"' "$tmp/hostarg.json"

# Inputs named by the user are read through input_read_file: a FIFO is
# refused at once (66), never waited on; an oversize manifest is not one (65).
mkfifo "$tmp/vfifo"
for args in "--declared-file $tmp/vfifo" "--declared H20 --format json --sign $tmp/vfifo"; do
	# shellcheck disable=SC2086
	timeout 10 "$bin" verify $args --dump examples/hgx-h20.lspci >/dev/null 2>"$tmp/err"
	check "a FIFO as 'verify $args' exits 66 (not a hang)" [ $? = 66 ]
done
timeout 10 "$bin" verify-report "$tmp/vfifo" --print-body >/dev/null 2>&1
check "a FIFO as a report to check exits 66" [ $? = 66 ]
head -c 5000000 /dev/zero | tr '\0' 'a' >"$tmp/huge.csv"
"$bin" verify --declared-file "$tmp/huge.csv" --dump examples/hgx-h20.lspci >/dev/null 2>"$tmp/err"
check "a manifest over 4 MiB exits 65" [ $? = 65 ]
check "an oversize manifest is named" grep -q "larger than" "$tmp/err"
