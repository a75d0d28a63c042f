# jq baseline of bench/fleet.sh: the arithmetic of the 2026-01-15 rule set
# for lines "id,tpp,pd,datacenter" (3A090.a.1/.a.2, .b.1/.b.2, Note 2), one
# "id,eccn" line per input line.
# SPDX-License-Identifier: GPL-2.0-or-later
select(startswith("id,") | not)
| split(",") as $f | ($f[1] | tonumber) as $t | ($f[2] | tonumber) as $p
| (if $t >= 4800 or ($t >= 1600 and $p >= 5.92) then "3A090.a"
   elif ($t >= 2400 and $t < 4800 and $p >= 1.6 and $p < 5.92) or ($t >= 1600 and $p >= 3.2 and $p < 5.92) then "3A090.b"
   else "" end) as $e
| (if $f[3] == "no" and $t < 4800 then "" else $e end) as $eccn
| "\($f[0]),\($eccn)"
