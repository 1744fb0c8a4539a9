#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
# Benchmark (issue "Loading and exports at native speed"): `pacreport render
# --format csv` against its Python peer (Benchmarks/peers/csv_peer.py: the
# csv module loads the same files, joins participation to activities and
# writes two of the eight tables), in turns, on generated datasets; prints
# the median wall times, peak memory and how many times faster pacreport is.
# Target: at least 5x at N = 10,000 and at N = 100,000.
#   Benchmarks/peers.sh                N = 10000
#   Benchmarks/peers.sh 10000 100000
#   RUNS=7 Benchmarks/peers.sh         runs each (default 5)
#   PACREPORT_BIN=/path/to/pacreport   measure another build
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000)
runs=${RUNS:-5}
source Benchmarks/common.sh

printf '%-8s %-10s %10s %10s %10s\n' N program "wall(med)" "peak RSS" "pacreport"
for n in "${sizes[@]}"; do
    dir=$data/n$n
    [ -f "$dir/activities.csv" ] || python3 Benchmarks/generate.py "$n" "$dir"
    out=$(mktemp -d)
    ours="" peer="" ourPeak=0 peerPeak=0
    for ((i = 0; i < runs; i++)); do
        read -r w p < <(timed "$bin" render "$dir" --format csv --out "$out/ours")
        ours+="$w "; ourPeak=$((p > ourPeak ? p : ourPeak))
        read -r w p < <(timed python3 Benchmarks/peers/csv_peer.py "$dir" "$out/peer")
        peer+="$w "; peerPeak=$((p > peerPeak ? p : peerPeak))
    done
    rm -rf "$out"
    o=$(echo "$ours" | tr ' ' '\n' | grep . | median)
    p=$(echo "$peer" | tr ' ' '\n' | grep . | median)
    printf '%-8s %-10s %8.2f s %7.1f MB %9s\n' "$n" pacreport "$o" "$(awk -v k="$ourPeak" 'BEGIN {print k/1024}')" ""
    printf '%-8s %-10s %8.2f s %7.1f MB %8.2fx\n' "$n" python "$p" "$(awk -v k="$peerPeak" 'BEGIN {print k/1024}')" \
        "$(awk -v a="$p" -v b="$o" 'BEGIN {print (b > 0 ? a / b : 0)}')"
done
