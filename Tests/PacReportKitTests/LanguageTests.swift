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

/// English, Russian and Kazakh wording; templates users copy and change.
@Suite struct LanguageTests {
    static let templates = TestSupport.repository.appendingPathComponent("Templates/contract-summary")

    static func builder(_ language: ReportLanguage, folder: URL = templates) throws -> ReportBuilder {
        let template = try ReportTemplate.load(folder: folder, language: language)
        return ReportBuilder(aggregates: Aggregates(try TestSupport.dataset(TestSupport.example)), template: template,
                             language: language, creationDate: 1_608_768_000)
    }

    @Test func russianPluralCategories() {
        let expected: [Int: PluralCategory] = [0: .many, 1: .one, 2: .few, 4: .few, 5: .many, 11: .many, 12: .many,
                                               14: .many, 21: .one, 22: .few, 25: .many, 101: .one, 111: .many, 112: .many]
        for (n, category) in expected { #expect(ReportLanguage.ru.pluralCategory(n) == category, "\(n)") }
        #expect(ReportLanguage.kk.pluralCategory(1) == .one)
        #expect(ReportLanguage.kk.pluralCategory(21) == .other)
        #expect(ReportLanguage.en.pluralCategory(0) == .other)
    }

    @Test func countedWordsInEveryLanguage() throws {
        let counts = [1, 2, 5, 21, 22, 25, 111]
        let ru = try Self.builder(.ru), kk = try Self.builder(.kk), en = try Self.builder(.en)
        #expect(try counts.map { try ru.counted("activities_count", $0) } == [
            "1 мероприятие", "2 мероприятия", "5 мероприятий", "21 мероприятие", "22 мероприятия", "25 мероприятий",
            "111 мероприятий"])
        #expect(try counts.map { try ru.counted("countries_count", $0) } == [
            "1 страна", "2 страны", "5 стран", "21 страна", "22 страны", "25 стран", "111 стран"])
        #expect(try counts.map { try kk.counted("activities_count", $0) } == counts.map { "\($0) іс-шара" })
        #expect(try counts.map { try en.counted("activities_count", $0) } == [
            "1 activity", "2 activities", "5 activities", "21 activities", "22 activities", "25 activities",
            "111 activities"])
    }

    @Test func datesAndNumbersFollowTheLanguage() throws {
        let day = ISODate(year: 2020, month: 12, day: 24)!
        #expect(try Self.builder(.en).date(day) == "24 December 2020")
        #expect(try Self.builder(.ru).date(day) == "24 декабря 2020 г.")
        #expect(try Self.builder(.kk).date(day) == "2020 жылғы 24 желтоқсан")
        #expect(try Self.builder(.en).number(1_234_567) == "1,234,567")
        #expect(try Self.builder(.ru).number(12_345) == "12\u{00A0}345")
        #expect(try Self.builder(.kk).decimal(DecimalNumber(parsing: "1234.75")!) == "1\u{00A0}234,75")
        #expect(try Self.builder(.ru).count(ParticipantCount(known: 24, complete: false)) == "не менее 24")
        #expect(try Self.builder(.kk).count(ParticipantCount(known: 24, complete: false)) == "кемінде 24")
    }

    /// No fixed wording of the Russian and Kazakh files is English: with
    /// the variables taken out, no Latin letter is left.
    @Test(arguments: [ReportLanguage.ru, .kk])
    func stringsFilesHaveNoEnglishWords(_ language: ReportLanguage) throws {
        let text = try String(contentsOf: Self.templates.appendingPathComponent("strings/\(language.rawValue).yaml"), encoding: .utf8)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            var value = String(line[line.index(after: colon)...])
            if let comment = value.range(of: " #") { value = String(value[..<comment.lowerBound]) }
            value = value.replacingOccurrences(of: #"\{\{[^}]*\}\}"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"\{pages?\}"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"\b(one|few|many|other)\b"#, with: "", options: .regularExpression)
            #expect(value.range(of: "[A-Za-z]", options: .regularExpression) == nil, "\(line)")
        }
    }

    static func render(_ language: ReportLanguage, _ extra: [String] = []) throws -> (pdf: URL, odt: URL) {
        let out = TestSupport.temporaryFolder("lang")
        let r = try CLIRunner.run(["render", TestSupport.example.path, "--lang", language.rawValue, "--out", out.path] + extra,
                                  environment: ["SOURCE_DATE_EPOCH": PDFTests.epoch])
        guard r.status == 0 else { throw TestFailure(r.stderr) }
        return (out.appendingPathComponent("contract-summary-2020-\(language.rawValue).pdf"),
                out.appendingPathComponent("contract-summary-2020-\(language.rawValue).odt"))
    }

    static func outline(_ pdf: URL) throws -> [String] {
        let json = try Tool.run("qpdf", ["--json", "--json-key=outlines", pdf.path]).out
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        return (root["outlines"] as! [[String: Any]]).map { $0["title"] as! String }
    }

    @Test(.enabled(if: Tool.available("qpdf", "pdftotext"), "SKIP: needs qpdf and poppler-utils"))
    func russianAndKazakhReportsCarryNoEnglishWording() throws {
        let en = try Self.outline(try Self.render(.en).pdf)
        for (language, footer, country, generated) in [(ReportLanguage.ru, "страница 1 из", "Казахстан", "24 декабря 2020 г."),
                                                       (.kk, "беттің 1-беті", "Қазақстан", "2020 жылғы 24 желтоқсан")] {
            let (pdf, odt) = try Self.render(language)
            let outline = try Self.outline(pdf)
            #expect(outline.count == en.count)
            for title in outline {
                #expect(title.range(of: "[A-Za-z]", options: .regularExpression) == nil, "\(language): \(title)")
            }
            let text = try PDFTests.text(pdf)
            #expect(text.contains(footer))
            #expect(text.contains(country))
            #expect(text.contains(generated))
            for english in ["Key figures", "page 1 of", "at least", "Activities", "Total", "Contents", "Generated on"] {
                #expect(!text.contains(english), "\(language) report contains '\(english)'")
            }
            let styles = ODTTests.string(try ODTTests.parts(odt)["styles.xml"])
            #expect(styles.contains("fo:language=\"\(language.rawValue)\""))
        }
    }

    /// A user copies the template folder, changes a string, a colour and
    /// the section order, and renders with the copy: no rebuild.
    @Test(.enabled(if: Tool.available("qpdf"), "SKIP: needs qpdf"))
    func aCopiedTemplateRendersAsEdited() throws {
        let copy = TestSupport.temporaryFolder("template").appendingPathComponent("our-template")
        try FileManager.default.copyItem(at: Self.templates, to: copy)
        let strings = copy.appendingPathComponent("strings/en.yaml")
        try (try String(contentsOf: strings, encoding: .utf8))
            .replacingOccurrences(of: "key_figures: \"Key figures\"", with: "key_figures: \"The year in numbers\"")
            .write(to: strings, atomically: true, encoding: .utf8)
        let file = copy.appendingPathComponent("template.yaml")
        try (try String(contentsOf: file, encoding: .utf8))
            .replacingOccurrences(of: "accent: \"#1F4E79\"", with: "accent: \"#AA0000\"")
            .replacingOccurrences(of: "  - contacts\n", with: "")
            .replacingOccurrences(of: "  - key-figures\n", with: "  - contacts\n  - key-figures\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let (pdf, odt) = try Self.render(.en, ["--template", copy.path])
        #expect(try Self.outline(pdf) == ["Contacts", "The year in numbers", "Activities by kind", "The centres", "Countries",
                                          "Activity log", "Work plan 2021"])
        let qdf = TestSupport.temporaryFolder().appendingPathComponent("q.pdf")
        try Tool.run("qpdf", ["--qdf", "--object-streams=disable", pdf.path, qdf.path])
        #expect(String(decoding: try Data(contentsOf: qdf), as: UTF8.self).contains("0.666667 0 0 rg"), "accent colour in the PDF")
        #expect(ODTTests.string(try ODTTests.parts(odt)["styles.xml"]).contains("fo:color=\"#AA0000\""))
    }

    /// Each kind of broken template is an error naming file, line and key;
    /// nothing is written.
    @Test(arguments: [
        ("missing string", "strings/ru.yaml", "key_figures: \"Основные показатели\"\n", "", "strings/ru.yaml: key_figures: error: missing string 'key_figures' for ru"),
        ("unknown variable", "strings/ru.yaml", "activity_log_intro: \"Все мероприятия {{year}} года в хронологическом порядке.\"",
         "activity_log_intro: \"Все мероприятия {{yaer}} года.\"", "strings/ru.yaml:LINE: activity_log_intro: error: unknown variable {{yaer}}; this string knows {{year}}"),
        ("malformed template", "strings/ru.yaml", "work_plan_intro: \"Мероприятия, запланированные на {{year}} год.\"",
         "work_plan_intro: \"{{#year}} без конца\"", "strings/ru.yaml:LINE: work_plan_intro: error: malformed template"),
        ("malformed YAML", "strings/ru.yaml", "contents: \"Содержание\"", "contents: [\"Содержание\"", "strings/ru.yaml:2"),
        ("unknown section", "template.yaml", "  - contacts\n", "  - appendix\n", "template.yaml:17: sections: error: unknown section 'appendix'"),
        ("bad colour", "template.yaml", "rule: \"#B8C4D0\"", "rule: \"grey\"", "template.yaml:34: colours.rule: error: 'grey' is not a colour"),
    ])
    func brokenTemplatesAreErrors(_ kase: (String, String, String, String, String)) throws {
        let (name, file, original, replacement, pattern) = kase
        let copy = TestSupport.temporaryFolder("broken").appendingPathComponent("t")
        try FileManager.default.copyItem(at: Self.templates, to: copy)
        let url = copy.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(original), "\(name): fixture text not found")
        // LINE: the line the string stands on in the shipped file.
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix(original) }.map { $0 + 1 } ?? 0
        let expected = pattern.replacingOccurrences(of: "LINE", with: String(line))
        try text.replacingOccurrences(of: original, with: replacement).write(to: url, atomically: true, encoding: .utf8)
        let out = TestSupport.temporaryFolder("broken-out")
        let r = try CLIRunner.run(["render", TestSupport.example.path, "--lang", "ru", "--template", copy.path, "--out", out.path])
        #expect(r.status == 2, "\(name): \(r.stderr)")
        #expect(r.stderr.contains(copy.path + "/" + expected) || r.stderr.contains(expected), "\(name): \(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func summaryAndExportFollowTheLanguage() throws {
        let summary = try CLIRunner.run(["summary", TestSupport.example.path, "--lang", "ru"])
        #expect(summary.status == 0)
        #expect(summary.stdoutText.contains("Охвачено стран"))
        #expect(summary.stdoutText.hasPrefix("Отчёт о выполнении договора за 2020 год: "))
        // No count was recorded: it says so, never "at least 0".
        #expect(summary.stdoutText.contains("не указано"))
        #expect(!summary.stdoutText.contains("не менее 0"))
        let export = try CLIRunner.run(["export", TestSupport.example.path, "--table", "by-country", "--lang", "kk"])
        #expect(export.stdoutText.contains("KZ,Қазақстан,5,0,false,nlrk;vgbil\r\n"))
    }
}
