// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
/// One problem found in a dataset, printed as `FILE:LINE:COLUMN: error: MESSAGE`.
///
/// `FILE` is the file's name inside the dataset folder, `LINE` the 1-based
/// physical line where the record starts (the CSV header is line 1) and
/// `COLUMN` the column's header name; for `report.yaml` it is the 1-based
/// column of the YAML node. A problem with a whole file has neither.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var file: String
    public var line: Int?
    public var column: String?
    public var message: String

    public init(_ severity: Severity, file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// The place, `FILE:LINE:COLUMN`, `FILE:LINE` or `FILE`.
    public var location: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return place
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Collects the diagnostics of one run, in the order the files are read.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    public mutating func error(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        all.append(Diagnostic(.error, file: file, line: line, column: column, message))
    }

    public mutating func warning(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        all.append(Diagnostic(.warning, file: file, line: line, column: column, message))
    }

    /// A diagnostic made elsewhere (another log's), as it is.
    package mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    /// Diagnostics ordered by file (in dataset order), then line; ties keep
    /// the order in which they were found.
    public func sorted(fileOrder: [String]) -> [Diagnostic] {
        func rank(_ file: String) -> Int { fileOrder.firstIndex(of: file) ?? fileOrder.count }
        return all.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element.file), rank(b.element.file))
            if ra != rb { return ra < rb }
            let (la, lb) = (a.element.line ?? 0, b.element.line ?? 0)
            if la != lb { return la < lb }
            return a.offset < b.offset
        }.map(\.element)
    }
}
