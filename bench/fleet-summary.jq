# jq baseline of bench/fleet.sh: the grouped totals of `tppscan fleet summary
# --by site,country` over JSON Lines reports read as raw lines (a malformed
# line is skipped), a scan counted only when its host line follows its device
# lines and counts them, as tppscan does.
# SPDX-License-Identifier: GPL-2.0-or-later
def key: (.site // "") + "," + (.country // "");
def zero: {hosts: 0, devices: 0, tpp: 0, controlled: 0, controlled_tpp: 0, undetermined: 0, tpp_unknown: 0};
def add_scan($devs):
  reduce ($devs[] | select(.display_only | not)) as $d (.;
    .g[$d | key] |= ((. // zero)
      | .devices += 1
      | if $d.metrics.tpp == null then .tpp_unknown += 1 else .tpp += $d.metrics.tpp end
      | if $d.classification.status == "controlled" then .controlled += 1 | .controlled_tpp += ($d.metrics.tpp // 0) else . end
      | if $d.classification.status == "undetermined" then .undetermined += 1 else . end))
  | reduce ([$devs[] | select(.display_only | not) | key] | unique[]) as $k (.; .g[$k].hosts += 1);
reduce (inputs | fromjson?) as $r ({g: {}, cur: null};
  if $r.record == "device" then
    (if .cur != null and (.cur.h != $r.host_id or .cur.t != $r.scan_time) then .cur = null else . end)
    | .cur = ((.cur // {h: $r.host_id, t: $r.scan_time, d: []}) | .d += [$r])
  elif $r.record == "host" then
    (if .cur != null and .cur.h == $r.host_id and .cur.t == $r.scan_time and (.cur.d | length) == $r.devices
     then add_scan(.cur.d) else . end) | .cur = null
  else . end)
| .g | to_entries | sort_by(.key)[]
| "\(.key),\(.value.hosts),\(.value.devices),\(.value.tpp),\(.value.controlled),\(.value.controlled_tpp),\(.value.undetermined),\(.value.tpp_unknown)"
