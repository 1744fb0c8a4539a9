// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
/// The eight tables of REPORT.md, "CSV tables".
public enum ExportTable: String, CaseIterable, Sendable {
    case activities
    case participation
    case byCentre = "by-centre"
    case byCountry = "by-country"
    case byKind = "by-kind"
    case byMonth = "by-month"
    case plan
    case planFulfilment = "plan-fulfilment"

    /// File name inside `contract-summary-YEAR-LANG-csv/`.
    public var fileName: String { rawValue + ".csv" }

    public var columns: [String] {
        switch self {
        case .activities:
            return ["id", "date", "end_date", "centres", "role", "kind", "format", "title", "host", "countries",
                    "participants", "participants_complete", "hours", "plan_item"]
        case .participation:
            return ["activity", "country_code", "country_name", "institution", "participants", "role"]
        case .byCentre:
            return ["centre_id", "centre_name", "activities", "organized", "participated", "online", "onsite",
                    "hybrid", "countries", "participants", "participants_complete"]
        case .byCountry:
            return ["country_code", "country_name", "activities", "participants", "participants_complete", "centres"]
        case .byKind:
            return ["kind", "activities", "online", "onsite", "hybrid", "participants", "participants_complete"]
        case .byMonth:
            return ["month", "activities", "participants", "participants_complete"]
        case .plan:
            return ["id", "year", "quarter", "centres", "kind", "format", "title", "countries", "status"]
        case .planFulfilment:
            return ["id", "title", "centres", "kind", "status", "fulfilled", "fulfilled_by"]
        }
    }
}

/// How a CSV file is spelled: delimiter, byte order mark, decimal mark and
/// the formula guard. RFC 4180 with `,` and `.` unless asked otherwise.
public struct CSVStyle: Sendable, Equatable {
    public var delimiter: UInt8 = UInt8(ascii: ",")
    public var byteOrderMark = false
    public var decimalSeparator = "."
    /// Prefix text cells that a spreadsheet would run as a formula with `'`.
    public var formulaGuard = false

    public init() {}

    /// `--excel`: a byte order mark, the formula guard, and for languages
    /// that write decimal commas (ru, kk) `;` and `,`.
    public static func excel(for language: ReportLanguage) -> CSVStyle {
        var style = CSVStyle()
        style.byteOrderMark = true
        style.formulaGuard = true
        if language.usesDecimalComma {
            style.delimiter = UInt8(ascii: ";")
            style.decimalSeparator = ","
        }
        return style
    }

    /// Parses a `--delimiter` value: one ASCII character other than a quote
    /// or a line break; `tab` and `\t` mean a tab.
    public static func delimiter(from text: String) -> UInt8? {
        if text == "tab" || text == "\\t" { return UInt8(ascii: "\t") }
        let bytes = Array(text.utf8)
        guard bytes.count == 1, bytes[0] >= 0x20 || bytes[0] == 0x09, bytes[0] < 0x7F,
              bytes[0] != UInt8(ascii: "\""), bytes[0] != UInt8(ascii: "'") else { return nil }
        return bytes[0]
    }
}

/// A value of an exported table: numbers are never formula-guarded.
enum CSVCell {
    case text(String)
    case number(String)
    case decimal(DecimalNumber)
    case empty

    static func optional(_ text: String?) -> CSVCell { text.map(CSVCell.text) ?? .empty }
    static func int(_ value: Int) -> CSVCell { .number(String(value)) }
    static func bool(_ value: Bool) -> CSVCell { .text(value ? "true" : "false") }
    static func list(_ items: [String]) -> CSVCell { .text(items.distinctSortedByCodePoint().joined(separator: ";")) }
}

/// Writes the tables of an `Aggregates` as CSV bytes.
public struct CSVExporter: Sendable {
    public var style: CSVStyle
    /// Language of the `*_name` columns.
    public var language: ReportLanguage

    public init(style: CSVStyle = CSVStyle(), language: ReportLanguage = .en) {
        self.style = style
        self.language = language
    }

    public func export(_ table: ExportTable, of aggregates: Aggregates) -> [UInt8] {
        var whole: [UInt8] = []
        export(table, of: aggregates) { whole += $0 }
        return whole
    }

    /// Streams the table into `sink`, a row at a time.
    public func export(_ table: ExportTable, of aggregates: Aggregates, to sink: FileSink) {
        export(table, of: aggregates) { sink.write($0) }
    }

    /// Hands the table's bytes to `deliver` in pieces of about 64 KB.
    private func export(_ table: ExportTable, of aggregates: Aggregates, deliver: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16 + 4096)
        if style.byteOrderMark { out += [0xEF, 0xBB, 0xBF] }
        write(table.columns.map(CSVCell.text), to: &out, guardFormulas: false)
        forEachRow(table, aggregates) { row in
            write(row, to: &out, guardFormulas: style.formulaGuard)
            if out.count >= 1 << 16 {
                deliver(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { deliver(out) }
    }

    /// Makes the table's rows one by one (a whole table of rows is never held).
    private func forEachRow(_ table: ExportTable, _ a: Aggregates, _ body: ([CSVCell]) -> Void) {
        func participants(_ count: ParticipantCount) -> [CSVCell] { [.int(count.known), .bool(count.complete)] }
        func country(_ code: String) -> String { Countries.name(code, in: language) }
        switch table {
        case .activities:
            for s in a.activities {
                let x = s.activity
                body([.text(x.id), .text(x.date.description), .optional(x.endDate?.description), .list(x.centres),
                      .text(x.role.rawValue), .text(x.kind.rawValue), .text(x.format.rawValue), .text(x.title),
                      .optional(x.host), .list(s.countries)] + participants(s.participants)
                     + [x.hours.map(CSVCell.decimal) ?? .empty, .optional(x.planItem)])
            }
        case .participation:
            for p in a.participation {
                body([.text(p.activity), .text(p.country), .text(country(p.country)), .optional(p.institution),
                      p.participants.map(CSVCell.int) ?? .empty, .text(p.role.rawValue)])
            }
        case .byCentre:
            for c in a.byCentre {
                body([.text(c.centre.id), .text(c.centre.name), .int(c.activities), .int(c.organized), .int(c.participated),
                      .int(c.formats.online), .int(c.formats.onsite), .int(c.formats.hybrid), .int(c.countries)]
                     + participants(c.participants))
            }
        case .byCountry:
            for c in a.byCountry {
                body([.text(c.code), .text(country(c.code)), .int(c.activities)] + participants(c.participants)
                     + [.list(c.centres)])
            }
        case .byKind:
            for k in a.byKind {
                body([.text(k.kind.rawValue), .int(k.activities), .int(k.formats.online), .int(k.formats.onsite),
                      .int(k.formats.hybrid)] + participants(k.participants))
            }
        case .byMonth:
            for m in a.byMonth { body([.text(m.label), .int(m.activities)] + participants(m.participants)) }
        case .plan:
            for p in a.nextYearPlan {
                body([.text(p.id), .int(p.year), .optional(p.quarter?.rawValue), .list(p.centres), .text(p.kind.rawValue),
                      .optional(p.format?.rawValue), .text(p.title), .list(p.countries), .text(p.status.rawValue)])
            }
        case .planFulfilment:
            for f in a.planFulfilment {
                body([.text(f.item.id), .text(f.item.title), .list(f.item.centres), .text(f.item.kind.rawValue),
                      .text(f.item.status.rawValue), .bool(f.fulfilled), .list(f.fulfilledBy)])
            }
        }
    }

    private func write(_ row: [CSVCell], to out: inout [UInt8], guardFormulas: Bool) {
        for (i, cell) in row.enumerated() {
            if i > 0 { out.append(style.delimiter) }
            switch cell {
            case .empty:
                break
            case .number(let text):
                field(text, to: &out)
            case .decimal(let value):
                field(value.formatted(decimalSeparator: style.decimalSeparator), to: &out)
            case .text(let text):
                if guardFormulas, let first = text.utf8.first,
                   [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first) {
                    field("'" + text, to: &out)
                } else {
                    field(text, to: &out)
                }
            }
        }
        out += [0x0D, 0x0A]
    }

    /// One field, quoted when it holds the delimiter, a quote, a line break,
    /// or blanks at either end (which readers would trim).
    private func field(_ text: String, to out: inout [UInt8]) {
        let bytes = text.utf8
        let needsQuotes = bytes.contains { $0 == style.delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || bytes.first == 0x20 || bytes.last == 0x20 || bytes.first == 0x09 || bytes.last == 0x09
        guard needsQuotes else {
            out += bytes
            return
        }
        out.append(0x22)
        for b in bytes {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }
}
