// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import PacLayout
import PacOutput
/// `content.xml`: the document's blocks as ODF text, headings with outline
/// levels and bookmarks, tables with repeated header rows, the contents
/// with links, and charts as pictures with a text alternative.
package final class ODTContent {
    package let document: ReportDocument
    package private(set) var pictures: [ODTWriter.Picture] = []
    private var tableCount = 0
    private var sheet: StyleSheet { document.styleSheet }
    /// The tables' column widths, the same as the PDF's.
    private let columns: TableColumns
    /// The charts' pictures, in document order.
    private let charts: ChartPictures

    package init(document: ReportDocument, columns: TableColumns? = nil, charts: ChartPictures? = nil) {
        self.document = document
        self.columns = columns ?? TableColumns.measure(document)
        self.charts = charts ?? ChartPictures.draw(document)
    }

    /// Width of the text area in points.
    package var textWidth: Double { sheet.contentWidth }

    /// Paragraph styles that get a twin for text written against the
    /// document's direction (`R_` + name: right-to-left text in a
    /// left-to-right report, `L_` + name: left-to-right text in a
    /// right-to-left one): the text keeps its own direction, its lines
    /// the document's side, as in the PDF.
    /// (Not the contents' entries: their page numbers stay at the end, as in the PDF.)
    package static let rtlParents = ["Text_20_body", "P_Keep", "K_Text_20_body", "Lead", "K_Lead", "Note", "Block_20_Note", "Caption", "Small",
                                     "Title", "Heading_20_1", "Heading_20_2", "Table_20_Contents", "Table_20_Contents_20_End", "Table_20_Details",
                                     "P_Total"]

    /// The direction of `text`'s first strongly directional letter or
    /// mark, isolates (U+2066 … U+2069) skipped, as Unicode's bidi rule P2
    /// finds a paragraph's: true right to left, false left to right, nil none.
    package static func firstStrongIsRightToLeft(_ text: String) -> Bool? {
        var depth = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2066...0x2068: depth += 1; continue
            case 0x2069: depth = max(0, depth - 1); continue
            default: break
            }
            guard depth == 0 else { continue }
            switch scalar.value {
            case 0x200F, 0x061C: return true
            case 0x200E: return false
            default:
                if scalar.isRightToLeftLetter { return true }
                if scalar.properties.isAlphabetic { return false }
            }
        }
        return nil
    }

    /// True when the first strongly directional letter of `text` is Hebrew or Arabic.
    package static func isRightToLeft(_ text: String) -> Bool { firstStrongIsRightToLeft(text) == true }

    /// True when the first strongly directional letter of `text` is
    /// written left to right (Latin, Cyrillic, Han …).
    package static func isLeftToRight(_ text: String) -> Bool { firstStrongIsRightToLeft(text) == false }

    /// The paragraph style for `text`: `name`, or its twin when the text
    /// runs against the document's direction.
    package func styleFor(_ name: String, text: String) -> String {
        guard Self.rtlParents.contains(name) else { return name }
        if sheet.rightToLeft { return Self.isLeftToRight(text) ? "L_" + name : name }
        return Self.isRightToLeft(text) ? "R_" + name : name
    }

    /// Streams `content.xml` into `sink`; stops early (returning false) when
    /// a write fails or `cancellation` is set.
    @discardableResult
    package func write(to sink: FileSink, cancellation: Cancellation? = nil) -> Bool {
        let x = XMLWriter(sink: sink)
        ODTStyles.startPart(x, "office:document-content", families: sheet.fontFamilies)
        automaticStyles(x)
        x.start("office:body")
        x.start("office:text")
        for (index, block) in document.blocks.enumerated() {
            if sink.failure != 0 || (cancellation?.isCancelled ?? false) { return false }
            if case .keyFigures(let figures) = block {
                keyFigures(figures, keptWithNext: document.keepsWithNext(index), x)
            } else {
                write(block, x)
            }
        }
        x.end()
        x.end()
        x.end()
        x.finish()
        return true
    }

    // MARK: automatic styles

    private func tables() -> [Table] {
        document.blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    }

    private func automaticStyles(_ x: XMLWriter) {
        x.start("office:automatic-styles")
        func cell(_ name: String, padding: Double? = nil, _ properties: [(String, String)]) {
            x.start("style:style")
            x.attribute("style:name", name)
            x.attribute("style:family", "table-cell")
            let padding = padding.map { [("fo:padding", ODTStyles.pt($0))] }
                ?? [("fo:padding-left", ODTStyles.pt(sheet.cellPaddingX)), ("fo:padding-right", ODTStyles.pt(sheet.cellPaddingX)),
                    ("fo:padding-top", ODTStyles.pt(sheet.cellPaddingY)), ("fo:padding-bottom", ODTStyles.pt(sheet.cellPaddingY))]
            let own = Set(properties.map(\.0))
            x.empty("style:table-cell-properties", padding.filter { !own.contains($0.0) } + properties)
            x.end()
        }
        func border(_ width: Double, _ colour: String) -> String { "\(ODTStyles.pt(width)) solid \(colour)" }
        cell("CellHead", [("fo:background-color", sheet.headerFillColour),
                          ("fo:border-bottom", border(sheet.headerRuleWidth, sheet.ruleColour)), ("fo:border-top", "none"),
                          ("fo:border-left", "none"), ("fo:border-right", "none")])
        cell("CellBody", [("fo:border-bottom", border(sheet.bodyRuleWidth, sheet.ruleColour)), ("fo:border-top", "none"),
                          ("fo:border-left", "none"), ("fo:border-right", "none")])
        cell("CellBodyOpen", [("fo:border", "none")])
        cell("CellDetails", padding: nil, [("fo:padding-top", "0pt"), ("fo:border-bottom", border(sheet.bodyRuleWidth, sheet.ruleColour)),
                                           ("fo:border-top", "none"), ("fo:border-left", "none"), ("fo:border-right", "none")])
        cell("CellTotal", [("fo:border-top", border(sheet.totalsRuleWidth, sheet.totalsRuleColour)), ("fo:border-bottom", "none"),
                           ("fo:border-left", "none"), ("fo:border-right", "none")])
        // Key figures: boxes with an accent bar at the left.
        cell("CellFigure", padding: sheet.figurePadding,
             [("fo:background-color", sheet.figureFillColour),
              ("fo:border-\(sheet.startSide)", border(sheet.figureAccentWidth, sheet.figureAccentColour)), ("fo:border-top", "none"),
              ("fo:border-bottom", "none"), ("fo:border-\(sheet.endSide)", "none")])

        func paragraph(_ name: String, parent: String, _ paragraph: [(String, String)], _ text: [(String, String)] = []) {
            ODTStyles.paragraphStyle(x, name, parent: parent, paragraph: paragraph, text: text)
        }
        // (The right-to-left twins' parents are all common styles, in styles.xml.)
        // A row is never split across pages (as in the PDF, unless taller than a page).
        x.start("style:style")
        x.attribute("style:name", "Row")
        x.attribute("style:family", "table-row")
        x.empty("style:table-row-properties", [("fo:keep-together", "always")])
        x.end()
        // The text's own direction; its lines on the parent's side (the
        // alignments are named by side).
        let twin = sheet.rightToLeft ? ("L_", "lr-tb") : ("R_", "rl-tb")
        for parent in Self.rtlParents {
            paragraph(twin.0 + parent, parent: parent, [("style:writing-mode", twin.1)])
        }
        for (name, properties) in [("T_Bold", [("fo:font-weight", "bold")]), ("T_Italic", [("fo:font-style", "italic")])] {
            x.start("style:style")
            x.attribute("style:name", name)
            x.attribute("style:family", "text")
            x.empty("style:text-properties", ODTStyles.allScripts(properties))
            x.end()
        }

        let width = textWidth
        for (index, table) in tables().enumerated() {
            let name = "Tbl\(index + 1)"
            x.start("style:style")
            x.attribute("style:name", name)
            x.attribute("style:family", "table")
            // Space below, unless a note follows (the note has it).
            x.empty("style:table-properties", [("style:width", ODTStyles.pt(width)), ("table:align", "margins"),
                                                ("fo:margin-bottom", ODTStyles.pt(table.note == nil ? sheet.blockSpaceAfter : 0)),
                                                ("style:writing-mode", ODTStyles.writingMode(sheet))])
            x.end()
            // The same widths as the PDF's: sized by what the columns hold.
            for (c, columnWidth) in columns.widths[index].enumerated() {
                x.start("style:style")
                x.attribute("style:name", "\(name).C\(c + 1)")
                x.attribute("style:family", "table-column")
                x.empty("style:table-column-properties", [("style:column-width", ODTStyles.pt(columnWidth)),
                                                           ("style:rel-column-width", "\(Int((columnWidth / width * 10000).rounded()))*")])
                x.end()
            }
        }
        // The rows of boxes stay on one page, as in the PDF, and with a note
        // that follows them when the document asks.
        for (name, kept) in [("TblFigures", false), ("TblFiguresKept", true)] {
            x.start("style:style")
            x.attribute("style:name", name)
            x.attribute("style:family", "table")
            x.empty("style:table-properties", [("style:width", ODTStyles.pt(width)), ("table:align", "margins"),
                                                ("fo:margin-bottom", ODTStyles.pt(sheet.figuresSpaceAfter)),
                                                ("style:may-break-between-rows", "false"),
                                                ("style:writing-mode", ODTStyles.writingMode(sheet))]
                                               + (kept ? [("fo:keep-with-next", "always")] : []))
            x.end()
        }
        let perRow = Double(max(1, sheet.figuresPerRow))
        let boxWidth = (width - sheet.figureGap * (perRow - 1)) / perRow
        for (name, columnWidth) in [("TblFigures.Box", boxWidth), ("TblFigures.Gap", sheet.figureGap)] {
            x.start("style:style")
            x.attribute("style:name", name)
            x.attribute("style:family", "table-column")
            x.empty("style:table-column-properties", [("style:column-width", ODTStyles.pt(columnWidth)),
                                                       ("style:rel-column-width", "\(Int((columnWidth / width * 10000).rounded()))*")])
            x.end()
        }
        x.start("style:style")
        x.attribute("style:name", "FigureGap")
        x.attribute("style:family", "table-row")
        x.empty("style:table-row-properties", [("style:row-height", ODTStyles.pt(sheet.figureGap))])
        x.end()
        x.start("style:style")
        x.attribute("style:name", "FigureFrame")
        x.attribute("style:family", "graphic")
        x.empty("style:graphic-properties", [("style:vertical-pos", "top"), ("style:vertical-rel", "baseline"),
                                              ("fo:border", "none")])
        x.end()
        x.end()
    }

    // MARK: text

    /// Text with line breaks, tabs and runs of spaces as ODF elements.
    package static func text(_ value: String, _ x: XMLWriter) {
        // Most cells are plain: no breaks, tabs or runs of spaces.
        var previousSpace = true
        var plain = true
        for b in value.utf8 {
            if b == 0x0A || b == 0x0D || b == 0x09 || (b == 0x20 && previousSpace) { plain = false; break }
            previousSpace = b == 0x20
        }
        if plain && !previousSpace || value.isEmpty {
            x.text(value)
            return
        }
        var pending = ""
        var spaces = 0
        func flushSpaces() {
            guard spaces > 0 else { return }
            pending += " "
            if spaces > 1 {
                x.text(pending)
                pending = ""
                x.start("text:s")
                if spaces > 2 { x.attribute("text:c", String(spaces - 1)) }
                x.end()
            }
            spaces = 0
        }
        for ch in value {
            switch ch {
            case " ":
                spaces += 1
            case "\n", "\r\n", "\r":
                flushSpaces()
                x.text(pending)
                pending = ""
                x.empty("text:line-break")
            case "\t":
                flushSpaces()
                x.text(pending)
                pending = ""
                x.empty("text:tab")
            default:
                flushSpaces()
                pending.append(ch)
            }
        }
        flushSpaces()
        x.text(pending)
    }

    package func runs(_ runs: [Run], _ x: XMLWriter) {
        for run in runs {
            if let link = run.link {
                x.start("text:a")
                x.attribute("xlink:type", "simple")
                x.attribute("xlink:href", link)
            }
            let styled = run.bold || run.italic
            if styled {
                x.start("text:span")
                x.attribute("text:style-name", run.bold ? "T_Bold" : "T_Italic")
            }
            Self.text(run.text, x)
            if styled { x.end() }
            if run.link != nil { x.end() }
        }
    }

    package func paragraph(_ styleName: String, _ text: String, _ x: XMLWriter) {
        x.start("text:p")
        x.attribute("text:style-name", styleFor(styleName, text: text))
        Self.text(text, x)
        x.end()
    }

    // MARK: blocks

    private func write(_ block: Block, _ x: XMLWriter) {
        switch block {
        case .title(let text):
            paragraph("Title", text, x)
        case .heading(let heading):
            x.start("text:h")
            x.attribute("text:style-name", styleFor(heading.level == 1 ? "Heading_20_1" : "Heading_20_2", text: heading.text))
            x.attribute("text:outline-level", String(heading.level))
            x.empty("text:bookmark", [("text:name", heading.anchor)])
            Self.text(heading.text, x)
            x.end()
        case .paragraph(let p):
            var name: String
            switch p.role {
            case .body: name = "Text_20_body"
            case .lead: name = "Lead"
            case .small: name = "Small"
            case .note: name = "Note"
            }
            if p.keepTogether && p.role == .body { name = "P_Keep" }
            if p.keepWithNext && (p.role == .body || p.role == .lead) { name = "K_" + name }
            x.start("text:p")
            x.attribute("text:style-name", styleFor(name, text: p.plainText))
            runs(p.runs, x)
            x.end()
        case .keyFigures(let figures):
            keyFigures(figures, keptWithNext: false, x)
        case .table(let table):
            self.table(table, x)
        case .chart(let chart):
            self.chart(chart, x)
        case .tableOfContents(let title):
            contents(title, x)
        }
    }

    /// Rows of boxes as a table whose gaps between the boxes are columns
    /// and rows of their own, so that the boxes sit where the PDF's do.
    private func keyFigures(_ figures: [KeyFigure], keptWithNext: Bool, _ x: XMLWriter) {
        let perRow = max(1, sheet.figuresPerRow)
        x.start("table:table")
        x.attribute("table:name", "Key figures")
        x.attribute("table:style-name", keptWithNext ? "TblFiguresKept" : "TblFigures")
        for column in 0..<perRow {
            if column > 0 { x.empty("table:table-column", [("table:style-name", "TblFigures.Gap")]) }
            x.empty("table:table-column", [("table:style-name", "TblFigures.Box")])
        }
        var index = 0
        while index < figures.count {
            if index > 0 {
                x.start("table:table-row")
                x.attribute("table:style-name", "FigureGap")
                for _ in 0..<(2 * perRow - 1) { x.empty("table:table-cell") }
                x.end()
            }
            x.start("table:table-row")
            x.attribute("table:style-name", "Row")
            for column in 0..<perRow {
                if column > 0 { x.empty("table:table-cell") }
                guard index + column < figures.count else {
                    x.empty("table:table-cell")
                    continue
                }
                x.start("table:table-cell")
                x.attribute("table:style-name", "CellFigure")
                x.attribute("office:value-type", "string")
                let f = figures[index + column]
                paragraph("Figure_20_Value", f.value, x)
                paragraph("Figure_20_Label", f.label, x)
                if let detail = f.detail { paragraph("Figure_20_Detail", detail, x) }
                if let comparison = f.comparison { paragraph("Figure_20_Detail", comparison, x) }
                x.end()
            }
            x.end()
            index += perRow
        }
        x.end()
    }

    private func table(_ table: Table, _ x: XMLWriter) {
        tableCount += 1
        let name = "Tbl\(tableCount)"
        x.start("table:table")
        x.attribute("table:name", table.name)
        x.attribute("table:style-name", name)
        for c in table.columns.indices { x.empty("table:table-column", [("table:style-name", "\(name).C\(c + 1)")]) }
        func row(_ cells: [String], cellStyle: String, paragraphStyle: (Table.Column) -> String) {
            x.start("table:table-row")
            x.attribute("table:style-name", "Row")
            for (c, column) in table.columns.enumerated() {
                x.start("table:table-cell")
                x.attribute("table:style-name", cellStyle)
                x.attribute("office:value-type", "string")
                paragraph(paragraphStyle(column), c < cells.count ? cells[c] : "", x)
                x.end()
            }
            x.end()
        }
        if table.columns.contains(where: { !$0.header.isEmpty }) {
            x.start("table:table-header-rows")
            row(table.columns.map(\.header), cellStyle: "CellHead") {
                $0.alignment == .end ? "Table_20_Heading_20_End" : "Table_20_Heading"
            }
            x.end()
        }
        for (index, cells) in table.rows.enumerated() {
            let details = table.details(index)
            row(cells, cellStyle: details == nil ? "CellBody" : "CellBodyOpen") {
                $0.alignment == .end ? "Table_20_Contents_20_End" : "Table_20_Contents"
            }
            guard let details else { continue }
            // The details across the table, a paragraph per line, its rule under them.
            x.start("table:table-row")
            x.attribute("table:style-name", "Row")
            x.start("table:table-cell")
            x.attribute("table:style-name", "CellDetails")
            x.attribute("table:number-columns-spanned", String(table.columns.count))
            x.attribute("office:value-type", "string")
            for line in details.split(separator: "\n", omittingEmptySubsequences: false) {
                paragraph("Table_20_Details", String(line), x)
            }
            x.end()
            for _ in 1..<max(1, table.columns.count) { x.empty("table:covered-table-cell") }
            x.end()
        }
        if let totals = table.totals {
            row(totals, cellStyle: "CellTotal") { $0.alignment == .end ? "P_Total_End" : "P_Total" }
        }
        x.end()
        if let note = table.note { paragraph("Block_20_Note", note, x) }
    }

    private func chart(_ chart: Chart, _ x: XMLWriter) {
        let image: (bytes: [UInt8], width: Double, height: Double)
        if charts.pictures.indices.contains(pictures.count) {
            let drawn = charts.pictures[pictures.count]
            image = (drawn.bytes, drawn.width, drawn.height)
        } else {  // pictures drawn for another document: this chart drawn here
            image = ChartFigure.png(chart, width: textWidth, sheet: sheet, language: document.metadata.language)
        }
        let path = "Pictures/chart-\(pictures.count + 1).png"
        pictures.append(ODTWriter.Picture(path: path, bytes: image.bytes, width: image.width, height: image.height))
        x.start("text:p")
        x.attribute("text:style-name", "Figure")
        x.start("draw:frame")
        x.attribute("draw:style-name", "FigureFrame")
        x.attribute("draw:name", chart.title)
        x.attribute("text:anchor-type", "as-char")
        x.attribute("svg:width", ODTStyles.pt(image.width))
        x.attribute("svg:height", ODTStyles.pt(image.height))
        x.attribute("draw:z-index", "0")
        x.start("draw:image")
        x.attribute("xlink:href", path)
        x.attribute("xlink:type", "simple")
        x.attribute("xlink:show", "embed")
        x.attribute("xlink:actuate", "onLoad")
        x.end()
        x.element("svg:title", text: chart.title)
        let values = chart.bars.map { "\($0.label): \($0.valueText)" }.joined(separator: "; ")
        x.element("svg:desc", text: "\(chart.description) \(values)")
        x.end()
        x.end()
        if let legend = chart.legend { paragraph("Caption", legend, x) }
        paragraph("Block_20_Note", chart.description, x)
    }

    private func contents(_ title: String, _ x: XMLWriter) {
        x.start("text:table-of-content")
        x.attribute("text:name", "Contents")
        x.attribute("text:protected", "true")
        x.start("text:table-of-content-source")
        x.attribute("text:outline-level", "2")
        x.attribute("text:use-index-marks", "false")
        x.element("text:index-title-template", [("text:style-name", "Contents_20_Heading")], text: title)
        for level in 1...2 {
            x.start("text:table-of-content-entry-template")
            x.attribute("text:outline-level", String(level))
            x.attribute("text:style-name", "Contents_20_\(level)")
            x.empty("text:index-entry-link-start")
            x.empty("text:index-entry-text")
            x.empty("text:index-entry-tab-stop", [("style:type", "right"), ("style:leader-char", ".")])
            x.empty("text:index-entry-page-number")
            x.empty("text:index-entry-link-end")
            x.end()
        }
        x.end()
        // The entries are written out, with links, so that the contents are
        // useful before anyone asks LibreOffice or Word to update the index.
        x.start("text:index-body")
        x.start("text:index-title")
        x.attribute("text:name", "Contents_Head")
        paragraph("Contents_20_Heading", title, x)
        x.end()
        for heading in document.headings where heading.inContents {
            x.start("text:p")
            x.attribute("text:style-name", "Contents_20_\(min(heading.level, 2))")
            x.start("text:a")
            x.attribute("xlink:type", "simple")
            x.attribute("xlink:href", "#" + heading.anchor)
            Self.text(heading.text, x)
            // The page: a field LibreOffice fills in as it lays the text out
            // (the ODT is written beside the PDF, whose pages it cannot wait for).
            x.empty("text:tab")
            x.empty("text:bookmark-ref", [("text:reference-format", "page"), ("text:ref-name", heading.anchor)])
            x.end()
            x.end()
        }
        x.end()
        x.end()
    }
}
