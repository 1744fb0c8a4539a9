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

/// The contract over its term: the example's 2020 and 2021 (README.md,
/// "The contract over its term"), figures worked out by hand.
@Suite struct TermTests {
    static let example2021 = TestSupport.repository.appendingPathComponent("Examples/ifla-pac-2021")

    static func term(_ folders: [URL]) throws -> TermAggregates {
        let result = TermLoader.load(folders)
        let datasets = try #require(result.datasets, "\(result.diagnostics)")
        return TermAggregates(datasets)
    }

    static func csv(_ table: TermExportTable, _ term: TermAggregates) -> String {
        String(decoding: CSVExporter().export(table, of: TermExportTables(term)), as: UTF8.self)
    }

    @Test func theFourTermTablesAsWorkedOutByHand() throws {
        // Given in any order.
        let term = try Self.term([Self.example2021, TestSupport.example])
        #expect(Self.csv(.byYear, term) == """
            year,activities,online,onsite,hybrid,countries,participants,participants_complete,partner_institutions,training_hours\r
            2020,5,5,0,0,9,0,false,0,0\r
            2021,4,3,0,1,6,69,false,4,12\r

            """)
        #expect(Self.csv(.byYearCentre, term) == """
            year,centre_id,centre_name,activities,organized,participated,countries,participants,participants_complete\r
            2020,nlrk,National Library of the Republic of Kazakhstan,5,4,1,9,0,false\r
            2020,vgbil,All-Russian State Library for Foreign Literature named after M. I. Rudomino,4,4,0,9,0,false\r
            2021,nlrk,National Library of the Republic of Kazakhstan,3,3,0,4,54,true\r
            2021,vgbil,All-Russian State Library for Foreign Literature named after M. I. Rudomino,2,2,0,4,35,false\r

            """)
        let countries = Self.csv(.byYearCountry, term)
        #expect(countries.hasPrefix("year,country_code,country_name,activities,participants,participants_complete\r\n"
            + "2020,KZ,Kazakhstan,5,0,false\r\n2020,RU,Russia,5,0,false\r\n"))
        #expect(countries.hasSuffix("2021,RU,Russia,2,19,true\r\n2021,UZ,Uzbekistan,2,19,true\r\n"
            + "2021,KZ,Kazakhstan,2,15,true\r\n2021,TR,\(Countries.name("TR", in: .en)),2,9,true\r\n"
            + "2021,BY,Belarus,1,7,true\r\n2021,AM,Armenia,1,0,false\r\n"))
        #expect(countries.split(separator: "\r\n").count == 1 + 9 + 6)
        #expect(Self.csv(.planFollowed, term) == """
            id,title,centres,kind,planned_in,due_year,status,fulfilled,fulfilled_by\r
            2021-01,Online meetings and acquaintance with Uzbek and Turkish colleagues,nlrk,meeting,2020,2021,done,true,2021-A1\r
            2021-02,Master classes on conservation and restoration for specialists from Uzbekistan and Turkey,nlrk,master_class,2020,2021,done,true,2021-A2\r
            2021-03,Meeting with Armenian and Belarusian colleagues,vgbil,meeting,2020,2021,done,true,2021-A3\r
            2021-04,Master classes on the preservation of books with Armenian and Belarusian colleagues,vgbil,master_class,2020,2021,cancelled,false,\r
            2022-01,Joint conference on the preservation of manuscripts,nlrk;vgbil,conference,2021,2022,planned,false,\r

            """)
        // Over the term: countries and partners counted once.
        #expect(term.total.activities == 9)
        #expect(term.total.countries == 10)  // 2020's nine and Türkiye, new in 2021
        #expect(term.total.partnerInstitutions == 4)
        #expect(term.total.participants == ParticipantCount(known: 69, complete: false))
        #expect(term.missingYears.isEmpty)
    }

    @Test func oneYearAloneHasNoPlanner() throws {
        let term = try Self.term([Self.example2021])
        let plan = Self.csv(.planFollowed, term)
        #expect(plan.contains("2021-01,Online meetings and acquaintance with Uzbek and Turkish colleagues,nlrk,meeting,,2021,done,true,2021-A1\r\n"))
        #expect(plan.contains("2022-01,Joint conference on the preservation of manuscripts,nlrk;vgbil,conference,2021,2022,planned,false,\r\n"))
    }

    @Test func datasetsOfTwoContractsOrOneYearTwiceAreErrors() throws {
        let other = TestSupport.copy(Self.example2021)
        try TestSupport.edit(other, "report.yaml") { $0.replacingOccurrences(of: "\"PAC-CA-CIS-2020\"", with: "\"OTHER-1\"") }
        let mixed = TermLoader.load([TestSupport.example, other])
        #expect(mixed.datasets == nil)
        #expect(mixed.diagnostics.map(\.description).contains {
            $0.hasPrefix("\(other.lastPathComponent)/report.yaml: error: the contract 'OTHER-1' is not the contract 'PAC-CA-CIS-2020' of ifla-pac-2020/report.yaml")
        }, "\(mixed.diagnostics)")
        let twice = TestSupport.copy(TestSupport.example)
        let same = TermLoader.load([TestSupport.example, twice])
        #expect(same.datasets == nil)
        #expect(same.diagnostics.map(\.description).contains { $0.contains("report.yaml: error: 2020 is also the year of ifla-pac-2020") },
                "\(same.diagnostics)")
    }

    @Test func everyDatasetsDiagnosticsNameTheirFolder() throws {
        let broken = TestSupport.copy(Self.example2021)
        try TestSupport.edit(broken, "activities.csv") { $0.replacingOccurrences(of: "2021-09-23", with: "2021-09-31") }
        let result = TermLoader.load([TestSupport.example, broken])
        #expect(result.datasets == nil)
        #expect(result.diagnostics.map(\.description).contains { $0.hasPrefix("\(broken.lastPathComponent)/activities.csv:5:date: error:") },
                "\(result.diagnostics)")
    }

    @Test func aMissingYearBetweenIsAWarning() throws {
        let later = TestSupport.copy(Self.example2021)
        try TestSupport.edit(later, "report.yaml") { $0.replacingOccurrences(of: "year: 2021", with: "year: 2022") }
        for file in ["activities.csv", "participation.csv", "plan.csv"] {
            try TestSupport.edit(later, file) {
                $0.replacingOccurrences(of: "2022-01,2022", with: "2023-01,2023").replacingOccurrences(of: ",2021,", with: ",2022,")
                    .replacingOccurrences(of: "2021-", with: "2022-")
            }
        }
        let result = TermLoader.load([TestSupport.example, later])
        #expect(result.datasets?.count == 2, "\(result.diagnostics)")
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.message.hasPrefix("no dataset for 2021, between 2020 and 2022") })
        #expect(TermAggregates(result.datasets ?? []).missingYears == [2021])
        // The report says which year is missing.
        let template = try ReportTemplate.load(folder: TestSupport.repository.appendingPathComponent("Templates/contract-summary"),
                                               language: .en)
        let document = try TermReportBuilder(term: TermAggregates(result.datasets ?? []), template: template, language: .en,
                                             creationDate: 0).build()
        #expect(document.metadata.title == "Contract summary 2020–2022")
        #expect(document.blocks.contains { block in
            if case .paragraph(let p) = block { return p.plainText == "No dataset for 2021: the year is missing from these figures." }
            return false
        })
    }

    @Test func summaryOfSeveralYearsPrintsEachYearAndTheTerm() throws {
        let r = try CLIRunner.run(["summary", Self.example2021.path, TestSupport.example.path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdoutText.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.first?.hasSuffix("(PAC-CA-CIS-2020): 2020–2021") == true)
        #expect(lines.contains("2020 5 5 0 0 9 not recorded 0 0"))
        #expect(lines.contains("2021 4 3 0 1 6 at least 69 4 12"))
        #expect(lines.contains("Term 9 8 0 1 10 at least 69 4 12"))

        let other = TestSupport.copy(Self.example2021)
        try TestSupport.edit(other, "report.yaml") { $0.replacingOccurrences(of: "\"PAC-CA-CIS-2020\"", with: "\"OTHER-1\"") }
        let mixed = try CLIRunner.run(["summary", TestSupport.example.path, other.path])
        #expect(mixed.status == 1)
        #expect(mixed.stdoutText.isEmpty)
        #expect(mixed.stderr.contains("is not the contract 'PAC-CA-CIS-2020'"))
    }

    @Test(arguments: [
        (ReportLanguage.en, ["2020: 5 (−1)", "2020: 9 (−3)", "2020: not recorded", "2020: 0 (+4)", "2020: 0 (+12)"]),
        (.ru, ["2020 г.: 5 (−1)", "2020 г.: 9 (−3)", "2020 г.: не указано", "2020 г.: 0 (+4)", "2020 г.: 0 (+12)"]),
    ])
    func previousYearBesideEachKeyFigure(_ language: ReportLanguage, _ expected: [String]) throws {
        let template = try ReportTemplate.load(folder: TestSupport.repository.appendingPathComponent("Templates/contract-summary"),
                                               language: language)
        var builder = ReportBuilder(aggregates: Aggregates(try TestSupport.dataset(Self.example2021)), template: template,
                                    language: language, creationDate: 0)
        builder.previous = Aggregates(try TestSupport.dataset(TestSupport.example))
        let figures = try builder.build().blocks.compactMap { block -> [KeyFigure]? in
            if case .keyFigures(let figures) = block { return figures }
            return nil
        }.first
        #expect(figures?.map(\.comparison) == expected)
        builder.previous = nil
        let plain = try builder.build().blocks.compactMap { block -> [KeyFigure]? in
            if case .keyFigures(let figures) = block { return figures }
            return nil
        }.first
        #expect(plain?.allSatisfy { $0.comparison == nil } == true)
    }

    @Test func previousMustBeAnEarlierYearOfTheSameContract() throws {
        let out = TestSupport.temporaryFolder("previous-out")
        let later = try CLIRunner.run(["render", TestSupport.example.path, "--previous", Self.example2021.path, "--out", out.path])
        #expect(later.status == 1)
        #expect(later.stderr.contains("ifla-pac-2021/report.yaml: error: --previous gives 2021, not a year before 2020"), "\(later.stderr)")
        let other = TestSupport.copy(TestSupport.example)
        try TestSupport.edit(other, "report.yaml") { $0.replacingOccurrences(of: "\"PAC-CA-CIS-2020\"", with: "\"OTHER-1\"") }
        let mixed = try CLIRunner.run(["render", Self.example2021.path, "--previous", other.path, "--out", out.path])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("--previous gives the contract 'OTHER-1', not 'PAC-CA-CIS-2020'"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: out.path))?.isEmpty ?? true, "nothing is written")
        let good = try CLIRunner.run(["render", Self.example2021.path, "--previous", TestSupport.example.path, "--format", "pdf",
                                      "--out", out.path])
        #expect(good.status == 0, "\(good.stderr)")
    }
}

/// The contract-term report as PDF and ODT, checked as the year report is.
@Suite(.enabled(if: Tool.available("qpdf", "pdftotext", "pdffonts"), "SKIP: needs poppler-utils and qpdf"))
struct TermReportTests {
    static func render(_ format: String, _ extra: [String] = []) throws -> URL {
        let out = TestSupport.temporaryFolder("term")
        let r = try CLIRunner.run(["render", TermTests.example2021.path, TestSupport.example.path, "--format", format,
                                   "--out", out.path] + extra, environment: ["SOURCE_DATE_EPOCH": PDFTests.epoch])
        guard r.status == 0 else { throw TestFailure("render failed (\(r.status)): \(r.stderr)") }
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix("." + format) })
        #expect(name == "contract-term-2020-2021-en.\(format)")
        return out.appendingPathComponent(name)
    }

    @Test func thePDFHasTheTermsFiguresOutlineAndFonts() throws {
        let pdf = try Self.render("pdf")
        #expect(try Tool.run("qpdf", ["--check", pdf.path]).status == 0)
        let fonts = try Tool.run("pdffonts", [pdf.path]).out.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains(" yes yes ") }, "every font embedded and subset")
        // Rows as they stand on the page.
        let text = PDFTests.folded(try Tool.run("pdftotext", ["-enc", "UTF-8", "-layout", pdf.path, "-"]).out)
        #expect(text.contains("Contract summary 2020–2021"))
        #expect(text.contains("2021 4 3 0 1 6 at least 69 4 12"))
        #expect(text.contains("Term 9 8 0 1 10 at least 69 4 12"))
        #expect(text.contains("2020 → 2021 −1 −2 ±0 +1 −3 — +4 +12"))
        // Planned in 2020's report, due 2021, cancelled, not carried out (the title wraps under its first line).
        #expect(text.contains("2021-04 Master classes on the preservation of books Master class 2020 2021 cancelled —"))
        let json = try Tool.run("qpdf", ["--json", "--json-key=outlines", pdf.path]).out
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let titles = (root["outlines"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
        #expect(titles == ["Key figures", "The centres", "Countries", "The plan through the term", "Contacts"])
        // Byte for byte the same on a second run.
        #expect(try Data(contentsOf: pdf) == Data(contentsOf: try Self.render("pdf")))
    }

    @Test(.enabled(if: Tool.available("jing"), "SKIP: needs jing"),
          .enabled(if: FileManager.default.fileExists(atPath: ODTTests.schemas.path), "SKIP: shared/schemas/odf1.3 is not beside this checkout"))
    func theODTIsValidAndLibreOfficeReadsIt() throws {
        let odt = try Self.render("odt")
        let parts = try ODTTests.parts(odt)
        let folder = TestSupport.temporaryFolder("term-odf")
        for name in ["content.xml", "styles.xml", "meta.xml"] {
            let file = folder.appendingPathComponent(name)
            try parts[name]!.write(to: file)
            let r = try Tool.run("jing", ["-i", ODTTests.schemas.appendingPathComponent("OpenDocument-v1.3-schema.rng").path, file.path])
            #expect(r.status == 0, "\(name): \(r.out)")
        }
        guard Tool.available("soffice") else { return }
        let profile = "-env:UserInstallation=file://\(folder.path)/profile"
        let r = try Tool.run("soffice", [profile, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", folder.path, odt.path])
        #expect(r.status == 0, "\(r.err)")
        let text = PDFTests.folded(try String(contentsOf: folder.appendingPathComponent("contract-term-2020-2021-en.txt"), encoding: .utf8))
        #expect(text.contains("The plan through the term"))
        #expect(text.contains("Joint conference on the preservation of manuscripts"))
    }

    @Test func theTermCSVTablesAreWritten() throws {
        let out = TestSupport.temporaryFolder("term-csv")
        let r = try CLIRunner.run(["render", TestSupport.example.path, TermTests.example2021.path, "--format", "csv", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let folder = out.appendingPathComponent("contract-term-2020-2021-en-csv")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == ["by-year-centre.csv", "by-year-country.csv", "by-year.csv", "plan-followed.csv"])
        let byYear = try String(contentsOf: folder.appendingPathComponent("by-year.csv"), encoding: .utf8)
        #expect(byYear.hasSuffix("2021,4,3,0,1,6,69,false,4,12\r\n"))
    }

    @Test func datasetsWithProblemsWriteNothing() throws {
        let out = TestSupport.temporaryFolder("term-none")
        let twice = try CLIRunner.run(["render", TestSupport.example.path, TestSupport.copy(TestSupport.example).path,
                                       "--out", out.path])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("is also the year of ifla-pac-2020"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: out.path))?.isEmpty ?? true)
        let previous = try CLIRunner.run(["render", TestSupport.example.path, TermTests.example2021.path, "--previous",
                                          TestSupport.example.path])
        #expect(previous.status == 2)
    }
}
