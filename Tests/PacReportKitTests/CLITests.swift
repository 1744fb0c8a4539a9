// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing
@testable import PacReportKit
@testable import PacAggregates
@testable import PacBase
@testable import PacCSV
@testable import PacDataset
@testable import PacDocument
@testable import PacLayout
@testable import PacODT
@testable import PacOutput
@testable import PacPDF

/// The built `pacreport` binary: exit codes, what goes to which stream,
/// and that nothing is written (or replaced) when a run fails.
@Suite struct CLITests {
    let example = TestSupport.example.path

    @Test func checkOfTheExamplePasses() throws {
        let r = try CLIRunner.run(["check", example])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdoutText.contains("5 activities"))
    }

    @Test func checkOfABrokenDatasetExitsOneWithEveryDiagnostic() throws {
        let (dataset, expected) = TestSupport.errorCase("bad-enum")
        let r = try CLIRunner.run(["check", dataset.path])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(expected.count)) == expected)
        #expect(lines.last == "\(dataset.lastPathComponent): 3 errors, 0 warnings")
        #expect(r.stdout.isEmpty)
    }

    @Test func exportWritesOnlyTheTableToStandardOutput() throws {
        let r = try CLIRunner.run(["export", TestSupport.base.path, "--table", "by-kind"])
        #expect(r.status == 0)
        #expect(r.stdoutText == ExportTests.crlf(ExportTests.expected[.byKind]!))
        #expect(r.stderr == "")
    }

    @Test func usageErrorsExitTwo() throws {
        for arguments in [["export", example, "--table", "nope"], ["export", example, "--table", "plan", "--lang", "it"],
                          ["render", example, "--format", "docx"], ["frobnicate"], ["check"],
                          ["export", example, "--table", "plan", "--delimiter", "\"\""]] {
            let r = try CLIRunner.run(arguments)
            #expect(r.status == 2, "\(arguments): \(r.stderr)")
            #expect(!r.stderr.isEmpty)
        }
    }

    @Test func helpAndVersionExitZero() throws {
        let help = try CLIRunner.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdoutText.contains("pacreport init"))
        let version = try CLIRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdoutText.hasPrefix("pacreport \(PacReportVersion.current) (cairo 1.16"))
        // A command's help names the program too (a command line naming a
        // command is parsed by that command first; its help comes from the root).
        for line in [["check", "--help"], ["render", TestSupport.example.path, "-h"], ["export", "--help"]] {
            let r = try CLIRunner.run(line)
            #expect(r.status == 0)
            #expect(r.stdoutText.contains("USAGE: pacreport \(line[0]) <dataset"), "\(line): \(r.stdoutText)")
        }
        // ... and an option the command lacks is refused as before.
        let after = try CLIRunner.run(["check", "--version"])
        #expect(after.status == 2)
        #expect(after.stderr == "Error: unknown option '--version' for 'check'; use one of: --all, --help\n")
    }

    @Test func renderCSVWritesEveryTable() throws {
        let out = TestSupport.temporaryFolder().appendingPathComponent("nested/reports")
        let r = try CLIRunner.run(["render", TestSupport.base.path, "--format", "csv", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let folder = out.appendingPathComponent("contract-summary-2020-en-csv")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ExportTable.allCases.map(\.fileName).sorted())
        for table in ExportTable.allCases {
            let text = try String(contentsOf: folder.appendingPathComponent(table.fileName), encoding: .utf8)
            #expect(text == ExportTests.crlf(ExportTests.expected[table]!))
        }
    }

    @Test func aDatasetWithErrorsWritesNothingAndKeepsTheOldReport() throws {
        let out = TestSupport.temporaryFolder()
        let good = try CLIRunner.run(["render", TestSupport.base.path, "--format", "csv", "--out", out.path])
        #expect(good.status == 0)
        let file = out.appendingPathComponent("contract-summary-2020-en-csv/activities.csv")
        let before = try Data(contentsOf: file)
        let (broken, _) = TestSupport.errorCase("outside-year")
        let bad = try CLIRunner.run(["render", broken.path, "--format", "csv", "--out", out.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("nothing was written"))
        #expect(try Data(contentsOf: file) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["contract-summary-2020-en-csv"])

        let fresh = TestSupport.temporaryFolder().appendingPathComponent("never-made")
        let none = try CLIRunner.run(["render", broken.path, "--format", "csv", "--out", fresh.path])
        #expect(none.status == 1)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        let exportFile = out.appendingPathComponent("table.csv")
        let exportRun = try CLIRunner.run(["export", broken.path, "--table", "plan", "-o", exportFile.path])
        #expect(exportRun.status == 1)
        #expect(!FileManager.default.fileExists(atPath: exportFile.path))
    }

    @Test func unwritableOutputExitsThreeAndLeavesNoTemporaryFiles() throws {
        let folder = TestSupport.temporaryFolder()
        let blocker = folder.appendingPathComponent("a-file")
        TestSupport.write("keep me", to: blocker)
        let r = try CLIRunner.run(["render", TestSupport.base.path, "--format", "csv", "--out", blocker.path])
        #expect(r.status == 3)
        #expect(r.stderr.contains("is a file, not a folder"))
        #expect(try String(contentsOf: blocker, encoding: .utf8) == "keep me")

        let missing = try CLIRunner.run(["export", TestSupport.base.path, "--table", "plan", "-o",
                                         folder.appendingPathComponent("no/such/dir/plan.csv").path])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("does not exist"))

        if getuid() != 0 {  // root writes anywhere; the permission case needs a normal user
            let locked = folder.appendingPathComponent("locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
            chmod(locked.path, 0o500)
            defer { chmod(locked.path, 0o700) }
            let denied = try CLIRunner.run(["export", TestSupport.base.path, "--table", "plan", "-o",
                                            locked.appendingPathComponent("plan.csv").path])
            #expect(denied.status == 3)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a-file"])
    }

    /// A full disk (a tiny tmpfs, when this user may mount one): exit 3,
    /// a clear message, no partial file, the previous report intact.
    @Test func aFullDiskExitsThreeAndLosesNothing() throws {
        let disk = TestSupport.temporaryFolder("full")
        guard getuid() == 0, (try? Tool.run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.path]))?.status == 0 else {
            print("SKIP full disk: cannot mount a small tmpfs here (needs root)")
            return
        }
        defer { _ = try? Tool.run("umount", [disk.path]) }
        let good = try CLIRunner.run(["render", TestSupport.base.path, "--format", "csv", "--out", disk.path])
        #expect(good.status == 0)
        let table = disk.appendingPathComponent("contract-summary-2020-en-csv/activities.csv")
        let before = try Data(contentsOf: table)
        let big = URL(fileURLWithPath: "/tmp/pacreport-test-big-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: big) }
        try FileManager.default.copyItem(at: TestSupport.example, to: big)
        // All formats at once, and each writer alone (each streams into its file).
        for formats in ["pdf,odt,csv", "pdf", "odt"] {
            let r = try CLIRunner.run(["render", big.path, "--format", formats, "--out", disk.path])
            #expect(r.status == 3, "\(formats): \(r.stderr)")
            #expect(r.stderr.contains("No space left on device") || r.stderr.contains("(is the disk full?)"), "\(formats): \(r.stderr)")
            #expect(!r.stderr.contains(".tmp"), "no temporary name in the message: \(r.stderr)")
            #expect(try Data(contentsOf: table) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["contract-summary-2020-en-csv"])
        }
        // Standard output into a file on the full disk fails as loudly.
        _ = try Tool.run("bash", ["-c", "dd if=/dev/zero of='\(disk.path)/fill' bs=1k count=1000 2>/dev/null"])
        let stdout = try Tool.run("bash", ["-c", "'\(CLIRunner.binary.path)' export '\(big.path)' --table activities > '\(disk.path)/t.csv'"])
        #expect(stdout.status == 3, "\(stdout.err)")
        #expect(stdout.err.contains("could not be written to standard output: No space left on device"))
    }

    /// `-o` through a link writes the link's target; a device is written
    /// through (and /dev/full is a full disk: exit 3), never replaced.
    @Test func outputThroughLinksAndDevices() throws {
        let folder = TestSupport.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("real"), withIntermediateDirectories: true)
        TestSupport.write("old", to: folder.appendingPathComponent("real/target.csv"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.csv").path,
                                                   withDestinationPath: "real/target.csv")
        let r = try CLIRunner.run(["export", TestSupport.base.path, "--table", "by-kind", "-o", folder.appendingPathComponent("link.csv").path])
        #expect(r.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("link.csv").path) == "real/target.csv")
        #expect(try String(contentsOf: folder.appendingPathComponent("real/target.csv"), encoding: .utf8)
                == ExportTests.crlf(ExportTests.expected[.byKind]!))
        let full = try CLIRunner.run(["export", TestSupport.base.path, "--table", "by-kind", "-o", "/dev/full"])
        #expect(full.status == 3)
        #expect(full.stderr.contains("cannot write /dev/full: No space left on device"))
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/full is still a device")
    }

    /// `-o /dev/stdout` appends to the file standard output goes to,
    /// never replaces it; a dangling link gets its target made; a replaced
    /// file keeps its permissions.
    @Test func outputsThatAreStreamsLinksAndPrivateFiles() throws {
        let folder = TestSupport.temporaryFolder()
        let log = folder.appendingPathComponent("log.txt")
        TestSupport.write("line1\n", to: log)
        let r = try Tool.run("bash", ["-c", "'\(CLIRunner.binary.path)' export '\(TestSupport.base.path)' --table by-kind -o /dev/stdout >> '\(log.path)'"])
        #expect(r.status == 0)
        #expect(try String(contentsOf: log, encoding: .utf8) == "line1\n" + ExportTests.crlf(ExportTests.expected[.byKind]!))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling.csv").path,
                                                   withDestinationPath: "target.csv")
        #expect(try CLIRunner.run(["export", TestSupport.base.path, "--table", "plan", "-o", folder.appendingPathComponent("dangling.csv").path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("target.csv").path))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("dangling.csv").path)) == "target.csv")
        let secret = folder.appendingPathComponent("secret.csv")
        TestSupport.write("old", to: secret)
        chmod(secret.path, 0o600)
        #expect(try CLIRunner.run(["export", TestSupport.base.path, "--table", "plan", "-o", secret.path]).status == 0)
        var info = stat()
        #expect(stat(secret.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    /// A standard output or error that cannot be written: exit 3 for the
    /// output a command produces, and never a crash for diagnostics.
    @Test func brokenStandardStreams() throws {
        let binary = CLIRunner.binary.path
        let summary = try Tool.run("bash", ["-c", "'\(binary)' summary '\(TestSupport.example.path)' > /dev/full"])
        #expect(summary.status == 3)
        #expect(summary.err.contains("standard output could not be written"))
        let check = try Tool.run("bash", ["-c", "'\(binary)' check '\(TestSupport.example.path)' > /dev/full"])
        #expect(check.status == 3)
        let (broken, _) = TestSupport.errorCase("bad-enum")
        let quietErrors = try Tool.run("bash", ["-c", "'\(binary)' check '\(broken.path)' 2>/dev/full; echo $?"])
        #expect(quietErrors.out.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        let closed = try Tool.run("bash", ["-c", "'\(binary)' check '\(broken.path)' 2>&-; echo $?"])
        #expect(closed.out.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    /// A failed render removes the folders it made, parents included
    /// (here the PDF is larger than the file size limit allows).
    @Test func aFailedRenderRemovesTheFoldersItMade() throws {
        let folder = TestSupport.temporaryFolder()
        let out = folder.appendingPathComponent("f/g/h")
        let r = try Tool.run("bash", ["-c", "ulimit -f 20; '\(CLIRunner.binary.path)' render '\(TestSupport.example.path)' --format pdf --out '\(out.path)'"])
        #expect(r.status == 3, "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aFailedWriteMidwayLeavesNothingBehind() throws {
        let folder = TestSupport.temporaryFolder()
        let target = folder.appendingPathComponent("report.csv")
        TestSupport.write("old", to: target)
        do {
            let transaction = OutputTransaction()
            try transaction.stage(Array("new".utf8), to: target)
            // The second file cannot be written: its folder is missing.
            #expect(throws: OutputError.self) {
                try transaction.stage(Array("x".utf8), to: folder.appendingPathComponent("missing/other.csv"))
            }
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.csv"])
    }

    @Test func initCreatesAValidDatasetAndNeverOverwrites() throws {
        let folder = TestSupport.temporaryFolder().appendingPathComponent("new-dataset")
        let r = try CLIRunner.run(["init", folder.path, "--year", "2021"])
        #expect(r.status == 0, "\(r.stderr)")
        let check = try CLIRunner.run(["check", folder.path])
        #expect(check.status == 0)
        #expect(check.stderr == "", "the starter dataset has no warnings")
        let yaml = try String(contentsOf: folder.appendingPathComponent("report.yaml"), encoding: .utf8)
        #expect(yaml.contains("year: 2021"))
        #expect(yaml.contains("# "))
        let again = try CLIRunner.run(["init", folder.path])
        #expect(again.status == 2)
        #expect(try String(contentsOf: folder.appendingPathComponent("report.yaml"), encoding: .utf8) == yaml)
    }

    @Test func summaryAlignsByDisplayWidth() throws {
        let r = try CLIRunner.run(["summary", TestSupport.fixtures.appendingPathComponent("multiscript").path])
        #expect(r.status == 0)
        let rows = r.stdoutText.split(separator: "\n").map(String.init)
        let centreRows = rows.filter { $0.hasSuffix("9") && $0.contains("中国国家图书馆") || $0.contains("ҚРҰК") }
        #expect(centreRows.count == 2)
        let header = rows.first { $0.hasPrefix("Centre") }!
        for row in centreRows { #expect(row.displayWidth == header.displayWidth, "\(row)") }
        #expect(r.stdoutText.contains("at least 83"))
    }
}

@Suite struct TerminalTableTests {
    @Test func displayWidthCountsColumnsNotBytes() {
        #expect("abc".displayWidth == 3)
        #expect("Қазақстан".displayWidth == 9)
        #expect("中国".displayWidth == 4)
        #expect("국립".displayWidth == 4)
        #expect("e\u{301}".displayWidth == 1)
    }

    @Test func columnsLineUp() {
        var table = TerminalTable(header: ["Name", "N"], alignments: [.left, .right])
        table.add(["中国国家图书馆", "1"])
        table.add(["Alpha", "22"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines == ["Name             N", "──────────────  ──", "中国国家图书馆   1", "Alpha           22"])
    }
}

/// README.md, "A tour": "did you mean ..." for every mistyped name, language codes in
/// any case, warnings capped at ten of a kind unless `check --all`.
@Suite struct CommandLineHelpTests {
    static let example = TestSupport.example.path

    @Test(arguments: [
        (["chek", example], "Error: unknown command 'chek'; did you mean 'check'? (see 'pacreport --help')"),
        (["rendr", example], "Error: unknown command 'rendr'; did you mean 'render'? (see 'pacreport --help')"),
        (["export", example, "--tabel", "by-country"], "Error: unknown option '--tabel' for 'export'; did you mean '--table'?"),
        (["export", example, "--table", "by-countries"], "Error: unknown table 'by-countries'; did you mean 'by-country'?"),
        (["export", example, "--table=plan-fulfillment"], "Error: unknown table 'plan-fulfillment'; did you mean 'plan-fulfilment'?"),
        (["render", example, "--format", "pdf,otd"], "Error: unknown format 'otd'; did you mean 'odt'?"),
        (["render", example, "--formt", "pdf"], "Error: unknown option '--formt' for 'render'; did you mean '--format'?"),
        (["summary", example, "--lang", "rus"], "Error: unknown language 'rus'; did you mean 'ru'?"),
        (["render", example, "--paper", "leter"], "Error: unknown paper size 'leter'; did you mean 'letter'?"),
        (["render", example, "--pdf-standard", "a2b"], "Error: unknown PDF standard 'a2b'; did you mean 'a-2b'?"),
        (["--versoin"], "Error: unknown option '--versoin'; did you mean '--version'? (see 'pacreport --help')"),
        (["summary", example, "--lang", "xx"], "Error: unknown language 'xx'; use one of: en, ru, kk, fr, es, de, ar, zh"),
        (["help", "rendr"], "Error: unknown command 'rendr'; did you mean 'render'? (see 'pacreport --help')"),
        (["export", example, "-V"], "Error: unknown option '-V' for 'export'; use one of: -h, -o"),
        (["render", example, "--format", "odf"], "Error: unknown format 'odf'; did you mean 'odt'?"),
        (["export", example, "--table", "plan", "--lang", "en,ru"], "Error: unknown language 'en,ru'; use one of: en, ru, kk, fr, es, de, ar, zh"),
        // Given twice, ArgumentParser keeps the last value: the first is read all the same.
        (["render", example, "--format", "pdx", "--format", "csv"], "Error: unknown format 'pdx'; did you mean 'pdf'?"),
        (["render", example, "--lang", "ru,xx", "--lang", "en"], "Error: unknown language 'xx'; use one of: en, ru, kk, fr, es, de, ar, zh"),
    ])
    func aMistypedNameGetsASuggestion(_ arguments: [String], _ message: String) throws {
        let r = try CLIRunner.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderr == message + "\n", "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func valuesInAnyCase() throws {
        let out = TestSupport.temporaryFolder("any-case")
        let r = try CLIRunner.run(["render", Self.example, "--paper", "A4", "--pdf-standard", "A-2B", "--format", "PDF", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let table = try CLIRunner.run(["export", Self.example, "--table", "BY-COUNTRY"])
        #expect(table.status == 0 && table.stdoutText.hasPrefix("country_code,"))
    }

    @Test func languageCodesInAnyCase() throws {
        let upper = try CLIRunner.run(["summary", Self.example, "--lang", "RU"])
        let lower = try CLIRunner.run(["summary", Self.example, "--lang", "ru"])
        #expect(upper.status == 0 && upper.stdoutText == lower.stdoutText && upper.stdoutText.contains("Отчёт"))
    }

    @Test func suggestionDistances() {
        #expect(Suggestion.distance("chek", "check") == 1)
        #expect(Suggestion.distance("odt", "otd") == 1)  // a swap is one edit
        #expect(Suggestion.closest(to: "CHECK", among: ["check", "render"]) == "check")
        #expect(Suggestion.closest(to: "zzzzz", among: ["check", "render"]) == nil)
    }

    @Test func warningsAreCappedAtTenOfAKindUnlessAll() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "activities.csv") { text in
            text + (0..<25).map { "W\($0),2020-05-0\(1 + $0 % 9),,alpha,organizer,meeting,online,Extra \($0),,,\n" }.joined()
        }
        let capped = try CLIRunner.run(["check", dataset.path])
        #expect(capped.status == 0)
        let lines = capped.stderr.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines.filter { $0.contains(": warning: activity 'W") }.count == 10)
        #expect(lines.last == "activities.csv: 15 more warnings like \"activity 'W10' has no rows in participation.csv; it counts 0 participants and no countries\" not shown; 'pacreport check --all \(dataset.path)' shows every one")
        let all = try CLIRunner.run(["check", "--all", dataset.path])
        #expect(all.stderr.split(separator: "\n").count == 25)
        let summary = try CLIRunner.run(["summary", dataset.path])
        #expect(summary.status == 0)
        #expect(summary.stderr == "\(dataset.lastPathComponent): 25 warnings; 'pacreport check \(dataset.path)' lists them\n")
    }
}

/// `--lang en,ru,kk`: one load, a set of files per language.
@Suite struct SeveralLanguagesTests {
    @Test func everyLanguageInOneRun() throws {
        let out = TestSupport.temporaryFolder("languages")
        let r = try CLIRunner.run(["render", TestSupport.example.path, "--lang", "en,ru,KK", "--format", "pdf,csv", "--out", out.path],
                                  environment: ["SOURCE_DATE_EPOCH": "1608768000"])
        #expect(r.status == 0, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["contract-summary-2020-en-csv", "contract-summary-2020-en.pdf", "contract-summary-2020-kk-csv",
                          "contract-summary-2020-kk.pdf", "contract-summary-2020-ru-csv", "contract-summary-2020-ru.pdf"])
        for (lang, name) in [("en", "KZ,Kazakhstan,"), ("ru", "KZ,Казахстан,"), ("kk", "KZ,Қазақстан,")] {
            let table = try String(contentsOf: out.appendingPathComponent("contract-summary-2020-\(lang)-csv/by-country.csv"), encoding: .utf8)
            #expect(table.contains(name), "\(lang): \(table)")
        }
        // Each file as a run in that language alone writes it.
        let single = TestSupport.temporaryFolder("one-language")
        _ = try CLIRunner.run(["render", TestSupport.example.path, "--lang", "ru", "--format", "pdf", "--out", single.path],
                              environment: ["SOURCE_DATE_EPOCH": "1608768000"])
        #expect(FileManager.default.contents(atPath: single.appendingPathComponent("contract-summary-2020-ru.pdf").path)
                == FileManager.default.contents(atPath: out.appendingPathComponent("contract-summary-2020-ru.pdf").path))
    }

    @Test func anUnknownLanguageInTheListIsAUsageError() throws {
        let r = try CLIRunner.run(["render", TestSupport.example.path, "--lang", "en,it", "--out", TestSupport.temporaryFolder().path])
        #expect(r.status == 2)
        #expect(r.stderr == "Error: unknown language 'it'; use one of: en, ru, kk, fr, es, de, ar, zh\n")
    }
}

extension CommandLineHelpTests {
    /// The manual page and the shell completions are made by running the
    /// program with ArgumentParser's own options: they must pass.
    @Test func argumentParsersOwnOptionsPass() throws {
        let dump = try CLIRunner.run(["--experimental-dump-help"])
        #expect(dump.status == 0 && dump.stdoutText.contains("\"commandName\" : \"pacreport\""), "\(dump.stderr)")
        let completion = try CLIRunner.run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0 && completion.stdoutText.contains("pacreport"))
    }
}
