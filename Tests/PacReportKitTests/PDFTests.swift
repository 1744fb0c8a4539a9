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

/// External programs the output checks use (poppler, qpdf, LibreOffice, jing).
enum Tool {
    static func path(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func available(_ names: String...) -> Bool { names.allSatisfy { path($0) != nil } }

    /// Runs `name` and returns its exit status, standard output and error.
    @discardableResult
    static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(name) ?? "/usr/bin/\(name)")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

/// Renders datasets to PDF with the real binary and checks the files the
/// way readers and archives do: qpdf, pdffonts, pdftotext, pdfinfo.
@Suite(.enabled(if: Tool.available("qpdf", "pdftotext", "pdffonts", "pdfinfo"),
                "SKIP: needs poppler-utils and qpdf (scripts/setup installs them)"))
struct PDFTests {
    static let epoch = "1608768000"  // 2020-12-24, the summary meeting

    static func render(_ dataset: URL, _ extra: [String] = []) throws -> (pdf: URL, stderr: String) {
        let out = TestSupport.temporaryFolder("pdf")
        let r = try CLIRunner.run(["render", dataset.path, "--format", "pdf", "--out", out.path] + extra,
                                  environment: ["SOURCE_DATE_EPOCH": epoch])
        guard r.status == 0 else { throw TestFailure("render failed (\(r.status)): \(r.stderr)") }
        let name = try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".pdf") }!
        return (out.appendingPathComponent(name), r.stderr)
    }

    static func text(_ pdf: URL, page: Int? = nil) throws -> String {
        var arguments = ["-enc", "UTF-8"]
        if let page { arguments += ["-f", String(page), "-l", String(page)] }
        let r = try Tool.run("pdftotext", arguments + [pdf.path, "-"])
        return r.out
    }

    /// Text with runs of white space folded, for phrases that wrap.
    static func folded(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func info(_ pdf: URL) throws -> [String: String] {
        var info: [String: String] = [:]
        for line in try Tool.run("pdfinfo", [pdf.path]).out.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            info[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return info
    }

    static func assertSound(_ pdf: URL) throws {
        let check = try Tool.run("qpdf", ["--check", pdf.path])
        #expect(check.status == 0, "qpdf --check: \(check.out) \(check.err)")
        let fonts = try Tool.run("pdffonts", [pdf.path]).out.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for row in fonts {
            let columns = row.split(separator: " ")
            // name type encoding emb sub uni object ID: the three flags before the object number.
            let flags = Array(columns.suffix(5).prefix(3))
            #expect(flags == ["yes", "yes", "yes"], "font not embedded, subset and mapped: \(row)")
        }
    }

    @Test func exampleReportIsSoundAndComplete() throws {
        let (pdf, stderr) = try Self.render(TestSupport.example)
        try Self.assertSound(pdf)
        #expect(!stderr.contains("warning"), "\(stderr)")
        let text = Self.folded(try Self.text(pdf))
        let dataset = try TestSupport.dataset(TestSupport.example)
        for centre in dataset.info.centres { #expect(text.contains(centre.name), "\(centre.name)") }
        for activity in dataset.activities { #expect(text.contains(Self.folded(activity.title)), "\(activity.title)") }
        for item in dataset.plan { #expect(text.contains(Self.folded(item.title)), "\(item.title)") }
        for heading in ["Key figures", "Activities by kind", "The centres", "Countries", "Activity log",
                        "Work plan 2021", "Contacts", "Generated on", "24 December 2020"] {
            #expect(text.contains(heading), "\(heading)")
        }
        #expect(!text.contains("Plan fulfilment"), "the example has no 2020 plan items")

        let info = try Self.info(pdf)
        #expect(info["Title"] == "Contract summary report 2020")
        #expect(info["Author"] == dataset.info.preparedBy)
        #expect(info["Subject"]?.hasPrefix("Activities of 2020 under contract PAC-CA-CIS-2020") == true)
        #expect(info["Keywords"]?.contains("IFLA PAC") == true)
        #expect(info["Creator"] == "pacreport \(PacReportVersion.current)")
        #expect(info["CreationDate"] == "Thu Dec 24 00:00:00 2020 UTC")
        #expect(info["Tagged"] == "yes")
        #expect(info["Page size"]?.contains("(A4)") == true)
    }

    /// The project's shared checker (shared/tools/check-pdf), as CI has it beside the clone.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: TestSupport.sharedTool("check-pdf").path),
                   "SKIP: shared/tools/check-pdf is not beside this checkout"))
    func sharedCheckerPassesOnTheExample() throws {
        let (pdf, _) = try Self.render(TestSupport.example)
        let dataset = try TestSupport.dataset(TestSupport.example)
        var arguments = [TestSupport.sharedTool("check-pdf").path, pdf.path]
        for centre in dataset.info.centres { arguments += ["--expect", centre.name] }
        for activity in dataset.activities { arguments += ["--expect", activity.title] }
        let r = try Tool.run("python3", arguments)
        #expect(r.status == 0, "\(r.out)")
        #expect(r.out.contains(" passed, 0 failed"))
    }

    /// Every page of `pdf` has the running header and "page X of Y"; returns the page count.
    @discardableResult
    static func assertHeaderAndFooterOnEveryPage(_ pdf: URL, header: String = "Contract summary 2020 · PAC-CA-CIS-2020") throws -> Int {
        let pages = Int(try info(pdf)["Pages"] ?? "0") ?? 0
        #expect(pages >= 3)
        for page in 1...max(1, pages) {
            let text = try text(pdf, page: page)
            #expect(text.contains("page \(page) of \(pages)"), "footer on page \(page)")
            #expect(text.contains(header), "header on page \(page)")
        }
        return pages
    }

    @Test func everyPageHasHeaderAndFooterWithTheRightCount() throws {
        let (pdf, _) = try Self.render(TestSupport.example)
        let pages = try Self.assertHeaderAndFooterOnEveryPage(pdf)
        // A heading and its intro stay on the page where their table starts.
        for page in 1...pages {
            let text = Self.folded(try Self.text(pdf, page: page))
            if text.contains("Items planned for 2021.") {
                #expect(text.contains("Online meetings and acquaintance"), "work plan heading without its table on page \(page)")
            }
        }
    }

    @Test func outlineAndLinksReachEverySection() throws {
        let (pdf, _) = try Self.render(TestSupport.example)
        let json = try Tool.run("qpdf", ["--json", "--json-key=outlines", pdf.path]).out
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let outlines = root["outlines"] as! [[String: Any]]
        let titles = outlines.map { $0["title"] as! String }
        #expect(titles == ["Key figures", "Activities by kind", "The centres", "Countries", "Activity log",
                           "Work plan 2021", "Contacts"])
        let centres = (outlines[2]["kids"] as! [[String: Any]]).map { $0["title"] as! String }
        #expect(centres == ["National Library of the Republic of Kazakhstan",
                            "All-Russian State Library for Foreign Literature named after M. I. Rudomino"])
        for entry in outlines { #expect(entry["dest"] != nil) }

        // The contents' links go to named destinations that exist.
        let qdf = TestSupport.temporaryFolder().appendingPathComponent("q.pdf")
        try Tool.run("qpdf", ["--qdf", "--object-streams=disable", pdf.path, qdf.path])
        let raw = String(decoding: try Data(contentsOf: qdf), as: UTF8.self)
        for anchor in ["sec-key-figures", "sec-by-kind", "sec-centres", "centre-1", "centre-2", "sec-countries",
                       "sec-activity-log", "sec-work-plan", "sec-contacts"] {
            #expect(raw.contains("/Dest (\(anchor))"), "link to \(anchor)")
        }
        #expect(raw.contains("/Dests"))
        #expect(raw.components(separatedBy: "/Subtype /Link").count - 1 >= 9)
    }

    @Test func reRenderIsByteIdenticalUnderSourceDateEpoch() throws {
        let (a, _) = try Self.render(TestSupport.example)
        let (b, _) = try Self.render(TestSupport.example)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    }

    @Test func letterPaper() throws {
        let (pdf, _) = try Self.render(TestSupport.example, ["--paper", "letter"])
        #expect(try Self.info(pdf)["Page size"] == "612 x 792 pts (letter)")
    }

    /// Names in many scripts come back from pdftotext exactly as written,
    /// and no character lacks a font.
    @Test func multiScriptNamesAreExtractableAndCovered() throws {
        let folder = TestSupport.fixtures.appendingPathComponent("multiscript")
        let (pdf, stderr) = try Self.render(folder)
        try Self.assertSound(pdf)
        #expect(!stderr.contains("no font has"), "\(stderr)")
        let text = Self.folded(try Self.text(pdf))
        let dataset = try TestSupport.dataset(folder)
        for centre in dataset.info.centres where centre.country != "EG" {
            #expect(text.contains(centre.name), "\(centre.name)")
        }
        // Arabic: poppler reverses lam-alef ligatures; check a word without one.
        #expect(text.contains("الكتب"))
        for activity in dataset.activities where activity.centres != ["eg-centre"] {
            #expect(text.contains(Self.folded(activity.title)), "\(activity.title)")
        }
        // report.yaml's own title, as written.
        #expect(text.contains("Многоязычный отчёт & <test>"))
        // A web address with a quote, a space and a backslash is a working link, percent-encoded.
        let qdf = TestSupport.temporaryFolder().appendingPathComponent("q.pdf")
        try Tool.run("qpdf", ["--qdf", "--object-streams=disable", pdf.path, qdf.path])
        let raw = String(decoding: try Data(contentsOf: qdf), as: UTF8.self)
        #expect(raw.contains("/URI (https://example.org/%D0%BA%D0%B0%D1%82%D0%B0%D0%BB%D0%BE%D0%B3/a'b%20c%5Cd%5D)"))
        #expect(raw.contains("/URI (mailto:o'neil@example.org)"))
        #expect(text.contains("at least 83"))
        #expect(text.contains("Plan fulfilment 2021"))
    }

    /// Several hundred activities, a 300-character title, a 5,000-character
    /// one and a cell taller than a page (an activity with every country):
    /// the log continues over pages with its header row, the tall row is
    /// split, the very long title is cut with a warning, nothing else is lost.
    @Test func longTablesContinueWithTheirHeaderRow() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        let longTitle = String(repeating: "Conservation of paper heritage ", count: 10).trimmingCharacters(in: .whitespaces)
        #expect(longTitle.count >= 300)
        let hugeTitle = (1...700).map { "word\($0)" }.joined(separator: " ")
        var csv = "id,date,centres,kind,format,title\n"
        for i in 1...400 {
            let title = i == 7 ? longTitle : (i == 300 ? hugeTitle : "Activity number \(i) — Қазақша атауы \(i)")
            csv += "X\(i),2020-\(String(format: "%02d", i % 12 + 1))-15,alpha,seminar,online,\"\(title)\"\n"
        }
        TestSupport.write(csv, to: dataset.appendingPathComponent("activities.csv"))
        let everyCountry = Countries.codes.sorted()
        TestSupport.write("activity,country,participants\n" + (1...400).map { "X\($0),KZ,\($0 % 7)\n" }.joined()
                          + everyCountry.map { "X200,\($0),1\n" }.joined(),
                          to: dataset.appendingPathComponent("participation.csv"))
        try FileManager.default.removeItem(at: dataset.appendingPathComponent("plan.csv"))
        let (pdf, stderr) = try Self.render(dataset)
        try Self.assertSound(pdf)
        #expect(!stderr.contains("\u{1B}"), "no progress line when standard error is not a terminal")
        #expect(stderr.contains("warning: activities.csv:301:title: the title of activity 'X300' has 5491 characters; the report shows the first 1000"), "\(stderr)")
        let pages = Int(try Self.info(pdf)["Pages"] ?? "0") ?? 0
        #expect(pages > 10)
        // Every page of the activity log, until the next section, repeats the header row.
        var inLog = false
        var logPages = 0
        for page in 1...pages {
            let text = try Self.text(pdf, page: page)
            if text.contains("Activity log") && text.contains("in date order") { inLog = true }
            if inLog && text.contains("Contacts") && !text.contains("Activity number") { break }
            if inLog {
                logPages += 1
                #expect(text.contains("Date") && text.contains("Title") && text.contains("Countries"),
                        "header row on log page \(page)")
            }
            #expect(text.contains("page \(page) of \(pages)"))
        }
        #expect(logPages >= 8)
        let all = Self.folded(try Self.text(pdf))
        #expect(all.contains(longTitle))
        #expect(all.contains("word1 word2"))
        #expect(!all.contains("word700"))
        // The row with every country is taller than a page: split, not clipped.
        let list = everyCountry.joined(separator: ", ")
        #expect(all.contains(String(list.prefix(60))))
        #expect(all.contains(String(list.suffix(60))))
        for i in [1, 99, 250, 400] { #expect(all.contains("Activity number \(i) —"), "activity \(i)") }
    }

    /// A year with no activities and a single centre without plan: the
    /// report says so instead of drawing empty tables and charts.
    @Test func aYearWithoutActivitiesRendersSensibly() throws {
        let dataset = TestSupport.temporaryFolder()
        TestSupport.write("year: 2022\ncontract: {id: X, title: Solo, parties: [one]}\ncentres:\n  - {id: one, name: Solo Library, country: fr}\n",
                          to: dataset.appendingPathComponent("report.yaml"))
        TestSupport.write("id,date,centres,kind,format,title\n", to: dataset.appendingPathComponent("activities.csv"))
        TestSupport.write("activity,country\n", to: dataset.appendingPathComponent("participation.csv"))
        let (pdf, _) = try Self.render(dataset)
        try Self.assertSound(pdf)
        let text = try Self.text(pdf)
        #expect(text.components(separatedBy: "No activities are recorded for 2022.").count - 1 == 3)
        #expect(text.contains("No activities are recorded for this centre in 2022."))
        #expect(!text.contains("Bar chart"))
    }

    /// The running header and the footer are only shaped while drawing:
    /// their missing characters are warned about too, once.
    @Test func missingGlyphsInHeaderAndFooterAreWarnedAboutOnce() throws {
        let template = TestSupport.temporaryFolder("template").appendingPathComponent("boxes")
        try FileManager.default.copyItem(at: TestSupport.repository.appendingPathComponent("Templates/contract-summary"),
                                         to: template)
        try TestSupport.edit(template, "strings/en.yaml") {
            $0.replacingOccurrences(of: "short_title: \"Contract summary", with: "short_title: \"\u{10FFFD} Contract summary")
                .replacingOccurrences(of: "page_footer: \"page {page}", with: "page_footer: \"\u{10FFFC} page {page}")
        }
        let (_, stderr) = try Self.render(TestSupport.copy(TestSupport.base), ["--template", template.path])
        let warnings = stderr.split(separator: "\n").filter { $0.hasPrefix("warning: no font has") }
        #expect(warnings.filter { $0.contains("U+10FFFD") && $0.contains("Contract summary") }.count == 1, "\(stderr)")
        #expect(warnings.filter { $0.contains("U+10FFFC") && $0.contains("page 1 of") }.count == 1, "\(stderr)")
        #expect(warnings.count == 2, "\(stderr)")
    }

    @Test func missingGlyphsAreWarnedAboutWithTheirCodePoint() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "activities.csv") {
            $0.replacingOccurrences(of: "First meeting", with: "First meeting \u{10FFFD}")
        }
        let (_, stderr) = try Self.render(dataset)
        #expect(stderr.contains("warning: no font has U+10FFFD in \"First meeting"), "\(stderr)")
    }

    /// The PDF is laid out twice (measure, then draw page by page); rows
    /// measured are kept for drawing within a budget and the rest shaped
    /// again. Whatever the budget, the file is the same, and a character no
    /// font has is warned about once, also in a long table.
    @Test func keptAndReshapedRowsDrawTheSameFile() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        var csv = "id,date,centres,kind,format,title\n"
        for i in 1...300 {
            let title = i == 150 ? "Row with a missing glyph \u{10FFFD}" : "Activity \(i) — Қазақша \(i) — 保存 — שימור \(i)"
            csv += "X\(i),2020-\(String(format: "%02d", i % 12 + 1))-15,alpha,seminar,online,\"\(title)\"\n"
        }
        TestSupport.write(csv, to: dataset.appendingPathComponent("activities.csv"))
        TestSupport.write("activity,country,participants\n" + (1...300).map { "X\($0),KZ,\($0 % 7)\n" }.joined(),
                          to: dataset.appendingPathComponent("participation.csv"))
        try FileManager.default.removeItem(at: dataset.appendingPathComponent("plan.csv"))
        let document = try Commands.document(Aggregates(try TestSupport.dataset(dataset)), language: .en,
                                             template: nil, paper: nil)
        let folder = TestSupport.temporaryFolder()
        var files: [[UInt8]] = []
        // No row kept (every row shaped twice), some, all.
        for budget in [0, 500, 150_000] {
            let path = folder.appendingPathComponent("kept-\(budget).pdf").path
            let sink = try FileSink(path: path)
            let output = try PDFWriter(keptCells: budget).write(document, to: sink)
            try sink.close()
            #expect(output.warnings.filter { $0.contains("U+10FFFD") }.count == 1, "\(budget) \(output.warnings)")
            #expect(output.pages > 8)
            files.append(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        for (index, file) in files.enumerated().dropFirst() {
            #expect(file == files[0], "variant \(index) draws what shaping every row twice draws")
        }
        try Self.assertSound(folder.appendingPathComponent("kept-500.pdf"))
    }
}
