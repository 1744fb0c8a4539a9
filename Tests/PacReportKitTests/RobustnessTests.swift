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

/// Extreme but valid data, and renders that run at the same time.
@Suite struct RobustnessTests {
    /// A 200,000-character title and 500 participation rows on one
    /// activity: the report is written (the title cut in tables, with a
    /// warning), every output complete.
    @Test func extremeButValidDataRenders() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        let words = ["conservation", "paper", "Реставрация", "қолжазба", "manuscript", "書籍", "שימור", "ترميم"]
        var title = ""
        var i = 0
        while title.count < 200_000 { title += words[i % words.count] + " "; i += 1 }
        title = String(title.prefix(200_000))
        let csv = try String(contentsOf: dataset.appendingPathComponent("activities.csv"), encoding: .utf8)
            .replacingOccurrences(of: "Training days", with: "\"\(title)\"")
        TestSupport.write(csv, to: dataset.appendingPathComponent("activities.csv"))
        let codes = Countries.codes.sorted()
        var participation = try String(contentsOf: dataset.appendingPathComponent("participation.csv"), encoding: .utf8)
        for n in 0..<500 { participation += "A1,\(codes[n % codes.count]),Institution \(n),\(n % 9),\n" }
        TestSupport.write(participation, to: dataset.appendingPathComponent("participation.csv"))

        let out = TestSupport.temporaryFolder("extreme")
        let r = try CLIRunner.run(["render", dataset.path, "--format", "pdf,odt,csv", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("the title of activity 'A2' has 200000 characters; the report shows the first 1000"))
        let exported = try String(contentsOf: out.appendingPathComponent("contract-summary-2020-en-csv/activities.csv"), encoding: .utf8)
        #expect(exported.contains(title.trimmingCharacters(in: .whitespaces)), "the CSV keeps the whole title")
        let byCentre = try String(contentsOf: out.appendingPathComponent("contract-summary-2020-en-csv/by-country.csv"), encoding: .utf8)
        #expect(byCentre.split(separator: "\r\n").count == 1 + codes.count)
        if Tool.available("qpdf") {
            #expect(try Tool.run("qpdf", ["--check", out.appendingPathComponent("contract-summary-2020-en.pdf").path]).status == 0)
        }
        let odt = out.appendingPathComponent("contract-summary-2020-en.odt")
        #expect(try ODTTests.parts(odt)["content.xml"] != nil)
    }

    /// Two renders of different datasets into one folder at once: both
    /// reports complete, no temporary file left.
    @Test func concurrentRendersIntoOneFolder() throws {
        let out = TestSupport.temporaryFolder("together")
        let other = TestSupport.copy(TestSupport.base)
        let yaml = try String(contentsOf: other.appendingPathComponent("report.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "year: 2020", with: "year: 2021")
        TestSupport.write(yaml, to: other.appendingPathComponent("report.yaml"))
        for name in ["activities.csv", "plan.csv"] {
            let text = try String(contentsOf: other.appendingPathComponent(name), encoding: .utf8)
                .replacingOccurrences(of: "2021", with: "2022").replacingOccurrences(of: "2020", with: "2021")
            TestSupport.write(text, to: other.appendingPathComponent(name))
        }
        // Both processes run at the same time; then both are waited for.
        let processes = [TestSupport.example, other].map { dataset -> Process in
            let process = Process()
            process.executableURL = CLIRunner.binary
            process.arguments = ["render", dataset.path, "--format", "pdf,odt,csv", "--out", out.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["contract-summary-2020-en-csv", "contract-summary-2020-en.odt", "contract-summary-2020-en.pdf",
                          "contract-summary-2021-en-csv", "contract-summary-2021-en.odt", "contract-summary-2021-en.pdf"])
        for name in names where name.hasSuffix(".odt") { #expect(try ODTTests.parts(out.appendingPathComponent(name)).count >= 5) }
    }

    /// Writers stream into temporary files for the whole render: one that
    /// is interrupted (Ctrl-C, `kill`) removes them and leaves the previous
    /// report as it was.
    @Test func anInterruptedRenderLeavesNoTemporaryFiles() throws {
        let dataset = TestSupport.temporaryFolder("interrupted").appendingPathComponent("data")
        let generated = try Tool.run("python3", [TestSupport.repository.appendingPathComponent("Benchmarks/generate.py").path,
                                                 "3000", dataset.path])
        guard generated.status == 0 else {
            print("SKIP interrupted render: python3 could not generate a dataset: \(generated.err)")
            return
        }
        let out = TestSupport.temporaryFolder("interrupted-out")
        let previous = out.appendingPathComponent("contract-summary-2020-en.pdf")
        try Data("the previous report".utf8).write(to: previous)
        for signal in [SIGTERM, SIGINT] {
            let process = Process()
            process.executableURL = CLIRunner.binary
            process.arguments = ["render", dataset.path, "--format", "pdf,odt,csv", "--out", out.path]
            process.standardOutput = FileHandle.nullDevice
            let errors = TestSupport.temporaryFolder("interrupted-err").appendingPathComponent("stderr")
            FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            // Wait until the writers are streaming into their temporary files.
            var streaming = false
            for _ in 0..<1500 where process.isRunning {
                let names = (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String]) ?? []
                if names.contains(where: { $0.hasSuffix(".tmp") }) { streaming = true; break }
                usleep(10_000)
            }
            #expect(streaming, "the render never wrote a temporary file")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            // The interrupt is said, with what it means for the files.
            let said = try String(contentsOf: errors, encoding: .utf8)
            let expected = signal == SIGINT ? "pacreport: interrupted; nothing was written" : "pacreport: stopped (SIGTERM); nothing was written"
            #expect(said.contains(expected), "\(said.suffix(300))")
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal,
                    "ended by the signal \(signal), as an interrupted program does, not \(process.terminationReason == .exit ? "exit" : "signal") \(process.terminationStatus)")
            let left = (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String]) ?? []
            #expect(!left.contains { $0.hasSuffix(".tmp") || $0.hasSuffix(".content") }, "left behind: \(left)")
            #expect(try Data(contentsOf: previous) == Data("the previous report".utf8))
        }
    }
}
