// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument

/// What one page shows, positioned in points from the top-left corner.
/// The layout decides where things go; a writer only draws.
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
    /// `box`: the text box (x and width) a link inside a text sits in; it
    /// moves with its box when a page is reflected.
    case beginLink(target: String, x: Double, y: Double, width: Double, height: Double, box: (x: Double, width: Double)? = nil)
    case endLink
    /// The place a `#anchor` link goes to.
    case destination(anchor: String, x: Double, y: Double)
    /// The page number of `anchor` in a box `width` wide at `x`, aligned
    /// by `style` (table of contents: at the end of the line).
    case pageNumber(anchor: String, x: Double, width: Double, y: Double, style: TextStyle)
}

package final class LaidOutPage {
    /// The running header and footer: page furniture, in no paragraph or table element.
    package var furniture: [PageItem] = []
    package var items: [PageItem] = []
}

/// An entry of the PDF outline (bookmarks).
package struct OutlineEntry {
    package var level: Int
    package var title: String
    package var anchor: String
}

/// Flows a `ReportDocument` onto pages with the document's `StyleSheet`
/// (ReportLab's flowables, Typst's layout, in short). Every block is
/// measured once at the text width into a `Flowable`, which knows the
/// room its first piece needs and how to split at a page's end; the same
/// measurement places the block and keeps a heading with what follows it:
///
/// - paragraphs continue on the next page at line boundaries, never
///   leaving one line alone at a page's foot or head; a paragraph marked
///   `keepTogether` (a contact) moves whole;
/// - tables repeat their header row, start where the header and the first
///   row fit together, and split a row taller than a page line by line;
/// - key-figure rows, charts and contents entries are never split;
/// - a heading (and a paragraph marked `keepWithNext`, the intro under it)
///   stays with the first piece of what follows.
///
/// The running header and footer are the layout's too: `LaidOutPage.furniture`.
package final class PageLayout {
    package let document: ReportDocument
    package let sheet: StyleSheet
    package let shaper: TextShaper
    package let pageWidth: Double, pageHeight: Double
    /// The body: between the header's spacing and the footer's, the side margins.
    package let left: Double, right: Double, top: Double, bottom: Double
    package var contentWidth: Double { right - left }

    /// Hears every page once it is complete, with its number (from 1); when
    /// nil the layout only measures: no page keeps any item.
    private let onPage: ((LaidOutPage, Int) -> Void)?
    /// The page count for the footer's "page X of Y" (known when drawing).
    private let pageTotal: Int
    private var current: LaidOutPage?
    private(set) package var pageCount = 0
    private(set) package var outline: [OutlineEntry] = []
    /// Page (1-based) of every anchor, known once layout is done.
    private(set) package var anchorPages: [String: Int] = [:]
    fileprivate var y: Double = 0

    /// Rows measured by the first pass, for the second.
    private let rowStore: RowStore
    private var tableCount = 0
    /// The tables' column widths (measured here when not given).
    private let columns: TableColumns?
    private lazy var sizer = ColumnSizer(shaper: shaper, sheet: sheet)

    /// The running header, shaped once.
    private let header: TextLayout

    package init(document: ReportDocument, shaper: TextShaper, rowStore: RowStore? = nil,
                 columns: TableColumns? = nil, pageTotal: Int = 0, onPage: ((LaidOutPage, Int) -> Void)? = nil) {
        self.document = document
        self.columns = columns
        self.rowStore = rowStore ?? RowStore(budget: 0)
        self.onPage = onPage
        self.pageTotal = pageTotal
        sheet = document.styleSheet
        self.shaper = shaper
        pageWidth = sheet.pageWidth
        pageHeight = sheet.pageHeight
        left = sheet.marginLeft
        right = sheet.pageWidth - sheet.marginRight
        let width = sheet.pageWidth - sheet.marginLeft - sheet.marginRight
        header = shaper.layout(document.metadata.shortTitle, style: TextStyle(sheet.runningHeader), width: width)
        let footer = shaper.layout(document.metadata.footer(page: 1, of: 1), style: TextStyle(sheet.runningFooter),
                                   width: width)
        top = sheet.marginTop + header.height + sheet.headerRuleGap
            + sheet.runningHeaderRuleWidth + sheet.headerSpacing
        bottom = sheet.pageHeight - sheet.marginBottom - footer.height - sheet.footerSpacing
    }

    /// The space left for the body on a page.
    package var bodyHeight: Double { bottom - top }

    // MARK: flow

    /// Checked between blocks and table rows: set, the layout stops early
    /// (the render has failed elsewhere).
    package var shouldStop: () -> Bool = { false }
    fileprivate(set) package var stopped = false

    package func run() {
        newPage()
        var queue: [Flowable] = []  // measured, not yet placed
        var next = 0
        /// Measures the next block into the queue; false at the end.
        func prepareNext() -> Bool {
            guard next < document.blocks.count else { return false }
            queue += prepare(document.blocks[next], keptWithNext: document.keepsWithNext(next))
            next += 1
            return true
        }
        /// Blocks after this one that the last chain's check covered.
        var covered = 0
        while !queue.isEmpty || prepareNext() {
            if queue.isEmpty { continue }
            if stopped || shouldStop() { stopped = true; return }
            if covered > 0 {
                covered -= 1
            } else if queue[0].keepsWithNext {
                // The chain it starts, whole, and the first piece of the block that ends it.
                var need = 0.0, index = 0, first = atTop
                while true {
                    while index >= queue.count { if !prepareNext() { break } }
                    guard index < queue.count else { break }
                    let f = queue[index]
                    if !first { need += f.spaceBefore }
                    first = false
                    if f.keepsWithNext {
                        need += f.wholeHeight + f.spaceAfter
                        index += 1
                    } else {
                        need += f.firstPieceHeight
                        break
                    }
                }
                covered = index  // its other members are not checked again
                if need > available + 0.01 && !atTop { newPage() }
            }
            let flowable = queue.removeFirst()
            flowable.place(in: self)
        }
        finishPage()
    }

    fileprivate func newPage() {
        finishPage()
        current = LaidOutPage()
        pageCount += 1
        y = top
        if onPage != nil { addFurniture() }
    }

    /// The running header (short title over a rule) and the footer (page X of Y).
    private func addFurniture() {
        guard let page = current else { return }
        let headerTop = sheet.marginTop
        page.furniture.append(.text(header, x: left, y: headerTop, lines: 0..<header.lineCount))
        let ruleY = headerTop + header.height + sheet.headerRuleGap + sheet.runningHeaderRuleWidth / 2
        page.furniture.append(.rule(x1: left, y1: ruleY, x2: right, y2: ruleY, colour: sheet.runningHeaderRuleColour,
                                    width: sheet.runningHeaderRuleWidth))
        let footer = shaper.layout(document.metadata.footer(page: pageCount, of: pageTotal),
                                   style: TextStyle(sheet.runningFooter, alignment: .end), width: contentWidth)
        page.furniture.append(.text(footer, x: left, y: pageHeight - sheet.marginBottom - footer.height,
                                    lines: 0..<footer.lineCount))
    }

    /// Hands the page over and lets it go.
    private func finishPage() {
        if let current, sheet.rightToLeft {
            // About the text area's middle: the template's margins stay where they are.
            let axis = left + right
            current.items = current.items.map { $0.mirrored(axis) }
            current.furniture = current.furniture.map { $0.mirrored(axis) }
        }
        if let current { onPage?(current, pageCount) }
        current = nil
    }

    fileprivate var available: Double { bottom - y }
    fileprivate var atTop: Bool { y <= top + 0.01 }

    /// Starts a new page unless `height` fits here, or the page is still
    /// empty, or `height` would not fit a whole page either (then the block
    /// starts here and splits, rather than leave a heading alone).
    fileprivate func ensure(_ height: Double) {
        if height > available + 0.01 && !atTop && height < bodyHeight - 0.01 { newPage() }
    }

    fileprivate func add(_ item: PageItem) {
        if onPage != nil { current?.items.append(item) }
    }

    fileprivate var drawing: Bool { onPage != nil }

    fileprivate func noteHeading(_ heading: Heading) {
        anchorPages[heading.anchor] = pageCount
        outline.append(OutlineEntry(level: heading.level, title: heading.text, anchor: heading.anchor))
    }

    // MARK: measuring blocks

    private func text(_ runs: [Run], _ look: TextLook, width: Double? = nil, alignment: Table.Alignment = .start) -> TextLayout {
        shaper.layout(runs, style: TextStyle(look, alignment: alignment), width: width ?? contentWidth)
    }

    private func text(_ string: String, _ look: TextLook, width: Double? = nil, alignment: Table.Alignment = .start) -> TextLayout {
        shaper.layout(string, style: TextStyle(look, alignment: alignment), width: width ?? contentWidth)
    }

    /// The flowables of `block`, measured at the text width.
    private func prepare(_ block: Block, keptWithNext: Bool) -> [Flowable] {
        switch block {
        case .title(let title):
            return [TextFlow(text(title, sheet.title), tag: "H1", spaceAfter: sheet.titleSpaceAfter, orphans: sheet.orphans)]
        case .heading(let heading):
            let flow = TextFlow(text(heading.text, sheet.heading(heading.level)), tag: heading.level == 1 ? "H1" : "H2",
                                spaceBefore: sheet.headingSpaceBefore(heading.level),
                                spaceAfter: sheet.headingSpaceAfter(heading.level), orphans: sheet.orphans)
            flow.heading = heading
            flow.keepsWithNext = true
            flow.keepTogether = true
            return [flow]
        case .paragraph(let paragraph):
            let flow = TextFlow(text(paragraph.runs, sheet.look(paragraph.role)), tag: "P",
                                spaceAfter: sheet.paragraphSpaceAfter, orphans: sheet.orphans)
            flow.keepTogether = paragraph.keepTogether
            flow.keepsWithNext = paragraph.keepWithNext
            return [flow]
        case .keyFigures(let figures):
            let rows = keyFigureRows(figures)
            rows.last?.keepsWithNext = keptWithNext
            return rows
        case .table(let table):
            return [prepareTable(table)]
        case .chart(let chart):
            return [prepareChart(chart)]
        case .tableOfContents(let title):
            return prepareContents(title)
        }
    }

    // MARK: key figures

    private func keyFigureRows(_ figures: [KeyFigure]) -> [Flowable] {
        let perRow = max(1, sheet.figuresPerRow), gap = sheet.figureGap, pad = sheet.figurePadding
        let boxWidth = (contentWidth - gap * Double(perRow - 1)) / Double(perRow)
        let textWidth = boxWidth - 2 * pad - sheet.figureAccentWidth
        var rows: [Flowable] = []
        var index = 0
        while index < figures.count {
            let row = Array(figures[index..<min(index + perRow, figures.count)])
            let contents = row.map { figure -> [TextLayout] in
                var parts = [text(figure.value, sheet.figureValue, width: textWidth),
                             text(figure.label, sheet.figureLabel, width: textWidth)]
                if let detail = figure.detail { parts.append(text(detail, sheet.figureDetail, width: textWidth)) }
                if let comparison = figure.comparison { parts.append(text(comparison, sheet.figureDetail, width: textWidth)) }
                return parts
            }
            // Value, label and detail with a gap between them (none after the last).
            let height = (contents.map { parts in parts.reduce(0) { $0 + $1.height } + sheet.figureLineGap * Double(parts.count - 1) }
                .max() ?? 0) + 2 * pad
            let last = index + perRow >= figures.count
            let unit = UnitFlow(height: height, spaceAfter: last ? sheet.figuresSpaceAfter : gap) { layout, x, y in
                for (column, parts) in contents.enumerated() {
                    let bx = x + Double(column) * (boxWidth + gap)
                    layout.add(.fill(x: bx, y: y, width: boxWidth, height: height, colour: self.sheet.figureFillColour))
                    layout.add(.fill(x: bx, y: y, width: self.sheet.figureAccentWidth, height: height,
                                     colour: self.sheet.figureAccentColour))
                    layout.add(.beginTag("P"))
                    var ty = y + pad
                    for part in parts {
                        layout.add(.text(part, x: bx + pad + self.sheet.figureAccentWidth, y: ty, lines: 0..<part.lineCount))
                        ty += part.height + self.sheet.figureLineGap
                    }
                    layout.add(.endTag("P"))
                }
            }
            // The rows of boxes stay together on one page (the last one with
            // what follows when the document asks).
            unit.keepsWithNext = !last
            rows.append(unit)
            index += perRow
        }
        return rows
    }

    // MARK: tables

    package struct LaidOutRow {
        package var cells: [TextLayout]
        /// Offset of each cell's first line so that first baselines align.
        package var offsets: [Double]
        package var kind: Kind
        /// A body row whose details follow it: its rule is under them.
        package var hasDetails = false
        /// `details`: the text under a body row, across the table (one cell).
        package enum Kind { case header, body, details, totals }

        package var height: Double { zip(cells, offsets).map { $0.height + $1 }.max() ?? 0 }
    }

    /// A row shaped at the columns' widths.
    private func layoutRow(_ texts: [String], _ table: Table, widths: [Double], kind: LaidOutRow.Kind) -> LaidOutRow {
        let look = kind == .header ? sheet.tableHeader : kind == .totals ? sheet.tableTotals : sheet.tableBody
        var cells: [TextLayout] = []
        for (i, column) in table.columns.enumerated() {
            let text = i < texts.count ? texts[i] : ""
            cells.append(shaper.layout(text, style: TextStyle(look, alignment: column.alignment),
                                       width: widths[i] - 2 * sheet.cellPaddingX))
        }
        let baseline = cells.map(\.firstBaseline).max() ?? 0
        return LaidOutRow(cells: cells, offsets: cells.map { baseline - $0.firstBaseline }, kind: kind)
    }

    private func prepareTable(_ table: Table) -> Flowable {
        tableCount += 1
        let widths = columns.flatMap { tableCount <= $0.widths.count ? $0.widths[tableCount - 1] : nil }
            ?? sizer.widths(table, width: contentWidth)
        let hasHeader = table.columns.contains { !$0.header.isEmpty }
        let header = hasHeader ? layoutRow(table.columns.map(\.header), table, widths: widths, kind: .header) : nil
        // Rows are shaped one at a time as they are placed: a table of a
        // hundred thousand rows is never held whole.
        let entries = TableEntries(table)
        let rowCount = entries.count
        let detailsWidth = contentWidth - 2 * sheet.cellPaddingX
        let make = { (index: Int) -> LaidOutRow in
            switch entries[index] {
            case .body(let row):
                var laidOut = self.layoutRow(table.rows[row], table, widths: widths, kind: .body)
                laidOut.hasDetails = table.details(row) != nil
                return laidOut
            case .details(let row):
                let cell = self.shaper.layout(table.details(row) ?? "", style: TextStyle(self.sheet.tableDetails),
                                              width: detailsWidth)
                return LaidOutRow(cells: [cell], offsets: [0], kind: .details)
            case .totals:
                return self.layoutRow(table.totals!, table, widths: widths, kind: .totals)
            }
        }
        let feed = RowFeed(make: make, measuring: !drawing, store: rowStore, table: tableCount)
        let note = table.note.map { text($0, sheet.note) }
        return TableFlow(table: table, widths: widths, header: header, rowCount: rowCount,
                         keptWithPrevious: { entries.keptWithPrevious($0) }, feed: feed, note: note,
                         sheet: sheet, bodyHeight: bodyHeight)
    }

    // MARK: charts

    private func prepareChart(_ chart: Chart) -> Flowable {
        let (items, height) = ChartFigure.items(chart, width: contentWidth, sheet: sheet, shaper: shaper)
        var captions: [TextLayout] = []
        if let legend = chart.legend { captions.append(text(legend, sheet.caption)) }
        captions.append(text(chart.description, sheet.note))
        let total = height + captions.reduce(0) { $0 + sheet.noteGap + $1.height }
        return UnitFlow(height: total, spaceAfter: sheet.blockSpaceAfter) { layout, x, y in
            for item in items { layout.add(item.moved(x: x, y: y)) }
            var ty = y + height
            for caption in captions {
                ty += layout.sheet.noteGap
                layout.add(.beginTag("P"))
                layout.add(.text(caption, x: x, y: ty, lines: 0..<caption.lineCount))
                layout.add(.endTag("P"))
                ty += caption.height
            }
        }
    }

    // MARK: contents

    private func prepareContents(_ title: String) -> [Flowable] {
        let heading = TextFlow(text(title, sheet.heading1), tag: "H1", spaceBefore: sheet.heading1SpaceBefore,
                               spaceAfter: sheet.contentsTitleSpaceAfter, orphans: sheet.orphans)
        heading.keepsWithNext = true
        var flows: [Flowable] = [heading]
        let entries = document.headings.filter(\.inContents)
        let numberWidth = sheet.contentsNumberWidth
        for (index, entry) in entries.enumerated() {
            let indent = entry.level == 1 ? 0 : sheet.contentsIndent
            let look = entry.level == 1 ? sheet.contents1 : sheet.contents2
            let layout = text(entry.text, look, width: contentWidth - indent - sheet.contentsNumberWidth)
            let last = index == entries.count - 1
            let unit = UnitFlow(height: layout.height, spaceAfter: sheet.contentsEntryGap) { page, x, y in
                if index == 0 { page.add(.beginTag("TOC")) }
                page.add(.beginTag("TOCI"))
                page.add(.beginLink(target: "#" + entry.anchor, x: x + indent, y: y, width: page.contentWidth - indent,
                                    height: layout.height))
                page.add(.text(layout, x: x + indent, y: y, lines: 0..<layout.lineCount))
                let lastLine = layout.lines[layout.lineCount - 1]
                page.add(.pageNumber(anchor: entry.anchor, x: page.right - numberWidth,
                                     width: numberWidth, y: y + lastLine.top,
                                     style: TextStyle(look, alignment: .end)))
                page.add(.endLink)
                page.add(.endTag("TOCI"))
                if last { page.add(.endTag("TOC")) }
            }
            flows.append(unit)
        }
        return flows
    }
}

extension PageItem {
    /// The item moved by (`x`, `y`).
    package func moved(x dx: Double, y dy: Double) -> PageItem {
        switch self {
        case let .text(layout, x, y, lines): return .text(layout, x: x + dx, y: y + dy, lines: lines)
        case let .fill(x, y, width, height, colour): return .fill(x: x + dx, y: y + dy, width: width, height: height, colour: colour)
        case let .rule(x1, y1, x2, y2, colour, width):
            return .rule(x1: x1 + dx, y1: y1 + dy, x2: x2 + dx, y2: y2 + dy, colour: colour, width: width)
        case let .beginLink(target, x, y, width, height, box):
            return .beginLink(target: target, x: x + dx, y: y + dy, width: width, height: height,
                              box: box.map { ($0.x + dx, $0.width) })
        case let .destination(anchor, x, y): return .destination(anchor: anchor, x: x + dx, y: y + dy)
        case let .pageNumber(anchor, x, width, y, style):
            return .pageNumber(anchor: anchor, x: x + dx, width: width, y: y + dy, style: style)
        case .beginTag, .endTag, .endLink: return self
        }
    }

    /// The item reflected across a vertical line: `width` is the sum of
    /// the left and right edges of the area reflected (a page's text area,
    /// so its margins stay; a figure's width), so x becomes `width − x −
    /// the item's width`. A right-to-left report's pages are its
    /// left-to-right layout so reflected: the first table column at the
    /// right, the page number of a contents entry at the left, chart bars
    /// growing to the left. A text keeps its lines' alignment in its box,
    /// so a link inside a text moves with the box; a destination (a
    /// heading's place, spanning the text width) keeps its x.
    package func mirrored(_ width: Double) -> PageItem {
        switch self {
        case let .text(layout, x, y, lines): return .text(layout, x: width - x - layout.width, y: y, lines: lines)
        case let .fill(x, y, w, h, colour): return .fill(x: width - x - w, y: y, width: w, height: h, colour: colour)
        case let .rule(x1, y1, x2, y2, colour, w):
            return .rule(x1: width - x1, y1: y1, x2: width - x2, y2: y2, colour: colour, width: w)
        case let .beginLink(target, x, y, w, h, box):
            if let box {
                let boxX = width - box.x - box.width
                return .beginLink(target: target, x: boxX + (x - box.x), y: y, width: w, height: h, box: (boxX, box.width))
            }
            return .beginLink(target: target, x: width - x - w, y: y, width: w, height: h)
        case .destination: return self
        case let .pageNumber(anchor, x, w, y, style): return .pageNumber(anchor: anchor, x: width - x - w, width: w, y: y, style: style)
        case .beginTag, .endTag, .endLink: return self
        }
    }
}

/// The rows a table shows, in order: each body row, the details under it
/// (when it has some), and the totals. Built only for a table with details;
/// otherwise the entry is the row's index.
private struct TableEntries {
    enum Entry { case body(Int), details(Int), totals }
    private let entries: [Entry]?
    private let rows: Int
    private let hasTotals: Bool

    init(_ table: Table) {
        rows = table.rows.count
        hasTotals = table.totals != nil
        if table.details.isEmpty {
            entries = nil
        } else {
            var list: [Entry] = []
            list.reserveCapacity(rows * 2 + 1)
            for row in 0..<rows {
                list.append(.body(row))
                if table.details(row) != nil { list.append(.details(row)) }
            }
            if hasTotals { list.append(.totals) }
            entries = list
        }
    }

    var count: Int { entries?.count ?? rows + (hasTotals ? 1 : 0) }

    subscript(index: Int) -> Entry {
        if let entries { return entries[index] }
        return index < rows ? .body(index) : .totals
    }

    /// Details and totals stay on the page of the row above them.
    func keptWithPrevious(_ index: Int) -> Bool {
        guard index > 0, index < count else { return false }
        switch self[index] {
        case .details, .totals: return true
        case .body: return false
        }
    }
}

// MARK: - flowables

/// A block measured at the text width: what a heading above it must keep
/// on its page, and how it places itself, splitting at page ends.
private class Flowable {
    /// Space above it, left out at the top of a page.
    var spaceBefore: Double
    var spaceAfter: Double
    /// Must start on the same page as the next block's first piece (headings, intros).
    var keepsWithNext = false

    init(spaceBefore: Double, spaceAfter: Double) {
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
    }

    /// Height of the smallest piece it may leave at the foot of a page.
    var firstPieceHeight: Double { wholeHeight }
    var wholeHeight: Double { 0 }

    func place(in layout: PageLayout) {}
}

/// A paragraph, title or heading: lines that continue on the next page.
private final class TextFlow: Flowable {
    let layout: TextLayout
    let tag: String
    /// Set for a heading: its bookmark, outline entry and page.
    var heading: Heading?
    /// Never split (a contact block, a heading).
    var keepTogether = false
    /// Lines a split leaves at least on either side.
    let orphans: Int

    init(_ layout: TextLayout, tag: String, spaceBefore: Double = 0, spaceAfter: Double, orphans: Int) {
        self.layout = layout
        self.tag = tag
        self.orphans = orphans
        super.init(spaceBefore: spaceBefore, spaceAfter: spaceAfter)
    }

    override var wholeHeight: Double { layout.height }
    /// The whole text when it may not split (kept together, or too short
    /// to leave `orphans` lines on both pages), else its first `orphans` lines.
    override var firstPieceHeight: Double {
        keepTogether || layout.lineCount < 2 * orphans ? layout.height : layout.height(of: 0..<orphans)
    }

    override func place(in page: PageLayout) {
        if !page.atTop { page.y += spaceBefore }
        page.ensure(firstPieceHeight)
        if let heading {
            page.noteHeading(heading)
            page.add(.destination(anchor: heading.anchor, x: page.left, y: page.y))
        }
        var start = 0
        while start < layout.lineCount {
            var n = layout.linesFitting(from: start, height: page.available)
            let rest = layout.lineCount - start - n
            if rest > 0 {
                if keepTogether && !page.atTop { n = 0 }
                // Never fewer than `orphans` lines at the head of the next page
                // or at the foot of this one.
                if rest < orphans { n = max(0, n - (orphans - rest)) }
                if n < orphans && start == 0 && !page.atTop { n = 0 }
            }
            if n == 0 {
                if page.atTop { n = 1 } else { page.newPage(); continue }
            }
            let range = start..<(start + n)
            page.add(.beginTag(tag))
            page.add(.text(layout, x: page.left, y: page.y, lines: range))
            addLinks(page, range)
            page.add(.endTag(tag))
            page.y += layout.height(of: range)
            start += n
            if start < layout.lineCount { page.newPage() }
        }
        page.y += spaceAfter
    }

    private func addLinks(_ page: PageLayout, _ range: Range<Int>) {
        guard !layout.links.isEmpty, !range.isEmpty else { return }
        let top = layout.lines[range.lowerBound].top, end = layout.lines[range.upperBound - 1].bottom
        for link in layout.links where link.y >= top - 0.5 && link.y + link.height <= end + 0.5 {
            page.add(.beginLink(target: link.target, x: page.left + link.x, y: page.y + link.y - top,
                                width: link.width, height: link.height, box: (page.left, layout.width)))
            page.add(.endLink)
        }
    }
}

/// Something never split: a row of key figures, a chart, a contents entry.
private final class UnitFlow: Flowable {
    let height: Double
    let draw: (PageLayout, Double, Double) -> Void

    init(height: Double, spaceBefore: Double = 0, spaceAfter: Double, draw: @escaping (PageLayout, Double, Double) -> Void) {
        self.height = height
        self.draw = draw
        super.init(spaceBefore: spaceBefore, spaceAfter: spaceAfter)
    }

    override var wholeHeight: Double { height }

    override func place(in page: PageLayout) {
        if !page.atTop { page.y += spaceBefore }
        page.ensure(height)
        draw(page, page.left, page.y)
        page.y += height + spaceAfter
    }
}

/// A table: its header row repeats on every page it reaches; rows come
/// from a `RowFeed` as they are placed.
private final class TableFlow: Flowable {
    let table: Table
    let widths: [Double]
    let header: PageLayout.LaidOutRow?
    let rowCount: Int
    /// Whether the row at an index stays on the page of the one above it.
    let keptWithPrevious: (Int) -> Bool
    let feed: RowFeed
    let note: TextLayout?
    let sheet: StyleSheet
    /// Rows taken from the feed and not placed yet, in order: the first
    /// (measured for the heading above) and the rows kept with a row.
    private var ahead: [PageLayout.LaidOutRow] = []
    /// Rows taken from the feed so far.
    private var taken = 0
    private let headerHeight: Double
    private let bodyHeight: Double

    init(table: Table, widths: [Double], header: PageLayout.LaidOutRow?, rowCount: Int, keptWithPrevious: @escaping (Int) -> Bool,
         feed: RowFeed, note: TextLayout?, sheet: StyleSheet, bodyHeight: Double) {
        self.table = table
        self.widths = widths
        self.header = header
        self.rowCount = rowCount
        self.keptWithPrevious = keptWithPrevious
        self.feed = feed
        self.note = note
        self.sheet = sheet
        self.bodyHeight = bodyHeight
        headerHeight = header.map { $0.height + TableFlow.frame(of: $0, sheet) } ?? 0
        super.init(spaceBefore: 0, spaceAfter: sheet.blockSpaceAfter)
        // The first row and what stays with it start the table together.
        if rowCount > 0 { ahead.append(nextRow()) }
        takeKept()
    }

    /// Takes the rows that stay with the last one taken (details, totals).
    private func takeKept() {
        while taken < rowCount && keptWithPrevious(taken) { ahead.append(nextRow()) }
    }

    /// The table's next row, in order.
    private func nextRow() -> PageLayout.LaidOutRow {
        let row = feed.next()
        taken += 1
        return row
    }

    /// The header and the first row (or as much of it as a page holds),
    /// with the totals when they are the only other row.
    override var firstPieceHeight: Double {
        let rows = ahead.reduce(0) { $0 + $1.height + Self.frame(of: $1, sheet) }
        if rows <= bodyHeight - headerHeight { return headerHeight + rows }
        // A first row taller than a page splits: its first lines start the table.
        guard let first = ahead.first else { return headerHeight }
        let firstLines = zip(first.cells, first.offsets).map { $0.height(of: 0..<min(1, $0.lineCount)) + $1 }.max() ?? 0
        return headerHeight + firstLines + Self.frame(of: first, sheet)
    }

    /// A table is never kept whole with what follows (nothing asks it to).
    override var wholeHeight: Double { firstPieceHeight }

    override func place(in page: PageLayout) {
        var open = false
        func openTable() {
            page.add(.beginTag("Table"))
            open = true
            if let header {
                drawRow(page, header, lines: header.cells.map { 0..<$0.lineCount }, height: headerHeight)
            }
        }
        func closeTable() {
            if open { page.add(.endTag("Table")) }
            open = false
        }
        page.ensure(firstPieceHeight)
        openTable()
        for index in 0..<rowCount {
            if index % 64 == 63 && page.shouldStop() { page.stopped = true }
            if page.stopped { break }
            if ahead.isEmpty { ahead.append(nextRow()) }
            let row = ahead.removeFirst()
            let rowHeight = row.height + Self.frame(of: row, sheet)
            // Details and totals never stand alone: the row above goes with them.
            takeKept()
            let needed = rowHeight + ahead.reduce(0) { $0 + $1.height + Self.frame(of: $1, sheet) }
            if needed > page.available + 0.01 && needed <= bodyHeight - headerHeight && page.y > page.top + headerHeight + 0.01 {
                closeTable()
                page.newPage()
                openTable()
            }
            if rowHeight > page.available + 0.01 && page.y > page.top + headerHeight + 0.01
                && rowHeight <= bodyHeight - headerHeight {
                // Not here but on the next page: there, header repeated.
                closeTable()
                page.newPage()
                openTable()
            }
            if rowHeight <= page.available + 0.01 {
                drawRow(page, row, lines: row.cells.map { 0..<$0.lineCount }, height: rowHeight)
                continue
            }
            // A row taller than a page: split its cells line by line.
            var starts = [Int](repeating: 0, count: row.cells.count)
            while zip(starts, row.cells).contains(where: { $0 < $1.lineCount }) {
                let room = page.available - Self.frame(of: row, sheet)
                var ranges: [Range<Int>] = []
                for (i, cell) in row.cells.enumerated() {
                    let n = cell.linesFitting(from: starts[i], height: room - (starts[i] == 0 ? row.offsets[i] : 0))
                    ranges.append(starts[i]..<(starts[i] + n))
                }
                if ranges.allSatisfy(\.isEmpty) {
                    if page.y > page.top + headerHeight + 0.01 {
                        // Not a line fits under what is on this page: go on on the next.
                        closeTable()
                        page.newPage()
                        openTable()
                        continue
                    }
                    // Not even one line fits on an empty page: place one anyway, so the report always ends.
                    for i in ranges.indices where starts[i] < row.cells[i].lineCount { ranges[i] = starts[i]..<(starts[i] + 1) }
                }
                let used = zip(ranges, row.cells).enumerated().map { i, pair in
                    pair.1.height(of: pair.0) + (pair.0.lowerBound == 0 && !pair.0.isEmpty ? row.offsets[i] : 0)
                }.max() ?? 0
                drawRow(page, row, lines: ranges, height: used + Self.frame(of: row, sheet))
                for i in starts.indices { starts[i] = ranges[i].upperBound }
                if zip(starts, row.cells).contains(where: { $0 < $1.lineCount }) {
                    closeTable()
                    page.newPage()
                    openTable()
                }
            }
        }
        closeTable()
        if let note {
            page.y += sheet.noteGap
            let flow = TextFlow(note, tag: "P", spaceAfter: 0, orphans: sheet.orphans)
            flow.place(in: page)
        }
        page.y += spaceAfter
    }

    /// What a row adds to its text: the padding above and below, and its
    /// rule (a header's and a body row's below, the totals' above), which
    /// takes room as a cell border does in LibreOffice.
    static func frame(of row: PageLayout.LaidOutRow, _ sheet: StyleSheet) -> Double {
        (row.kind == .details ? 1 : 2) * sheet.cellPaddingY + rule(of: row, sheet)
    }

    /// Its rule: under a header, body (unless details follow) or details
    /// row; above the totals.
    static func rule(of row: PageLayout.LaidOutRow, _ sheet: StyleSheet) -> Double {
        switch row.kind {
        case .header: return sheet.headerRuleWidth
        case .body: return row.hasDetails ? 0 : sheet.bodyRuleWidth
        case .details: return sheet.bodyRuleWidth
        case .totals: return sheet.totalsRuleWidth
        }
    }

    private func drawRow(_ page: PageLayout, _ row: PageLayout.LaidOutRow, lines: [Range<Int>], height: Double) {
        var x = page.left
        let y = page.y
        let rule = Self.rule(of: row, sheet)
        // The totals' rule is their cell's top border, the others' the bottom
        // one; details sit right under their row's padding.
        let textTop = y + (row.kind == .details ? 0 : sheet.cellPaddingY) + (row.kind == .totals ? rule : 0)
        switch row.kind {
        case .header:
            page.add(.fill(x: page.left, y: y, width: page.contentWidth, height: height - rule, colour: sheet.headerFillColour))
        case .totals:
            page.add(.rule(x1: page.left, y1: y + rule / 2, x2: page.right, y2: y + rule / 2, colour: sheet.totalsRuleColour,
                           width: rule))
        case .body, .details:
            break
        }
        page.add(.beginTag("TR"))
        for (i, cell) in row.cells.enumerated() {
            let tag = row.kind == .header ? "TH" : "TD"
            page.add(.beginTag(tag))
            if !lines[i].isEmpty {
                let offset = lines[i].lowerBound == 0 ? row.offsets[i] : 0
                page.add(.text(cell, x: x + sheet.cellPaddingX, y: textTop + offset, lines: lines[i]))
            }
            page.add(.endTag(tag))
            x += widths[i]
        }
        page.add(.endTag("TR"))
        page.y += height
        if row.kind != .totals && rule > 0 {
            let ruleY = page.y - rule / 2
            page.add(.rule(x1: page.left, y1: ruleY, x2: page.right, y2: ruleY, colour: sheet.ruleColour, width: rule))
        }
    }
}
