#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
# Benchmark: builds release, generates datasets of N activities and prints,
# per format, the median wall time over several runs, the peak memory
# (/usr/bin/time -v), pages and output size. Timings live here, never in
# the unit tests.
#   Benchmarks/run.sh                 N = 100 1000 10000 100000
#   Benchmarks/run.sh 1000 10000      chosen sizes
#   RUNS=5 Benchmarks/run.sh          runs per measurement (default 3; 1 for 100,000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000 100000)
runs=${RUNS:-3}
#   PACREPORT_BIN=/path/to/pacreport   measure another build (e.g. the one before a change)
source Benchmarks/common.sh
export SOURCE_DATE_EPOCH=1608768000

measure() {  # measure LABEL DATASET FORMAT RUNS
    local label=$1 dataset=$2 format=$3 n=$4 out times=() rss=() wall peak
    for ((i = 0; i < n; i++)); do
        out=$(mktemp -d)
        /usr/bin/time -v "$bin" render "$dataset" --format "$format" --out "$out" 2> "$out.time" >/dev/null \
            || { cat "$out.time" >&2; exit 1; }
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$out.time")
        peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out.time")
        times+=("$wall"); rss+=("$peak")
        last=$out
    done
    local size pages=""
    size=$(du -sb "$last" | cut -f1)
    if [ "$format" = pdf ]; then pages=$(pdfinfo "$last"/*.pdf 2>/dev/null | awk '/^Pages:/ {print $2}'); fi
    printf '%-8s %-12s %8.2f s %8.1f MB %7s %10.1f KB\n' "$label" "$format" \
        "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | sort -n | tail -1 | awk '{print $1/1024}')" \
        "${pages:--}" "$(echo "$size" | awk '{print $1/1024}')"
    rm -rf "$last" "$last.time"
}

printf '%-8s %-12s %10s %11s %7s %13s\n' N format "wall(med)" "peak RSS" pages "output"
for n in "${sizes[@]}"; do
    dataset=$(generated "$n")
    r=$runs; [ "$n" -ge 100000 ] && r=1
    if [ "$n" -ge 100000 ]; then
        measure "$n" "$dataset" pdf,odt,csv "$r"
    else
        for format in pdf odt csv; do measure "$n" "$dataset" "$format" "$r"; done
    fi
done
# The example dataset, all formats end to end.
measure example Examples/ifla-pac-2020 pdf,odt,csv "$runs"
