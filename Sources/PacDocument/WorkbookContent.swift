// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacAggregates
import PacBase
import PacDataset
import Foundation

/// A part of a date as a spreadsheet shows it.
public enum DatePart: Sendable, Hashable {
    /// The day, `5` or (`twoDigits`) `05`.
    case day(twoDigits: Bool)
    /// The month as a number, `10` or `03`.
    case month(twoDigits: Bool)
    /// The month's abbreviated name in the format's language (`Oct`).
    case monthAbbreviated
    /// The year in four digits.
    case year
    case literal(String)
}

extension ReportLanguage {
    /// How the language's workbooks show a date: CLDR's pattern (from ICU)
    /// for a short numeric date (`05.10.2020`, `05/10/2020`), for English
    /// the medium date (`5 Oct 2020`: no day-month order to misread), for
    /// Chinese the usual `2020年10月5日`.
    public var sheetDate: [DatePart] {
        LocaleData.of(self).datePattern(skeleton: self == .en || self == .zh ? "yMMMd" : "yMMdd")
    }
}

/// A workbook to write, renderer-neutral: sheets of typed cells under
/// labelled columns, each column sized to its content. The rows are made
/// again for each pass (measuring here, then writing), never held.
public struct WorkbookContent: Sendable {
    public var metadata: DocumentMetadata
    /// How date cells are shown.
    public var dateFormat: [DatePart]
    public var sheets: [Sheet]
    /// The paper sheets print on (landscape): the template's, or `--paper`.
    public var paper: DocumentStyle.Paper = .a4
    /// Sheets of a right-to-left language run from the right (column A at the right).
    public var rightToLeft: Bool { metadata.language.isRightToLeft }

    public struct Column: Sendable, Hashable {
        public var header: String
        /// A note on the header cell (a comment in Excel, an annotation in Calc).
        public var note: String?
        /// The column's width in characters (digit widths of the default
        /// font), enough for its widest cell and its header with the
        /// filter button, within `WorkbookContent.widthLimits`.
        public var width: Double
    }

    public struct Sheet: Sendable {
        public var name: String
        public var columns: [Column]
        /// Body rows (the header row not counted).
        public var rowCount: Int
        /// Hands the body rows to `body` in order, one at a time.
        public let rows: @Sendable (_ body: ([ExportCell]) -> Void) -> Void

        /// A sheet whose column widths are measured on its rows (one pass).
        public init(name: String, headers: [String], notes: [String?]? = nil, dateFormat: [DatePart],
                    rows: @escaping @Sendable (_ body: ([ExportCell]) -> Void) -> Void) {
            self.name = name
            self.rows = rows
            var widths = headers.map { WorkbookContent.width(of: $0) * WorkbookContent.bold + WorkbookContent.filterButton }
            let dateWidth = WorkbookContent.width(of: dateFormat)
            var count = 0
            rows { row in
                count += 1
                for (i, cell) in row.enumerated() where i < widths.count {
                    let w: Double
                    switch cell {
                    case .empty: continue
                    case .text(let text), .number(let text), .label(_, let text): w = WorkbookContent.width(of: text)
                    case .decimal(let value): w = Double(value.formatted(decimalSeparator: ".").utf8.count)
                    case .date: w = dateWidth
                    case .boolean: w = 6  // TRUE, FALSE, ИСТИНА, ЛОЖЬ
                    }
                    if w > widths[i] { widths[i] = w }
                }
            }
            rowCount = count
            columns = headers.indices.map { i in
                Column(header: headers[i], note: notes?[i],
                       width: min(max(widths[i] + WorkbookContent.padding, WorkbookContent.widthLimits.lowerBound),
                                  WorkbookContent.widthLimits.upperBound))
            }
        }
    }

    public init(metadata: DocumentMetadata, dateFormat: [DatePart], sheets: [Sheet], paper: DocumentStyle.Paper = .a4) {
        self.metadata = metadata
        self.dateFormat = dateFormat
        self.sheets = sheets
        self.paper = paper
    }

    /// Narrowest and widest column, in characters: a long title wraps no
    /// line, so past 60 characters it runs under the next column's cells
    /// only when they are empty, as in any spreadsheet.
    public static let widthLimits = 6.0...60.0
    /// Room beside the text in a cell, in characters.
    static let padding = 1.5
    /// How much wider the header's bold letters run.
    static let bold = 1.15
    /// Room the header's auto-filter button takes, in characters.
    static let filterButton = 2.0

    /// Width of `text` in characters: its longest line, East Asian wide
    /// characters counted twice and combining marks not at all.
    public static func width(of text: String) -> Double {
        var longest = 0, line = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A { longest = max(longest, line); line = 0; continue }
            // Latin, Greek, Cyrillic letters: one each, no table to look up.
            if v < 0x300 || (0x370...0x482).contains(v) || (0x48A...0x58F).contains(v) { line += 1; continue }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: continue
            default: break
            }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            line += wide ? 2 : 1
        }
        return Double(max(longest, line))
    }

    static func width(of format: [DatePart]) -> Double {
        format.reduce(0) { sum, part in
            switch part {
            case .day, .month: return sum + 2
            case .monthAbbreviated: return sum + 4
            case .year: return sum + 4
            case .literal(let text): return sum + width(of: text)
            }
        }
    }
}

extension WorkbookContent {
    /// The year's eight tables (or `wanted`), a sheet each, in the report's language.
    public static func year(_ aggregates: Aggregates, template: ReportTemplate, language: ReportLanguage,
                            creationDate: Int64, tables wanted: [ExportTable] = ExportTable.allCases) throws -> WorkbookContent {
        let labels = try ExportLabels(template, language: language)
        let tables = ExportTables(aggregates, language: language, labels: labels)
        let builder = ReportBuilder(aggregates: aggregates, template: template, language: language, creationDate: creationDate)
        return WorkbookContent(metadata: try builder.metadata(), dateFormat: language.sheetDate,
                               sheets: measured(wanted.map { table in { sheet(table, of: tables) } }),
                               paper: template.style.paper)
    }

    /// Sheets made (and so measured) on as many threads as there are cores.
    static func measured(_ makers: [@Sendable () -> Sheet]) -> [Sheet] {
        final class Results: @unchecked Sendable {
            var sheets: [Sheet?]
            let lock = NSLock()
            init(_ count: Int) { sheets = Array(repeating: nil, count: count) }
        }
        let results = Results(makers.count)
        DispatchQueue.concurrentPerform(iterations: makers.count) { index in
            let sheet = makers[index]()
            results.lock.withLock { results.sheets[index] = sheet }
        }
        return results.sheets.map { $0! }
    }

    /// The contract-term report's four tables.
    public static func term(_ term: TermAggregates, template: ReportTemplate, language: ReportLanguage,
                            creationDate: Int64) throws -> WorkbookContent {
        let labels = try ExportLabels(template, language: language)
        let tables = TermExportTables(term, language: language, labels: labels)
        let builder = TermReportBuilder(term: term, template: template, language: language, creationDate: creationDate)
        return WorkbookContent(metadata: try builder.metadata(), dateFormat: language.sheetDate,
                               sheets: measured(TermExportTable.allCases.map { table in {
            Sheet(name: labels.sheet(table.rawValue), headers: table.columns.map { labels.column($0, counted: true) },
                  dateFormat: language.sheetDate) {
                tables.forEachRow(table, $0)
            }
        } }), paper: template.style.paper)
    }

    /// One table of the year (`export --format xlsx|ods`).
    public static func table(_ table: ExportTable, of aggregates: Aggregates, template: ReportTemplate,
                             language: ReportLanguage, creationDate: Int64) throws -> WorkbookContent {
        try year(aggregates, template: template, language: language, creationDate: creationDate, tables: [table])
    }

    static func sheet(_ table: ExportTable, of tables: ExportTables) -> Sheet {
        Sheet(name: tables.labels.sheet(table.rawValue),
              headers: table.columns.map { tables.labels.column($0, counted: table == .byCentre) },
              dateFormat: tables.language.sheetDate) { tables.forEachRow(table, $0) }
    }
}
