# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
# Sourced by the benchmark scripts: the binary to measure, the data folder,
# and the median of numbers on standard input.
#   PACREPORT_BIN=/path/to/pacreport   measure another build (e.g. the one before a change)
if [ -n "${PACREPORT_BIN:-}" ]; then
    bin=$PACREPORT_BIN
else
    swift build -c release --static-swift-stdlib --product pacreport 2>&1 | grep -E "error|Compiling|Build" | tail -1 >&2
    bin=$(pwd)/.build/release/pacreport
fi
data=.build/bench-data
mkdir -p "$data"

# generated N [FOLDER [generate.py options]] : the folder of a generated
# dataset of N activities (default $data/nN), made the first time.
generated() {
    local n=$1 dir=${2:-$data/n$1}
    shift; [ $# -gt 0 ] && shift
    [ -f "$dir/activities.csv" ] || python3 Benchmarks/generate.py "$n" "$dir" "$@" >&2
    echo "$dir"
}

# timed COMMAND... : runs it (its output thrown away) and prints "WALL PEAK":
# the wall time in seconds, to the millisecond, and the peak memory in KB.
timed() {
    local t start end
    t=$(mktemp)
    start=$(date +%s%N)
    /usr/bin/time -f "%M" "$@" > /dev/null 2> "$t" || true
    end=$(date +%s%N)
    echo "$(awk -v ns=$((end - start)) 'BEGIN {printf "%.3f", ns / 1e9}') $(tail -1 "$t")"
    rm -f "$t"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# report N FORM... : a line per form, from the runs collected in the
# associative arrays `walls` and `peaks` (space-separated seconds and KB):
# median wall time, peak memory, and the ratio to the first form.
report() {
    local n=$1 base w p form
    shift
    base=$(echo "${walls[$1]}" | tr ' ' '\n' | grep . | median)
    for form in "$@"; do
        w=$(echo "${walls[$form]}" | tr ' ' '\n' | grep . | median)
        p=$(echo "${peaks[$form]}" | tr ' ' '\n' | grep . | sort -n | tail -1)
        printf '%-8s %-6s %8.2f s %7.1f MB %7.2fx\n' "$n" "$form" "$w" "$(echo "$p" | awk '{print $1/1024}')" \
            "$(awk -v a="$w" -v b="$base" 'BEGIN {print (b > 0 ? a / b : 0)}')"
    done
}
