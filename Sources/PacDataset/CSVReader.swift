// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
/// A small, strict RFC 4180 reader that knows where every record starts.
///
/// Why not CSV.swift or SwiftCSV: diagnostics must name the *physical* line
/// where a record starts (a quoted field may span lines), the column whose
/// field opens an unterminated quote, and the line of the first invalid
/// UTF-8 byte. Neither library reports any of these, so pacreport parses
/// the bytes itself: comma, double quote, CR and LF never occur inside a
/// multi-byte UTF-8 sequence, so the grammar works on bytes and text is
/// decoded per field.
public struct CSVRecord: Sendable, Equatable {
    /// 1-based physical line where the record starts.
    public var line: Int
    public var fields: [String]

    public var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
}

/// A fault in the file's syntax, found while reading.
public struct CSVSyntaxProblem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The record's field `field` opens a quote that the file never closes.
        case unterminatedQuote
        /// Text follows a closing quote before the next comma or line end
        /// (reported on the record's first line, like every record problem).
        case textAfterClosingQuote
        /// Bytes that are not UTF-8; `line` is the line of the first bad byte.
        case invalidUTF8
        /// A workbook's sheet that cannot be read further (damaged XML, too
        /// large once unpacked): why, in words.
        case unreadable(String)
    }

    public var kind: Kind
    /// For `invalidUTF8` the line of the bad byte, else the record's first line.
    public var line: Int
    /// Line where the record holding the problem starts.
    public var recordLine: Int
    /// 0-based index of the field in its record.
    public var field: Int
}

public struct CSVReader {
    public private(set) var records: [CSVRecord] = []
    public private(set) var problems: [CSVSyntaxProblem] = []
    /// Whether the file started with a UTF-8 byte order mark (ignored).
    public private(set) var hadByteOrderMark = false

    /// Reads all records (the header too) of `bytes`.
    public init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
        let scanner = CSVScanner(bytes: bytes, delimiter: delimiter)
        var problems: [CSVSyntaxProblem] = []
        while let record = scanner.next({ problems.append($0) }) { records.append(record) }
        self.problems = problems
        hadByteOrderMark = scanner.hadByteOrderMark
    }

    package static let lf = UInt8(ascii: "\n")
    package static let cr = UInt8(ascii: "\r")

    /// How many line breaks precede the first invalid UTF-8 byte of `bytes`.
    package static func lineOffsetOfFirstInvalidByte(_ bytes: [UInt8]) -> Int {
        var breaks = 0
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            let length: Int
            switch c {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return breaks
            }
            if length == 1 {
                if c == lf || (c == cr && !(i + 1 < bytes.count && bytes[i + 1] == lf)) { breaks += 1 }
                i += 1
                continue
            }
            guard i + length <= bytes.count,
                  String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil else { return breaks }
            i += length
        }
        return breaks
    }
}

/// Where a table's records come from, one at a time: a CSV file or a
/// workbook's sheet. `next` gives the next record that is not blank
/// (fields by column position, `line` the file's line or the sheet's row)
/// and reports problems as it meets them.
package protocol RecordSource: AnyObject {
    func next(_ onProblem: (CSVSyntaxProblem) -> Void) -> CSVRecord?
    /// Set when the records stopped before the end of the table (a quote
    /// never closed, a damaged sheet): checks against the table's ids would mislead.
    var truncated: Bool { get }
    /// Whether date numbers count from 1904 (an xlsx setting).
    var date1904: Bool { get }
}

extension RecordSource {
    package var date1904: Bool { false }
}

/// Reads a CSV file one record at a time, so that a loader never holds
/// every record of a large file: `next` gives the next record that is not
/// blank and reports syntax problems as it meets them.
package final class CSVScanner: RecordSource {
    private let bytes: [UInt8]
    private let delimiter: UInt8
    private var position = 0
    private var line = 1
    private var reportedUTF8 = false
    private var fieldBytes: [UInt8] = []
    /// Whether the file started with a UTF-8 byte order mark (ignored).
    package private(set) var hadByteOrderMark = false
    /// Set when a quote that is never closed swallowed the rest of the file.
    package private(set) var stoppedInQuote = false
    package var truncated: Bool { stoppedInQuote }

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    package init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.delimiter = delimiter
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
            hadByteOrderMark = true
        }
        fieldBytes.reserveCapacity(256)
    }

    /// The next record that is not blank; nil at the end of the file.
    package func next(_ onProblem: (CSVSyntaxProblem) -> Void) -> CSVRecord? {
        while !stoppedInQuote && position < bytes.count {
            let record = bytes.withUnsafeBufferPointer { readRecord($0, onProblem) }
            if let record, !record.isBlank { return record }
        }
        return nil
    }

    private func readRecord(_ b: UnsafeBufferPointer<UInt8>, _ onProblem: (CSVSyntaxProblem) -> Void) -> CSVRecord? {
        let end = b.count
        var i = position
        defer { position = i }
        @inline(__always) func isBreak(_ byte: UInt8) -> Bool { byte == Self.lf || byte == Self.cr }
        // Blanks around a value are spaces, and tabs unless they separate fields.
        let tabIsBlank = delimiter != Self.tab
        @inline(__always) func isBlank(_ byte: UInt8) -> Bool { byte == Self.space || (byte == Self.tab && tabIsBlank) }

        let recordLine = line
        var fields: [String] = []
        var recordDone = false
        while !recordDone {
            let fieldIndex = fields.count
            let fieldLine = line
            fieldBytes.removeAll(keepingCapacity: true)
            // Leading blanks: dropped for unquoted values, allowed before a quote.
            var j = i
            while j < end, isBlank(b[j]) { j += 1 }
            if j < end, b[j] == Self.quote {
                i = j + 1
                var closed = false
                while i < end {
                    let c = b[i]
                    if c == Self.quote {
                        if i + 1 < end, b[i + 1] == Self.quote {
                            fieldBytes.append(Self.quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    // A line break inside a value is one LF, however the file
                    // ends its lines (as a workbook cell holds it).
                    if c == Self.cr {
                        line += 1
                        fieldBytes.append(Self.lf)
                        i += (i + 1 < end && b[i + 1] == Self.lf) ? 2 : 1
                        continue
                    }
                    if c == Self.lf { line += 1 }
                    fieldBytes.append(c)
                    i += 1
                }
                if !closed {
                    onProblem(CSVSyntaxProblem(kind: .unterminatedQuote, line: recordLine,
                                               recordLine: recordLine, field: fieldIndex))
                    // The rest of the file is inside the quote: nothing more to read.
                    stoppedInQuote = true
                    return nil
                }
                // Blanks after the closing quote are fine; other text is not.
                while i < end, isBlank(b[i]) { i += 1 }
                if i < end, b[i] != delimiter, !isBreak(b[i]) {
                    onProblem(CSVSyntaxProblem(kind: .textAfterClosingQuote, line: recordLine,
                                               recordLine: recordLine, field: fieldIndex))
                    while i < end, b[i] != delimiter, !isBreak(b[i]) {
                        fieldBytes.append(b[i])
                        i += 1
                    }
                }
            } else {
                i = j
                while i < end, b[i] != delimiter, !isBreak(b[i]) {
                    fieldBytes.append(b[i])
                    i += 1
                }
                while let last = fieldBytes.last, isBlank(last) { fieldBytes.removeLast() }
            }
            // Decode the field.
            if let text = String(validating: fieldBytes, as: UTF8.self) {
                fields.append(text)
            } else {
                if !reportedUTF8 {
                    reportedUTF8 = true
                    let badLine = fieldLine + CSVReader.lineOffsetOfFirstInvalidByte(fieldBytes)
                    onProblem(CSVSyntaxProblem(kind: .invalidUTF8, line: badLine,
                                               recordLine: recordLine, field: fieldIndex))
                }
                fields.append(String(decoding: fieldBytes, as: UTF8.self))
            }
            // What ends the field?
            if i >= end {
                recordDone = true
            } else if b[i] == delimiter {
                i += 1
            } else {
                // Line break: CRLF, LF or lone CR.
                if b[i] == Self.cr, i + 1 < end, b[i + 1] == Self.lf { i += 2 } else { i += 1 }
                line += 1
                recordDone = true
            }
        }
        return CSVRecord(line: recordLine, fields: fields)
    }
}
