#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
# Two builds, the same results: runs `check` and `render --format csv,xlsx,ods`
# of both builds on every fixture folder and generated dataset, and the
# `export` of every table, and compares the diagnostics, the exit codes and
# every byte of every output (SOURCE_DATE_EPOCH set). For speed work
# (issue "Loading and exports at native speed"): a faster loader must say
# and write exactly what the one before it did.
#   Benchmarks/identical.sh OLD-PACREPORT [NEW-PACREPORT]
set -uo pipefail
cd "$(dirname "$0")/.."
old=$1
new=${2:-$(pwd)/.build/release/pacreport}
export SOURCE_DATE_EPOCH=1600000000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# An error case of the fixtures is the base dataset with its files laid
# over it (and those named in its remove.txt removed), as the tests make it.
cases=$work/cases
mkdir -p "$cases"
for c in Tests/PacReportKitTests/Fixtures/errors/*/; do
    name=$(basename "$c")
    cp -r Tests/PacReportKitTests/Fixtures/base "$cases/$name"
    cp "$c"/* "$cases/$name/"
    rm -f "$cases/$name/expect.txt" "$cases/$name/remove.txt"
    if [ -f "$c/remove.txt" ]; then (cd "$cases/$name" && xargs rm -f) < "$c/remove.txt"; fi
done
folders=()
while IFS= read -r f; do folders+=("$f"); done < <(
    { find Tests/PacReportKitTests/Fixtures Fuzz -name report.yaml -printf '%h\n' 2>/dev/null
      find "$cases" -mindepth 1 -maxdepth 1 -type d
      echo Examples/*/ | tr ' ' '\n'
      for n in 1000 10000-desc; do [ -d .build/bench-data/n$n ] && echo .build/bench-data/n$n; done
    } | sed 's:/*$::' | sort -u)
differ=0
for f in "${folders[@]}"; do
    for b in old new; do
        bin=${!b}
        o=$work/$b
        rm -rf "$o"; mkdir -p "$o/out"
        (cd "$f" && "$bin" check . > "$o/check.out" 2> "$o/check.err"; echo $? > "$o/check.rc")
        "$bin" render "$f" --format csv,xlsx,ods --out "$o/out" > "$o/render.out" 2> "$o/render.err"; echo $? > "$o/render.rc"
        for t in activities participation by-centre by-country by-kind by-month plan plan-fulfilment; do
            "$bin" export "$f" --table "$t" > "$o/export-$t.csv" 2>> "$o/export.err"
        done
        sed -i "s:$o:OUT:g" "$o"/*.out "$o"/*.err 2>/dev/null
    done
    if ! diff -r "$work/old" "$work/new" > "$work/diff" 2>&1; then
        echo "DIFFERS: $f"; head -20 "$work/diff"; differ=1
    fi
done
# The contract-term report and a year against the one before.
for b in old new; do
    bin=${!b}
    o=$work/term-$b
    rm -rf "$o"; mkdir -p "$o"
    "$bin" render Examples/ifla-pac-2020 Examples/ifla-pac-2021 --format csv,xlsx,ods --out "$o" > /dev/null 2> "$o.err"
    "$bin" render Examples/ifla-pac-2021 --previous Examples/ifla-pac-2020 --format csv --out "$o" > /dev/null 2>> "$o.err"
    "$bin" summary Examples/ifla-pac-2020 Examples/ifla-pac-2021 > "$o/summary.txt" 2>&1
done
if ! diff -r "$work/term-old" "$work/term-new" > "$work/diff" 2>&1; then
    echo "DIFFERS: the contract-term report"; head -20 "$work/diff"; differ=1
fi
echo "${#folders[@]} datasets and the contract-term report compared"
[ $differ = 0 ] && echo "identical" || { echo "outputs differ"; exit 1; }
