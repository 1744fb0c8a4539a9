#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
# Benchmark: the year's tables written as workbooks against the same tables
# as CSV. Times `render --format csv`, `--format xlsx` and `--format ods` on
# a generated dataset in turns (csv, xlsx, ods, csv, ...) and prints the
# median wall time, the peak memory and the ratio to CSV. Target (issue
# "Workbooks out"): each workbook within 2x the CSV's time and within
# 150 MB at N = 10,000.
#   Benchmarks/exports.sh              N = 10000
#   Benchmarks/exports.sh 10000 100000
#   RUNS=7 Benchmarks/exports.sh       runs per format (default 5)
#   PACREPORT_BIN=/path/to/pacreport   measure another build
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000)
runs=${RUNS:-5}
source Benchmarks/common.sh
export SOURCE_DATE_EPOCH=1608768000

run_once() {  # run_once DATASET FORMAT -> "wall peakKB"
    local out
    out=$(mktemp -d)
    timed "$bin" render "$1" --format "$2" --out "$out"
    rm -rf "$out"
}

printf '%-8s %-6s %10s %10s %8s\n' N format "wall(med)" "peak RSS" "vs CSV"
for n in "${sizes[@]}"; do
    dir=$(generated "$n")
    declare -A walls=() peaks=()
    for ((i = 0; i < runs; i++)); do
        for format in csv xlsx ods; do
            read -r wall peak < <(run_once "$dir" "$format")
            walls[$format]+="$wall "; peaks[$format]+="$peak "
        done
    done
    report "$n" csv xlsx ods
    unset walls peaks
done
