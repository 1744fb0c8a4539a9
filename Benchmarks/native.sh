#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
# Benchmark (issue "Loading and exports at native speed"): pacreport, the
# build before a change when one is given, and the Python peer
# (Benchmarks/peers/csv_peer.py: the csv module loads the same files, joins
# participation to activities and writes two of the eight tables), in
# turns (A B peer A B peer ...), on generated datasets: `render --format
# csv` and `check`, median wall time (milliseconds) and peak memory of
# each, and how many times faster pacreport renders than the peer.
# Target: at least 5x at N = 10,000 and at N = 100,000.
#   Benchmarks/native.sh [N ...]                        this build and the peer; N = 10000 by default
#   Benchmarks/native.sh BEFORE-PACREPORT [N ...]       also the build before (a path)
#   RUNS=9 Benchmarks/native.sh /tmp/base/.build/release/pacreport 10000 100000
#   PACREPORT_BIN=/path/to/pacreport                    the build measured as "after"
#   PEER_PYTHON=/usr/bin/python3                        the interpreter of the peer
# The peer runs on the interpreter itself, found by asking `python3` for
# its path: a version manager's `python3` (pyenv's shim) is a shell script
# that starts it, 40 ms more per run, which had made the peer look slower.
set -euo pipefail
cd "$(dirname "$0")/.."
before=""
if [ $# -gt 0 ] && [[ ! $1 =~ ^[0-9]+$ ]]; then before=$1; shift; fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000)
runs=${RUNS:-7}
source Benchmarks/common.sh
python=${PEER_PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
echo "peer: $python ($("$python" --version 2>&1))"

printf '%-8s %-22s %10s %10s %10s\n' N what "wall(med)" "peak RSS" "ratio"
for n in "${sizes[@]}"; do
    dir=$(generated "$n")
    out=$(mktemp -d)
    declare -A walls=() peaks=()
    for ((i = 0; i < runs; i++)); do
        for who in ${before:+before} after; do
            b=$before; [ $who = after ] && b=$bin
            read -r w p < <(timed "$b" render "$dir" --format csv --out "$out/$who")
            walls[render-$who]+="$w "; peaks[render-$who]+="$p "
            read -r w p < <(timed "$b" check "$dir")
            walls[check-$who]+="$w "; peaks[check-$who]+="$p "
        done
        read -r w p < <(timed "$python" Benchmarks/peers/csv_peer.py "$dir" "$out/peer")
        walls[peer]+="$w "; peaks[peer]+="$p "
    done
    rm -rf "$out"
    med() { echo "${walls[$1]}" | tr ' ' '\n' | grep . | median | awk '{printf "%d", $1 * 1000 + 0.5}'; }
    peak() { echo "${peaks[$1]}" | tr ' ' '\n' | grep . | sort -n | tail -1 | awk '{printf "%.1f MB", $1/1024}'; }
    for what in render check; do
        a=$(med $what-after)
        if [ -z "$before" ]; then
            printf '%-8s %-22s %7s ms %10s %10s\n' "$n" "$what" "$a" "$(peak $what-after)" ""
            continue
        fi
        b=$(med $what-before)
        printf '%-8s %-22s %7s ms %10s %10s\n' "$n" "$what (before)" "$b" "$(peak $what-before)" ""
        printf '%-8s %-22s %7s ms %10s %9sx\n' "$n" "$what (after)" "$a" "$(peak $what-after)" \
            "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", (a > 0 ? b / a : 0)}')"
    done
    p=$(med peer) a=$(med render-after)
    printf '%-8s %-22s %7s ms %10s %9sx\n' "$n" "python peer" "$p" "$(peak peer)" \
        "$(awk -v a="$a" -v p="$p" 'BEGIN {printf "%.2f", (a > 0 ? p / a : 0)}')"
    echo "(the last column of the peer: how many times faster pacreport renders than the peer)"
done
