// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing
@testable import PacBase
@testable import PacDocument
@testable import PacLayout

/// The layout stage alone: no PDF is written. Documents are built by hand
/// and laid out with Pango's measurements, as the writers see them.
@Suite struct LayoutTests {
    static func document(_ blocks: [Block], language: ReportLanguage = .en) -> ReportDocument {
        let metadata = DocumentMetadata(title: "Layout", shortTitle: "Layout test", author: "", subject: "", keywords: [],
                                        creator: "pacreport test", creationDate: 1_608_768_000, language: language,
                                        pageFooter: "page {page} of {pages}")
        var style = DocumentStyle()
        style.fontFamilies = "Noto Sans, Noto Sans Armenian, Noto Sans Georgian, DejaVu Sans"
        return ReportDocument(metadata: metadata, style: style, blocks: blocks)
    }

    static func shaper(_ document: ReportDocument) -> TextShaper {
        TextShaper(families: document.styleSheet.fontFamilies, language: document.metadata.language)
    }

    /// Lays `document` out and returns its pages.
    static func pages(_ document: ReportDocument) -> [LaidOutPage] {
        FontLock.held {
            var pages: [LaidOutPage] = []
            let measured = PageLayout(document: document, shaper: shaper(document))
            measured.run()
            let layout = PageLayout(document: document, shaper: shaper(document), pageTotal: measured.pageCount) { page, _ in
                pages.append(page)
            }
            layout.run()
            return pages
        }
    }

    /// The text pieces of a page: the text and the lines shown.
    static func texts(_ page: LaidOutPage) -> [(text: String, lines: Range<Int>, size: Double)] {
        page.items.compactMap {
            if case let .text(layout, _, _, lines) = $0 { return (layout.text, lines, layout.style.size) }
            return nil
        }
    }

    static func filler(_ n: Int) -> [Block] {
        (1...n).map { .paragraph(Paragraph("Filler paragraph \($0) that takes one line of the page.")) }
    }

    /// A narrow column (a kind, a status) next to a wide one that wants all
    /// the room: the narrow one still gets its longest word, in four scripts.
    @Test(arguments: [
        ("ru", ["Конференция", "запланировано", "смешанный"]),
        ("kk", ["Қатысушылар", "Барлығы", "Конференция"]),
        ("hy", ["Համագործակցություն", "Խորհրդակցություն"]),
        ("ka", ["თანამშრომლობა", "კონფერენცია"]),
    ])
    func aNarrowColumnHoldsItsLongestWord(_ language: String, _ words: [String]) throws {
        let long = String(repeating: "A long title that wants every point of the line it is given ", count: 4)
        // Eight columns: an equal share (66 pt) is narrower than each long word.
        let counts = ["Activities", "Online", "Onsite", "Hybrid", "Participants"].map { Table.Column(header: $0, alignment: .end) }
        let table = Table(name: "t", columns: [Table.Column(header: "#", alignment: .end),
                                               Table.Column(header: "Title", alignment: .start),
                                               Table.Column(header: words[0], alignment: .start)] + counts,
                          rows: words.enumerated().map { ["\($0.offset + 1)", long, $0.element, "12", "3", "4", "5", "at least 120"] })
        let document = Self.document([.table(table)], language: ReportLanguage(rawValue: language) ?? .en)
        let sheet = document.styleSheet
        let widths = FontLock.held {
            let shaper = Self.shaper(document)
            let widths = ColumnSizer(shaper: shaper, sheet: sheet).widths(table, width: sheet.contentWidth)
            for word in words {
                for look in [sheet.tableBody, sheet.tableHeader] {
                    let cell = shaper.layout(word, style: TextStyle(look), width: widths[2] - 2 * sheet.cellPaddingX)
                    #expect(cell.lineCount == 1, "\(language): \(word) is broken at \(widths[2]) pt")
                }
            }
            return widths
        }
        #expect(abs(widths.reduce(0, +) - sheet.contentWidth) < 0.01, "the table spans the text width")
        // The title column takes what is left, and the laid-out rows keep the table's size.
        #expect(widths[1] > widths[2])
        for page in Self.pages(document) {
            for piece in Self.texts(page) where words.contains(piece.text) {
                #expect(piece.size == sheet.tableBody.size || piece.size == sheet.tableHeader.size)
                #expect(piece.lines == 0..<1, "\(piece.text) on one line")
            }
        }
    }

    @Test func widthsAreSharedByWhatColumnsHold() {
        typealias Need = ColumnSizer.Need
        // Everything fits: the room left goes in proportion to the natural widths.
        #expect(ColumnSizer.share([Need(minimum: 10, natural: 20), Need(minimum: 10, natural: 60)], width: 160) == [40, 120])
        // A column that fits an equal share keeps its natural width; the long one takes the rest.
        let mixed = ColumnSizer.share([Need(minimum: 30, natural: 50), Need(minimum: 40, natural: 900),
                                       Need(minimum: 20, natural: 60)], width: 400)
        #expect(mixed == [50, 290, 60])
        // Settled columns leave a larger share to the others: the date (110)
        // misses the first equal share (100) and fits the second (160).
        let rounds = ColumnSizer.share([Need(minimum: 30, natural: 110), Need(minimum: 50, natural: 800),
                                        Need(minimum: 20, natural: 40), Need(minimum: 20, natural: 40)], width: 400)
        #expect(rounds == [110, 210, 40, 40])
        // The settled columns would leave the long one less than its longest
        // word: it gets that word, they share the rest.
        let fallback = ColumnSizer.share([Need(minimum: 30, natural: 90), Need(minimum: 30, natural: 90),
                                          Need(minimum: 30, natural: 90), Need(minimum: 150, natural: 500)], width: 400)
        #expect(fallback.map { ($0 * 100).rounded() / 100 } == [83.33, 83.33, 83.33, 150])
        // Not even the minimums fit: they are scaled down (the last resort).
        #expect(ColumnSizer.share([Need(minimum: 300, natural: 300), Need(minimum: 100, natural: 100)], width: 200) == [150, 50])
    }

    @Test func wordsBreakAtSpacesAndBetweenHanCharacters() {
        #expect(ColumnSizer.words("Круглый  стол").map(\.text) == ["Круглый", "стол"])
        #expect(ColumnSizer.words("国际图联 PAC").map(\.text) == ["国", "际", "图", "联", "PAC"])
    }

    /// A contact block that does not fit at the foot of a page moves whole.
    @Test func aKeepTogetherBlockMovesWhole() throws {
        let contact = Paragraph([Run("Centre name", bold: true), Run("\nRole\nCity, Country\nPhone: 1\nE-mail: a@b.c\nWeb: x.y")],
                                keepTogether: true)
        var found = false
        // Push the contact down a line at a time until it meets the page's foot.
        for fill in 24...38 {
            let pages = Self.pages(Self.document(Self.filler(fill) + [.paragraph(contact)]))
            let pieces = pages.flatMap { page in Self.texts(page).filter { $0.text.hasPrefix("Centre name") }.map { ($0, page) } }
            #expect(pieces.count == 1, "filler \(fill): the contact is split")
            if let piece = pieces.first, pages.firstIndex(where: { $0 === piece.1 }) == 1 { found = true }
        }
        #expect(found, "no filler size pushed the contact onto the second page")
    }

    /// A paragraph longer than a page continues on the next ones, at line
    /// boundaries, and no piece is a single line.
    @Test func aLongParagraphSplitsAcrossPages() throws {
        let long = String(repeating: "A sentence that fills part of a line and goes on. ", count: 900)
        let pages = Self.pages(Self.document(Self.filler(5) + [.paragraph(Paragraph(long))]))
        let pieces = pages.flatMap { Self.texts($0).filter { $0.text == long } }
        #expect(pieces.count >= 3)
        var next = 0
        for piece in pieces {
            #expect(piece.lines.lowerBound == next, "lines continue where the last page stopped")
            #expect(piece.lines.count >= 2, "a piece of one line")
            next = piece.lines.upperBound
        }
        let whole = FontLock.held {
            Self.shaper(Self.document([])).layout(long, style: TextStyle(Self.document([]).styleSheet.body),
                                                  width: Self.document([]).styleSheet.contentWidth)
        }
        #expect(next == whole.lineCount, "every line is placed once")
    }

    /// A heading near a page's foot goes to the next page with the table
    /// header and first row that follow it; a heading never ends a page.
    @Test func aHeadingStaysWithTheStartOfItsTable() throws {
        let table = Table(name: "t", columns: [Table.Column(header: "Kind", alignment: .start),
                                               Table.Column(header: "Activities", alignment: .end)],
                          rows: (1...30).map { ["Row \($0)", "\($0)"] })
        var moved = false
        for fill in 26...38 {
            let blocks = Self.filler(fill) + [.heading(Heading(level: 1, text: "The heading", anchor: "h")), .table(table)]
            let pages = Self.pages(Self.document(blocks))
            let index = try #require(pages.firstIndex { Self.texts($0).contains { $0.text == "The heading" } })
            let texts = Self.texts(pages[index]).map(\.text)
            #expect(texts.contains("Kind") && texts.contains("Row 1"), "filler \(fill): the heading's page lacks the table's start")
            // Some filler ends page 1 right where the heading would have been.
            if index == 1 && Self.texts(pages[1]).first?.text == "The heading" { moved = true }
        }
        #expect(moved, "no filler size brought the heading to a page's foot")
    }

    /// A paragraph of three lines is never split 2 + 1 or 1 + 2: it moves whole.
    @Test func aShortParagraphIsNotSplit() {
        let three = String(repeating: "Words that fill the width of the text area of a page. ", count: 5)
        var found = false
        for fill in 24...40 {
            let pages = Self.pages(Self.document(Self.filler(fill) + [.paragraph(Paragraph(three))]))
            let pieces = pages.flatMap { Self.texts($0).filter { $0.text == three } }
            #expect(pieces.count == 1 && pieces.first?.lines.count == 3, "filler \(fill): \(pieces.map(\.lines))")
            if pages.count == 2, Self.texts(pages[1]).first?.text == three { found = true }
        }
        #expect(found, "no filler size pushed the paragraph to the next page")
    }

    /// A table of one row and its totals never leaves its header alone at a page's foot.
    @Test func aOneRowTableKeepsItsHeaderWithTheRowAndTotals() throws {
        let table = Table(name: "t", columns: [Table.Column(header: "Kind", alignment: .start),
                                               Table.Column(header: "N", alignment: .end)],
                          rows: [["Meeting", "3"]], totals: ["Total", "3"])
        for fill in 26...38 {
            let blocks = Self.filler(fill) + [.heading(Heading(level: 1, text: "The heading", anchor: "h")), .table(table)]
            for page in Self.pages(Self.document(blocks)) {
                let texts = Self.texts(page).map(\.text)
                if texts.contains("Kind") || texts.contains("Total") {
                    #expect(texts.contains("Kind") && texts.contains("Meeting") && texts.contains("Total"),
                            "filler \(fill): \(texts.suffix(4))")
                }
            }
        }
    }

    /// A heading whose table starts with a row taller than a page is not
    /// left alone on a page: the table starts under it and splits.
    @Test func aHeadingIsNotLeftAloneBeforeATallRow() throws {
        let tall = (1...120).map { "Line \($0) of a cell taller than a page" }.joined(separator: "\n")
        let table = Table(name: "t", columns: [Table.Column(header: "Kind", alignment: .start),
                                               Table.Column(header: "Text", alignment: .start)],
                          rows: [["Tall", tall]])
        let intro = Paragraph("Intro.", keepWithNext: true)
        for fill in [5, 30, 35, 38] {
            for blocks in [[Block.heading(Heading(level: 1, text: "The heading", anchor: "h")), .table(table)],
                           [.heading(Heading(level: 1, text: "The heading", anchor: "h")), .paragraph(intro), .table(table)],
                           [.table(table)]] {
                let document = Self.document(Self.filler(fill) + blocks)
                let pages = Self.pages(document)
                for (number, page) in pages.enumerated() {
                    let texts = Self.texts(page).map(\.text)
                    // The table's header is never alone: the tall row's first lines are under it.
                    if texts.contains("Kind") { #expect(texts.contains(tall), "filler \(fill), page \(number + 1): \(texts.suffix(3))") }
                    if texts.contains("The heading") { #expect(texts.contains("Kind"), "filler \(fill): the heading is alone") }
                    // Nothing is drawn below the body.
                    for item in page.items {
                        if case let .text(layout, _, y, lines) = item {
                            let bottom = document.styleSheet.pageHeight - document.styleSheet.marginBottom
                            #expect(y + layout.height(of: lines) <= bottom, "filler \(fill): \(layout.text.prefix(20)) below the margin")
                        }
                    }
                }
            }
        }
    }

    /// Every page has the running header and its own footer, as page furniture.
    @Test func everyPageHasItsHeaderAndFooter() {
        let pages = Self.pages(Self.document(Self.filler(150)))
        #expect(pages.count >= 3)
        for (index, page) in pages.enumerated() {
            let texts = page.furniture.compactMap { item -> String? in
                if case let .text(layout, _, _, _) = item { return layout.text }
                return nil
            }
            #expect(texts == ["Layout test", "page \(index + 1) of \(pages.count)"])
        }
    }
}

/// The words of a PDF page with their boxes, as `pdftotext -bbox` reads them.
struct PDFWord {
    var text: String
    var page: Int
    var yMin: Double, yMax: Double
    var xMin = 0.0, xMax = 0.0
    var height: Double { yMax - yMin }

    static func words(_ pdf: URL) throws -> [PDFWord] {
        let html = try Tool.run("pdftotext", ["-enc", "UTF-8", "-bbox", pdf.path, "-"]).out
        var words: [PDFWord] = []
        var page = 0
        for line in html.split(separator: "\n") {
            if line.contains("<page ") { page += 1; continue }
            guard line.contains("<word "), let start = line.range(of: "\">"), let end = line.range(of: "</word>"),
                  start.upperBound <= end.lowerBound else { continue }
            let close = line.index(before: start.upperBound)
            func value(_ name: String) -> Double {
                guard let r = line.range(of: "\(name)=\"") else { return 0 }
                return Double(line[r.upperBound...].prefix { $0 != "\"" }) ?? 0
            }
            let text = String(line[line.index(after: close)..<end.lowerBound])
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            words.append(PDFWord(text: text, page: page, yMin: value("yMin"), yMax: value("yMax"), xMin: value("xMin"),
                                 xMax: value("xMax")))
        }
        return words
    }
}

/// What a reader of the Russian and Kazakh reports saw: words of a narrow
/// column shrunk in the PDF, broken inside in LibreOffice's rendering of
/// the ODT, and contents without page numbers.
@Suite(.enabled(if: Tool.available("pdftotext"), "SKIP: needs poppler-utils (scripts/setup installs it)"))
struct TableWordTests {
    /// The kind and format names the example's activities show, in `language`.
    static func names(_ language: ReportLanguage) throws -> [String] {
        let template = try ReportTemplate.load(folder: TestSupport.repository.appendingPathComponent("Templates/contract-summary"),
                                               language: language)
        let data = try TestSupport.dataset(TestSupport.example)
        let keys = Set(data.activities.map { "kinds.\($0.kind.rawValue)" } + data.activities.map { "formats.\($0.format.rawValue)" })
        return try keys.sorted().map { try template.strings.text($0) }
    }

    @Test(arguments: ["ru", "kk"])
    func pdfTableWordsKeepTheirSize(_ language: String) throws {
        let (pdf, _) = try PDFTests.render(TestSupport.example, ["--lang", language])
        let words = try PDFWord.words(pdf)
        // The smallest text the report has is the running header's (the small size).
        let header = words.filter { $0.page == 1 }.prefix(2)
        let smallest = try #require(header.map(\.height).min())
        for word in words {
            #expect(word.height >= smallest * 0.97, "\(word.text) on page \(word.page) is shrunk: \(word.height) < \(smallest)")
        }
        let texts = Set(words.map(\.text))
        for name in try Self.names(ReportLanguage(rawValue: language)!) {
            for part in name.split(separator: " ") { #expect(texts.contains(String(part)), "\(part) is not one word in the PDF") }
        }
        let total = language == "ru" ? "Итого" : "Барлығы"
        #expect(texts.contains(total))
    }

    /// The bookmarks' pages (section and centre headings), in order.
    static func headingPages(_ pdf: URL) throws -> [Int] {
        let json = try Tool.run("qpdf", ["--json", "--json-key=outlines", pdf.path]).out
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var pages: [Int] = []
        func walk(_ entries: [[String: Any]]) {
            for entry in entries {
                pages.append(entry["destpageposfrom1"] as? Int ?? 0)
                walk(entry["kids"] as? [[String: Any]] ?? [])
            }
        }
        walk(root["outlines"] as? [[String: Any]] ?? [])
        return pages
    }

    /// One layout for both writers: LibreOffice puts the ODT's headings on
    /// the pages where the PDF has them.
    @Test(.enabled(if: Tool.available("soffice") && Tool.available("qpdf"), "SKIP: needs LibreOffice and qpdf"),
          arguments: ["en", "ru", "kk"])
    func libreOfficeBreaksPagesWhereThePDFDoes(_ language: String) throws {
        let (pdf, _) = try PDFTests.render(TestSupport.example, ["--lang", language])
        let odt = try ODTTests.render(TestSupport.example, ["--lang", language])
        let folder = TestSupport.temporaryFolder("lo-pages")
        let profile = "-env:UserInstallation=file://\(folder.path)/profile"
        let r = try Tool.run("soffice", [profile, "--headless", "--convert-to", "pdf", "--outdir", folder.path, odt.path])
        #expect(r.status == 0, "\(r.err)")
        let office = folder.appendingPathComponent(odt.deletingPathExtension().lastPathComponent + ".pdf")
        let ours = try Self.headingPages(pdf)
        let theirs = try Self.headingPages(office)
        #expect(ours.count >= 9 && theirs.count == ours.count)
        // Both measure the same lines, but LibreOffice rounds to twips: a
        // block that just fits at a page's foot in one may move in the other
        // (one heading at most, by one page).
        let moved = zip(ours, theirs).filter { $0 != $1 }
        #expect(moved.count <= 1 && moved.allSatisfy { abs($0 - $1) == 1 }, "PDF \(ours), LibreOffice \(theirs)")
    }

    @Test(.enabled(if: Tool.available("soffice"), "SKIP: needs LibreOffice (libreoffice-writer-nogui)"),
          arguments: ["ru", "kk"])
    func libreOfficeShowsWordsWholeAndContentsWithPages(_ language: String) throws {
        let odt = try ODTTests.render(TestSupport.example, ["--lang", language])
        let folder = TestSupport.temporaryFolder("lo-words")
        let profile = "-env:UserInstallation=file://\(folder.path)/profile"
        let r = try Tool.run("soffice", [profile, "--headless", "--convert-to", "pdf", "--outdir", folder.path, odt.path])
        #expect(r.status == 0, "\(r.err)")
        let pdf = folder.appendingPathComponent(odt.deletingPathExtension().lastPathComponent + ".pdf")
        let texts = Set(try PDFWord.words(pdf).map(\.text))
        for name in try Self.names(ReportLanguage(rawValue: language)!) {
            for part in name.split(separator: " ") { #expect(texts.contains(String(part)), "\(part) is broken in LibreOffice") }
        }
        // The contents: every section with a page number, the page where
        // LibreOffice put it (its PDF's bookmarks say which).
        var pageOf: [String: Int] = [:]
        try #require(Tool.available("qpdf"), "qpdf reads LibreOffice's bookmarks")
        do {
            let json = try Tool.run("qpdf", ["--json", "--json-key=outlines", pdf.path]).out
            let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            func walk(_ entries: [[String: Any]]) {
                for entry in entries {
                    if let title = entry["title"] as? String, let page = entry["destpageposfrom1"] as? Int { pageOf[title] = page }
                    walk(entry["kids"] as? [[String: Any]] ?? [])
                }
            }
            walk(root["outlines"] as? [[String: Any]] ?? [])
        }
        var entries = 0
        for line in try PDFTests.text(pdf, page: 1).split(separator: "\n") {
            guard let dots = line.range(of: "...."),
                  let number = Int(line[dots.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: ". "))) else { continue }
            let title = line[..<dots.lowerBound].trimmingCharacters(in: .whitespaces)
            entries += 1
            let page = pageOf[title]
            #expect(page == number, "\(title): the contents say page \(number), it is on \(page ?? 0)")
        }
        #expect(entries >= 8, "contents entries with page numbers: \(entries)")
    }
}
