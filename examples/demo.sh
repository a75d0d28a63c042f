#!/bin/sh
# The main job on shipped examples: scan saved dumps of an 8x H20 node and
# an 8x H100 node, then show how the A800's verdict changed with the rules.
# SPDX-License-Identifier: GPL-2.0-or-later
set -e
bin=${1:-build/tppscan}
run() { echo "\$ tppscan $*"; "$bin" "$@"; echo; }
run scan --dump examples/hgx-h20.lspci
run scan --dump examples/hgx-h100.lspci
run lookup A800 --history
