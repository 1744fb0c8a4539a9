#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
# parallel-renders.sh [BIN] [DATASET] [RUNS] [LOOPS]
#
# Renders DATASET (default: the multi-script fixture) to PDF, ODT and CSV
# RUNS times in each of LOOPS loops running at once, and reports every run
# that ended by a signal. Not part of scripts/test (minutes, and a race
# shows only now and then): it is how the crash of Cairo's shared font
# faces was found and its fix checked (docs/architecture.md, "Fonts on one
# thread at a time"). Core files, when the system writes them, are kept in
# the printed folder: `gdb -batch -ex "thread apply all bt" BIN CORE`.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-.build/release/pacreport}
dataset=${2:-Tests/PacReportKitTests/Fixtures/multiscript}
runs=${3:-300}
loops=${4:-4}
work=$(mktemp -d)
export SOURCE_DATE_EPOCH=1608768000 SWIFT_BACKTRACE=enable=no PACREPORT_HOME=${PACREPORT_HOME:-$PWD}
bin=$(realpath "$bin"); dataset=$(realpath "$dataset")
loop() {
    local n=$1 i status
    mkdir -p "$work/$n"
    cd "$work/$n" || return
    ulimit -c unlimited 2>/dev/null
    for ((i = 1; i <= runs; i++)); do
        rm -rf out
        "$bin" render "$dataset" --format pdf,odt,csv --out out > /dev/null 2>&1
        status=$?
        if [ $status -gt 128 ]; then echo "loop $n, run $i: signal $((status - 128))"; fi
    done
}
for ((l = 1; l <= loops; l++)); do loop $l & done
wait
crashes=$(find "$work" -name 'core*' | wc -l)
echo "$((runs * loops)) renders of $(basename "$dataset"); core files: $crashes (in $work)"
[ "$crashes" -eq 0 ] && rm -rf "$work"
