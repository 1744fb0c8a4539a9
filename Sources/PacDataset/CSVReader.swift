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
    /// Every field's bytes, one after the other (quotes undone, line breaks
    /// inside a value as LF); a field is decoded only when it is asked for.
    @usableFromInline var text: [UInt8]
    /// Where each field ends in `text`.
    @usableFromInline var ends: [Int32]

    public init(line: Int, fields: [String]) {
        self.line = line
        text = []
        ends = []
        ends.reserveCapacity(fields.count)
        for field in fields {
            text += field.utf8
            ends.append(Int32(text.count))
        }
    }

    /// No fields (and no storage).
    static let empty = CSVRecord(line: 0, fields: [])

    /// An empty record to fill (the scanner's).
    init(line: Int, capacity: Int) {
        self.line = line
        text = []
        text.reserveCapacity(capacity)
        ends = []
        ends.reserveCapacity(16)
    }

    /// How many fields the record has.
    @inlinable public var count: Int { ends.count }

    /// The fields as text (bytes that are not UTF-8 become U+FFFD).
    public var fields: [String] { (0..<count).map(string) }

    /// Field `i` as text.
    @inlinable public func string(_ i: Int) -> String {
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Hands field `i`'s bytes to `body` (valid only inside it).
    @inlinable public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = i == 0 ? 0 : Int(ends[i - 1])
        let end = Int(ends[i])
        return try text.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Whether field `i` is empty.
    @inlinable public func isEmpty(_ i: Int) -> Bool { ends[i] == (i == 0 ? 0 : ends[i - 1]) }

    public var isBlank: Bool { text.isEmpty }

    public static func == (a: CSVRecord, b: CSVRecord) -> Bool {
        a.line == b.line && a.text == b.text && a.ends == b.ends
    }
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
    /// The record being filled: its arrays are filled again for the next
    /// record once the reader has let the last one go (no allocation per record).
    private var scratch = CSVRecord(line: 0, capacity: 256)
    private var line = 1
    private var reportedUTF8 = false
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
        let delimiter = self.delimiter
        @inline(__always) func isBreak(_ byte: UInt8) -> Bool { byte == Self.lf || byte == Self.cr }
        // Blanks around a value are spaces, and tabs unless they separate fields.
        let tabIsBlank = delimiter != Self.tab
        @inline(__always) func isBlank(_ byte: UInt8) -> Bool { byte == Self.space || (byte == Self.tab && tabIsBlank) }

        let recordLine = line
        var record = CSVRecord.empty
        swap(&record, &scratch)  // so that `record` holds the only reference
        record.line = recordLine
        record.text.removeAll(keepingCapacity: true)
        record.ends.removeAll(keepingCapacity: true)
        defer { scratch = record }
        var recordDone = false
        while !recordDone {
            let fieldIndex = record.ends.count
            let fieldLine = line
            let fieldStart = record.text.count
            // Leading blanks: dropped for unquoted values, allowed before a quote.
            var j = i
            while j < end, isBlank(b[j]) { j += 1 }
            if j < end, b[j] == Self.quote {
                i = j + 1
                var closed = false
                while i < end {
                    // The run up to the next quote or carriage return, copied at once.
                    var k = i
                    while k < end, b[k] != Self.quote, b[k] != Self.cr {
                        if b[k] == Self.lf { line += 1 }
                        k += 1
                    }
                    if k > i { record.text.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<k])) }
                    i = k
                    guard i < end else { break }
                    if b[i] == Self.quote {
                        if i + 1 < end, b[i + 1] == Self.quote {
                            record.text.append(Self.quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    // A line break inside a value is one LF, however the file
                    // ends its lines (as a workbook cell holds it).
                    line += 1
                    record.text.append(Self.lf)
                    i += (i + 1 < end && b[i + 1] == Self.lf) ? 2 : 1
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
                    let k = i
                    while i < end, b[i] != delimiter, !isBreak(b[i]) { i += 1 }
                    record.text.append(contentsOf: UnsafeBufferPointer(rebasing: b[k..<i]))
                }
            } else {
                i = j
                while i < end, b[i] != delimiter, !isBreak(b[i]) { i += 1 }
                var k = i
                while k > j, isBlank(b[k - 1]) { k -= 1 }
                if k > j { record.text.append(contentsOf: UnsafeBufferPointer(rebasing: b[j..<k])) }
            }
            // Check the field is UTF-8 (ASCII needs no more than a look).
            let valid = record.text.withUnsafeBufferPointer { UTF8Check.isValid(UnsafeBufferPointer(rebasing: $0[fieldStart...])) }
            if !valid, !reportedUTF8 {
                reportedUTF8 = true
                let fieldBytes = Array(record.text[fieldStart...])
                let badLine = fieldLine + CSVReader.lineOffsetOfFirstInvalidByte(fieldBytes)
                onProblem(CSVSyntaxProblem(kind: .invalidUTF8, line: badLine,
                                           recordLine: recordLine, field: fieldIndex))
            }
            record.ends.append(Int32(record.text.count))
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
        return record
    }
}

/// UTF-8 validation on bytes, as Swift's `String(validating:)` judges it
/// (the well-formed sequences of Unicode's table 3-7), with a fast path for
/// ASCII: a field is checked as it is read, without making a String.
package enum UTF8Check {
    @inlinable
    package static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        // Eight ASCII bytes at a time.
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        }
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
                k < n && b[k] >= lo && b[k] <= hi
            }
            switch c {
            case 0xC2...0xDF:
                guard cont(i + 1) else { return false }
                i += 2
            case 0xE0:
                guard cont(i + 1, 0xA0), cont(i + 2) else { return false }
                i += 3
            case 0xE1...0xEC, 0xEE...0xEF:
                guard cont(i + 1), cont(i + 2) else { return false }
                i += 3
            case 0xED:
                guard cont(i + 1, 0x80, 0x9F), cont(i + 2) else { return false }
                i += 3
            case 0xF0:
                guard cont(i + 1, 0x90), cont(i + 2), cont(i + 3) else { return false }
                i += 4
            case 0xF1...0xF3:
                guard cont(i + 1), cont(i + 2), cont(i + 3) else { return false }
                i += 4
            case 0xF4:
                guard cont(i + 1, 0x80, 0x8F), cont(i + 2), cont(i + 3) else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }
}
