// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import CLibXML2
import Foundation

/// The rows of one sheet (`table:table`) of an OpenDocument spreadsheet as
/// records: `office:value-type` float, percentage and currency as numbers,
/// date as an ISO date, boolean as true/false, everything else as its text
/// (paragraphs, `text:s`, `text:tab`, `text:line-break`, spans and links).
///
/// Calc writes runs of equal rows and cells once with a repeat count
/// (`table:number-rows-repeated`, `table:number-columns-repeated`), up to a
/// million empty rows and 16,384 empty columns: empty runs only move the
/// row or column number, so they cost nothing; runs with a value are
/// expanded (they are equal neighbouring rows or cells).
package final class ODSSheet: RecordSource {
    package static let tableNS: StaticString = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    package static let officeNS: StaticString = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    package static let textNS: StaticString = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

    private let stream: XMLStream
    package private(set) var truncated = false
    private var reportedFailure = false
    private var tableDepth: Int32 = 0
    private var finished = false
    /// The next row's number.
    private var rowNumber = 1
    /// A row with values still to be given this many more times.
    private var pending: (fields: [String], count: Int)?
    package static let maxColumns = 1024
    package static let maxRows = 1_048_576
    /// A cell's text beyond this (4 MB; a CSV field of 200,000 characters is
    /// fine) stops the reading: only a crafted file has it (`text:s` counts).
    package static let maxCellBytes = 4 << 20
    /// Copies of one row with values beyond this stop the reading: Calc
    /// writes equal neighbouring rows once with a count, but no dataset has
    /// ten thousand equal rows, and each would be reported.
    package static let maxRowCopies = 10_000
    /// Set by a cell whose text is longer than `maxCellBytes`.
    private var overlong = false

    /// The names of the workbook's sheets, in order.
    package static func sheetNames(in workbook: Workbook) throws -> [String] {
        guard let stream = try workbook.stream("content.xml", keep: true) else {
            throw Workbook.Failure("has no content.xml; save it again from your spreadsheet program as an OpenDocument spreadsheet")
        }
        var names: [String] = []
        var more = stream.read()
        while more {
            if stream.isElement, stream.named("table"), stream.inNamespace(tableNS) {
                names.append(tableName(stream))
                more = stream.skipSubtree()  // the sheet's rows are not needed for its name
                continue
            }
            more = stream.read()
        }
        if let failure = stream.failure { throw Workbook.Failure(failure) }
        return names
    }

    private static func tableName(_ stream: XMLStream) -> String {
        var name = ""
        stream.forEachAttribute { n, ns, value in
            if stream.isNamespace(ns, tableNS), stream.isName(n, "name"), let value { name = String(cString: value) }
        }
        return name
    }

    /// The sheet named `sheet`, or the first sheet when `sheet` is nil.
    package init(workbook: Workbook, sheet: String?) throws {
        guard let stream = try workbook.stream("content.xml", keep: true) else {
            throw Workbook.Failure("has no content.xml; save it again from your spreadsheet program as an OpenDocument spreadsheet")
        }
        self.stream = stream
        // Move to the sheet's table element.
        var more = stream.read()
        while more {
            if stream.isElement, stream.named("table"), stream.inNamespace(Self.tableNS) {
                if sheet == nil || Self.tableName(stream) == sheet { break }
                more = stream.skipSubtree()
                continue
            }
            more = stream.read()
        }
        if !more {
            if let failure = stream.failure { throw Workbook.Failure(failure) }
            throw Workbook.Failure(sheet.map { "the workbook has no sheet '\($0)'" } ?? "the workbook has no sheet")
        }
        tableDepth = stream.depth
        finished = stream.isEmptyElement
    }

    package func next(_ onProblem: (CSVSyntaxProblem) -> Void) -> CSVRecord? {
        while true {
            if let (fields, count) = pending, count > 0, rowNumber <= Self.maxRows {
                pending = count > 1 ? (fields, count - 1) : nil
                rowNumber += 1
                return CSVRecord(line: rowNumber - 1, fields: fields)
            }
            pending = nil
            guard !finished, rowNumber <= Self.maxRows, stream.read() else { break }
            if stream.isEndElement, stream.depth == tableDepth { finished = true; break }
            guard stream.isElement else { continue }
            let inTable = stream.inNamespace(Self.tableNS)
            if inTable, stream.named("table-row") {
                let repeated = Self.repeatCount(stream, "number-rows-repeated")
                let fields = stream.isEmptyElement ? [] : readCells()
                if overlong {
                    stopped = "row \(rowNumber) has a cell with more than \(Self.maxCellBytes >> 20) MB of text"
                    break
                }
                if fields.allSatisfy(\.isEmpty) {
                    rowNumber += repeated  // an empty run: nothing to give
                } else if repeated > Self.maxRowCopies {
                    stopped = "row \(rowNumber) is repeated \(repeated) times with the same values (table:number-rows-repeated)"
                    break
                } else {
                    pending = (fields, repeated)
                }
            } else if inTable, stream.named("table-header-rows") || stream.named("table-rows") || stream.named("table-row-group") {
                continue  // rows inside are read as they come
            } else {
                stream.skipElement()  // columns, shapes, forms: no values
            }
        }
        if let failure = stream.failure ?? stopped.map({ "content.xml: \($0), which only a damaged or crafted file has" }), !reportedFailure {
            reportedFailure = true
            truncated = true
            onProblem(CSVSyntaxProblem(kind: .unreadable(failure), line: rowNumber, recordLine: rowNumber, field: 0))
        }
        return nil
    }

    /// Why the reading stopped early, when the XML itself was fine.
    private var stopped: String?

    /// What `office:value-type` says a cell holds (string, time and anything
    /// else: its text).
    private enum ValueType {
        case text, number, date, boolean

        package init(_ v: UnsafePointer<UInt8>) {
            func equal(_ s: StaticString) -> Bool {
                let b = s.utf8Start
                for i in 0..<s.utf8CodeUnitCount where v[i] != b[i] { return false }
                return v[s.utf8CodeUnitCount] == 0
            }
            if equal("string") { self = .text }
            else if equal("float") || equal("percentage") || equal("currency") { self = .number }
            else if equal("date") { self = .date }
            else if equal("boolean") { self = .boolean }
            else { self = .text }
        }
    }

    /// The `table:number-…-repeated` count of the current element (1 when absent).
    private static func repeatCount(_ stream: XMLStream, _ attribute: StaticString) -> Int {
        var count = 1
        stream.forEachAttribute { n, ns, value in
            if stream.isNamespace(ns, tableNS), stream.isName(n, attribute), let value,
               let c = CellText.wholeNumber(value), c > 0 { count = c }
        }
        return count
    }


    /// The cells of the current `table:table-row`, up to its end tag; an
    /// empty array when the row has no value.
    private func readCells() -> [String] {
        let rowDepth = stream.depth
        var fields: [String] = []
        var column = 0
        while stream.read() {
            if stream.isEndElement, stream.depth == rowDepth { break }
            guard stream.isElement else { continue }
            let covered = stream.named("covered-table-cell")
            guard stream.inNamespace(Self.tableNS), covered || stream.named("table-cell") else {
                stream.skipElement()
                continue
            }
            var repeated = 1
            var type = ValueType.text
            var value = "", dateValue = "", booleanValue = ""
            stream.forEachAttribute { n, ns, v in
                guard let v else { return }
                if stream.isNamespace(ns, Self.tableNS) {
                    if stream.isName(n, "number-columns-repeated"), let c = CellText.wholeNumber(v), c > 0 { repeated = c }
                } else if stream.isNamespace(ns, Self.officeNS) {
                    if stream.isName(n, "value-type") { type = ValueType(v) }
                    else if stream.isName(n, "value") { value = String(cString: v) }
                    else if stream.isName(n, "date-value") { dateValue = String(cString: v) }
                    else if stream.isName(n, "boolean-value") { booleanValue = String(cString: v) }
                }
            }
            let text = stream.isEmptyElement ? "" : cellText()
            var cell: String
            switch type {
            case .number: cell = value.isEmpty ? CellText.trimmed(text) : CellText.number(value)
            case .date: cell = dateValue.isEmpty ? CellText.trimmed(text) : CellText.isoDate(dateValue)
            case .text: cell = CellText.trimmed(text)
            case .boolean:
                let b = CellText.trimmed(booleanValue).lowercased()
                cell = b.isEmpty ? CellText.trimmed(text) : (b == "true" || b == "1" ? "true" : "false")
            }
            if covered { cell = "" }  // hidden under a merged cell
            if !cell.isEmpty, column < Self.maxColumns {
                let end = min(column + repeated, Self.maxColumns)
                if fields.count < end { fields.append(contentsOf: repeatElement("", count: end - fields.count)) }
                for c in column..<end { fields[c] = cell }
            }
            column = min(column + repeated, Self.maxColumns + 1)
        }
        return fields
    }

    /// The text of the current cell: its paragraphs joined by line breaks;
    /// annotations (comments) and drawings left out.
    private func cellText() -> String {
        let cellDepth = stream.depth
        var paragraphs: [String] = []
        while stream.read() {
            if stream.isEndElement, stream.depth == cellDepth { break }
            guard stream.isElement else { continue }
            if stream.inNamespace(Self.textNS), stream.named("p") || stream.named("h") {
                paragraphs.append(paragraphText())
            } else {
                stream.skipElement()  // office:annotation, draw:frame, a sub-table: not the cell's value
            }
        }
        return paragraphs.joined(separator: "\n")
    }

    /// The text of the current `text:p`, leaving the reader on its end tag.
    private func paragraphText() -> String {
        guard !stream.isEmptyElement else { return "" }
        let depth = stream.depth
        var text = ""
        // ODF 1.3 part 3, 6.1.2: in a paragraph's text, a run of white space
        // (space, tab, line feed, carriage return) is one space, and white
        // space at the start is none; text:s, text:tab and text:line-break
        // are the spaces, tabs and breaks that count.
        var afterSpace = true
        while stream.read() {
            if stream.isEndElement, stream.depth == depth { break }
            if stream.isText {
                let piece = stream.text
                // Most text has no run of white space to make one space:
                // taken whole.
                var plain = true
                var space = afterSpace
                for byte in piece.utf8 {
                    if byte == 9 || byte == 10 || byte == 13 || (byte == 32 && space) { plain = false; break }
                    space = byte == 32
                }
                if plain {
                    text += piece
                    afterSpace = space
                    if text.utf8.count > Self.maxCellBytes { overlong = true; return "" }
                    continue
                }
                for scalar in piece.unicodeScalars {
                    if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                        if !afterSpace { text.unicodeScalars.append(" ") }
                        afterSpace = true
                    } else {
                        text.unicodeScalars.append(scalar)
                        afterSpace = false
                    }
                }
            } else if stream.isElement, stream.inNamespace(Self.textNS) {
                if stream.named("s") {
                    var count = 1
                    stream.forEachAttribute { n, ns, v in
                        if stream.isNamespace(ns, Self.textNS), stream.isName(n, "c"), let v,
                           let c = CellText.wholeNumber(v), c > 0 { count = min(c, 10_000) }
                    }
                    text += String(repeating: " ", count: count)
                    afterSpace = true
                    stream.skipElement()
                } else if stream.named("tab") {
                    text += "\t"; afterSpace = true; stream.skipElement()
                } else if stream.named("line-break") {
                    text += "\n"; afterSpace = true; stream.skipElement()
                } else if stream.named("note") || stream.named("ruby-text") {
                    stream.skipElement()
                }
                // spans, links, fields: their text is read as it comes
            } else if stream.isElement {
                stream.skipElement()  // annotations and drawings inside a paragraph
            }
            if text.utf8.count > Self.maxCellBytes { overlong = true; return "" }
        }
        return text
    }
}
