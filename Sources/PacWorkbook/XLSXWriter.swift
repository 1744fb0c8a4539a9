// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import PacOutput
import Foundation

/// Writes a `WorkbookContent` as an Office Open XML workbook (ECMA-376,
/// SpreadsheetML): content types, relationships, workbook, styles, one
/// worksheet per sheet with typed cells (numbers, date serials with the
/// language's date format, booleans, inline strings — never a formula),
/// the header row frozen and filtered, columns sized, notes on header
/// cells as comments, and the core properties. Worksheets are streamed
/// row by row into temporary files and from there into the zip.
public struct XLSXWriter: Sendable {
    public init() {}

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// Cell formats of styles.xml, by index.
    enum CellFormat: Int {
        case plain = 0, date = 1, header = 2
        /// Text with line breaks: wrapped, top-aligned, so every line shows.
        case wrapped = 3
    }

    /// Writes the workbook at `path` (which must not exist yet); messages
    /// name `shownAs`. Stops early, throwing, when `cancellation` is set.
    public func write(_ book: WorkbookContent, toPath path: String, shownAs: String, cancellation: Cancellation? = nil) throws {
        var package = ZipPackage()
        let sheets = SheetParts(beside: path, shownAs: shownAs, sheets: book.sheets, name: { "sheet\($0 + 1)" }) { index, sink in
            let sheet = book.sheets[index]
            return worksheet(sheet, selected: index == 0, comments: sheet.columns.contains { $0.note != nil },
                             paper: book.paper, rightToLeft: book.rightToLeft, to: sink, cancellation: cancellation)
        }
        var sheetParts: [(String, ZipPackage.Part)] = []
        var commented: [Int] = []
        for (index, sheet) in book.sheets.enumerated() {
            let number = index + 1
            sheetParts.append(("xl/worksheets/sheet\(number).xml", .later { .file(try sheets.path(index)) }))
            if sheet.columns.contains(where: { $0.note != nil }) {
                commented.append(number)
                sheetParts.append(("xl/worksheets/_rels/sheet\(number).xml.rels", .bytes(sheetRelationships(number))))
                sheetParts.append(("xl/comments\(number).xml", .bytes(comments(sheet))))
                sheetParts.append(("xl/drawings/vmlDrawing\(number).vml", .bytes(vmlDrawing(sheet, number: number))))
            }
        }
        package.add("[Content_Types].xml", .bytes(contentTypes(sheets: book.sheets.count, commented: commented)))
        package.add("_rels/.rels", .bytes(rootRelationships()))
        package.add("docProps/core.xml", .bytes(book.metadata.packageProperties.ooxmlCore()))
        package.add("docProps/app.xml", .bytes(app(book)))
        package.add("xl/workbook.xml", .bytes(workbook(book)))
        package.add("xl/_rels/workbook.xml.rels", .bytes(workbookRelationships(sheets: book.sheets.count)))
        package.add("xl/styles.xml", .bytes(styles(book.dateFormat, language: book.metadata.language)))
        for (name, part) in sheetParts { package.add(name, part) }
        do {
            try package.write(to: path, shownAs: shownAs, date: book.metadata.creationDate)
        } catch {
            // A sheet's own failure (cancelled, disk full) is the one to tell.
            try sheets.finish()
            throw error
        }
        try sheets.finish()
    }

    // MARK: worksheet

    /// The sheet's XML into `sink`; false when cancelled or a write failed.
    func worksheet(_ sheet: WorkbookContent.Sheet, selected: Bool, comments: Bool, paper: DocumentStyle.Paper,
                   rightToLeft: Bool = false, to sink: FileSink, cancellation: Cancellation?) -> Bool {
        let x = XMLWriter(sink: sink)
        let letters = sheet.columns.indices.map { SpreadsheetColumn.letters($0) }
        let last = "\(letters.last ?? "A")\(sheet.rowCount + 1)"
        x.start("worksheet")
        x.attribute("xmlns", Self.main)
        x.attribute("xmlns:r", Self.relationships)
        // Printed as wide as a landscape page, the header row on every page.
        x.start("sheetPr"); x.empty("pageSetUpPr", [("fitToPage", "1")]); x.end()
        x.empty("dimension", [("ref", "A1:\(last)")])
        x.start("sheetViews")
        x.start("sheetView")
        if rightToLeft { x.attribute("rightToLeft", "1") }
        if selected { x.attribute("tabSelected", "1") }
        x.attribute("workbookViewId", "0")
        // The header row stays in view (frozen) as the rows scroll.
        x.empty("pane", [("ySplit", "1"), ("topLeftCell", "A2"), ("activePane", "bottomLeft"), ("state", "frozen")])
        x.empty("selection", [("pane", "bottomLeft"), ("activeCell", "A2"), ("sqref", "A2")])
        x.end()
        x.end()
        x.empty("sheetFormatPr", [("defaultRowHeight", "15")])
        x.start("cols")
        for (i, column) in sheet.columns.enumerated() {
            x.empty("col", [("min", "\(i + 1)"), ("max", "\(i + 1)"), ("width", Self.number(column.width)),
                            ("customWidth", "1")])
        }
        x.end()
        x.start("sheetData")
        x.start("row")
        x.attribute("r", "1")
        for (i, column) in sheet.columns.enumerated() {
            inlineString(column.header, reference: "\(letters[i])1", format: .header, x)
        }
        x.end()
        var row = 1
        var stopped = false
        sheet.rows { cells in
            guard !stopped else { return }
            row += 1
            if row & 0x3FF == 0, cancellation?.isCancelled ?? false || sink.failure != 0 { stopped = true; return }
            x.start("row")
            let rowNumber = String(row)
            x.attribute("r", rowNumber)
            // A cell's reference is written after a skipped (empty) cell
            // only; the others follow on (ECMA-376 part 1, 18.3.1.4).
            var skipped = false
            for (i, cell) in cells.enumerated() where i < letters.count {
                let reference = skipped ? letters[i] + rowNumber : nil
                switch cell {
                case .empty:
                    skipped = true
                    continue
                case .text(let text), .label(_, let text):
                    inlineString(text, reference: reference, format: text.utf8.contains(0x0A) ? .wrapped : .plain, x)
                case .number(let text):
                    valueCell(text, reference: reference, [], x)
                case .decimal(let value):
                    valueCell(value.formatted(decimalSeparator: "."), reference: reference, [], x)
                case .date(let date):
                    valueCell(String(Self.serial(date)), reference: reference, [("s", String(CellFormat.date.rawValue))], x)
                case .boolean(let value):
                    valueCell(value ? "1" : "0", reference: reference, [("t", "b")], x)
                }
                skipped = false
            }
            x.end()
        }
        x.end()  // sheetData
        x.empty("autoFilter", [("ref", "A1:\(last)")])
        x.empty("pageMargins", [("left", "0.7"), ("right", "0.7"), ("top", "0.75"), ("bottom", "0.75"), ("header", "0.3"),
                                ("footer", "0.3")])
        // ECMA-376 part 1, 18.3.1.63: paper 9 is A4, 1 is Letter.
        x.empty("pageSetup", [("paperSize", paper == .letter ? "1" : "9"), ("orientation", "landscape"), ("fitToWidth", "1"),
                              ("fitToHeight", "0")])
        if comments { x.empty("legacyDrawing", [("r:id", "rId2")]) }
        x.end()
        x.finish()
        return !stopped && sink.failure == 0
    }

    /// A cell holding `value` (a number, a date serial, 0 or 1) with its type or style `attributes`.
    private func valueCell(_ value: String, reference: String?, _ attributes: [(String, String)], _ x: XMLWriter) {
        x.start("c")
        if let reference { x.attribute("r", reference) }
        for (name, text) in attributes { x.attribute(name, text) }
        x.element("v", text: value)
        x.end()
    }

    /// A text cell: an inline string, never a formula (`=SUM(A1)` stays text).
    private func inlineString(_ text: String, reference: String?, format: CellFormat, _ x: XMLWriter) {
        x.start("c")
        if let reference { x.attribute("r", reference) }
        if format != .plain { x.attribute("s", String(format.rawValue)) }
        x.attribute("t", "inlineStr")
        x.start("is")
        x.start("t")
        if let first = text.utf8.first, let last = text.utf8.last,
           first <= 0x20 || last <= 0x20 || ((first >= 0x80 || last >= 0x80)
               && (text.unicodeScalars.first!.properties.isWhitespace || text.unicodeScalars.last!.properties.isWhitespace)) {
            x.attribute("xml:space", "preserve")
        }
        x.text(Self.escapeOOXML(text))
        x.end()
        x.end()
        x.end()
    }

    /// ECMA-376 part 1, 22.9.2.19: `_xHHHH_` in a string is a character
    /// code; one that is meant literally gets its `_` written as `_x005F_`.
    package static func escapeOOXML(_ text: String) -> String {
        guard text.utf8.count >= 7, text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let bytes = Array(text.utf8)
        func isHex(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "_"), i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "x") || bytes[i + 1] == UInt8(ascii: "X"),
               bytes[i + 2...i + 5].allSatisfy(isHex), bytes[i + 6] == UInt8(ascii: "_") {
                out += Array("_x005F_".utf8)
                i += 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Excel's date serial: days since 1899-12-30 (the 1900 date system).
    package static func serial(_ date: ISODate) -> Int64 {
        date.daysSince1970 + 25_569
    }

    /// A width or an offset, without trailing zeros.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    // MARK: parts

    func contentTypes(sheets: Int, commented: [Int]) -> [UInt8] {
        let x = XMLWriter()
        x.start("Types")
        x.attribute("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")
        x.empty("Default", [("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml")])
        x.empty("Default", [("Extension", "xml"), ("ContentType", "application/xml")])
        if !commented.isEmpty {
            x.empty("Default", [("Extension", "vml"), ("ContentType", "application/vnd.openxmlformats-officedocument.vmlDrawing")])
        }
        let ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        x.empty("Override", [("PartName", "/xl/workbook.xml"), ("ContentType", "\(ml).sheet.main+xml")])
        x.empty("Override", [("PartName", "/xl/styles.xml"), ("ContentType", "\(ml).styles+xml")])
        for number in stride(from: 1, through: sheets, by: 1) {
            x.empty("Override", [("PartName", "/xl/worksheets/sheet\(number).xml"), ("ContentType", "\(ml).worksheet+xml")])
        }
        for number in commented {
            x.empty("Override", [("PartName", "/xl/comments\(number).xml"), ("ContentType", "\(ml).comments+xml")])
        }
        x.empty("Override", [("PartName", "/docProps/core.xml"),
                             ("ContentType", "application/vnd.openxmlformats-package.core-properties+xml")])
        x.empty("Override", [("PartName", "/docProps/app.xml"),
                             ("ContentType", "application/vnd.openxmlformats-officedocument.extended-properties+xml")])
        x.end()
        return x.finish()
    }

    func rootRelationships() -> [UInt8] {
        relationships([
            ("rId1", "\(Self.relationships)/officeDocument", "xl/workbook.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
            ("rId3", "\(Self.relationships)/extended-properties", "docProps/app.xml"),
        ])
    }

    func workbookRelationships(sheets: Int) -> [UInt8] {
        relationships((0..<sheets).map { ("rId\($0 + 1)", "\(Self.relationships)/worksheet", "worksheets/sheet\($0 + 1).xml") }
                      + [("rId\(sheets + 1)", "\(Self.relationships)/styles", "styles.xml")])
    }

    func sheetRelationships(_ number: Int) -> [UInt8] {
        relationships([("rId1", "\(Self.relationships)/comments", "../comments\(number).xml"),
                       ("rId2", "\(Self.relationships)/vmlDrawing", "../drawings/vmlDrawing\(number).vml")])
    }

    func relationships(_ list: [(id: String, type: String, target: String)]) -> [UInt8] {
        let x = XMLWriter()
        x.start("Relationships")
        x.attribute("xmlns", Self.packageRelationships)
        for r in list { x.empty("Relationship", [("Id", r.id), ("Type", r.type), ("Target", r.target)]) }
        x.end()
        return x.finish()
    }

    func workbook(_ book: WorkbookContent) -> [UInt8] {
        let x = XMLWriter()
        x.start("workbook")
        x.attribute("xmlns", Self.main)
        x.attribute("xmlns:r", Self.relationships)
        x.start("bookViews")
        x.empty("workbookView", [("activeTab", "0")])
        x.end()
        x.start("sheets")
        for (i, sheet) in book.sheets.enumerated() {
            x.empty("sheet", [("name", sheet.name), ("sheetId", "\(i + 1)"), ("r:id", "rId\(i + 1)")])
        }
        x.end()
        // The auto-filters' ranges, as Excel names them.
        x.start("definedNames")
        for (i, sheet) in book.sheets.enumerated() {
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            let last = SpreadsheetColumn.letters(max(sheet.columns.count - 1, 0))
            x.element("definedName", [("name", "_xlnm._FilterDatabase"), ("localSheetId", "\(i)"), ("hidden", "1")],
                      text: "\(quoted)!$A$1:$\(last)$\(sheet.rowCount + 1)")
            x.element("definedName", [("name", "_xlnm.Print_Titles"), ("localSheetId", "\(i)")], text: "\(quoted)!$1:$1")
        }
        x.end()
        x.end()
        return x.finish()
    }

    /// Windows language ids of the report languages, for date formats
    /// that name the month (`[$-809]d mmm yyyy` shows `Oct` in any Excel).
    static let languageIDs: [String: String] = ["en-GB": "809", "ru-RU": "419", "kk-KZ": "43F"]

    /// The date format as an Excel number format code.
    package static func formatCode(_ parts: [DatePart], language: ReportLanguage) -> String {
        var code = ""
        var named = false
        for part in parts {
            switch part {
            case .day(let two): code += two ? "dd" : "d"
            case .month(let two): code += two ? "mm" : "m"
            case .monthAbbreviated: code += "mmm"; named = true
            case .year: code += "yyyy"
            case .literal(let text):
                code += text.allSatisfy({ " ./-,:".contains($0) }) ? text : "\"" + text.replacingOccurrences(of: "\"", with: "") + "\""
            }
        }
        if named, let id = languageIDs[language.regionalTag] { code = "[$-\(id)]" + code }
        return code
    }

    func styles(_ dateFormat: [DatePart], language: ReportLanguage) -> [UInt8] {
        let x = XMLWriter()
        x.start("styleSheet")
        x.attribute("xmlns", Self.main)
        x.start("numFmts"); x.attribute("count", "1")
        x.empty("numFmt", [("numFmtId", "164"), ("formatCode", Self.formatCode(dateFormat, language: language))])
        x.end()
        x.start("fonts"); x.attribute("count", "2")
        for bold in [false, true] {
            x.start("font")
            if bold { x.empty("b") }
            x.empty("sz", [("val", "11")]); x.empty("name", [("val", "Calibri")]); x.empty("family", [("val", "2")])
            x.end()
        }
        x.end()
        x.start("fills"); x.attribute("count", "2")
        for pattern in ["none", "gray125"] { x.start("fill"); x.empty("patternFill", [("patternType", pattern)]); x.end() }
        x.end()
        x.start("borders"); x.attribute("count", "1")
        x.start("border"); for side in ["left", "right", "top", "bottom", "diagonal"] { x.empty(side) }; x.end()
        x.end()
        x.start("cellStyleXfs"); x.attribute("count", "1")
        x.empty("xf", [("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0")])
        x.end()
        x.start("cellXfs"); x.attribute("count", "4")
        x.empty("xf", [("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0")])
        x.empty("xf", [("numFmtId", "164"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"),
                       ("applyNumberFormat", "1")])
        x.empty("xf", [("numFmtId", "0"), ("fontId", "1"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"),
                       ("applyFont", "1")])
        x.start("xf")
        for (k, v) in [("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"),
                       ("applyAlignment", "1")] { x.attribute(k, v) }
        x.empty("alignment", [("vertical", "top"), ("wrapText", "1")])
        x.end()
        x.end()
        x.start("cellStyles"); x.attribute("count", "1")
        x.empty("cellStyle", [("name", "Normal"), ("xfId", "0"), ("builtinId", "0")])
        x.end()
        x.end()
        return x.finish()
    }

    func app(_ book: WorkbookContent) -> [UInt8] {
        let x = XMLWriter()
        x.start("Properties")
        x.attribute("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")
        x.element("Application", text: book.metadata.creator)
        x.end()
        return x.finish()
    }

    // MARK: notes

    func comments(_ sheet: WorkbookContent.Sheet) -> [UInt8] {
        let x = XMLWriter()
        x.start("comments")
        x.attribute("xmlns", Self.main)
        x.start("authors"); x.element("author", text: "pacreport"); x.end()
        x.start("commentList")
        for (i, column) in sheet.columns.enumerated() {
            guard let note = column.note else { continue }
            x.start("comment")
            x.attribute("ref", "\(SpreadsheetColumn.letters(i))1")
            x.attribute("authorId", "0")
            x.start("text")
            x.start("t"); x.attribute("xml:space", "preserve"); x.text(Self.escapeOOXML(note)); x.end()
            x.end()
            x.end()
        }
        x.end()
        x.end()
        return x.finish()
    }

    /// The legacy drawing Excel needs to show comments: one hidden note
    /// box per comment, anchored beside its cell.
    func vmlDrawing(_ sheet: WorkbookContent.Sheet, number: Int) -> [UInt8] {
        let x = XMLWriter(declaration: false)
        x.start("xml")
        x.attribute("xmlns:v", "urn:schemas-microsoft-com:vml")
        x.attribute("xmlns:o", "urn:schemas-microsoft-com:office:office")
        x.attribute("xmlns:x", "urn:schemas-microsoft-com:office:excel")
        x.start("o:shapelayout"); x.attribute("v:ext", "edit")
        x.empty("o:idmap", [("v:ext", "edit"), ("data", "\(number)")])
        x.end()
        x.start("v:shapetype")
        for (k, v) in [("id", "_x0000_t202"), ("coordsize", "21600,21600"), ("o:spt", "202"),
                       ("path", "m,l,21600r21600,l21600,xe")] { x.attribute(k, v) }
        x.empty("v:stroke", [("joinstyle", "miter")])
        x.empty("v:path", [("gradientshapeok", "t"), ("o:connecttype", "rect")])
        x.end()
        var shape = number * 1024
        for (i, column) in sheet.columns.enumerated() where column.note != nil {
            shape += 1
            x.start("v:shape")
            for (k, v) in [("id", "_x0000_s\(shape)"), ("type", "#_x0000_t202"),
                           ("style", "position:absolute;margin-left:80pt;margin-top:2pt;width:220pt;height:90pt;z-index:\(i + 1);visibility:hidden"),
                           ("fillcolor", "#ffffe1"), ("o:insetmode", "auto")] { x.attribute(k, v) }
            x.empty("v:fill", [("color2", "#ffffe1")])
            x.empty("v:shadow", [("on", "t"), ("color", "black"), ("obscured", "t")])
            x.empty("v:path", [("o:connecttype", "none")])
            x.start("v:textbox"); x.attribute("style", "mso-direction-alt:auto")
            x.empty("div", [("style", "text-align:left")])
            x.end()
            x.start("x:ClientData"); x.attribute("ObjectType", "Note")
            x.empty("x:MoveWithCells"); x.empty("x:SizeWithCells")
            x.element("x:Anchor", text: "\(i + 1), 15, 0, 2, \(i + 4), 15, 6, 4")
            x.element("x:AutoFill", text: "False")
            x.element("x:Row", text: "0")
            x.element("x:Column", text: "\(i)")
            x.end()
            x.end()
        }
        x.end()
        return x.finish()
    }
}
