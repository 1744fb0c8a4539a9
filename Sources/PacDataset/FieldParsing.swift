// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
/// Reads typed values out of CSV cells, reporting each bad one at its place.
///
/// Every reader has a fast path for the plain cell (printable ASCII, the
/// value as the format asks for it), read on the bytes without making a
/// `String`; any other cell takes the full path with its diagnostics, so
/// what is reported is the same either way.
package struct FieldReader {
    package let table: DataTable
    package let log: DiagnosticLog
    /// Whether the table is a workbook's sheet (its ids may have become dates).
    package let isSheet: Bool

    package init(table: DataTable, log: DiagnosticLog) {
        self.table = table
        self.log = log
        isSheet = log.origins[table.file]?.cellLetters != nil
    }

    package var file: String { table.file }

    /// A column of the table, found once for all its rows.
    package func column(_ name: String) -> DataTable.Column { table.column(name) }

    /// A required text cell; an error when the cell is empty.
    package func required(_ row: CSVRecord, _ column: DataTable.Column, what: @autoclosure () -> String) -> String? {
        guard column.position != nil else { return nil }  // the missing column is reported once, on line 1
        if let value = table.value(row, column) { return clean(value, row, column) }
        log.error(file, line: row.line, column: column.name, "\(column.name) is empty; \(what())")
        return nil
    }

    private func clean(_ value: String, _ row: CSVRecord, _ column: DataTable.Column) -> String {
        TextSafety.clean(value, file: file, line: row.line, column: column.name, log: log)
    }

    /// An id that reads as a date in a sheet (2020-01-01 where 2020-01 was
    /// typed): spreadsheets turn such ids into dates unless the column is
    /// text. Said once per table; the id is taken as it is.
    package func id(_ row: CSVRecord, _ column: DataTable.Column, what: @autoclosure () -> String) -> String? {
        let id = required(row, column, what: what())
        if isSheet, let id, ISODate(parsing: id) != nil, log.once("\(file)|date-id") {
            log.warning(file, line: row.line, column: column.name,
                        "the id '\(id)' is a date; if it was typed otherwise (2020-01), the spreadsheet turned it into a date: format the id columns as Text, type the ids again and check the ids that refer to them")
        }
        return id
    }

    package func optional(_ row: CSVRecord, _ column: DataTable.Column) -> String? {
        table.value(row, column).map { clean($0, row, column) }
    }

    /// `optional` for a column whose values repeat: each distinct value is
    /// made once, and numbered (-1: no value; a value cleaned to nothing
    /// is the empty text, numbered as any other).
    package func optional(_ row: CSVRecord, _ column: DataTable.Column, interning texts: TextInterner) -> (String?, Int) {
        guard let position = column.position, position < row.count, !row.isEmpty(position) else { return (nil, -1) }
        // A value seen before whose ends are ASCII (so nothing to trim) and
        // with no character to remove is the same value again.
        let seen: Int? = row.withBytes(position) { bytes in
            guard bytes[0] < 0x80, bytes[bytes.count - 1] < 0x80, let known = texts.find(bytes) else { return nil }
            return known
        }
        if let seen { return (texts.strings[seen], seen) }
        guard let value = optional(row, column) else { return (nil, -1) }
        return (value, texts.intern(value))
    }

    package func date(_ row: CSVRecord, _ column: DataTable.Column, required: Bool) -> (ok: Bool, value: ISODate?) {
        if let date = table.plainASCII(row, column, ISODate.init(bytes:)) { return (true, date) }
        let text = required ? self.required(row, column, what: "write the date as YYYY-MM-DD")
                            : optional(row, column)
        guard let text else { return (!required, nil) }
        if let date = ISODate(parsing: text) { return (true, date) }
        log.error(file, line: row.line, column: column.name, Self.dateProblem(text, date1904: table.date1904))
        return (false, nil)
    }

    /// Why `text` is not a date, naming the date to write when it is
    /// recognisable (`17.03.2020`, `2020-3-17`, a spreadsheet's date number).
    package static func dateProblem(_ text: String, date1904: Bool = false) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
           parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, (1...12).contains(m) {
            return "'\(text)' is not a date in the calendar: \(ISODate.monthNamesEnglish[m - 1]) \(y) has \(ISODate.daysIn(month: m, year: y)) days, not \(d)"
        }
        if let message = ValueHints.dateMessage(text, date1904: date1904) { return message }
        return "'\(text)' is not a date; write it as YYYY-MM-DD with a two-digit month and day, e.g. 2020-03-17"
    }

    package func enumValue<E: DatasetEnum>(_ row: CSVRecord, _ column: DataTable.Column, _ type: E.Type, noun: String,
                                    required: Bool) -> (ok: Bool, value: E?) {
        // The value as the format spells it (`seminar`): no normalising.
        if let value = table.plainASCII(row, column, { E(rawValue: String(decoding: $0, as: UTF8.self)) }) {
            return (true, value)
        }
        let text = required ? self.required(row, column, what: "use one of: \(E.allowedList)")
                            : optional(row, column)
        guard let text else { return (!required, nil) }
        if let value = E(matching: text) { return (true, value) }
        log.error(file, line: row.line, column: column.name,
                  "'\(text)' is not a known \(noun); use one of: \(E.allowedList)")
        return (false, nil)
    }

    /// A whole number ≥ 0; nil value when the cell is empty.
    package func count(_ row: CSVRecord, _ column: DataTable.Column, meaning: String) -> (ok: Bool, value: Int?) {
        if let value = table.plainASCII(row, column, Self.digits) { return (true, value) }
        guard let text = optional(row, column) else { return (true, nil) }
        return Self.wholeNumber(text, column: column.name, meaning: meaning, at: row.line, file: file, log: log)
    }

    /// Up to twelve ASCII digits as a number (always within the limit of
    /// `wholeNumber`); nil for anything else.
    @inline(__always)
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count <= 12 else { return nil }
        var value = 0
        for b in bytes {
            guard b >= 48 && b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return value
    }

    package static func wholeNumber(_ text: String, column: String, meaning: String, at line: Int, file: String,
                            log: DiagnosticLog) -> (ok: Bool, value: Int?) {
        let digits = text.hasPrefix("-") ? String(text.dropFirst()) : text
        let allDigits = !digits.isEmpty && digits.utf8.allSatisfy { (48...57).contains($0) }
        if allDigits, text.hasPrefix("-") {
            log.error(file, line: line, column: column, "\(column) is \(text); \(meaning) cannot be negative")
            return (false, nil)
        }
        guard allDigits else {
            if let fixed = ValueHints.wholeNumber(text) {
                log.error(file, line: line, column: column, "'\(text)' is not written as a whole number; write \(fixed) (digits only)")
            } else {
                log.error(file, line: line, column: column, "'\(text)' is not a whole number; \(column) must be \(meaning), a whole number of 0 or more")
            }
            return (false, nil)
        }
        guard let value = Int(digits), value <= 1_000_000_000_000 else {
            log.error(file, line: line, column: column, "'\(text)' is too large for \(column)")
            return (false, nil)
        }
        return (true, value)
    }

    package func decimal(_ row: CSVRecord, _ column: DataTable.Column, meaning: String) -> (ok: Bool, value: DecimalNumber?) {
        // Digits with at most one point: parsed as they are.
        if let value = table.plainASCII(row, column, { bytes -> DecimalNumber? in
            guard bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 }) else { return nil }
            return DecimalNumber(parsing: String(decoding: bytes, as: UTF8.self))
        }) {
            return (true, value)
        }
        guard var text = optional(row, column) else { return (true, nil) }
        // A decimal comma in a `;`- or tab-separated file: 1,5 is 1.5.
        if table.acceptsDecimalComma, let comma = text.firstIndex(of: ","), text.filter({ $0 == "," }).count == 1,
           DecimalNumber(parsing: text.replacingCharacters(in: comma...comma, with: ".")) != nil {
            text.replaceSubrange(comma...comma, with: ".")
        }
        if text.hasPrefix("-"), DecimalNumber(parsing: String(text.dropFirst())) != nil {
            log.error(file, line: row.line, column: column.name, "\(column.name) is \(text); \(meaning) cannot be negative")
            return (false, nil)
        }
        if let value = DecimalNumber(parsing: text) { return (true, value) }
        if let fixed = ValueHints.decimal(text), DecimalNumber(parsing: fixed) != nil {
            let grouped = text.contains(where: ValueHints.isGroupSeparator)
            let why = grouped ? " (no spaces between the digits)" : " (with a point as decimal separator)"
            log.error(file, line: row.line, column: column.name, "'\(text)' is not written as a number; write \(fixed)\(why)")
            return (false, nil)
        }
        log.error(file, line: row.line, column: column.name,
                  "'\(text)' is not a number; \(column.name) must be \(meaning), 0 or more, e.g. 2 or 1.5")
        return (false, nil)
    }

    /// Items of a `;`-separated list, trimmed, empty ones dropped.
    package static func list(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(separator: ";").map { String(ActivityKind.trimmedBlanks($0)) }.filter { !$0.isEmpty }
    }

    /// Centre ids of a list cell, each checked against report.yaml.
    package func centres(_ row: CSVRecord, _ column: DataTable.Column, known: [String]?) -> (ok: Bool, value: [String]) {
        // Known ids between semicolons, nothing else: the list as it is.
        if let known, let ids = table.plainASCII(row, column, { bytes -> [String]? in
            var ids: [String] = []
            for part in bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false) {
                guard !part.isEmpty, !part.contains(UInt8(ascii: " ")) else { return nil }
                let id = String(decoding: UnsafeBufferPointer(rebasing: part), as: UTF8.self)
                guard known.contains(id) else { return nil }
                if !ids.contains(id) { ids.append(id) }
            }
            return ids
        }) {
            return (true, ids)
        }
        guard let text = required(row, column, what: "name at least one centre id of report.yaml") else { return (false, []) }
        let ids = Self.list(text)
        var ok = true
        if ids.isEmpty {
            log.error(file, line: row.line, column: column.name, "\(column.name) names no centre; name at least one centre id of report.yaml")
            ok = false
        }
        if let known {
            for id in ids where !known.contains(id) {
                log.error(file, line: row.line, column: column.name,
                          "'\(id)' is not a centre of report.yaml; declared centres: \(known.joined(separator: ", "))")
                ok = false
            }
        }
        var seen = Set<String>()
        return (ok, ids.filter { seen.insert($0).inserted })
    }

    /// A country code cell: the code, upper-case; nil and an error when it
    /// is none.
    package func country(_ row: CSVRecord, _ column: DataTable.Column, what: @autoclosure () -> String) -> (ok: Bool, value: String?) {
        if let code = table.plainASCII(row, column, Countries.code(bytes:)) { return (true, code) }
        guard let text = required(row, column, what: what()) else { return (false, nil) }
        let code = country(text, row, column)
        return (code != nil, code)
    }

    package func country(_ text: String, _ row: CSVRecord, _ column: DataTable.Column) -> String? {
        if let code = Countries.normalise(text) { return code }
        log.error(file, line: row.line, column: column.name, Countries.unknownCodeMessage(text))
        return nil
    }
}

extension Countries {
    /// Why `text` is not a country code, with the right code when `text` is
    /// a country's name in a language ICU knows or its three-letter code.
    package static func unknownCodeMessage(_ text: String) -> String {
        var message = "'\(text)' is not an ISO 3166-1 alpha-2 country code (two letters, e.g. KZ, RU, FR)"
        if let code = ValueHints.countryCode(text) { message += "; for \(text) write \(code)" }
        return message
    }
}

extension ISODate {
    package static let monthNamesEnglish = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]
}

/// Characters that must not reach a report: controls that XML 1.0 forbids
/// (and that PDF shows as boxes), and the bidi embedding, override and
/// isolate controls that can reorder the text around them. Tab and line
/// breaks stay; so do the plain direction marks (U+200E, U+200F).
package enum TextSafety {
    /// Whether `text` may hold an unsafe character: looked for in its
    /// bytes (a C0 control or DEL, or the lead bytes of C1 controls, of
    /// U+202A…202E, U+2066…2069 and U+FFFE/FFFF), the exact check only then.
    @inlinable
    package static func mayBeUnsafe(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                switch c {
                case 0x09, 0x0A, 0x0D: break
                case 0x00...0x1F, 0x7F: return true
                case 0xC2: if i + 1 < n, b[i + 1] >= 0x80, b[i + 1] <= 0x9F { return true }
                case 0xE2:  // U+202A…202E (E2 80 AA…AE), U+2066…2069 (E2 81 A6…A9)
                    if i + 2 < n, (b[i + 1] == 0x80 && (0xAA...0xAE).contains(b[i + 2]))
                        || (b[i + 1] == 0x81 && (0xA6...0xA9).contains(b[i + 2])) { return true }
                case 0xEF: if i + 2 < n, b[i + 1] == 0xBF, b[i + 2] >= 0xBE { return true }
                default: break
                }
                i += 1
            }
            return false
        }
    }

    package static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// `text` without unsafe characters; a warning names the ones removed.
    package static func clean(_ text: String, file: String, line: Int, column: String, log: DiagnosticLog) -> String {
        guard mayBeUnsafe(text), text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var removed: [String] = []
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                let name = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                if !removed.contains(name) { removed.append(name) }
            } else {
                kept.append(scalar)
            }
        }
        log.warning(file, line: line, column: column,
                    "removed \(removed.joined(separator: ", ")): control characters cannot appear in a report")
        return String(kept)
    }
}

extension String {
    package func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
