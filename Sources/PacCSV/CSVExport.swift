// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import PacOutput
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
    /// that write decimal commas (ru, kk, fr, es, de) `;` and `,`.
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

/// Writes export tables (`ExportTables`, made by the document stage) as
/// CSV bytes: it spells cells, it never reads the dataset.
public struct CSVExporter: Sendable {
    public var style: CSVStyle

    public init(style: CSVStyle = CSVStyle()) {
        self.style = style
    }

    public func export(_ table: ExportTable, of tables: ExportTables) -> [UInt8] {
        var whole: [UInt8] = []
        export(table, of: tables) { whole += $0 }
        return whole
    }

    /// Streams the table into `sink`, a row at a time.
    public func export(_ table: ExportTable, of tables: ExportTables, to sink: FileSink) {
        export(table, of: tables) { sink.write($0) }
    }

    /// A table of the contract-term report as CSV bytes.
    public func export(_ table: TermExportTable, of tables: TermExportTables) -> [UInt8] {
        var whole: [UInt8] = []
        export(columns: table.columns, rows: { tables.forEachRow(table, $0) }) { whole += $0 }
        return whole
    }

    /// Streams a term table into `sink`, a row at a time.
    public func export(_ table: TermExportTable, of tables: TermExportTables, to sink: FileSink) {
        export(columns: table.columns, rows: { tables.forEachRow(table, $0) }) { sink.write($0) }
    }

    /// Any table of typed rows as CSV bytes.
    public func export(columns: [String], rows: [[ExportCell]]) -> [UInt8] {
        var whole: [UInt8] = []
        export(columns: columns, rows: { body in rows.forEach(body) }) { whole += $0 }
        return whole
    }

    /// A year's table, spelt cell by cell as the tables hand them over.
    private func export(_ table: ExportTable, of tables: ExportTables, deliver: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16 + 4096)
        if style.byteOrderMark { out += [0xEF, 0xBB, 0xBF] }
        write(table.columns.map(ExportCell.text), to: &out, guardFormulas: false)
        var first = true
        tables.forEachRow(table, cell: { cell in
            if !first { out.append(style.delimiter) }
            first = false
            write(cell, to: &out, guardFormulas: style.formulaGuard)
        }, endRow: {
            out.append(0x0D)
            out.append(0x0A)
            first = true
            if out.count >= 1 << 16 {
                deliver(out)
                out.removeAll(keepingCapacity: true)
            }
        })
        if !out.isEmpty { deliver(out) }
    }

    /// Hands the table's bytes to `deliver` in pieces of about 64 KB.
    private func export(columns: [String], rows: ((([ExportCell]) -> Void)) -> Void, deliver: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16 + 4096)
        if style.byteOrderMark { out += [0xEF, 0xBB, 0xBF] }
        write(columns.map(ExportCell.text), to: &out, guardFormulas: false)
        withoutActuallyEscaping(deliver) { deliver in
            rows { row in
                write(row, to: &out, guardFormulas: style.formulaGuard)
                if out.count >= 1 << 16 {
                    deliver(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        if !out.isEmpty { deliver(out) }
    }

    private func write(_ row: [ExportCell], to out: inout [UInt8], guardFormulas: Bool) {
        for (i, cell) in row.enumerated() {
            if i > 0 { out.append(style.delimiter) }
            write(cell, to: &out, guardFormulas: guardFormulas)
        }
        out += [0x0D, 0x0A]
    }

    private func write(_ cell: ExportCell, to out: inout [UInt8], guardFormulas: Bool) {
            switch cell {
            case .empty:
                break
            case .decimal(let value):
                field(value.formatted(decimalSeparator: style.decimalSeparator), to: &out)
            case .text(let text):
                if guardFormulas, let first = text.utf8.first,
                   [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first) {
                    field("'" + text, to: &out)
                } else {
                    field(text, to: &out)
                }
            case .number(let text), .label(let text, _):
                field(text, to: &out)
            case .boolean(let value):
                out.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
            case .date(let date):
                date.writeDigits(to: &out)
            }
    }

    private static let trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)

    /// One field, quoted when it holds the delimiter, a quote, a line break,
    /// or blanks at either end (which readers would trim).
    private func field(_ text: String, to out: inout [UInt8]) {
        let delimiter = style.delimiter
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return }
            var needsQuotes = first == 0x20 || last == 0x20 || first == 0x09 || last == 0x09
            if !needsQuotes {
                // The delimiter, a quote, a line feed or a carriage return.
                for b in bytes where b == delimiter || (b <= 0x22 && (b == 0x22 || b == 0x0A || b == 0x0D)) {
                    needsQuotes = true
                    break
                }
            }
            guard needsQuotes else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(0x22)
            for b in bytes {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            out.append(0x22)
        }
        if done == nil {
            var copy = text
            copy.makeContiguousUTF8()
            field(copy, to: &out)
        }
    }
}
