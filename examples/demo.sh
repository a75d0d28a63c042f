#!/bin/sh
# The main job on shipped examples: classify published parts from their
# datasheet figures under the rules in force today, and show how the A800's
# verdict changed between the 2022 and 2023 rules.
# SPDX-License-Identifier: GPL-2.0-or-later
set -e
bin=${1:-build/tppscan}
run() { echo "\$ tppscan $*"; "$bin" "$@"; echo; }
run thresholds
run classify --tpp 2368 --die-area 814
run classify --tpp 4992 --io-bidir 400 --as-of 2023-01-01
run classify --tpp 4707 --pd 7.73 --datacenter no
