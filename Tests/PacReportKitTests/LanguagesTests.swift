// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
import PacReportKit
import Testing
import ZIPFoundation

/// IFLA's languages (docs/templates.md): the example in all eight, CLDR's
/// data from ICU, the Arabic report laid out right to left, the Chinese
/// one inside its margins.
@Suite(.enabled(if: Tool.available("pdftotext", "qpdf"), "SKIP: needs poppler-utils and qpdf (scripts/setup installs them)"))
struct LanguagesTests {
    static let all = ReportLanguage.allCases

    /// The example rendered once in every language (PDF and ODT).
    static let rendered: Result<URL, Error> = Result {
        let out = TestSupport.temporaryFolder("eight")
        let r = try CLIRunner.run(["render", TestSupport.example.path, "--lang", all.map(\.rawValue).joined(separator: ","),
                                   "--format", "pdf,odt", "--out", out.path], environment: ["SOURCE_DATE_EPOCH": PDFTests.epoch])
        guard r.status == 0 else { throw TestFailure("render failed (\(r.status)): \(r.stderr)") }
        // No character lacked a font, in any language.
        guard !r.stderr.contains("warning") else { throw TestFailure("warnings: \(r.stderr)") }
        return out
    }

    static func pdf(_ language: ReportLanguage) throws -> URL {
        try rendered.get().appendingPathComponent("contract-summary-2020-\(language.rawValue).pdf")
    }

    static func builder(_ language: ReportLanguage) throws -> ReportBuilder {
        let template = try ReportTemplate.load(folder: try Resources.template(nil), language: language)
        return ReportBuilder(aggregates: Aggregates(try TestSupport.dataset(TestSupport.example)), template: template,
                             language: language, creationDate: Int64(PDFTests.epoch)!)
    }

    /// What the ODT says, its text in logical order (Arabic included).
    static func odtText(_ language: ReportLanguage) throws -> String {
        let odt = try rendered.get().appendingPathComponent("contract-summary-2020-\(language.rawValue).odt")
        var text = ""
        for name in ["content.xml", "styles.xml"] {
            let archive = try Archive(url: odt, accessMode: .read)
            _ = try archive.extract(archive[name]!) { text += String(decoding: $0, as: UTF8.self) }
        }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
    }

    /// Headings, outline, the generated-on date, country names and the
    /// footer in the report's language; no English heading left.
    @Test(arguments: all)
    func theReportSpeaksItsLanguage(_ language: ReportLanguage) throws {
        let b = try Self.builder(language)
        let s = b.s
        let pdf = try Self.pdf(language)
        let json = try Tool.run("qpdf", ["--json", "--json-key=outlines", pdf.path]).out
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let titles = (root["outlines"] as! [[String: Any]]).map { $0["title"] as! String }
        let expected = [try s.text("key_figures"), try s.text("by_kind"), try s.text("centres"), try s.text("countries"),
                        try s.text("activity_log"), try s.text("work_plan", ["year": b.numeral(2021)]), try s.text("contacts")]
        #expect(titles == expected)
        // The ODT holds the text in logical order, whatever the script.
        let text = try Self.odtText(language)
        if language != .en {
            let en = try Self.builder(.en).s
            for key in ["key_figures", "by_kind", "countries", "activity_log", "contacts", "contents", "total"] {
                // (French writes "Contacts" and "Total" too.)
                let english = try en.text(key)
                guard english != (try s.text(key)) else { continue }
                #expect(!titles.contains(english) && !text.contains(">\(english)<"), "\(english)")
            }
        }
        let generated = try b.date(ISODate(unixSeconds: Int64(PDFTests.epoch)!))
        #expect(text.contains(generated), "generated on \(generated)")
        for code in ["KZ", "RU", "FR"] { #expect(text.contains(Countries.name(code, in: language)), "\(code)") }
        // The PDF's footer in the language, with its digits.
        let pages = Int(try PDFTests.info(pdf)["Pages"] ?? "0") ?? 0
        let document = try b.build()
        if !language.isRightToLeft {
            let last = try PDFTests.text(pdf, page: pages)
            #expect(last.contains(document.metadata.footer(page: pages, of: pages)), "\(last.suffix(200))")
        }
    }

    /// The template catalogue holds for every language: every string there,
    /// each counted word in every CLDR category of the language, dates,
    /// numbers and lists from CLDR unless the file gives its own.
    @Test(arguments: all)
    func everyLanguageHasEveryString(_ language: ReportLanguage) throws {
        let s = try Self.builder(language).s  // loading checks the file against the catalogue
        for key in TemplateCatalog.strings.keys where !TemplateCatalog.cldrOverrides.joined().contains(key) {
            #expect(s.has(key), "\(language): \(key)")
        }
        for key in TemplateCatalog.plurals.keys {
            for category in language.pluralCategories { #expect(s.has("\(key).\(category.rawValue)"), "\(language): \(key).\(category)") }
        }
        let overrides = TemplateCatalog.cldrOverrides.joined().filter(s.has)
        #expect([.en, .ru, .kk].contains(language) ? !overrides.isEmpty : overrides.isEmpty, "\(language): \(overrides)")
    }

    /// CLDR's plural categories, from ICU: French 0 and 1 are "one",
    /// Arabic has all six; the counted words follow them.
    @Test func pluralsFollowCLDR() throws {
        let cases: [(ReportLanguage, [Int: PluralCategory])] = [
            (.fr, [0: .one, 1: .one, 2: .other, 3: .other, 11: .other, 100: .other, 1_000_000: .many]),
            (.ar, [0: .zero, 1: .one, 2: .two, 3: .few, 11: .many, 100: .other, 102: .other, 103: .few]),
            (.ru, [1: .one, 2: .few, 5: .many, 11: .many, 21: .one, 100: .many]),
            (.zh, [0: .other, 1: .other, 2: .other]),
            (.de, [1: .one, 2: .other]), (.es, [1: .one, 2: .other, 1_000_000: .many]),
        ]
        for (language, categories) in cases {
            for (n, category) in categories { #expect(language.pluralCategory(n) == category, "\(language) \(n)") }
            let b = try Self.builder(language)
            for n in categories.keys where n < 1000 {
                let phrase = try b.counted("activities_count", n)
                #expect(phrase == (try b.s.text("activities_count.\(language.pluralCategory(n).rawValue)", ["count": try b.number(n)])))
                // (Arabic writes one and two by the word alone: "نشاط واحد", "نشاطين".)
                let byWord = language == .ar && [.one, .two].contains(language.pluralCategory(n))
                let digits = try b.number(n)
                #expect(byWord || phrase.contains(digits), "\(phrase)")
            }
        }
        // The sentences a reader sees.
        let fr = try Self.builder(.fr), ar = try Self.builder(.ar)
        #expect(try fr.counted("activities_count", 1) == "1 activité")
        #expect(try fr.counted("activities_count", 0) == "0 activité")
        #expect(try fr.counted("activities_count", 2) == "2 activités")
        #expect(try ar.counted("countries_count", 3) == "٣ دول")
        #expect(try ar.counted("countries_count", 11) == "١١ دولة")
        #expect(try ar.counted("countries_count", 100) == "١٠٠ دولة")
        #expect(Set([1, 2, 3, 11, 100].map { try! ar.counted("activities_count", $0) }).count == 5)
        #expect(try ar.counted("activities_count", 2) == "نشاطين")
        // French writes the first of a month as an ordinal.
        #expect(try fr.date(ISODate(year: 2021, month: 3, day: 1)!) == "1er mars 2021")
        #expect(try fr.date(ISODate(year: 2021, month: 3, day: 11)!) == "11 mars 2021")
    }

    /// Dates, numbers and lists as CLDR writes them.
    @Test func datesNumbersAndListsAreCLDRs() throws {
        let day = ISODate(year: 2021, month: 1, day: 1)!, later = ISODate(year: 2021, month: 1, day: 3)!
        #expect(try Self.builder(.zh).date(day) == "2021年1月1日")
        #expect(try Self.builder(.fr).date(day) == "1er janvier 2021")
        #expect(try Self.builder(.de).date(day) == "1. Januar 2021")
        #expect(try Self.builder(.es).date(day) == "1 de enero de 2021")
        #expect(try Self.builder(.ar).date(day) == "١ يناير، ٢٠٢١")
        #expect(try Self.builder(.fr).dateRange(day, later) == "1er–3 janvier 2021")
        // Country names in the language's alphabetical order (not the
        // codes'), with its separator.
        #expect(try Self.builder(.de).countryNames(["KZ", "AT"]) == "Kasachstan, Österreich")
        #expect(try Self.builder(.zh).countryNames(["KZ", "RU"]) == "俄罗斯、哈萨克斯坦")
        #expect(try Self.builder(.kk).countryNames(["TM", "UZ"]) == "Өзбекстан, Түрікменстан")
        #expect(try Self.builder(.ar).countryNames(["KZ", "RU"]) == "روسيا، كازاخستان" || (try Self.builder(.ar).countryNames(["KZ", "RU"])) == "كازاخستان، روسيا")
        // China is China in every language (ICU says "China mainland").
        for language in Self.all {
            let name = Countries.name("CN", in: language)
            #expect(!name.contains(",") && !name.contains("mainland") && !name.contains("大陆") && name.count <= 5, "\(language): \(name)")
        }
        // Decimals keep their digits; the first of a month at a range's end too.
        #expect(try Self.builder(.de).decimal(DecimalNumber(parsing: "1234.5678")!) == "1.234,5678")
        let range = try Self.builder(.fr).dateRange(ISODate(year: 2021, month: 9, day: 30)!, ISODate(year: 2021, month: 10, day: 1)!)
        #expect(range.replacingOccurrences(of: "\u{2009}", with: " ") == "30 septembre – 1er octobre 2021", "\(range.unicodeScalars.map(\.value))")
        #expect(try Self.builder(.zh).dateRange(day, later) == "2021年1月1日至3日")
        #expect(try Self.builder(.fr).number(12345) == "12\u{202F}345")
        #expect(try Self.builder(.de).number(12345) == "12.345")
        #expect(try Self.builder(.ar).number(12345) == "١٢٬٣٤٥")
        #expect(try Self.builder(.de).decimal(DecimalNumber(parsing: "1.5")!) == "1,5")
        #expect(try Self.builder(.fr).listed(["A", "B", "C"]) == "A, B et C")
        #expect(try Self.builder(.es).listed(["A", "B", "C"]) == "A, B y C")
        #expect(try Self.builder(.zh).listed(["A", "B", "C"]) == "A、B和C")
        #expect(try Self.builder(.ar).listed(["A", "B", "C"]).filter { $0 != "\u{2068}" && $0 != "\u{2069}" } == "A وB وC")
        // The shipped English, Russian and Kazakh keep their own (a template may).
        #expect(try Self.builder(.ru).date(day) == "1 января 2021 г.")
    }

    /// The Arabic report runs right to left: the title at the right, each
    /// table's first column at the right, in the PDF and in LibreOffice's
    /// rendering of the ODT.
    @Test func theArabicReportIsMirrored() throws {
        let pdf = try Self.pdf(.ar)
        try Self.checkMirrored(pdf, pageWidth: 595.2756)
        guard Tool.available("soffice") else { return }
        let odt = try Self.rendered.get().appendingPathComponent("contract-summary-2020-ar.odt")
        let folder = TestSupport.temporaryFolder("ar-lo")
        let r = try Tool.run("soffice", ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to", "pdf",
                                         "--outdir", folder.path, odt.path])
        #expect(r.status == 0, "\(r.err)")
        try Self.checkMirrored(folder.appendingPathComponent("contract-summary-2020-ar.pdf"), pageWidth: 595.2756)
    }

    static func checkMirrored(_ pdf: URL, pageWidth: Double) throws {
        let words = try PDFWord.words(pdf)
        let right = pageWidth - StyleSheet.points(mm: 18)
        // The title, the largest words of page 1, ends at the right margin
        // and starts right of the middle: seen in the pixels (pdftotext
        // places LibreOffice's Arabic runs at odd positions).
        let first = words.filter { $0.page == 1 }
        let biggest = try #require(first.map(\.height).max())
        let band = try #require(first.filter { $0.height > biggest - 0.5 }.first)
        let (from, to) = try Self.inkColumns(pdf, page: 1, top: band.yMin, bottom: band.yMax)
        #expect(abs(to - right) < 3, "title ends at \(to), margin \(right)")
        #expect(from > pageWidth / 2, "title starts at \(from)")
        // The activity log: a Latin title left of the date column, right of the country codes.
        let lines = Dictionary(grouping: words.filter { $0.page > 1 }) { "\($0.page):\(Int($0.yMin.rounded()))" }
        var rows = 0
        for (_, line) in lines {
            guard let title = line.first(where: { $0.text == "Online" }), let codes = line.first(where: { $0.text == "KZ," }) else { continue }
            #expect(title.xMin > codes.xMax, "title at \(title.xMin), countries at \(codes.xMax)")
            rows += 1
        }
        #expect(rows >= 3)
        // A Latin paragraph keeps its direction and the document's side: the
        // contract's title under the report's ends at the right margin.
        let europe = try #require(first.first { $0.text == "Europe" })
        #expect(abs(europe.xMax - right) < 3, "\(europe.xMax)")
        // The running header's id at the right, the footer at the left.
        let id = try #require(first.first { $0.text == "PAC-CA-CIS-2020" && $0.yMin < 80 })
        #expect(id.xMin > pageWidth / 2)
        let (footerFrom, footerTo) = try Self.inkColumns(pdf, page: 1, top: 841.89 - StyleSheet.points(mm: 18) - 14,
                                                         bottom: 841.89 - StyleSheet.points(mm: 18))
        #expect(footerTo < pageWidth / 2 && abs(footerFrom - StyleSheet.points(mm: 18)) < 10, "footer \(footerFrom)–\(footerTo)")
    }

    /// The leftmost and rightmost inked columns (in points) of a band of a page.
    static func inkColumns(_ pdf: URL, page: Int, top: Double, bottom: Double) throws -> (Double, Double) {
        let folder = TestSupport.temporaryFolder("ink")
        let base = folder.appendingPathComponent("band").path
        let r = try Tool.run("pdftoppm", ["-r", "72", "-gray", "-f", "\(page)", "-l", "\(page)", "-y", "\(Int(top))",
                                          "-H", "\(Int((bottom - top).rounded(.up)))", "-W", "1000", "-x", "0", "-singlefile", pdf.path, base])
        try #require(r.status == 0, "\(r.err)")
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: base + ".pgm")))
        // P5 header: magic, width, height, maxval, each after white space.
        var fields: [Int] = [], i = 2
        while fields.count < 3 {
            while data[i] == 0x20 || data[i] == 0x0A { i += 1 }
            var n = 0
            while data[i] >= 0x30 && data[i] <= 0x39 { n = n * 10 + Int(data[i] - 0x30); i += 1 }
            fields.append(n)
        }
        let (width, height) = (fields[0], fields[1])
        let pixels = data[(i + 1)...]
        var columns: [Int] = []
        for x in 0..<width where (0..<height).contains(where: { pixels[pixels.startIndex + $0 * width + x] < 160 }) { columns.append(x) }
        return (Double(columns.min() ?? 0), Double((columns.max() ?? 0) + 1))
    }

    /// Chinese: lines break between characters, no word past the margin.
    @Test func theChineseReportStaysInsideItsMargins() throws {
        let words = try PDFWord.words(try Self.pdf(.zh))
        let right = 595.2756 - StyleSheet.points(mm: 18)
        for word in words { #expect(word.xMax <= right + 0.5, "\(word.text) ends at \(word.xMax)") }
        let text = try PDFTests.text(try Self.pdf(.zh), page: 1)
        #expect(text.contains("2020年12月24日"), "the generated-on date")
        #expect(text.contains("，"), "full-width punctuation")
        // Generated activity titles in Chinese wrap inside narrow columns too.
        let long = TestSupport.temporaryFolder("zh-long").appendingPathComponent("data")
        let made = try Tool.run("python3", [TestSupport.repository.appendingPathComponent("Benchmarks/generate.py").path, "40", long.path])
        try #require(made.status == 0, "\(made.err)")
        let out = TestSupport.temporaryFolder("zh-long-out")
        let r = try CLIRunner.run(["render", long.path, "--lang", "zh", "--format", "pdf", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let pdf = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".pdf") })
        for word in try PDFWord.words(out.appendingPathComponent(pdf)) {
            #expect(word.xMax <= right + 0.5, "\(word.text) ends at \(word.xMax)")
        }
    }
}

/// Text lines go where the alignment says, whatever each line's direction.
@Suite struct DirectionTests {
    static func layout(_ text: String, rightToLeft: Bool, alignment: Table.Alignment = .start) -> TextLayout {
        FontLock.held {
            let shaper = TextShaper(families: "Noto Sans, Noto Naskh Arabic, Noto Sans Hebrew, DejaVu Sans",
                                    language: rightToLeft ? .ar : .en, rightToLeft: rightToLeft)
            return shaper.layout(text, style: TextStyle(size: 10, colour: "#000000", alignment: alignment), width: 300)
        }
    }

    @Test func linesAlignByTheDocumentNotByTheirOwnDirection() {
        // An Arabic cell that starts with a digit, in an Arabic report: at the right.
        let date = Self.layout("١٦ مارس، ٢٠٢١", rightToLeft: true)
        #expect(date.lines[0].x > 200, "\(date.lines[0].x)")
        // A Latin title in an Arabic report: at the right too, left to right.
        let latin = Self.layout("Online meeting", rightToLeft: true)
        #expect(latin.lines[0].x > 200)
        // Numbers (end) in an Arabic report: at the left.
        #expect(Self.layout("١٢٣", rightToLeft: true, alignment: .end).lines[0].x < 1)
        // A Hebrew name over a Latin country, in an English report: both at the left.
        let contact = Self.layout("הספרייה הלאומית\nIsrael", rightToLeft: false)
        #expect(contact.lines.count == 2)
        #expect(contact.lines.allSatisfy { $0.x < 1 }, "\(contact.lines.map(\.x))")
        // The same in an Arabic report: both at the right.
        let arabic = Self.layout("دار الكتب\nEgypt", rightToLeft: true)
        #expect(arabic.lines.allSatisfy { $0.x > 150 }, "\(arabic.lines.map(\.x))")
    }

    /// A link inside a text moves with its text when a page is reflected.
    @Test func aLinkInATextMovesWithIt() {
        let link = PageItem.beginLink(target: "mailto:a@b", x: 120, y: 10, width: 50, height: 12, box: (100, 300))
        guard case let .beginLink(_, x, _, _, _, box) = link.mirrored(600) else { Issue.record("not a link"); return }
        #expect(box?.x == 200)  // 600 − 100 − 300
        #expect(x == 220)       // still 20 into its box
        let entry = PageItem.beginLink(target: "#a", x: 100, y: 10, width: 400, height: 12)
        guard case let .beginLink(_, entryX, _, _, _, _) = entry.mirrored(600) else { Issue.record("not a link"); return }
        #expect(entryX == 100)  // 600 − 100 − 400: a whole entry, reflected
    }
}
