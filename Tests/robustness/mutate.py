#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
"""mutate.py [--mutants N] [--seed S] [--bin PATH] [--keep DIR]

Mutation harness over whole datasets: takes valid datasets (the example and
the test fixtures, and the fixtures' tables as Calc saved them: xlsx, ods,
one workbook, ';' CSV, UTF-16 text), breaks them the way hand-kept
spreadsheets get broken (byte flips, stray quotes, deleted and doubled
lines, truncation, invalid UTF-8, NUL bytes, 200,000-character fields,
25-digit numbers, missing files, shuffled or renamed headers, deeply nested
YAML, control characters; in workbooks: the same inside a sheet's XML,
rezipped, raw bytes of the zip, entities, huge repeat counts) and checks
the invariants for each mutant:

  * no crash (signal) and no hang (time limit) in `check` and `render`;
  * exit status 0 or 1 only, and `check` fails exactly when `render` fails;
  * a failed render writes nothing and leaves the previous report
    byte-identical; a successful one writes complete files (PDF that qpdf
    accepts, ODT that unzips, all eight CSV tables).

Prints one line per failure and a last line 'N passed, M failed'. Mutants
that break an invariant are kept (--keep) as regression fixtures.
"""
import argparse, hashlib, os, random, shutil, subprocess, sys, tempfile, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SEEDS = [os.path.join(REPO, "Examples/ifla-pac-2020"),
         os.path.join(REPO, "Tests/PacReportKitTests/Fixtures/base"),
         os.path.join(REPO, "Tests/PacReportKitTests/Fixtures/multiscript")]
SPREADSHEETS = os.path.join(REPO, "Tests/PacReportKitTests/Fixtures/spreadsheets")
FORMS = [("base", "xlsx"), ("base", "workbook-ods"), ("multiscript", "ods"), ("multiscript", "workbook-xlsx"),
         ("multiscript", "semicolon"), ("base", "utf16")]


def spreadsheet_seeds(work):
    """Datasets whose tables are the Calc-made spreadsheet fixtures."""
    seeds = []
    for source, form in FORMS:
        folder = os.path.join(work, f"seed-{source}-{form}")
        os.makedirs(folder)
        shutil.copy(os.path.join(REPO, "Tests/PacReportKitTests/Fixtures", source, "report.yaml"), folder)
        for f in os.listdir(os.path.join(SPREADSHEETS, source, form)):
            shutil.copy(os.path.join(SPREADSHEETS, source, form, f), folder)
        seeds.append(folder)
    return seeds


def mutate_xml(rnd, data):
    """One mutation of an XML part: the spreadsheet's own ways of breaking."""
    kind = rnd.choice(["flip", "truncate", "delete", "double", "entity", "repeat", "text", "utf8"])
    if kind == "flip" and data:
        i = rnd.randrange(len(data)); data = data[:i] + bytes([data[i] ^ (1 << rnd.randrange(8))]) + data[i + 1:]
    elif kind == "truncate" and data:
        data = data[:rnd.randrange(len(data))]
    elif kind == "delete" and data:
        i = rnd.randrange(len(data)); data = data[:i] + data[i + rnd.randrange(1, 200):]
    elif kind == "double":
        for tag in [b"<row ", b"<table:table-row", b"<c ", b"<table:table-cell", b"<si>"]:
            i = data.find(tag, rnd.randrange(max(len(data), 1)))
            if i >= 0:
                j = data.find(b">", i) + 1; data = data[:i] + data[i:j + 200] + data[i:]; break
    elif kind == "entity":
        data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd"><!ENTITY l "lol">]>', 1)
        data = data.replace(b"<t>", b"<t>&e;&l;", 1).replace(b"<text:p>", b"<text:p>&e;&l;", 1)
    elif kind == "repeat":
        data = data.replace(b"<table:table-row", b'<table:table-row table:number-rows-repeated="%d"' % rnd.choice([2, 500, 5000]), 1)
        data = data.replace(b"<table:table-cell office:", b'<table:table-cell table:number-columns-repeated="%d" office:' % rnd.choice([3, 20000]), 1)
        data = data.replace(b'<row r="2"', b'<row r="1048576"', 1).replace(b'r="A2"', b'r="XFD2"', 1)
    elif kind == "text":
        data = data.replace(b"</t>", ("Ж" * rnd.choice([10, 100_000])).encode() + b"</t>", 1)
        data = data.replace(b"</text:p>", b"<text:s text:c=\"99999999\"/></text:p>", 1)
    elif kind == "utf8" and data:
        i = rnd.randrange(len(data)); data = data[:i] + b"\xff\xc3" + data[i:]
    return data, kind


def mutate_workbook(rnd, path):
    """Mutates an xlsx or ods: inside one XML part (rezipped, so the XML reader sees it) or the zip's raw bytes."""
    try:
        with zipfile.ZipFile(path) as z:
            items = [(i, z.read(i.filename)) for i in z.infolist()]
    except Exception:  # already broken by an earlier mutation: break its bytes further
        items = None
    if items is None or rnd.random() < 0.2:
        data = open(path, "rb").read()
        if rnd.random() < 0.5 and data:
            i = rnd.randrange(len(data)); data = data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1:]
            kind = "zip-flip"
        else:
            data = data[:rnd.randrange(len(data) or 1)]; kind = "zip-truncate"
        open(path, "wb").write(data)
        return kind
    xml = [n for n, (i, _) in enumerate(items) if i.filename.endswith(".xml") and ("sheet" in i.filename or "content" in i.filename or "workbook" in i.filename or "styles" in i.filename)]
    n = rnd.choice(xml or list(range(len(items))))
    data, kind = mutate_xml(rnd, items[n][1])
    items[n] = (items[n][0], data)
    with zipfile.ZipFile(path, "w") as z:
        for info, content in items:
            z.writestr(info, content)
    return f"xml-{kind}:{items[n][0].filename}"


def lines_of(data):
    return data.split(b"\n")


def mutate(rnd, folder):
    """Applies one or two random mutations to the dataset in folder; returns their names."""
    done = []
    for _ in range(rnd.choice([1, 1, 2])):
        names = sorted(os.listdir(folder))
        if not names:
            continue
        name = rnd.choice(names)
        path = os.path.join(folder, name)
        if name.endswith((".xlsx", ".ods")) and rnd.random() < 0.85:
            done.append(f"{mutate_workbook(rnd, path)} of {name}")
            continue
        data = open(path, "rb").read()
        kind = rnd.choice(["flip", "quote", "delete-line", "double-line", "truncate", "utf8", "nul", "long-field",
                           "big-number", "missing-file", "shuffle-header", "rename-header", "nested-yaml",
                           "control", "empty", "crlf", "bom", "swap-lines"])
        lines = lines_of(data)
        if kind == "flip" and data:
            i = rnd.randrange(len(data)); data = data[:i] + bytes([data[i] ^ (1 << rnd.randrange(8))]) + data[i + 1:]
        elif kind == "quote" and data:
            i = rnd.randrange(len(data)); data = data[:i] + b'"' + data[i:]
        elif kind == "delete-line" and len(lines) > 1:
            del lines[rnd.randrange(len(lines))]; data = b"\n".join(lines)
        elif kind == "double-line" and lines:
            i = rnd.randrange(len(lines)); lines.insert(i, lines[i]); data = b"\n".join(lines)
        elif kind == "swap-lines" and len(lines) > 2:
            i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines)); lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif kind == "truncate" and data:
            data = data[:rnd.randrange(len(data))]
        elif kind == "utf8" and data:
            i = rnd.randrange(len(data)); data = data[:i] + rnd.choice([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80"]) + data[i:]
        elif kind == "nul" and data:
            i = rnd.randrange(len(data)); data = data[:i] + b"\x00" + data[i:]
        elif kind == "long-field" and name.endswith(".csv") and len(lines) > 1:
            i = rnd.randrange(1, len(lines)); lines[i] = lines[i] + b"," + b"x" * 200_000 if rnd.random() < 0.3 else \
                lines[i].replace(b",", b',"' + ("Ж" * 100_000).encode() + b'",', 1)
            data = b"\n".join(lines)
        elif kind == "big-number":
            data = data.replace(b",3,", b",1234567890123456789012345,", 1).replace(b"year: 20", b"year: 9999999999999999999999920", 1)
        elif kind == "missing-file":
            os.remove(path); done.append(f"{kind}:{name}"); continue
        elif kind == "shuffle-header" and name.endswith(".csv") and lines:
            cols = lines[0].split(b","); rnd.shuffle(cols); lines[0] = b",".join(cols); data = b"\n".join(lines)
        elif kind == "rename-header" and name.endswith(".csv") and lines:
            cols = lines[0].split(b","); i = rnd.randrange(len(cols)); cols[i] = cols[i].upper() if rnd.random() < 0.5 else cols[i] + b"x"
            lines[0] = b",".join(cols); data = b"\n".join(lines)
        elif kind == "nested-yaml" and name == "report.yaml":
            depth = rnd.choice([50, 1000, 20000])
            data = data + b"\nextra: " + b"[" * depth + b"]" * depth + b"\n"
        elif kind == "control" and data:
            i = rnd.randrange(len(data)); data = data[:i] + bytes([rnd.choice([1, 7, 8, 11, 27, 127])]) + data[i:]
        elif kind == "empty":
            data = b""
        elif kind == "crlf":
            data = data.replace(b"\n", b"\r\n")
        elif kind == "bom":
            data = b"\xef\xbb\xbf" + data
        open(path, "wb").write(data)
        done.append(f"{kind}:{name}")
    return done


def digest(folder):
    h = hashlib.sha256()
    for root, _, files in sorted(os.walk(folder)):
        for f in sorted(files):
            p = os.path.join(root, f)
            h.update(p[len(folder):].encode()); h.update(open(p, "rb").read())
    return h.hexdigest()


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mutants", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin", default=os.path.join(REPO, ".build/debug/pacreport"))
    ap.add_argument("--keep", default=os.path.join(REPO, "Tests/robustness/failures"))
    ap.add_argument("--deep", action="store_true", help="also check every successful PDF with qpdf")
    ap.add_argument("--verbose", action="store_true", help="print every mutant and the exit statuses")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="mutate-")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1608768000")
    passed = failed = 0
    seeds = SEEDS + spreadsheet_seeds(work)
    try:
        for n in range(a.mutants):
            seed = rnd.choice(seeds)
            folder = os.path.join(work, f"mutant-{n}")
            shutil.copytree(seed, folder)
            what = mutate(rnd, folder)
            out = os.path.join(work, f"out-{n}")
            # A previous good report that a failed run must leave as it is.
            subprocess.run([a.bin, "render", seed, "--format", "pdf,odt,csv", "--out", out], capture_output=True, env=env)
            if not (os.path.isdir(out) and os.listdir(out)):
                print(f"seed {seed} does not render"); failed += 1; continue
            before = digest(out)
            check, check_err = run([a.bin, "check", folder], 30)
            render, render_err = run([a.bin, "render", folder, "--format", "pdf,odt,csv", "--out", out], 120)
            problems = []
            for label, status, err in (("check", check, check_err), ("render", render, render_err)):
                if status == "timeout":
                    problems.append(f"{label} hung")
                elif status < 0:
                    problems.append(f"{label} crashed (signal {-status})")
                elif status not in (0, 1):
                    problems.append(f"{label} exit {status}: {err.strip().splitlines()[-1:] }")
            if check in (0, 1) and render in (0, 1) and check != render:
                problems.append(f"check exit {check} but render exit {render}")
            if render == 1 and digest(out) != before:
                problems.append("failed render changed the output folder")
            if render == 0:
                names = os.listdir(out)
                if any(x.startswith(".") for x in names):
                    problems.append("temporary file left behind")
                pdfs = [x for x in names if x.endswith(".pdf")]
                odts = [x for x in names if x.endswith(".odt")]
                csvs = [x for x in names if x.endswith("-csv")]
                if not pdfs or not odts or not csvs:
                    problems.append(f"missing output: {names}")
                for o in odts:
                    try:
                        if zipfile.ZipFile(os.path.join(out, o)).testzip() is not None:
                            problems.append("ODT does not unzip")
                    except zipfile.BadZipFile:
                        problems.append("ODT does not unzip")
                for c in csvs:
                    if len(os.listdir(os.path.join(out, c))) != 8:
                        problems.append("CSV tables missing")
                if a.deep and shutil.which("qpdf"):
                    for p in pdfs:
                        if subprocess.run(["qpdf", "--check", os.path.join(out, p)], capture_output=True).returncode != 0:
                            problems.append("qpdf rejects the PDF")
            if a.verbose:
                print(f"mutant {n}: {', '.join(what)} of {os.path.basename(seed)}: check {check}, render {render}")
            if problems:
                failed += 1
                kept = os.path.join(a.keep, f"mutant-{a.seed}-{n}")
                shutil.rmtree(kept, ignore_errors=True)
                shutil.copytree(folder, kept)
                print(f"FAIL mutant {n} ({', '.join(what)} of {os.path.basename(seed)}): {'; '.join(problems)} -> kept in {kept}")
            else:
                passed += 1
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
