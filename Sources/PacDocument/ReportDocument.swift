// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDataset
import PacAggregates
/// The report as a renderer-neutral document: what to say, in which order,
/// with which emphasis; never where on a page. The PDF and ODT writers
/// consume only this model (they never read the dataset), as pandoc's
/// writers consume its AST.
public struct ReportDocument: Sendable {
    public var metadata: DocumentMetadata
    /// The template's look, which `styleSheet` is resolved from: only the
    /// document stage sees it (a writer reads the style sheet).
    var style: DocumentStyle { didSet { styleSheet = StyleSheet(style, language: metadata.language) } }
    /// Every number of the look, for the layout and every writer.
    public private(set) var styleSheet: StyleSheet
    public var blocks: [Block]
    /// What the builder had to shorten or leave out, for the user.
    public var warnings: [String] = []

    public init(metadata: DocumentMetadata, style: DocumentStyle, blocks: [Block], warnings: [String] = []) {
        self.metadata = metadata
        self.style = style
        styleSheet = StyleSheet(style, language: metadata.language)
        self.blocks = blocks
        self.warnings = warnings
    }

    /// Whether the block at `index` must stay on the page of the one after
    /// it: key figures followed by their note (what "at least" means).
    public func keepsWithNext(_ index: Int) -> Bool {
        guard index + 1 < blocks.count, case .keyFigures = blocks[index],
              case .paragraph(let next) = blocks[index + 1] else { return false }
        return next.role == .note
    }

    /// Every heading, in order: the table of contents and the outline.
    public var headings: [Heading] {
        blocks.compactMap { if case .heading(let h) = $0 { return h } else { return nil } }
    }
}

public struct DocumentMetadata: Sendable, Hashable {
    public var title: String
    /// The running header of every page.
    public var shortTitle: String
    public var author: String
    public var subject: String
    public var keywords: [String]
    /// `pacreport VERSION`.
    public var creator: String
    /// Seconds since 1970 (UTC): from SOURCE_DATE_EPOCH, else now.
    public var creationDate: Int64
    public var language: ReportLanguage
    /// Footer wording with `{page}` and `{pages}` slots, e.g. `page {page} of {pages}`.
    public var pageFooter: String

    public init(title: String, shortTitle: String, author: String, subject: String, keywords: [String], creator: String,
                creationDate: Int64, language: ReportLanguage, pageFooter: String) {
        self.title = title; self.shortTitle = shortTitle; self.author = author; self.subject = subject
        self.keywords = keywords; self.creator = creator; self.creationDate = creationDate; self.language = language
        self.pageFooter = pageFooter
    }

    /// The creation date as `YYYY-MM-DDThh:mm:ssZ` (UTC): Cairo turns it
    /// into the PDF's date, the ODT takes it without the zone.
    public var creationDateTime: String {
        let seconds = creationDate
        let date = ISODate(unixSeconds: seconds)
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(date)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    /// What the ODT, ODS and xlsx packages say of themselves.
    public var packageProperties: PackageProperties {
        PackageProperties(title: title, subject: subject, keywords: keywords, author: author, generator: creator,
                          created: creationDateTime, language: language.regionalTag)
    }

    /// A page number in the language's digits (contents, footer).
    public func numeral(_ n: Int) -> String { LocaleData.of(language).numeral(n) }

    /// The footer of page `page` of `pages`.
    public func footer(page: Int, of pages: Int) -> String {
        pageFooter.replacingOccurrences(of: "{page}", with: LocaleData.of(language).numeral(page))
            .replacingOccurrences(of: "{pages}", with: LocaleData.of(language).numeral(pages))
    }
}

/// One piece of the document's flow.
public enum Block: Sendable, Hashable {
    case heading(Heading)
    case paragraph(Paragraph)
    /// The title block's large title.
    case title(String)
    case keyFigures([KeyFigure])
    case table(Table)
    case chart(Chart)
    /// The table of contents, filled from the headings by the writer.
    case tableOfContents(title: String)
}

public struct Heading: Sendable, Hashable {
    /// 1 for sections, 2 for their parts (centres).
    public var level: Int
    public var text: String
    /// A stable anchor for links and bookmarks, e.g. `sec-key-figures`.
    public var anchor: String
    /// Whether the table of contents lists it.
    public var inContents: Bool

    public init(level: Int, text: String, anchor: String, inContents: Bool = true) {
        self.level = level; self.text = text; self.anchor = anchor; self.inContents = inContents
    }
}

/// Text with styled runs.
public struct Paragraph: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        case body, lead, small, note
    }

    public var runs: [Run]
    public var role: Role
    /// Never split across pages (a contact block): it moves whole to the next page.
    public var keepTogether: Bool
    /// Introduces what follows (a table's intro under its heading): never
    /// the last thing on a page.
    public var keepWithNext: Bool

    public init(_ runs: [Run], role: Role = .body, keepTogether: Bool = false, keepWithNext: Bool = false) {
        self.runs = runs
        self.role = role
        self.keepTogether = keepTogether
        self.keepWithNext = keepWithNext
    }

    public init(_ text: String, role: Role = .body, keepTogether: Bool = false, keepWithNext: Bool = false) {
        self.init([Run(text)], role: role, keepTogether: keepTogether, keepWithNext: keepWithNext)
    }

    public var plainText: String { runs.map(\.text).joined() }
}

public struct Run: Sendable, Hashable {
    public var text: String
    public var bold: Bool
    public var italic: Bool
    /// A web or mail address (`https://...`, `mailto:...`) or `#anchor`.
    public var link: String?

    public init(_ text: String, bold: Bool = false, italic: Bool = false, link: String? = nil) {
        self.text = text; self.bold = bold; self.italic = italic; self.link = link
    }
}

public struct KeyFigure: Sendable, Hashable {
    public var label: String
    public var value: String
    /// A short line under the value, e.g. "online 4 · onsite 1".
    public var detail: String?
    /// The earlier year's value and the change, e.g. "2020: 5 (+2)".
    public var comparison: String?

    public init(label: String, value: String, detail: String?, comparison: String? = nil) {
        self.label = label; self.value = value; self.detail = detail; self.comparison = comparison
    }
}

public struct Table: Sendable, Hashable {
    public enum Alignment: String, Sendable, Hashable { case start, end, center }

    public struct Column: Sendable, Hashable {
        public var header: String
        public var alignment: Alignment

        /// The layout sizes columns by what they hold (`ColumnSizer`).
        public init(header: String, alignment: Alignment) {
            self.header = header
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// Text shown under a row across the whole width (an activity's
    /// description; line breaks start paragraphs): by row, "" for none;
    /// empty when no row has any.
    public var details: [String]
    /// A totals row, set off from the body.
    public var totals: [String]?
    /// Shown under the table, e.g. what "at least" means.
    public var note: String?
    /// Names the table for screen readers and the ODT.
    public var name: String

    public init(name: String, columns: [Column], rows: [[String]], details: [String] = [], totals: [String]? = nil,
                note: String? = nil) {
        self.name = name; self.columns = columns; self.rows = rows; self.details = details; self.totals = totals
        self.note = note
    }

    /// The details under row `index`, or nil.
    public func details(_ index: Int) -> String? {
        index < details.count && !details[index].isEmpty ? details[index] : nil
    }
}

/// A horizontal bar chart, as data: each writer draws it.
public struct Chart: Sendable, Hashable {
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Int
        /// The value is a lower bound ("at least").
        public var atLeast: Bool
        /// The value as printed beside the bar.
        public var valueText: String
    }

    public var title: String
    public var bars: [Bar]
    /// Explains the marking of "at least" values; nil when no bar has one.
    public var legend: String?
    /// A sentence that says what the chart shows, for screen readers.
    public var description: String
}

/// Fonts, sizes, colours and page geometry from the template.
public struct DocumentStyle: Sendable, Hashable {
    public enum Paper: String, Sendable, Hashable, CaseIterable {
        case a4, letter

        /// Width and height in points.
        public var size: (width: Double, height: Double) {
            switch self {
            case .a4: return (595.2756, 841.8898)
            case .letter: return (612, 792)
            }
        }
    }

    public var paper: Paper = .a4
    /// Margins in millimetres.
    public var marginTop = 20.0
    public var marginBottom = 18.0
    public var marginLeft = 18.0
    public var marginRight = 18.0
    /// Font families in fallback order (a fontconfig/Pango family list).
    public var fontFamilies = "Noto Sans"
    /// Sizes in points.
    public var bodySize = 9.5
    public var smallSize = 8.0
    public var titleSize = 22.0
    public var heading1Size = 15.0
    public var heading2Size = 12.0
    public var figureSize = 18.0
    /// Colours as `#RRGGBB`.
    public var textColour = "#1A1A1A"
    public var accentColour = "#1F4E79"
    public var mutedColour = "#5F6B7A"
    public var ruleColour = "#B8C4D0"
    public var headerFillColour = "#E4ECF4"
    public var barColour = "#2E75B6"
    public var barAtLeastColour = "#9DC3E6"

    public init() {}
}
