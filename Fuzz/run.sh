#!/usr/bin/env bash
# Builds the libFuzzer target and runs it for SECONDS (default 60) on the
# corpus in Fuzz/corpus (seeded from the examples). Extra arguments go to libFuzzer.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}; shift || true
swift build -c release --scratch-path ../.build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product PacReportFuzz 2>&1 \
    | grep -vE "prohibited flag|PrivacyInfo|^\[" | tail -3 >&2
bin=../.build-fuzz/release/PacReportFuzz
mkdir -p corpus crashes
# Seeds: each file of the examples, with its selector byte.
i=0
for f in ../Examples/ifla-pac-2020/report.yaml ../Examples/ifla-pac-2020/activities.csv \
         ../Examples/ifla-pac-2020/participation.csv ../Examples/ifla-pac-2020/plan.csv; do
    { printf "\\x$(printf %02x $i)"; cat "$f"; } > "corpus/seed-$i"
    i=$((i + 1))
done
"$bin" corpus -max_total_time="$seconds" -artifact_prefix=crashes/ -max_len=65536 -timeout=10 -rss_limit_mb=4096 "$@" 2>&1 | tail -12
