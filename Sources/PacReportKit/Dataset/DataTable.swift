// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
/// Where one table of the dataset comes from: a CSV file's bytes or a
/// workbook's sheet, and the name diagnostics give it (`activities.xlsx`,
/// `pac-2021.xlsx[activities]`; nil for the table's own CSV file name).
struct TableInput {
    enum Content {
        case csv([UInt8])
        case sheet(Workbook, index: Int)
        /// A sheet's records, already being read (`PrefetchedRecords`).
        case sheetRecords(RecordSource)
        /// The table is there but cannot be read (reported where that was
        /// found): no records, and no checks against its ids.
        case unreadable
    }

    var content: Content
    var displayName: String?

    static func csv(_ bytes: [UInt8]) -> TableInput { TableInput(content: .csv(bytes), displayName: nil) }
}

/// A table of the dataset (a CSV file or a workbook's sheet) with its
/// columns found by header name.
///
/// Header names are matched case-insensitively after trimming; unknown
/// columns draw a warning, missing required ones an error at `FILE:1:COLUMN`.
/// Diagnostics are logged under the table's own file name (`file`); the log
/// shows them under the input's name and, for a sheet, names the cell.
final class DataTable {
    let file: String
    let headerLine: Int
    /// Header names as written, by position.
    let header: [String]
    /// Lower-cased header name → position of its first occurrence.
    private let index: [String: Int]
    private let known: [String]
    private let log: DiagnosticLog
    /// Reads the data records when `forEachRow` asks for them (nil when
    /// the input could not be opened: that was reported).
    private let records: RecordSource?
    /// How the CSV file was saved (nil for a sheet).
    let dialect: CSVDialect?
    /// True when the records stopped before the end of the table (an
    /// unterminated quote swallowed the end of the file, a damaged sheet),
    /// so records may be missing: checks against this table's ids would
    /// mislead. Known once the rows have been read.
    var truncated: Bool { header.isEmpty || (records?.truncated ?? true) }
    /// A sheet's dates count from 1904 (an Excel for Mac setting): for the
    /// date a date number in a text column stands for.
    var date1904: Bool { records?.date1904 ?? false }
    /// In a `;`- or tab-separated file a decimal comma is a number.
    var acceptsDecimalComma: Bool { dialect?.acceptsDecimalComma ?? false }

    /// Reads the header (checked at once); the data records follow in `forEachRow`.
    init(file: String, input: TableInput, known: [String], required: [String], log: DiagnosticLog) {
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
                    let key = column.trimmingCharacters(in: .whitespaces).lowercased()
                    if !key.isEmpty, letters[key] == nil { letters[key] = CellText.columnLetters(position) }
                }
            }
            log.origins[file] = DiagnosticLog.Origin(name: name, cellLetters: isSheet ? letters : nil)
        }
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
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
        let unknown = header.filter { name in
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            return !key.isEmpty && !known.contains(key)
        }
        if !unknown.isEmpty {
            let list = unknown.map { "'\($0)'" }.joined(separator: ", ")
            log.warning(file, line: headerRecord.line, column: unknown[0],
                        "unknown column\(unknown.count > 1 ? "s" : "") \(list) ignored; known columns: \(known.joined(separator: ", "))")
        }
        for column in required where index[column] == nil {
            log.error(file, line: headerRecord.line, column: column,
                      "required column '\(column)' is missing; the header has: \(headerText.isEmpty ? "nothing" : headerText)")
        }
    }

    /// Hands every data record (blank ones dropped) to `body`, in file
    /// order, one at a time; a record's syntax problems are reported
    /// before it.
    func forEachRow(_ body: (CSVRecord) -> Void) {
        while let row = records?.next({ report($0) }) { body(row) }
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
            if known.contains(name.lowercased()) { return name.lowercased() }
            if !name.isEmpty { return name }
        }
        return "column \(field + 1)"
    }

    func has(_ column: String) -> Bool { index[column] != nil }

    /// The trimmed value of `column` in `row`; nil when the column is absent
    /// or the cell is empty.
    func value(_ row: CSVRecord, _ column: String) -> String? {
        guard let position = index[column], position < row.fields.count else { return nil }
        let text = row.fields[position]
        return text.isEmpty ? nil : text
    }
}

/// Collects diagnostics while loading; a reference so that helpers can add to it.
///
/// Loaders log under a table's own file name (`activities.csv`); when the
/// table came from elsewhere, `origins` gives the name to show, and for a
/// sheet the column letters, so that the message names the cell (`D4`).
final class DiagnosticLog {
    var diagnostics = Diagnostics()

    struct Origin {
        var name: String
        /// Lower-cased header name → column letters, for a sheet.
        var cellLetters: [String: String]?
    }

    var origins: [String: Origin] = [:]

    /// The name a table logged under `file` is shown with.
    func shownName(_ file: String) -> String { origins[file]?.name ?? file }

    /// Where a diagnostic logged under `file` is shown, and its message.
    private func place(_ file: String, _ line: Int?, _ column: String?, _ message: String) -> (String, String) {
        guard let origin = origins[file] else { return (file, message) }
        if let line, let column, let letters = origin.cellLetters,
           let letter = letters[column.trimmingCharacters(in: .whitespaces).lowercased()] {
            return (origin.name, "cell \(letter)\(line): \(message)")
        }
        return (origin.name, message)
    }
    /// Cells with bytes that are not UTF-8: their text is garbled, so no
    /// further error about them (a bad byte in a country code is not also
    /// an unknown country). Other cells report every problem they have.
    private var garbledPlaces = Set<String>()

    func error(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        if let line, let column, garbledPlaces.contains("\(file):\(line):\(column)") { return }
        let (shown, text) = place(file, line, column, message)
        diagnostics.error(shown, line: line, column: column, text)
    }

    /// Reports a cell that is not UTF-8 and silences what would follow from it.
    func garbled(_ file: String, line: Int, column: String, _ message: String) {
        error(file, line: line, column: column, message)
        garbledPlaces.insert("\(file):\(line):\(column)")
    }

    func warning(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        let (shown, text) = place(file, line, column, message)
        diagnostics.warning(shown, line: line, column: column, text)
    }
}
