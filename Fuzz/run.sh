#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
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
# Workbook seeds (LoaderExercise's selectors): a whole .xlsx (0xEF), an
# xlsx sheet's XML (0xF0), an .ods content.xml with three sheets (0xF8).
python3 - <<'PY'
import zipfile
s = "../Tests/PacReportKitTests/Fixtures/spreadsheets/base/"
open("corpus/seed-workbook", "wb").write(b"\xef" + open(s + "workbook-xlsx/pac.xlsx", "rb").read())
open("corpus/seed-xlsx-sheet", "wb").write(b"\xf0" + zipfile.ZipFile(s + "xlsx/activities.xlsx").read("xl/worksheets/sheet1.xml"))
open("corpus/seed-xlsx-sheet-valid", "wb").write(b"\xf0" + open("../Sources/PacReportKit/Commands/LoaderExercise.swift").read()
    .split('xlsxSeedSheet = "', 1)[1].split('"\n', 1)[0].replace('\\"', '"').encode())
open("corpus/seed-ods-content", "wb").write(b"\xf8" + zipfile.ZipFile(s + "workbook-ods/pac.ods").read("content.xml"))
PY
# Known leaks of dependencies, not of pacreport (each named in the file).
export LSAN_OPTIONS="suppressions=$PWD/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
"$bin" corpus -max_total_time="$seconds" -artifact_prefix=crashes/ -max_len=65536 -timeout=10 -rss_limit_mb=4096 "$@" 2>&1 | tail -12
