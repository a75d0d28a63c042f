#!/bin/sh
# CLI golden tests. Each case is tests/cli/cases/NAME.args: one line of
# arguments (shell quoting allowed). Expected results sit beside it:
#   NAME.out     stdout, byte for byte
#   NAME.err     stderr (absent = must be empty)
#   NAME.status  exit status (absent = 0)
#   NAME.env     VAR=value lines set for the command (e.g. the fake NVML's config)
# @BUILD@ in arguments or env stands for the directory of the binary under
# test, so the ASan build uses its own fake libraries.
# The data version changes with every data edit, so it is replaced by
# @DATA_VERSION@ before comparing (and a report's body digest, which covers
# it, by @BODY_SHA256@). UPDATE=1 rewrites the expectations:
# review the diff by hand before committing.
# Then tests/cli/checks.sh runs the checks that are not golden files.
# SPDX-License-Identifier: GPL-2.0-or-later
set -u
bindir=$(cd "$(dirname "$1")" && pwd)
bin=$bindir/$(basename "$1")
cd "$(dirname "$0")/../.."
# Goldens never depend on the wall clock: "today" is pinned (tppscan(1),
# ENVIRONMENT). checks.sh tests the unpinned default separately.
TPPSCAN_TODAY=2026-11-22
export TPPSCAN_TODAY
# Fleet reports carry a scan time, a host name and a host id: pinned too.
TPPSCAN_NOW=2026-11-22T10:00:00Z TPPSCAN_HOSTNAME=golden-host
TPPSCAN_MACHINE_ID_FILE=tests/fixtures/fleet/machine-id
export TPPSCAN_NOW TPPSCAN_HOSTNAME TPPSCAN_MACHINE_ID_FILE
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dv=$("$bin" --version | sed -n 's/^data \([^ ]*\).*/\1/p')
[ -n "$dv" ] || { echo "run.sh: cannot read the data version from $bin --version"; exit 1; }

pass=0 fail=0
for args in tests/cli/cases/*.args; do
	name=${args%.args}
	eval "set -- $(sed "s|@BUILD@|$bindir|g" "$args")"
	envs=
	[ -f "$name.env" ] && envs=$(sed "s|@BUILD@|$bindir|g" "$name.env" | tr '\n' ' ')
	# shellcheck disable=SC2086
	env $envs "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	sed -i "s/$dv/@DATA_VERSION@/g" "$tmp/out" "$tmp/err"
	# The binary's directory (a fake NVML's path in a report) and a report's
	# body digest (it covers the data version) are masked the same way; the
	# digest itself is checked by checks.sh (verify-report, openssl).
	sed -i -e "s|$bindir|@BUILD@|g" \
		-e 's/\(body SHA-256 \|"body_sha256": "\)[0-9a-f]\{64\}/\1@BODY_SHA256@/g' "$tmp/out" "$tmp/err"
	want_status=0
	[ -f "$name.status" ] && want_status=$(cat "$name.status")
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$name.out"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$name.err"; else rm -f "$name.err"; fi
		if [ "$status" != 0 ]; then echo "$status" >"$name.status"; else rm -f "$name.status"; fi
		continue
	fi
	ok=1
	[ "$status" = "$want_status" ] || { echo "FAIL $name: exit status $status, expected $want_status"; ok=0; }
	if ! cmp -s "$tmp/out" "$name.out"; then
		echo "FAIL $name: stdout differs"; diff -u "$name.out" "$tmp/out" | head -30; ok=0
	fi
	if [ -f "$name.err" ]; then
		cmp -s "$tmp/err" "$name.err" || { echo "FAIL $name: stderr differs"; diff -u "$name.err" "$tmp/err" | head -10; ok=0; }
	elif [ -s "$tmp/err" ]; then
		echo "FAIL $name: unexpected stderr:"; head -5 "$tmp/err"; ok=0
	fi
	if [ "$ok" = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
[ "${UPDATE:-}" = 1 ] && { echo "golden files rewritten; review with git diff"; exit 0; }
echo "cli golden tests: $pass passed, $fail failed"
[ "$fail" = 0 ] || exit 1
# GOLDEN_ONLY=1: the golden files alone (the memcheck run, where the scripted
# checks' timeouts and large fleets would only measure valgrind)
[ "${GOLDEN_ONLY:-}" = 1 ] && exit 0
exec sh tests/cli/checks.sh "$bin"
