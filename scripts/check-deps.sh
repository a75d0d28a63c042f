#!/bin/sh
# Layering and cycle check of the product code, from what the objects
# actually link against (nm), not from what their comments claim:
#   - core/ uses nothing above it; classify/ nothing of probe/ or cli/;
#     probe/ nothing of classify/ or cli/ (headers and symbols both);
#   - the graph "A.o calls a function defined in B.o" has no cycle (tsort).
#   scripts/check-deps.sh BUILD_DIR
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
build=${1:-build}
fail=0
cd "$(dirname "$0")/.."

# Headers: no include from a lower layer into a higher one.
bad=$(grep -ln '#include "\(probe\|cli\)/' classify/*.[ch] core/*.[ch] 2>/dev/null || true)
bad="$bad $(grep -ln '#include "\(classify\|cli\)/' probe/*.[ch] core/*.[ch] 2>/dev/null || true)"
for f in $bad; do echo "check-deps: $f includes a header of a higher layer"; fail=1; done

# Symbols: which object defines what, which needs what.
objs=
for f in core/*.c classify/*.c probe/*.c cli/*.c; do objs="$objs $build/${f%.c}.o"; done
for o in $objs; do
	m=${o#"$build"/}
	nm --defined-only "$o" | awk -v m="$m" '$2 ~ /^[TDRB]$/ { print $3, m }'
done | sort >"$build/.defs"
for o in $objs; do
	m=${o#"$build"/}
	nm --undefined-only "$o" | awk -v m="$m" '{ print $2, m }'
done | sort >"$build/.uses"
join "$build/.uses" "$build/.defs" | awk '$2 != $3 { print $2, $3 }' | sort -u >"$build/.edges"

# No object of a lower layer may call into a higher one.
awk '
	function layer(m) { return m ~ /^core\// ? 0 : m ~ /^(classify|probe)\// ? 1 : 2 }
	($1 ~ /^classify\// && $2 ~ /^probe\//) || ($1 ~ /^probe\// && $2 ~ /^classify\//) || layer($1) < layer($2) {
		print "check-deps: " $1 " calls into " $2; bad = 1 }
	END { exit bad }' "$build/.edges" || fail=1

# No cycle: tsort reports loops on stderr.
if ! tsort "$build/.edges" >/dev/null 2>"$build/.tsort"; then :; fi
if [ -s "$build/.tsort" ]; then
	echo "check-deps: the call graph of the product objects has a cycle:"; cat "$build/.tsort"; fail=1
fi
n=$(wc -l <"$build/.edges")
[ "$fail" = 0 ] && echo "check-deps: $(echo "$objs" | wc -w) objects, $n dependencies, layered, no cycle"
exit "$fail"
