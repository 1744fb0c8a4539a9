# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
# Sourced by the benchmark scripts: the binary to measure, the data folder,
# and the median of numbers on standard input.
#   PACREPORT_BIN=/path/to/pacreport   measure another build (e.g. the one before a change)
if [ -n "${PACREPORT_BIN:-}" ]; then
    bin=$PACREPORT_BIN
else
    swift build -c release --product pacreport 2>&1 | grep -E "error|Compiling|Build" | tail -1 >&2
    bin=$(pwd)/.build/release/pacreport
fi
data=.build/bench-data
mkdir -p "$data"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
