// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import CLibXML2
import Foundation

/// What an .xlsx workbook's sheets need from the rest of the package
/// (ECMA-376 part 1): where each sheet's part is, the shared strings, which
/// cell styles are dates, and the date system.
package struct XLSXParts {
    package struct Sheet { var name: String; var part: String }
    package var sheets: [Sheet] = []
    package var sharedStrings: [String] = []
    /// By cell style index (`s`): whether its number format shows a date.
    package var dateStyles: [Bool] = []
    package var date1904 = false

    package init(workbook: Workbook) throws {
        let workbookPart = try Self.relationships(workbook, "_rels/.rels", base: "")
            .first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        let base = (workbookPart as NSString).deletingLastPathComponent
        let relsPart = (base.isEmpty ? "" : base + "/") + "_rels/" + (workbookPart as NSString).lastPathComponent + ".rels"
        let relationships = try Self.relationships(workbook, relsPart, base: base)
        var targets: [String: String] = [:]
        for r in relationships { targets[r.id] = r.target }

        guard let stream = try workbook.stream(workbookPart) else {
            throw Workbook.Failure("has no workbook part (\(workbookPart)); save it again from your spreadsheet program as an Excel workbook")
        }
        while stream.read() {
            guard stream.isElement else { continue }
            if stream.named("workbookPr") {
                let value = stream.attribute("date1904")
                date1904 = value == "1" || value == "true"
            } else if stream.named("sheet") {
                var name = "", id = ""
                stream.forEachAttribute { n, ns, value in
                    guard let value else { return }
                    if ns == nil, stream.isName(n, "name") { name = String(cString: value) }
                    if ns != nil, stream.isName(n, "id") { id = String(cString: value) }
                }
                if let part = targets[id] { sheets.append(Sheet(name: name, part: part)) }
            }
        }
        if let failure = stream.failure { throw Workbook.Failure(failure) }

        if let part = relationships.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target,
           let strings = try workbook.stream(part) {
            sharedStrings = try Self.sharedStrings(strings)
        }
        if let part = relationships.first(where: { $0.type.hasSuffix("/styles") })?.target,
           let styles = try workbook.stream(part) {
            dateStyles = try Self.dateStyles(styles)
        }
    }

    package struct Relationship { var id: String; var type: String; var target: String }

    /// The relationships of a `.rels` part, targets resolved to part names.
    package static func relationships(_ workbook: Workbook, _ part: String, base: String) throws -> [Relationship] {
        guard let stream = try workbook.stream(part) else { return [] }
        var result: [Relationship] = []
        while stream.read() {
            guard stream.isElement, stream.named("Relationship") else { continue }
            var id = "", type = "", target = "", external = false
            stream.forEachAttribute { n, _, value in
                guard let value else { return }
                if stream.isName(n, "Id") { id = String(cString: value) }
                else if stream.isName(n, "Type") { type = String(cString: value) }
                else if stream.isName(n, "Target") { target = String(cString: value) }
                else if stream.isName(n, "TargetMode") { external = String(cString: value) == "External" }
            }
            guard !external else { continue }
            result.append(Relationship(id: id, type: type, target: resolve(target, base: base)))
        }
        if let failure = stream.failure { throw Workbook.Failure(failure) }
        return result
    }

    /// A relationship target as a part name: absolute (`/xl/...`) or relative to `base`.
    package static func resolve(_ target: String, base: String) -> String {
        var components: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for c in target.split(separator: "/") {
            if c == ".." { _ = components.popLast() } else if c != "." { components.append(c) }
        }
        return components.joined(separator: "/")
    }

    /// Every `si` item's text: plain `t`, or the runs of rich text (phonetic
    /// guides, `rPh`, left out).
    package static func sharedStrings(_ stream: XMLStream) throws -> [String] {
        var strings: [String] = []
        var total = 0
        while stream.read() {
            guard stream.isElement, stream.named("si") else { continue }
            let text = CellText.trimmed(stream.richText())
            strings.append(text)
            total += text.utf8.count
            if total > 256 << 20 { throw Workbook.Failure("its shared strings hold more than 256 MB of text; it was not read") }
        }
        if let failure = stream.failure { throw Workbook.Failure(failure) }
        return strings
    }

    /// For each cell style (`cellXfs/xf`, in order), whether its number
    /// format is a date: a built-in date format, or a custom one with day,
    /// month or year parts.
    package static func dateStyles(_ stream: XMLStream) throws -> [Bool] {
        var custom: [Int: Bool] = [:]
        var styles: [Bool] = []
        var inCellXfs = false
        while stream.read() {
            if stream.isElement {
                if stream.named("numFmt") {
                    if let id = stream.attribute("numFmtId").flatMap(Int.init), let code = stream.attribute("formatCode") {
                        custom[id] = isDateFormat(code)
                    }
                } else if stream.named("cellXfs") {
                    inCellXfs = !stream.isEmptyElement
                } else if inCellXfs, stream.named("xf") {
                    let id = stream.attribute("numFmtId").flatMap(Int.init) ?? 0
                    styles.append(custom[id] ?? isBuiltInDateFormat(id))
                }
            } else if stream.isEndElement, stream.named("cellXfs") {
                inCellXfs = false
            }
        }
        if let failure = stream.failure { throw Workbook.Failure(failure) }
        return styles
    }

    /// Built-in number formats that show a date (ECMA-376 part 1, 18.8.30,
    /// and the East Asian date formats 27–36 and 50–58).
    package static func isBuiltInDateFormat(_ id: Int) -> Bool {
        (14...17).contains(id) || id == 22 || (27...36).contains(id) || (50...58).contains(id)
    }

    /// Whether a format code shows a date: its first section, without
    /// quoted text, escaped characters and bracketed parts (colours,
    /// locales, conditions), has a day, month-with-day/year or year part.
    package static func isDateFormat(_ code: String) -> Bool {
        var plain: [Character] = []
        var inQuote = false, inBracket = false, escaped = false
        var bracket = ""
        for c in code {
            if escaped { escaped = false; continue }
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if inBracket {
                if c == "]" {
                    inBracket = false
                    // [h], [mm], [ss]: elapsed time, not a colour or a locale.
                    if !bracket.isEmpty, bracket.lowercased().allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) {
                        plain.append(contentsOf: bracket.lowercased().contains("h") ? "h" : "s")
                    }
                } else {
                    bracket.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuote = true
            case "[": inBracket = true; bracket = ""
            case "\\", "_", "*": escaped = true  // the next character is shown as is (or is padding)
            case ";": return hasDateParts(plain)
            default: plain.append(contentsOf: c.lowercased())
            }
        }
        return hasDateParts(plain)
    }

    private static func hasDateParts(_ chars: [Character]) -> Bool {
        let text = String(chars)
        if text == "general" || text.isEmpty { return false }
        return text.contains("d") || text.contains("y") || (text.contains("m") && !text.contains("h") && !text.contains("s"))
    }
}

/// The rows of one .xlsx worksheet as records: shared, inline and formula
/// strings, numbers, booleans and dates (by their cell style) as a CSV file
/// would hold them; `line` is the row number, fields are by column.
package final class XLSXSheet: RecordSource {
    private let stream: XMLStream
    private let parts: XLSXParts
    private let onFailure: String
    package private(set) var truncated = false
    package var date1904: Bool { parts.date1904 }
    private var rowNumber = 0
    private var reportedFailure = false
    /// Columns beyond this are ignored (no dataset table is that wide).
    package static let maxColumns = 1024

    package init(workbook: Workbook, parts: XLSXParts, sheet index: Int) throws {
        let part = parts.sheets[index].part
        guard let stream = try workbook.stream(part) else {
            throw Workbook.Failure("sheet '\(parts.sheets[index].name)' has no part \(part) in the workbook; save it again from your spreadsheet program")
        }
        self.stream = stream
        self.parts = parts
        self.onFailure = part
    }

    package func next(_ onProblem: (CSVSyntaxProblem) -> Void) -> CSVRecord? {
        while stream.read() {
            guard stream.isElement, stream.named("row") else { continue }
            let number = stream.attribute("r").flatMap(Int.init) ?? rowNumber + 1
            rowNumber = max(number, rowNumber + 1)
            if stream.isEmptyElement { continue }
            let fields = readCells()
            let record = CSVRecord(line: rowNumber, fields: fields)
            if !record.isBlank { return record }
        }
        if let failure = stream.failure, !reportedFailure {
            reportedFailure = true
            truncated = true
            onProblem(CSVSyntaxProblem(kind: .unreadable(failure), line: rowNumber, recordLine: rowNumber, field: 0))
        }
        return nil
    }

    /// The cells of the current `row` element, up to its end tag.
    private func readCells() -> [String] {
        var fields: [String] = []
        let rowDepth = stream.depth
        var column = -1
        while stream.read() {
            if stream.isEndElement, stream.depth == rowDepth { break }
            guard stream.isElement, stream.named("c") else { continue }
            var type = "n"
            var style = 0
            var explicitColumn: Int?
            stream.forEachAttribute { n, ns, value in
                guard ns == nil, let value else { return }
                if stream.isName(n, "r") { explicitColumn = CellText.columnIndex(ofReference: value) }
                else if stream.isName(n, "t") { type = value[0] == 115 && value[1] == 0 ? "s" : String(cString: value) }  // "s" is most cells
                else if stream.isName(n, "s") { style = CellText.wholeNumber(value) ?? 0 }
            }
            column = explicitColumn ?? column + 1
            let value = stream.isEmptyElement ? "" : readCellValue(type: type, style: style)
            guard column < Self.maxColumns, !value.isEmpty else { continue }
            if fields.count <= column { fields.append(contentsOf: repeatElement("", count: column + 1 - fields.count)) }
            fields[column] = value
        }
        return fields
    }

    /// The value of the current `c` element as text, leaving the reader on its end tag.
    private func readCellValue(type: String, style: Int) -> String {
        let cellDepth = stream.depth
        var raw: String?
        var inline = ""
        while stream.read() {
            if stream.isEndElement, stream.depth == cellDepth { break }
            guard stream.isElement else { continue }
            if stream.named("v") {
                raw = stream.elementText()
            } else if stream.named("is") {
                inline = stream.richText()
            } else if stream.named("f") {
                _ = stream.elementText()  // the formula itself: only its cached value counts
            }
        }
        switch type {
        case "s":
            guard let index = raw.flatMap({ Int(CellText.trimmed($0)) }),
                  parts.sharedStrings.indices.contains(index) else { return "" }
            return parts.sharedStrings[index]  // trimmed when read
        case "inlineStr":
            return CellText.trimmed(inline)
        case "str", "e":
            return CellText.trimmed(raw ?? "")
        case "b":
            guard let raw else { return "" }
            return CellText.trimmed(raw) == "1" ? "true" : "false"
        case "d":
            return CellText.isoDate(raw ?? "")
        default:
            guard let raw, !raw.isEmpty else { return "" }
            if parts.dateStyles.indices.contains(style), parts.dateStyles[style],
               let serial = Double(CellText.trimmed(raw)),
               let date = ISODate(spreadsheetSerial: serial, date1904: parts.date1904) {
                return date.description
            }
            return CellText.number(raw)
        }
    }
}

extension XMLStream {
    /// The text of an xlsx string item (`si`, `is`): its `t` elements,
    /// phonetic runs (`rPh`) left out; leaves the reader on the end tag.
    package func richText() -> String {
        guard isElement, !isEmptyElement else { return "" }
        let start = depth
        var text = ""
        while read() {
            if isEndElement, depth == start { break }
            guard isElement, !isEmptyElement else { continue }
            if named("rPh") {
                skipElement()
            } else if named("t") {
                text += elementText()
            }
        }
        return CellText.unescapeOOXML(text)
    }
}
