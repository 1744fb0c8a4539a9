// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
/// What one page shows, positioned in points from the top-left corner.
/// Layout (this file) decides where things go; `PDFWriter` only draws.
package enum PageItem {
    /// Lines `lines` of a text layout, the first line's top at `y`.
    case text(TextLayout, x: Double, y: Double, lines: Range<Int>)
    case fill(x: Double, y: Double, width: Double, height: Double, colour: String)
    case rule(x1: Double, y1: Double, x2: Double, y2: Double, colour: String, width: Double)
    /// A structure element (H1, P, Table, TR, TH, TD, Figure ...) opens or closes.
    case beginTag(String)
    case endTag(String)
    /// A link: `#anchor` for a place in the document, else a URI, over the
    /// given area; the items until `endLink` are its content.
    case beginLink(target: String, x: Double, y: Double, width: Double, height: Double)
    case endLink
    /// The place a `#anchor` link goes to.
    case destination(anchor: String, x: Double, y: Double)
    /// The page number of `anchor`, right-aligned to `right` (table of contents).
    case pageNumber(anchor: String, right: Double, y: Double, style: TextStyle)
}

package final class LaidOutPage {
    package var items: [PageItem] = []
}

/// An entry of the PDF outline (bookmarks).
package struct OutlineEntry {
    package var level: Int
    package var title: String
    package var anchor: String
}

/// Flows a `ReportDocument` onto pages: paragraphs and table rows that do
/// not fit continue on the next page, table header rows repeat, a heading
/// is kept with what follows it, and a row taller than a page is split
/// line by line (ReportLab's flowables, in short).
package final class PageLayout {
    package let document: ReportDocument
    package let style: DocumentStyle
    package let shaper: TextShaper
    package let pageWidth: Double, pageHeight: Double
    package let left: Double, right: Double, top: Double, bottom: Double
    package var contentWidth: Double { right - left }

    /// Hears every page once it is complete, with its number (from 1); when
    /// nil the layout only measures: no page keeps any item.
    private let onPage: ((LaidOutPage, Int) -> Void)?
    private var current: LaidOutPage?
    package private(set) var pageCount = 0
    package private(set) var outline: [OutlineEntry] = []
    /// Page (1-based) of every anchor, known once layout is done.
    package private(set) var anchorPages: [String: Int] = [:]
    private var y: Double = 0

    package static func points(mm: Double) -> Double { mm * 72 / 25.4 }

    /// Shapers (each with its own font map) that shape table rows on other
    /// threads: all of them while measuring, the first while drawing; empty
    /// to shape everything on this thread.
    private let measuringShapers: [TextShaper]

    /// Rows measured by the first pass, for the second (shared by both).
    private let rowStore: RowStore?
    private var tableCount = 0

    package init(document: ReportDocument, shaper: TextShaper, measuringShapers: [TextShaper] = [], rowStore: RowStore? = nil,
         onPage: ((LaidOutPage, Int) -> Void)? = nil) {
        self.document = document
        self.measuringShapers = measuringShapers
        self.rowStore = rowStore
        self.onPage = onPage
        style = document.style
        self.shaper = shaper
        (pageWidth, pageHeight) = style.paper.size
        left = Self.points(mm: style.marginLeft)
        right = pageWidth - Self.points(mm: style.marginRight)
        // The running header sits in the top margin, the footer in the bottom one.
        top = Self.points(mm: style.marginTop) + 16
        bottom = pageHeight - Self.points(mm: style.marginBottom) - 14
    }

    // MARK: styles

    package var body: TextStyle { TextStyle(size: style.bodySize, colour: style.textColour) }
    package var small: TextStyle { TextStyle(size: style.smallSize, colour: style.textColour) }
    package var muted: TextStyle { TextStyle(size: style.smallSize, colour: style.mutedColour) }

    // MARK: flow

    /// Checked between blocks and table rows: set, the layout stops early
    /// (the render has failed elsewhere).
    package var shouldStop: () -> Bool = { false }
    package private(set) var stopped = false

    package func run() {
        newPage()
        for (index, block) in document.blocks.enumerated() {
            if stopped || shouldStop() { stopped = true; return }
            place(block, following: document.blocks[(index + 1)...])
        }
        finishPage()
    }

    private func newPage() {
        finishPage()
        current = LaidOutPage()
        pageCount += 1
        y = top
    }

    /// Hands the page over and lets it go.
    private func finishPage() {
        if let current { onPage?(current, pageCount) }
        current = nil
    }

    private var available: Double { bottom - y }
    private var atTop: Bool { y <= top + 0.01 }

    /// Starts a new page unless `height` fits (or the page is still empty).
    private func ensure(_ height: Double) {
        if height > available && !atTop { newPage() }
    }

    private func add(_ item: PageItem) {
        if onPage != nil { current?.items.append(item) }
    }

    private func place(_ block: Block, following: ArraySlice<Block>) {
        switch block {
        case .title(let text):
            let layout = shaper.layout(text, style: TextStyle(size: style.titleSize, bold: true, colour: style.accentColour),
                                       width: contentWidth)
            flowText(layout, tag: "H1", x: left, spaceAfter: 6)
        case .heading(let heading):
            placeHeading(heading, following: following)
        case .paragraph(let paragraph):
            var textStyle = body
            switch paragraph.role {
            case .body: break
            case .lead: textStyle.size = style.bodySize * 1.1; textStyle.colour = style.mutedColour
            case .small: textStyle = small
            case .note: textStyle = muted; textStyle.italic = true
            }
            let layout = shaper.layout(paragraph.runs, style: textStyle, width: contentWidth)
            flowText(layout, tag: "P", x: left, spaceAfter: style.bodySize * 0.7)
        case .keyFigures(let figures):
            placeKeyFigures(figures)
        case .table(let table):
            placeTable(table)
        case .chart(let chart):
            placeChart(chart)
        case .tableOfContents(let title):
            placeContents(title)
        }
    }

    private func placeHeading(_ heading: Heading, following: ArraySlice<Block>) {
        let size = heading.level == 1 ? style.heading1Size : style.heading2Size
        let layout = shaper.layout(heading.text, style: TextStyle(size: size, bold: true, colour: style.accentColour),
                                   width: contentWidth)
        let spaceBefore = atTop ? 0 : size * (heading.level == 1 ? 1.1 : 0.8)
        // Keep the heading with the start of what follows it.
        let keep = layout.height + spaceBefore + size * 0.45 + keptWithHeading(following)  // the gap below it too
        ensure(keep)
        if !atTop { y += spaceBefore }
        anchorPages[heading.anchor] = pageCount
        outline.append(OutlineEntry(level: heading.level, title: heading.text, anchor: heading.anchor))
        add(.beginTag(heading.level == 1 ? "H1" : "H2"))
        add(.destination(anchor: heading.anchor, x: left, y: y))
        add(.text(layout, x: left, y: y, lines: 0..<layout.lineCount))
        add(.endTag(heading.level == 1 ? "H1" : "H2"))
        y += layout.height + size * 0.45
    }

    /// Room that what follows a heading needs on the heading's page: the
    /// short paragraphs right after it, then the start of the next table
    /// (its header and first row), a whole chart, or a few lines of text.
    private func keptWithHeading(_ following: ArraySlice<Block>) -> Double {
        var height = 0.0
        for block in following {
            switch block {
            case .paragraph(let paragraph):
                let layout = shaper.layout(paragraph.runs, style: body, width: contentWidth)
                if layout.lineCount > 3 { return height + layout.height(of: 0..<3) }
                height += layout.height + style.bodySize * 0.7
                continue
            case .table(let table):
                let header = table.columns.contains { !$0.header.isEmpty }
                    ? layoutRow(table.columns.map(\.header), table, kind: .header).height + 2 * cellPadY : 0
                let firstRow = table.rows.first.map { layoutRow($0, table, kind: .body).height + 2 * cellPadY } ?? 0
                return height + header + min(firstRow, bottom - top - header)  // as placeTable demands
            case .chart(let chart):
                return height + chartHeight(chart)
            case .keyFigures(let figures):
                return height + keyFiguresHeight(figures)
            case .heading(let heading):
                // A heading right below: keep with it too, and with what it keeps.
                height += (heading.level == 1 ? style.heading1Size : style.heading2Size) * 2.3
                continue
            case .title, .tableOfContents:
                return height + 3.2 * style.bodySize * 1.5
            }
        }
        return height
    }

    /// Places a text layout, continuing it on the next pages at line
    /// boundaries when it does not fit.
    private func flowText(_ layout: TextLayout, tag: String, x: Double, spaceAfter: Double) {
        var start = 0
        while start < layout.lineCount {
            var n = layout.linesFitting(from: start, height: available)
            if n == 0 {
                if atTop { n = 1 } else { newPage(); continue }
            }
            let range = start..<(start + n)
            add(.beginTag(tag))
            add(.text(layout, x: x, y: y, lines: range))
            addLinks(layout, x: x, y: y, lines: range)
            add(.endTag(tag))
            y += layout.height(of: range)
            start += n
            if start < layout.lineCount { newPage() }
        }
        y += spaceAfter
    }

    private func addLinks(_ layout: TextLayout, x: Double, y: Double, lines range: Range<Int>) {
        guard !layout.links.isEmpty, !range.isEmpty else { return }
        let top = layout.lines[range.lowerBound].top, end = layout.lines[range.upperBound - 1].bottom
        for link in layout.links where link.y >= top - 0.5 && link.y + link.height <= end + 0.5 {
            add(.beginLink(target: link.target, x: x + link.x, y: y + link.y - top, width: link.width, height: link.height))
            add(.endLink)
        }
    }

    // MARK: key figures

    /// Room the key figure boxes take (an estimate a little above the real height).
    private func keyFiguresHeight(_ figures: [KeyFigure]) -> Double {
        let rows = Double((figures.count + 2) / 3)
        return rows * (style.figureSize * 1.4 + style.bodySize * 2.6 + style.smallSize * 1.4 + 14 + 8)
    }

    private func placeKeyFigures(_ figures: [KeyFigure]) {
        let perRow = 3
        let gap = 8.0
        let boxWidth = (contentWidth - gap * Double(perRow - 1)) / Double(perRow)
        let pad = 7.0
        // The boxes and the rows they form stay on one page together.
        ensure(keyFiguresHeight(figures))
        var index = 0
        while index < figures.count {
            let row = Array(figures[index..<min(index + perRow, figures.count)])
            let contents = row.map { figure -> [TextLayout] in
                var parts = [shaper.layout(figure.value, style: TextStyle(size: style.figureSize, bold: true, colour: style.accentColour),
                                           width: boxWidth - 2 * pad),
                             shaper.layout(figure.label, style: TextStyle(size: style.bodySize, bold: true, colour: style.textColour),
                                           width: boxWidth - 2 * pad)]
                if let detail = figure.detail {
                    parts.append(shaper.layout(detail, style: muted, width: boxWidth - 2 * pad))
                }
                return parts
            }
            let height = (contents.map { $0.reduce(0) { $0 + $1.height + 1 } }.max() ?? 0) + 2 * pad
            ensure(height)
            for (column, parts) in contents.enumerated() {
                let x = left + Double(column) * (boxWidth + gap)
                add(.fill(x: x, y: y, width: boxWidth, height: height, colour: style.headerFillColour))
                add(.fill(x: x, y: y, width: 3, height: height, colour: style.accentColour))
                add(.beginTag("P"))
                var ty = y + pad
                for part in parts {
                    add(.text(part, x: x + pad + 2, y: ty, lines: 0..<part.lineCount))
                    ty += part.height + 1
                }
                add(.endTag("P"))
            }
            y += height + gap
            index += perRow
        }
        y += 4
    }

    // MARK: tables

    package struct LaidOutRow {
        package var cells: [TextLayout]
        /// Offset of each cell's first line so that first baselines align.
        package var offsets: [Double]
        package var kind: Kind
        package enum Kind { case header, body, totals }

        package var height: Double { zip(cells, offsets).map { $0.height + $1 }.max() ?? 0 }
    }

    private let cellPadX = 4.0
    private let cellPadY = 3.0

    private func layoutRow(_ texts: [String], _ table: Table, kind: LaidOutRow.Kind) -> LaidOutRow {
        layoutRow(texts, table, kind: kind, shaper: shaper)
    }

    /// A row shaped by `shaper` (the layout's own, or a measuring helper's
    /// on another thread: this reads nothing that changes).
    private func layoutRow(_ texts: [String], _ table: Table, kind: LaidOutRow.Kind, shaper: TextShaper) -> LaidOutRow {
        var cells: [TextLayout] = []
        for (i, column) in table.columns.enumerated() {
            let width = column.width * contentWidth - 2 * cellPadX
            var cellStyle = kind == .body ? body : TextStyle(size: style.bodySize, bold: true, colour: style.textColour)
            if kind == .header { cellStyle.size = style.smallSize + 0.5 }
            cellStyle.alignment = column.alignment
            let text = i < texts.count ? texts[i] : ""
            if kind == .header || text.utf8.count <= 40 {
                // A word wider than its column (a header, a kind, a status in a narrow
                // column) gets a smaller size rather than a break inside it.
                let widest = text.split(whereSeparator: \.isWhitespace)
                    .map { shaper.layout(String($0), style: cellStyle, width: nil, notingMissing: false).width }.max() ?? 0
                if widest > width - 1 { cellStyle.size = max(6, cellStyle.size * (width - 2) / widest) }
            }
            cells.append(shaper.layout(text, style: cellStyle, width: width))
        }
        let baseline = cells.map(\.firstBaseline).max() ?? 0
        return LaidOutRow(cells: cells, offsets: cells.map { baseline - $0.firstBaseline }, kind: kind)
    }

    private func placeTable(_ table: Table) {
        let hasHeader = table.columns.contains { !$0.header.isEmpty }
        let header = hasHeader ? layoutRow(table.columns.map(\.header), table, kind: .header) : nil
        // Rows are shaped one at a time as they are placed: a table of a
        // hundred thousand rows is never held whole.
        let rowCount = table.rows.count + (table.totals == nil ? 0 : 1)
        let make = { (index: Int, shaper: TextShaper) -> LaidOutRow in
            index < table.rows.count ? self.layoutRow(table.rows[index], table, kind: .body, shaper: shaper)
                : self.layoutRow(table.totals!, table, kind: .totals, shaper: shaper)
        }
        tableCount += 1
        let mode: RowFeed.Mode = onPage == nil ? .measuring(helpers: measuringShapers)
            : .drawing(helper: measuringShapers.first)
        let feed = RowFeed(count: rowCount, make: make, shaper: shaper, mode: mode, store: rowStore, table: tableCount)
        /// The table's next row, in order.
        func nextRow() -> LaidOutRow {
            let row = feed.next()
            // Characters a helper shaper found no font for, noted in document order.
            for cell in row.cells where !cell.missing.isEmpty { shaper.noteMissing(cell.text, cell.missing) }
            return row
        }
        // The first row decides where the table starts; the loop places it.
        var first = rowCount > 0 ? nextRow() : nil

        let headerHeight = header.map { $0.height + 2 * cellPadY } ?? 0
        var open = false
        func openTable() {
            add(.beginTag("Table"))
            open = true
            if let header {
                drawRow(header, lines: header.cells.map { 0..<$0.lineCount }, height: headerHeight, table: table)
            }
        }
        func closeTable() {
            if open { add(.endTag("Table")) }
            open = false
        }
        // Start where the header and the first row fit together.
        let firstRow = first.map { $0.height + 2 * cellPadY } ?? 0
        ensure(headerHeight + min(firstRow, bottom - top - headerHeight))
        openTable()
        for index in 0..<rowCount {
            if index % 64 == 63 && shouldStop() { stopped = true }
            if stopped { break }
            let row = first ?? nextRow()
            first = nil
            let rowHeight = row.height + 2 * cellPadY
            if rowHeight > available && y > top + headerHeight + 0.01 {
                // Not here: to the next page, header repeated.
                closeTable()
                newPage()
                openTable()
            }
            if rowHeight <= available {
                drawRow(row, lines: row.cells.map { 0..<$0.lineCount }, height: rowHeight, table: table)
                continue
            }
            // A row taller than a page: split its cells line by line.
            var starts = [Int](repeating: 0, count: row.cells.count)
            while zip(starts, row.cells).contains(where: { $0 < $1.lineCount }) {
                let room = available - 2 * cellPadY
                var ranges: [Range<Int>] = []
                for (i, cell) in row.cells.enumerated() {
                    let n = cell.linesFitting(from: starts[i], height: room - (starts[i] == 0 ? row.offsets[i] : 0))
                    ranges.append(starts[i]..<(starts[i] + n))
                }
                if ranges.allSatisfy(\.isEmpty) {
                    // Not even one line fits on an empty page: place one anyway, so the report always ends.
                    for i in ranges.indices where starts[i] < row.cells[i].lineCount { ranges[i] = starts[i]..<(starts[i] + 1) }
                }
                let used = zip(ranges, row.cells).enumerated().map { i, pair in
                    pair.1.height(of: pair.0) + (pair.0.lowerBound == 0 && !pair.0.isEmpty ? row.offsets[i] : 0)
                }.max() ?? 0
                drawRow(row, lines: ranges, height: used + 2 * cellPadY, table: table)
                for i in starts.indices { starts[i] = ranges[i].upperBound }
                if zip(starts, row.cells).contains(where: { $0 < $1.lineCount }) {
                    closeTable()
                    newPage()
                    openTable()
                }
            }
        }
        closeTable()
        if let note = table.note {
            let layout = shaper.layout(note, style: muted, width: contentWidth)
            y += 2
            flowText(layout, tag: "P", x: left, spaceAfter: 0)
        }
        y += style.bodySize
    }

    private func drawRow(_ row: LaidOutRow, lines: [Range<Int>], height: Double, table: Table) {
        var x = left
        switch row.kind {
        case .header:
            add(.fill(x: left, y: y, width: contentWidth, height: height, colour: style.headerFillColour))
        case .totals:
            add(.rule(x1: left, y1: y, x2: right, y2: y, colour: style.textColour, width: 0.8))
        case .body:
            break
        }
        add(.beginTag("TR"))
        for (i, cell) in row.cells.enumerated() {
            let width = table.columns[i].width * contentWidth
            let tag = row.kind == .header ? "TH" : "TD"
            add(.beginTag(tag))
            if !lines[i].isEmpty {
                let offset = lines[i].lowerBound == 0 ? row.offsets[i] : 0
                add(.text(cell, x: x + cellPadX, y: y + cellPadY + offset, lines: lines[i]))
            }
            add(.endTag(tag))
            x += width
        }
        add(.endTag("TR"))
        y += height
        if row.kind != .totals {
            add(.rule(x1: left, y1: y, x2: right, y2: y, colour: style.ruleColour, width: row.kind == .header ? 0.8 : 0.4))
        }
    }

    // MARK: charts

    private func chartHeight(_ chart: Chart) -> Double {
        ChartFigure.height(chart, style: style) + style.smallSize * (chart.legend == nil ? 2.5 : 4.5) + 8
    }

    private func placeChart(_ chart: Chart) {
        ensure(chartHeight(chart))
        let (items, height) = ChartFigure.items(chart, x: left, y: y, width: contentWidth, style: style, shaper: shaper)
        if onPage != nil { current?.items += items }
        y += height
        if let legend = chart.legend {
            y += 2
            flowText(shaper.layout(legend, style: muted, width: contentWidth), tag: "P", x: left, spaceAfter: 0)
        }
        var descriptionStyle = muted
        descriptionStyle.italic = true
        y += 2
        flowText(shaper.layout(chart.description, style: descriptionStyle, width: contentWidth), tag: "P", x: left,
                 spaceAfter: style.bodySize)
    }

    // MARK: contents

    private func placeContents(_ title: String) {
        let heading = shaper.layout(title, style: TextStyle(size: style.heading1Size, bold: true, colour: style.accentColour),
                                    width: contentWidth)
        ensure(heading.height + 40)
        if !atTop { y += style.heading1Size }
        add(.beginTag("H1"))
        add(.text(heading, x: left, y: y, lines: 0..<heading.lineCount))
        add(.endTag("H1"))
        y += heading.height + 6
        let numberWidth = 36.0
        add(.beginTag("TOC"))
        for entry in document.headings where entry.inContents {
            let indent = entry.level == 1 ? 0 : 14.0
            var entryStyle = entry.level == 1 ? TextStyle(size: style.bodySize, bold: true, colour: style.textColour) : body
            let layout = shaper.layout(entry.text, style: entryStyle, width: contentWidth - indent - numberWidth)
            ensure(layout.height + 3)
            add(.beginTag("TOCI"))
            add(.beginLink(target: "#" + entry.anchor, x: left + indent, y: y, width: contentWidth - indent, height: layout.height))
            add(.text(layout, x: left + indent, y: y, lines: 0..<layout.lineCount))
            entryStyle.alignment = .end
            let last = layout.lines[layout.lineCount - 1]
            add(.pageNumber(anchor: entry.anchor, right: right, y: y + last.top, style: entryStyle))
            add(.endLink)
            add(.endTag("TOCI"))
            y += layout.height + 3
        }
        add(.endTag("TOC"))
        y += style.bodySize
    }
}
