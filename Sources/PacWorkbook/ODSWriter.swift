// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import PacOutput
import Foundation

/// Writes a `WorkbookContent` as an OpenDocument spreadsheet (ODF 1.3):
/// a table per sheet with typed cells (`float`, `date` with the language's
/// date style, `boolean`, `string` — never a formula), the header row
/// bold, repeated on printed pages, filtered (a database range) and frozen
/// (`settings.xml`), columns sized, notes on header cells as annotations.
/// Packaged like the ODT (`ZipPackage`, manifest and meta); `content.xml`
/// is streamed row by row into a temporary file and from there into the zip.
public struct ODSWriter: Sendable {
    public init() {}

    package static let mimeType = "application/vnd.oasis.opendocument.spreadsheet"

    /// Points per character of column width: a letter of Liberation Sans
    /// 10 pt, the default cell font of LibreOffice Calc, on average over
    /// Latin and Cyrillic (a digit is 5.6 pt, a Cyrillic capital up to 7.2).
    static let pointsPerCharacter = 6.0

    public func write(_ book: WorkbookContent, toPath path: String, shownAs: String, cancellation: Cancellation? = nil) throws {
        // The tables' rows on several threads, then content.xml around them.
        let rows = SheetParts(beside: path, shownAs: shownAs, sheets: book.sheets, name: { "rows\($0 + 1)" }) { index, sink in
            self.rows(book.sheets[index], to: sink, cancellation: cancellation)
        }
        let contentPart = try StreamedPart(beside: path, name: "content", shownAs: shownAs)
        do {
            try content(book, rows: rows, to: contentPart.sink)
        } catch {
            try rows.finish()  // a table's own failure is the one to tell
            throw error
        }
        try rows.finish()
        try contentPart.sink.close()
        let m = book.metadata
        let properties = m.packageProperties
        let parts: [(String, ZipPackage.Part)] = [
            ("content.xml", .file(contentPart.path)),
            ("styles.xml", .bytes(styles(language: m.language, paper: book.paper))),
            ("meta.xml", .bytes(properties.odfMeta())),
            ("settings.xml", .bytes(settings(book))),
        ]
        var package = ZipPackage(mimeType: Self.mimeType)
        package.add("META-INF/manifest.xml", .bytes(PackageProperties.odfManifest(mimeType: Self.mimeType, paths: parts.map(\.0))))
        for (name, part) in parts { package.add(name, part) }
        try withExtendedLifetime((rows, contentPart)) {
            try package.write(to: path, shownAs: shownAs, date: m.creationDate)
        }
    }

    static let namespaces: [(String, String)] = [
        ("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
        ("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
        ("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
        ("xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
        ("xmlns:number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"),
        ("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
    ]

    /// A column style per distinct width, named in order of first use.
    static func columnStyles(_ book: WorkbookContent) -> [Double: String] {
        var names: [Double: String] = [:]
        for sheet in book.sheets {
            for column in sheet.columns where names[column.width] == nil { names[column.width] = "co\(names.count + 1)" }
        }
        return names
    }

    /// A table's body rows, a fragment of `content.xml`, into `sink`;
    /// false when cancelled or a write failed.
    func rows(_ sheet: WorkbookContent.Sheet, to sink: FileSink, cancellation: Cancellation?) -> Bool {
        let x = XMLWriter(sink: sink, declaration: false)
        var row = 0
        var stopped = false
        sheet.rows { cells in
            guard !stopped else { return }
            row += 1
            if row & 0x3FF == 0, cancellation?.isCancelled ?? false || sink.failure != 0 { stopped = true; return }
            x.start("table:table-row")
            for cell in cells.prefix(sheet.columns.count) { self.cell(cell, x) }
            x.end()
        }
        x.finish()
        return !stopped && sink.failure == 0
    }

    /// `content.xml` into `sink`, the tables' rows copied in from `rows`.
    func content(_ book: WorkbookContent, rows: SheetParts, to sink: FileSink) throws {
        let x = XMLWriter(sink: sink)
        x.start("office:document-content")
        for (k, v) in Self.namespaces { x.attribute(k, v) }
        x.attribute("office:version", "1.3")
        x.start("office:automatic-styles")
        let columnStyles = Self.columnStyles(book)
        for (width, name) in columnStyles.sorted(by: { $0.value.count != $1.value.count ? $0.value.count < $1.value.count : $0.value < $1.value }) {
            x.start("style:style")
            x.attribute("style:name", name)
            x.attribute("style:family", "table-column")
            x.empty("style:table-column-properties", [("fo:break-before", "auto"),
                                                      ("style:column-width", Self.length(width * Self.pointsPerCharacter))])
            x.end()
        }
        dateStyle(book.dateFormat, language: book.metadata.language, x)
        x.start("number:boolean-style"); x.attribute("style:name", "N2"); x.empty("number:boolean"); x.end()
        // The sheets' direction: an Arabic workbook runs from the right.
        x.start("style:style"); x.attribute("style:name", "ta1"); x.attribute("style:family", "table")
        x.empty("style:table-properties", [("table:display", "true"), ("style:writing-mode", book.rightToLeft ? "rl-tb" : "lr-tb")])
        x.end()
        x.empty("style:style", [("style:name", "ceDate"), ("style:family", "table-cell"), ("style:data-style-name", "N1")])
        x.empty("style:style", [("style:name", "ceBoolean"), ("style:family", "table-cell"), ("style:data-style-name", "N2")])
        x.start("style:style")
        x.attribute("style:name", "ceHeader")
        x.attribute("style:family", "table-cell")
        x.empty("style:text-properties", [("fo:font-weight", "bold"), ("style:font-weight-asian", "bold"),
                                          ("style:font-weight-complex", "bold")])
        x.end()
        x.end()
        x.start("office:body")
        x.start("office:spreadsheet")
        for (index, sheet) in book.sheets.enumerated() {
            x.start("table:table")
            x.attribute("table:name", sheet.name)
            x.attribute("table:style-name", "ta1")
            for column in sheet.columns { x.empty("table:table-column", [("table:style-name", columnStyles[column.width]!)]) }
            x.start("table:table-header-rows")
            x.start("table:table-row")
            for column in sheet.columns {
                x.start("table:table-cell")
                x.attribute("table:style-name", "ceHeader")
                x.attribute("office:value-type", "string")
                if let note = column.note {
                    x.start("office:annotation")
                    for line in note.split(separator: "\n", omittingEmptySubsequences: false) { x.element("text:p", text: String(line)) }
                    x.end()
                }
                x.element("text:p", text: column.header)
                x.end()
            }
            x.end()
            x.end()
            // Each table's rows as soon as they are written (the others go on meanwhile).
            let rowsPath = try rows.path(index)
            try x.rawFile(rowsPath)
            unlink(rowsPath)  // copied: its room on the disk is free again
            x.end()
        }
        // The header rows' auto-filters: one database range per sheet, as Calc names them.
        x.start("table:database-ranges")
        for (i, sheet) in book.sheets.enumerated() {
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            let last = SpreadsheetColumn.letters(max(sheet.columns.count - 1, 0))
            x.empty("table:database-range", [("table:name", "__Anonymous_Sheet_DB__\(i)"),
                                             ("table:target-range-address", "\(quoted).A1:\(quoted).\(last)\(sheet.rowCount + 1)"),
                                             ("table:display-filter-buttons", "true")])
        }
        x.end()
        x.end()
        x.end()
        x.end()
        x.finish()
        if sink.failure != 0 { throw OutputError(message: "cannot write \(sink.shownAs): \(String(cString: strerror(sink.failure)))") }
    }

    private func cell(_ cell: ExportCell, _ x: XMLWriter) {
        switch cell {
        case .empty:
            x.empty("table:table-cell")
        case .text(let text), .label(_, let text):
            x.start("table:table-cell")
            x.attribute("office:value-type", "string")
            if Self.isPlain(text) {
                x.element("text:p", text: text)
            } else {
                // Line breaks start paragraphs; runs of spaces stay (text:s).
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) { paragraph(String(line), x) }
            }
            x.end()
        // Typed cells carry their value in attributes; the spreadsheet
        // shows it in the cell's format (no text:p to keep in step).
        case .number(let text):
            x.empty("table:table-cell", [("office:value-type", "float"), ("office:value", text)])
        case .decimal(let value):
            x.empty("table:table-cell", [("office:value-type", "float"), ("office:value", value.formatted(decimalSeparator: "."))])
        case .date(let date):
            x.empty("table:table-cell", [("table:style-name", "ceDate"), ("office:value-type", "date"),
                                         ("office:date-value", date.description)])
        case .boolean(let value):
            x.empty("table:table-cell", [("table:style-name", "ceBoolean"), ("office:value-type", "boolean"),
                                         ("office:boolean-value", value ? "true" : "false")])
        }
    }

    /// A paragraph whose spaces survive ODF's white-space collapsing: a run
    /// of spaces after the first, or at the start, is `text:s`.
    private func paragraph(_ line: String, _ x: XMLWriter) {
        guard !Self.isPlain(line) else {
            x.element("text:p", text: line)
            return
        }
        x.start("text:p")
        var run = ""
        var spaces = 0
        var atStart = true
        func flushSpaces() {
            guard spaces > 0 else { return }
            if atStart { x.empty("text:s", spaces > 1 ? [("text:c", String(spaces))] : []) }
            else {
                x.text(" ")
                if spaces > 1 { x.empty("text:s", spaces > 2 ? [("text:c", String(spaces - 1))] : []) }
            }
            spaces = 0
        }
        for ch in line {
            if ch == " " {
                if !run.isEmpty { x.text(run); run = ""; atStart = false }
                spaces += 1
            } else if ch == "\t" {
                if !run.isEmpty { x.text(run); run = ""; atStart = false }
                flushSpaces()
                x.empty("text:tab")
                atStart = false
            } else {
                if spaces > 0 { flushSpaces(); atStart = false }
                run.append(ch)
            }
        }
        if !run.isEmpty { x.text(run) }
        flushSpaces()
        x.end()
    }

    /// True for text that is one paragraph as it is: no line break, no tab,
    /// no space at the start and no two spaces in a row (most cells).
    static func isPlain(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            if byte == 0x0A || byte == 0x09 || byte == 0x0D || (byte == 0x20 && previous == 0x20) { return false }
            previous = byte
        }
        return true
    }

    /// The date style `N1`, in the language's order and words.
    private func dateStyle(_ parts: [DatePart], language: ReportLanguage, _ x: XMLWriter) {
        let tag = language.regionalTag.split(separator: "-")
        x.start("number:date-style")
        x.attribute("style:name", "N1")
        x.attribute("number:language", String(tag[0]))
        if tag.count > 1 { x.attribute("number:country", String(tag[1])) }
        for part in parts {
            switch part {
            case .day(let two): x.empty("number:day", two ? [("number:style", "long")] : [])
            case .month(let two): x.empty("number:month", two ? [("number:style", "long")] : [])
            case .monthAbbreviated: x.empty("number:month", [("number:textual", "true")])
            case .year: x.empty("number:year", [("number:style", "long")])
            case .literal(let text): x.element("number:text", text: text)
            }
        }
        x.end()
    }

    /// `styles.xml`: the default cell style's language, so that spelling
    /// and sorting follow the report's language; sheets print on landscape
    /// pages, as wide as the page (the header row repeated on each).
    func styles(language: ReportLanguage, paper: DocumentStyle.Paper) -> [UInt8] {
        let tag = language.regionalTag.split(separator: "-")
        let x = XMLWriter()
        x.start("office:document-styles")
        for (k, v) in Self.namespaces { x.attribute(k, v) }
        x.attribute("office:version", "1.3")
        x.start("office:styles")
        x.start("style:default-style")
        x.attribute("style:family", "table-cell")
        var text: [(String, String)] = [("fo:language", String(tag[0]))]
        if tag.count > 1 { text.append(("fo:country", String(tag[1]))) }
        x.empty("style:text-properties", text)
        x.end()
        x.end()
        x.start("office:automatic-styles")
        x.start("style:page-layout"); x.attribute("style:name", "pm1")
        let size = paper.size
        x.empty("style:page-layout-properties", [("fo:page-width", Self.length(max(size.width, size.height))),
                                                 ("fo:page-height", Self.length(min(size.width, size.height))),
                                                 ("style:print-orientation", "landscape"), ("style:scale-to-X", "1")])
        x.start("style:header-style")
        x.empty("style:header-footer-properties", [("fo:min-height", "7.5mm"), ("fo:margin-bottom", "2.5mm")])
        x.end()
        x.start("style:footer-style")
        x.empty("style:header-footer-properties", [("fo:min-height", "7.5mm"), ("fo:margin-top", "2.5mm")])
        x.end()
        x.end()
        x.end()
        x.start("office:master-styles")
        x.start("style:master-page"); x.attribute("style:name", "Default"); x.attribute("style:page-layout-name", "pm1")
        // Calc's header and footer regions: the sheet's name above, the page number below.
        x.start("style:header"); x.start("style:region-center"); x.start("text:p"); x.empty("text:sheet-name"); x.end(); x.end(); x.end()
        x.start("style:footer"); x.start("style:region-center"); x.start("text:p"); x.empty("text:page-number"); x.end(); x.end(); x.end()
        x.end()
        x.end()
        x.end()
        return x.finish()
    }

    /// `settings.xml`: every sheet opens with its header row frozen.
    func settings(_ book: WorkbookContent) -> [UInt8] {
        let x = XMLWriter()
        x.start("office:document-settings")
        x.attribute("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
        x.attribute("xmlns:config", "urn:oasis:names:tc:opendocument:xmlns:config:1.0")
        x.attribute("office:version", "1.3")
        x.start("office:settings")
        x.start("config:config-item-set"); x.attribute("config:name", "ooo:view-settings")
        x.start("config:config-item-map-indexed"); x.attribute("config:name", "Views")
        x.start("config:config-item-map-entry")
        func item(_ name: String, _ type: String, _ value: String) {
            x.element("config:config-item", [("config:name", name), ("config:type", type)], text: value)
        }
        item("ViewId", "string", "view1")
        x.start("config:config-item-map-named"); x.attribute("config:name", "Tables")
        for sheet in book.sheets {
            x.start("config:config-item-map-entry"); x.attribute("config:name", sheet.name)
            item("HorizontalSplitMode", "short", "0")
            item("VerticalSplitMode", "short", "2")
            item("HorizontalSplitPosition", "int", "0")
            item("VerticalSplitPosition", "int", "1")
            item("ActiveSplitRange", "short", "2")
            item("PositionLeft", "int", "0")
            item("PositionRight", "int", "0")
            item("PositionTop", "int", "0")
            item("PositionBottom", "int", "1")
            x.end()
        }
        x.end()
        if let first = book.sheets.first { item("ActiveTable", "string", first.name) }
        x.end()
        x.end()
        x.end()
        x.end()
        x.end()
        return x.finish()
    }

    static func length(_ points: Double) -> String { XLSXWriter.number(points) + "pt" }
}
