/// A CSV file of the dataset with its columns found by header name.
///
/// Header names are matched case-insensitively after trimming; unknown
/// columns draw a warning, missing required ones an error at `FILE:1:COLUMN`.
final class CSVTable {
    let file: String
    let headerLine: Int
    /// Header names as written, by position.
    let header: [String]
    /// Lower-cased header name → position of its first occurrence.
    private let index: [String: Int]
    private let known: [String]
    private let log: DiagnosticLog
    /// Reads the data records when `forEachRow` asks for them.
    private let scanner: CSVScanner
    /// True when an unterminated quote swallowed the end of the file, so
    /// records may be missing: checks against this file's ids would mislead.
    /// Known once the rows have been read.
    var truncated: Bool { scanner.stoppedInQuote }

    /// Reads the header (checked at once); the data records follow in `forEachRow`.
    init(file: String, bytes: [UInt8], known: [String], required: [String], log: DiagnosticLog) {
        self.file = file
        self.known = known
        self.log = log
        scanner = CSVScanner(bytes: bytes)
        var headerProblems: [CSVSyntaxProblem] = []
        let headerRecord = scanner.next { headerProblems.append($0) } ?? CSVRecord(line: 1, fields: [])
        headerLine = headerRecord.line
        header = headerRecord.fields
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
        if header.isEmpty {
            log.error(file, line: 1, column: required.first ?? "",
                      "the file is empty; its first line must be the header (\(required.joined(separator: ","))...)")
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
        while let row = scanner.next({ report($0) }) { body(row) }
    }

    private func report(_ problem: CSVSyntaxProblem) {
        let column = columnName(at: problem.field, known: known)
        switch problem.kind {
        case .invalidUTF8:
            log.garbled(file, line: problem.line, column: column,
                        "this line is not valid UTF-8 text; save the file as \"CSV UTF-8\" in your spreadsheet program")
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
final class DiagnosticLog {
    var diagnostics = Diagnostics()
    /// Cells with bytes that are not UTF-8: their text is garbled, so no
    /// further error about them (a bad byte in a country code is not also
    /// an unknown country). Other cells report every problem they have.
    private var garbledPlaces = Set<String>()

    func error(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        if let line, let column, garbledPlaces.contains("\(file):\(line):\(column)") { return }
        diagnostics.error(file, line: line, column: column, message)
    }

    /// Reports a cell that is not UTF-8 and silences what would follow from it.
    func garbled(_ file: String, line: Int, column: String, _ message: String) {
        error(file, line: line, column: column, message)
        garbledPlaces.insert("\(file):\(line):\(column)")
    }

    func warning(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        diagnostics.warning(file, line: line, column: column, message)
    }
}
