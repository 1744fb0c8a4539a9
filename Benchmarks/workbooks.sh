#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
# Benchmark: loading a dataset from workbooks against the same dataset as
# CSV. Generates N activities (generate.py), has LibreOffice Calc save its
# tables as .xlsx and .ods (ids kept as text, as a careful user formats
# them; dates and numbers typed by Calc), then times `check` on the three
# forms in turns (CSV, xlsx, ods, CSV, ...) and prints the median wall time,
# the peak memory and the ratio to CSV. Target (issue "Spreadsheets in"):
# xlsx and ods within 2x of CSV and within 150 MB at N = 10,000.
#   Benchmarks/workbooks.sh            N = 10000
#   Benchmarks/workbooks.sh 1000 10000
#   RUNS=7 Benchmarks/workbooks.sh     runs per form (default 5)
# Needs libreoffice-calc-nogui (soffice) for making the workbooks.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000)
runs=${RUNS:-5}
#   PACREPORT_BIN=/path/to/pacreport   measure another build (e.g. the one before a change)
source Benchmarks/common.sh

# Calc's CSV import options: comma, quote, UTF-8, from line 1; id-like columns as text (2), others standard (1).
infilter() {
    local header formats="" i=1
    header=$(head -1 "$1" | tr -d '\r\357\273\277')
    IFS=, read -ra cols <<< "$header"
    for c in "${cols[@]}"; do
        case "$c" in id|activity|plan_item|centres|countries|year) t=2 ;; *) t=1 ;; esac
        formats+="${formats:+/}$i/$t"; i=$((i + 1))
    done
    echo "CSV:44,34,76,1,$formats"
}

make_forms() {  # make_forms N: the CSV dataset and its xlsx and ods twins
    local n=$1 csv=$data/n$1 profile
    generated "$n" > /dev/null
    for form in xlsx ods; do
        local dir=$data/n$n-$form
        [ -f "$dir/report.yaml" ] && continue
        mkdir -p "$dir.tmp"
        profile=$(mktemp -d)
        for table in activities participation plan; do
            [ -f "$csv/$table.csv" ] || continue
            soffice -env:UserInstallation=file://$profile --headless --infilter="$(infilter "$csv/$table.csv")" \
                --convert-to "$form" --outdir "$dir.tmp" "$csv/$table.csv" > /dev/null 2>&1
        done
        rm -rf "$profile"
        cp "$csv/report.yaml" "$dir.tmp/"
        mv "$dir.tmp" "$dir"
    done
}

run_once() {  # run_once DATASET -> "wall peakKB"
    timed "$bin" check "$1"
}

printf '%-8s %-6s %10s %10s %8s\n' N form "wall(med)" "peak RSS" "vs CSV"
for n in "${sizes[@]}"; do
    make_forms "$n"
    declare -A walls=() peaks=()
    for ((i = 0; i < runs; i++)); do
        for form in csv xlsx ods; do
            dir=$data/n$n; [ "$form" = csv ] || dir=$data/n$n-$form
            read -r wall peak < <(run_once "$dir")
            walls[$form]+="$wall "; peaks[$form]+="$peak "
        done
    done
    report "$n" csv xlsx ods
done
