// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
/// Where one table of the dataset comes from: a CSV file's bytes or a
/// workbook's sheet, and the name diagnostics give it (`activities.xlsx`,
/// `pac-2021.xlsx[activities]`; nil for the table's own CSV file name).
package struct TableInput {
    package enum Content {
        case csv([UInt8])
        case sheet(Workbook, index: Int)
        /// A sheet's records, already being read (`PrefetchedRecords`).
        case sheetRecords(RecordSource)
        /// The table is there but cannot be read (reported where that was
        /// found): no records, and no checks against its ids.
        case unreadable
    }

    package var content: Content
    package var displayName: String?

    package init(content: Content, displayName: String?) {
        self.content = content; self.displayName = displayName
    }

    package static func csv(_ bytes: [UInt8]) -> TableInput { TableInput(content: .csv(bytes), displayName: nil) }
}

/// A table of the dataset (a CSV file or a workbook's sheet) with its
/// columns found by header name.
///
/// Header names are matched case-insensitively after trimming; unknown
/// columns draw a warning, missing required ones an error at `FILE:1:COLUMN`.
/// Diagnostics are logged under the table's own file name (`file`); the log
/// shows them under the input's name and, for a sheet, names the cell.
package final class DataTable {
    package let file: String
    package let headerLine: Int
    /// Header names as written, by position.
    package let header: [String]
    /// Lower-cased header name → position of its first occurrence.
    private let index: [String: Int]
    private let known: [String]
    private let log: DiagnosticLog
    /// Reads the data records when `forEachRow` asks for them (nil when
    /// the input could not be opened: that was reported).
    private let records: RecordSource?
    /// How the CSV file was saved (nil for a sheet).
    package let dialect: CSVDialect?
    /// True when the records stopped before the end of the table (an
    /// unterminated quote swallowed the end of the file, a damaged sheet),
    /// so records may be missing: checks against this table's ids would
    /// mislead. Known once the rows have been read.
    package var truncated: Bool { header.isEmpty || titleAsHeader || (records?.truncated ?? true) }
    /// The first row was a title, not the header: the rows are not read.
    package private(set) var titleAsHeader = false
    /// A sheet's dates count from 1904 (an Excel for Mac setting): for the
    /// date a date number in a text column stands for.
    package var date1904: Bool { records?.date1904 ?? false }
    /// In a `;`- or tab-separated file a decimal comma is a number.
    package var acceptsDecimalComma: Bool { dialect?.acceptsDecimalComma ?? false }

    /// Reads the header (checked at once); the data records follow in `forEachRow`.
    package init(file: String, input: TableInput, known: [String], required: [String], log: DiagnosticLog) {
        self.file = file
        self.known = known
        self.log = log
        let isSheet: Bool
        switch input.content {
        case .csv(let bytes):
            isSheet = false
            switch CSVDialect.prepare(bytes) {
            case .success(let prepared):
                records = CSVScanner(bytes: prepared.bytes, delimiter: prepared.dialect.delimiter)
                dialect = prepared.dialect
            case .failure(.utf16WithoutByteOrderMark):
                log.error(input.displayName ?? file,
                          "this file is UTF-16 text without a byte order mark, so its byte order is unknown; save it as \"CSV UTF-8\" (Excel) or as Text CSV with the character set \"Unicode (UTF-8)\" (LibreOffice Calc)")
                records = nil
                dialect = nil
            }
        case .sheetRecords(let source):
            isSheet = true
            dialect = nil
            records = source
        case .unreadable:
            isSheet = false
            dialect = nil
            records = nil
        case .sheet(let workbook, let sheet):
            isSheet = true
            dialect = nil
            do {
                records = try workbook.records(ofSheet: sheet)
            } catch {
                log.error(input.displayName ?? file, "cannot be read: \(error)")
                records = nil
            }
        }
        var headerProblems: [CSVSyntaxProblem] = []
        let headerRecord = records?.next { headerProblems.append($0) } ?? CSVRecord(line: 1, fields: [])
        headerLine = headerRecord.line
        header = headerRecord.fields
        if let name = input.displayName {
            var letters: [String: String] = [:]
            if isSheet {
                for (position, column) in header.enumerated() {
                    let key = Self.columnKey(column)
                    if !key.isEmpty, letters[key] == nil { letters[key] = SpreadsheetColumn.letters(position) }
                }
            }
            log.origins[file] = DiagnosticLog.Origin(name: name, cellLetters: isSheet ? letters : nil)
        }
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            let key = Self.columnKey(name)
            guard !key.isEmpty else { continue }
            if index[key] != nil {
                log.warning(file, line: headerRecord.line, column: name,
                            "column '\(name)' appears twice in the header; the second one is ignored")
            } else {
                index[key] = position
            }
        }
        self.index = index
        for problem in headerProblems { report(problem) }

        let headerText = header.joined(separator: ", ")
        if records == nil || records?.truncated == true && header.isEmpty { return }  // said where it was found
        if header.isEmpty {
            let what = isSheet ? "the sheet is empty; its first row must be the header" : "the file is empty; its first line must be the header"
            log.error(file, line: 1, column: required.first ?? "", "\(what) (\(required.joined(separator: ","))...)")
            return
        }
        // A title above the table ("Activities 2020" alone in the first row):
        // one error that says so, not one per missing column.
        let named = header.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if named.count == 1, required.count > 1, required.contains(where: { index[$0] == nil }) {
            let place = isSheet ? "row" : "line"
            log.error(file, line: headerRecord.line, column: required[0],
                      "the first \(place) holds only '\(named[0])', which looks like a title, not the header; the header (\(required.joined(separator: ", ")), ...) must come first: delete the rows above it")
            titleAsHeader = true
            return
        }
        // A column meant as a known one that is missing ("Participants (number)"):
        // its values would be lost, so the warning says which it looks like.
        let missing = known.filter { index[$0] == nil }
        var plain: [String] = []
        for name in header where !Self.columnKey(name).isEmpty && !known.contains(Self.columnKey(name)) {
            if let meant = Suggestion.closest(to: Self.columnKey(name), among: missing) {
                log.warning(file, line: headerRecord.line, column: name,
                            "unknown column '\(name)' ignored, and with it its values; did you mean '\(meant)'? Name the column exactly so")
            } else {
                plain.append(name)
            }
        }
        if !plain.isEmpty {
            let list = plain.map { "'\($0)'" }.joined(separator: ", ")
            log.warning(file, line: headerRecord.line, column: plain[0],
                        "unknown column\(plain.count > 1 ? "s" : "") \(list) ignored; known columns: \(known.joined(separator: ", "))")
        }
        for column in required where index[column] == nil {
            log.error(file, line: headerRecord.line, column: column,
                      "required column '\(column)' is missing; the header has: \(headerText.isEmpty ? "nothing" : headerText)")
        }
    }

    /// Hands every data record (blank ones dropped) to `body`, in file
    /// order, one at a time; a record's syntax problems are reported
    /// before it.
    package func forEachRow(_ body: (CSVRecord) -> Void) {
        if titleAsHeader { return }
        var reportedUnlabelled = false
        while let row = records?.next({ report($0) }) {
            // Values beyond the header's last column.
            if row.count > header.count {
                let extra = (header.count..<row.count).first { !row.isEmpty($0) }
                if let dialect {
                    // In a CSV file (RFC 4180: every line has the header's fields), a value
                    // with the delimiter in it that is not in quotes; also when the field
                    // it pushed out was empty.
                    let d = dialect.delimiter == CSVDialect.tab ? "tab" : "'\(Character(Unicode.Scalar(dialect.delimiter)))'"
                    log.error(file, line: row.line, column: "column \((extra ?? header.count) + 1)",
                              "this row has \(row.count) fields but the header has \(header.count), so its values are in the wrong columns; put a value that contains \(d) in double quotes (\"1,5\", \"Seminar, part 2\")")
                } else if let extra, !reportedUnlabelled {
                    reportedUnlabelled = true
                    log.warning(file, line: row.line, column: SpreadsheetColumn.letters(extra),
                                "this column has no header, so its values are ignored")
                }
            }
            body(row)
        }
    }

    /// A header name as matched: lower-cased, runs of spaces, line breaks,
    /// hyphens and underscores as one underscore (`End date` is `end_date`).
    package static func columnKey(_ name: String) -> String {
        name.lowercased().split { $0.isWhitespace || $0 == "-" || $0 == "_" }.joined(separator: "_")
    }

    private func report(_ problem: CSVSyntaxProblem) {
        let column = columnName(at: problem.field, known: known)
        switch problem.kind {
        case .invalidUTF8 where dialect?.encoding != .utf8:
            log.garbled(file, line: problem.line, column: column,
                        "this line is not valid UTF-16 text (a broken character); save the file as \"CSV UTF-8\" in your spreadsheet program")
        case .invalidUTF8:
            log.garbled(file, line: problem.line, column: column,
                        "this line is not valid UTF-8 text; save the file as \"CSV UTF-8\" in your spreadsheet program")
        case .unreadable(let why):
            log.error(file, "cannot be read to its end: \(why); save the workbook again from your spreadsheet program")
        case .unterminatedQuote:
            log.error(file, line: problem.line, column: column,
                      "this field opens a quote (\") that is never closed, so the rest of the file was read as part of it; close the quote, and double any quote inside the text (\"\")")
        case .textAfterClosingQuote:
            log.error(file, line: problem.line, column: column,
                      "text follows the closing quote of this field; put the whole value inside the quotes and double any quote inside it (\"\")")
        }
    }

    /// Name of the column at `field` for a diagnostic: the spec's name for
    /// a known column, else the header as written, else its position.
    private func columnName(at field: Int, known: [String]) -> String {
        if field < header.count {
            let name = header[field].trimmingCharacters(in: .whitespaces)
            if known.contains(Self.columnKey(name)) { return Self.columnKey(name) }
            if !name.isEmpty { return name }
        }
        return "column \(field + 1)"
    }

    /// A column of the table by its name, found once: where it is, or
    /// nil when the header lacks it.
    package struct Column {
        package let name: String
        package let position: Int?
    }

    package func column(_ name: String) -> Column { Column(name: name, position: index[name]) }

    package func has(_ column: String) -> Bool { index[column] != nil }

    /// The trimmed value of `column` in `row`; nil when the column is absent
    /// or the cell is empty.
    package func value(_ row: CSVRecord, _ column: Column) -> String? {
        guard let position = column.position, position < row.count, !row.isEmpty(position) else { return nil }
        return row.withBytes(position) { bytes in
            // Invisible spaces are not ASCII: a value that begins and ends
            // with ASCII has none at its ends.
            if bytes[0] < 0x80 && bytes[bytes.count - 1] < 0x80 { return String(decoding: bytes, as: UTF8.self) }
            let text = Self.withoutInvisibleEnds(String(decoding: bytes, as: UTF8.self))
            return text.isEmpty ? nil : text
        }
    }

    /// Hands the bytes of `column` in `row` to `body` when the cell is
    /// plain: not empty, printable ASCII only (so nothing to trim, clean or
    /// decode); nil otherwise, and the caller reads the cell as text.
    @inline(__always)
    package func plainASCII<R>(_ row: CSVRecord, _ column: Column, _ body: (UnsafeBufferPointer<UInt8>) -> R?) -> R? {
        guard let position = column.position, position < row.count, !row.isEmpty(position) else { return nil }
        return row.withBytes(position) { bytes in
            for b in bytes where b < 0x20 || b >= 0x7F { return nil }
            return body(bytes)
        }
    }

    /// `text` without no-break, thin and zero-width spaces at its ends
    /// (pasted from web pages and documents: `KZ` followed by a no-break
    /// space looks right and is no country code).
    package static func withoutInvisibleEnds(_ text: String) -> String {
        func invisible(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x00A0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
            default: return false
            }
        }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              first.value >= 0x80 || last.value >= 0x80, invisible(first) || invisible(last) else { return text }
        var scalars = Substring(text).unicodeScalars
        while let f = scalars.first, invisible(f) || f == " " || f == "\t" { scalars.removeFirst() }
        while let l = scalars.last, invisible(l) || l == " " || l == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

/// Collects diagnostics while loading; a reference so that helpers can add to it.
///
/// Loaders log under a table's own file name (`activities.csv`); when the
/// table came from elsewhere, `origins` gives the name to show, and for a
/// sheet the column letters, so that the message names the cell (`D4`).
package final class DiagnosticLog {
    package var diagnostics = Diagnostics()

    /// Where each diagnostic goes when the log is read in order (`ordered`):
    /// those logged as found at even places, those placed afterwards
    /// (`placing(before:)`) at the odd place before the one given.
    private var places: [Int] = []
    private var found = 0
    private var placingBefore: Int?

    /// How many diagnostics were logged as found: a mark to place a later
    /// one before what follows it.
    package var mark: Int { found }

    /// Logs what `body` logs as if it had been found at `mark` (before the
    /// diagnostics logged after the mark was taken).
    package func placing(before mark: Int, _ body: () -> Void) {
        placingBefore = mark
        body()
        placingBefore = nil
    }

    /// The diagnostics in the order they would have been found.
    package func ordered() -> [Diagnostic] {
        let all = diagnostics.all
        return all.indices.sorted { places[$0] != places[$1] ? places[$0] < places[$1] : $0 < $1 }.map { all[$0] }
    }

    private func noteAdded() {
        if let before = placingBefore {
            places.append(2 * before - 1)
        } else {
            places.append(2 * found)
            found += 1
        }
    }

    package struct Origin {
        package var name: String
        /// Lower-cased header name → column letters, for a sheet.
        package var cellLetters: [String: String]?
    }

    package var origins: [String: Origin] = [:]
    private var said = Set<String>()

    /// True the first time it is asked for `key` (a warning given once per table).
    package func once(_ key: String) -> Bool { said.insert(key).inserted }

    /// The name a table logged under `file` is shown with.
    package func shownName(_ file: String) -> String { origins[file]?.name ?? file }

    /// Where a diagnostic logged under `file` is shown, and its message.
    private func place(_ file: String, _ line: Int?, _ column: String?, _ message: String) -> (String, String) {
        guard let origin = origins[file] else { return (file, message) }
        if let line, let column, let letters = origin.cellLetters,
           let letter = letters[DataTable.columnKey(column)] ?? (column.allSatisfy { $0.isUppercase && $0.isASCII } ? column : nil) {
            return (origin.name, "cell \(letter)\(line): \(message)")
        }
        return (origin.name, message)
    }
    /// Cells with bytes that are not UTF-8: their text is garbled, so no
    /// further error about them (a bad byte in a country code is not also
    /// an unknown country). Other cells report every problem they have.
    private var garbledPlaces = Set<String>()

    package func error(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        if let line, let column, garbledPlaces.contains("\(file):\(line):\(column)") { return }
        let (shown, text) = place(file, line, column, message)
        diagnostics.error(shown, line: line, column: column, text)
        noteAdded()
    }

    /// Reports a cell that is not UTF-8 and silences what would follow from it.
    package func garbled(_ file: String, line: Int, column: String, _ message: String) {
        error(file, line: line, column: column, message)
        garbledPlaces.insert("\(file):\(line):\(column)")
    }

    package func warning(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        let (shown, text) = place(file, line, column, message)
        diagnostics.warning(shown, line: line, column: column, text)
        noteAdded()
    }

    /// Takes another log's diagnostics (in their found order) and the
    /// names it shows `file` with.
    package func take(_ other: DiagnosticLog, file: String) {
        for d in other.ordered() {
            diagnostics.append(d)
            noteAdded()
        }
        if let origin = other.origins[file] { origins[file] = origin }
    }
}
