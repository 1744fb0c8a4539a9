#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
# Benchmark of the contract-term report: three generated years of one
# contract, N activities each (default 10,000), rendered as PDF, ODT and
# CSV in one run; median wall time and peak memory over RUNS runs.
#   Benchmarks/term.sh            N = 10000
#   RUNS=3 Benchmarks/term.sh 1000
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${RUNS:-3}
source Benchmarks/common.sh
export SOURCE_DATE_EPOCH=1608768000
folders=()
for year in 2020 2021 2022; do
    dataset=$data/term-n$n-$year
    generated "$n" "$dataset" --year "$year" --seed "$year" > /dev/null
    folders+=("$dataset")
done
times=(); rss=()
for ((i = 0; i < runs; i++)); do
    out=$(mktemp -d)
    /usr/bin/time -v "$bin" render "${folders[@]}" --format pdf,odt,csv --out "$out" 2> "$out.time" >/dev/null \
        || { cat "$out.time" >&2; exit 1; }
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$out.time")")
    rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out.time")")
    pages=$(pdfinfo "$out"/*.pdf 2>/dev/null | awk '/^Pages:/ {print $2}')
    rm -rf "$out" "$out.time"
done
printf 'term report, 3 years x %s activities, pdf+odt+csv: %.2f s (median of %s), %.1f MB peak, %s pages\n' "$n" \
    "$(printf '%s\n' "${times[@]}" | median)" "$runs" "$(printf '%s\n' "${rss[@]}" | sort -n | tail -1 | awk '{print $1/1024}')" "$pages"
