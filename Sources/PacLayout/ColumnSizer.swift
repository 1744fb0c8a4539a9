// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import Foundation

/// Sizes a table's columns by what they hold, once for every writer (the
/// PDF places its cells at these widths, the ODT writes them as its column
/// widths), as a browser's automatic table layout does:
///
/// - each column's *minimum* is its widest unbreakable word (header, body
///   and totals, each in its own font) plus the cell padding: no word is
///   ever shrunk or broken inside itself when the minimums fit;
/// - its *natural* width is its widest body or totals cell on one line (a
///   header wraps between its words when its column is narrower);
/// - the table spans the text width: when the natural widths fit, the room
///   left is shared in proportion to them; when they do not, a column whose
///   natural width fits in an equal share of the width left gets it (a
///   date, a kind, a count stay on one line, as Typst's automatic columns
///   do; the share is taken again among the columns not yet settled), and
///   the others get their minimum and share the rest in proportion to how
///   much more than their minimum they want (a browser's automatic layout);
/// - only when even the minimums do not fit (a word wider than the page)
///   are they scaled down, and the cell breaks that word (the last resort).
///
/// Words are measured once each, those of Latin, Greek, Cyrillic, Armenian
/// or Georgian letters as the sum of their characters (each shaped once);
/// a line's natural width is its words' and spaces' (text is not shaped
/// across a space); a slack of half a point and one per cent covers
/// kerning and rounding.
package final class ColumnSizer {
    private let shaper: TextShaper
    private let sheet: StyleSheet

    /// What one look's text measured: words, short cells (dates, kinds,
    /// counts repeat), and the width of a space.
    private final class Measured {
        var words: [String: Double] = [:]
        var characters: [Unicode.Scalar: Double] = [:]
        var cells: [String: (minimum: Double, natural: Double)] = [:]
        var space: Double?
    }
    private var measured: [TextLook: Measured] = [:]

    private func measured(_ look: TextLook) -> Measured {
        if let known = measured[look] { return known }
        let made = Measured()
        measured[look] = made
        return made
    }

    package init(shaper: TextShaper, sheet: StyleSheet) {
        self.shaper = shaper
        self.sheet = sheet
    }

    /// A column's needs: its widest word and its widest cell, in points,
    /// padding included.
    package struct Need: Equatable {
        package var minimum: Double
        package var natural: Double
    }

    /// Each column's needs.
    package func needs(_ table: Table) -> [Need] {
        var needs = [Need](repeating: Need(minimum: 0, natural: 0), count: table.columns.count)
        // A header may wrap between its words: it asks for its longest word
        // only, and the column's content decides the rest.
        // A short Chinese or Japanese header ("参与人数", "季度") is one word.
        take(table.columns.map(\.header), sheet.tableHeader, into: &needs, ideographRun: Self.shortIdeographWord)
        for i in needs.indices { needs[i].natural = needs[i].minimum }
        for row in table.rows { take(row, sheet.tableBody, into: &needs) }
        if let totals = table.totals { take(totals, sheet.tableTotals, into: &needs) }
        // Half a point and one per cent of slack: a cell at its natural width stays on one line.
        let padding = 2 * sheet.cellPaddingX + 0.5
        return needs.map { Need(minimum: $0.minimum * 1.01 + padding, natural: max($0.natural, $0.minimum) * 1.01 + padding) }
    }

    /// Han or kana characters in a row that a header keeps together.
    static let shortIdeographWord = 4

    private func take(_ row: [String], _ look: TextLook, into needs: inout [Need], ideographRun: Int = 1) {
        let known = measured(look)
        for i in needs.indices where i < row.count && !row[i].isEmpty {
            let cell = measure(row[i], look, known, ideographRun: ideographRun)
            needs[i].minimum = max(needs[i].minimum, cell.minimum)
            needs[i].natural = max(needs[i].natural, cell.natural)
        }
    }

    /// The columns' widths in points, adding up to `width`.
    package func widths(_ table: Table, width: Double) -> [Double] {
        Self.share(needs(table), width: width)
    }

    /// Shares `width` among columns with these needs (see the type's comment).
    package static func share(_ needs: [Need], width: Double) -> [Double] {
        guard !needs.isEmpty else { return [] }
        // A cell wider than the page wraps anyway: wanting more than the
        // whole width gives a column no more claim to it.
        let needs = needs.map { Need(minimum: $0.minimum, natural: min($0.natural, max(width, $0.minimum))) }
        let minimum = needs.reduce(0) { $0 + $1.minimum }
        let natural = needs.reduce(0) { $0 + $1.natural }
        if natural <= width {
            guard natural > 0 else { return needs.map { _ in width / Double(needs.count) } }
            return needs.map { $0.natural * width / natural }
        }
        if minimum >= width {
            return needs.map { $0.minimum * width / minimum }
        }
        // Columns that fit an equal share of what is left keep their natural
        // width, until none does (the share grows as columns are settled).
        var narrow = [Bool](repeating: false, count: needs.count)
        var room = width
        while true {
            let open = needs.indices.filter { !narrow[$0] }
            let fair = room / Double(open.count)
            let settled = open.filter { needs[$0].natural <= fair }
            if settled.isEmpty || settled.count == open.count { break }
            for i in settled { narrow[i] = true; room -= needs[i].natural }
        }
        let rest = needs.indices.filter { !narrow[$0] }
        let restMinimum = rest.reduce(0) { $0 + needs[$1].minimum }
        let restNatural = rest.reduce(0) { $0 + needs[$1].natural }
        if restMinimum <= room && restNatural > restMinimum {
            return needs.indices.map { i in
                narrow[i] ? needs[i].natural
                    : needs[i].minimum + (needs[i].natural - needs[i].minimum) * (room - restMinimum) / (restNatural - restMinimum)
            }
        }
        // The settled columns leave the others less than their minimums: those
        // get their minimums, the settled ones share what is left.
        let settled = needs.indices.filter { narrow[$0] }
        let settledMinimum = settled.reduce(0) { $0 + needs[$1].minimum }
        let settledWanted = settled.reduce(0) { $0 + needs[$1].natural - needs[$1].minimum }
        let left = width - restMinimum - settledMinimum
        if !settled.isEmpty && left >= 0 && settledWanted > 0 {
            return needs.indices.map { i in
                narrow[i] ? needs[i].minimum + (needs[i].natural - needs[i].minimum) * min(1, left / settledWanted)
                    : needs[i].minimum
            }
        }
        let spare = width - minimum, wanted = natural - minimum
        return needs.map { $0.minimum + ($0.natural - $0.minimum) * spare / wanted }
    }

    /// The widest word and the widest line of `text` in `look`.
    private func measure(_ text: String, _ look: TextLook, _ known: Measured, ideographRun: Int = 1) -> (minimum: Double, natural: Double) {
        let short = text.utf8.count <= 256 && ideographRun == 1  // titles repeat in the centres' tables and the log
        if short, let cell = known.cells[text] { return cell }
        var minimum = 0.0, natural = 0.0
        func line(_ line: Substring) {
            var lineWidth = 0.0
            Self.forEachWord(line, ideographRun: ideographRun) { word, spaces in
                let w = width(word, look, known)
                minimum = max(minimum, w)
                lineWidth += w + Double(spaces) * space(look, known)
            }
            natural = max(natural, lineWidth)
        }
        if text.utf8.contains(0x0A) {
            for part in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) { line(Substring(part)) }
        } else {
            line(text[...])
        }
        if short {
            if known.cells.count > 100_000 { known.cells.removeAll(keepingCapacity: true) }
            known.cells[text] = (minimum, natural)
        }
        return (minimum, natural)
    }

    private func width(_ word: Substring, _ look: TextLook, _ known: Measured) -> Double {
        // A word of scripts without contextual forms (Latin, Greek, Cyrillic,
        // Armenian, Georgian) is as wide as its characters: each is shaped
        // once. Kerning only narrows a word by a fraction of a point, which
        // the padding's slack covers.
        var sum = 0.0
        var simple = true
        for scalar in word.unicodeScalars {
            guard Self.isPlain(scalar) else { simple = false; break }
            if let w = known.characters[scalar] {
                sum += w
            } else {
                let w = shaper.layout(String(scalar), style: TextStyle(look), width: nil, notingMissing: false).width
                known.characters[scalar] = w
                sum += w
            }
        }
        if simple { return sum }
        let key = String(word)
        if let w = known.words[key] { return w }
        let w = shaper.layout(key, style: TextStyle(look), width: nil, notingMissing: false).width
        if known.words.count > 200_000 { known.words.removeAll(keepingCapacity: true) }
        known.words[key] = w
        return w
    }

    private func space(_ look: TextLook, _ known: Measured) -> Double {
        if let w = known.space { return w }
        let w = shaper.layout("x x", style: TextStyle(look), width: nil, notingMissing: false).width
            - shaper.layout("xx", style: TextStyle(look), width: nil, notingMissing: false).width
        known.space = w
        return w
    }

    /// The words of a line (see `forEachWord`).
    static func words(_ line: Substring) -> [(text: Substring, spacesBefore: Int)] {
        var out: [(Substring, Int)] = []
        forEachWord(line) { out.append(($0, $1)) }
        return out
    }

    /// The unbreakable pieces of a line, with the spaces before each (a tab
    /// counts as eight, Pango's tab stop): runs between spaces, and each Han
    /// or kana character on its own (those scripts break between characters).
    /// `ideographRun`: a run of at most this many Han or kana characters
    /// counts as one word (a short header kept whole).
    static func forEachWord(_ line: Substring, ideographRun: Int = 1, _ body: (Substring, Int) -> Void) {
        let scalars = line.unicodeScalars
        var start: Substring.Index?
        var spaces = 0, any = false
        var run: (start: Substring.Index, count: Int)?
        /// A run of ideographs: whole when short, else character by character.
        func flushRun(_ end: Substring.Index) {
            guard let r = run else { return }
            run = nil
            if r.count <= ideographRun {
                body(line[r.start..<end], spaces)
            } else {
                var i = r.start
                while i < end {
                    let n = scalars.index(after: i)
                    body(line[i..<n], spaces)
                    spaces = 0
                    i = n
                }
            }
            any = true
            spaces = 0
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == " " || scalar == "\t" {
                flushRun(index)
                if let s = start { body(line[s..<index], spaces); any = true; start = nil; spaces = 0 }
                if any { spaces += scalar == "\t" ? 8 : 1 }
            } else if Self.breaksAround(scalar) {
                if let s = start { body(line[s..<index], spaces); any = true; spaces = 0; start = nil }
                if run == nil { run = (index, 0) }
                run!.count += 1
            } else {
                flushRun(index)
                if start == nil { start = index }
            }
            index = next
        }
        flushRun(scalars.endIndex)
        if let s = start { body(line[s...], spaces) }
    }

    /// Characters whose width does not depend on their neighbours.
    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x7E, 0xA1...0x2FF, 0x370...0x3FF, 0x400...0x52F, 0x531...0x58A, 0x10A0...0x10FF,
             0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0, 0x2116, 0x2122: return true
        default: return false
        }
    }

    private static func breaksAround(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF: return true
        default: return false
        }
    }
}

/// The column widths of every table of a document, in document order,
/// measured once and handed to every writer (the PDF's layout places its
/// cells at them, the ODT writes them as its column widths).
public struct TableColumns: Sendable {
    /// Per table, its columns' widths in points.
    public var widths: [[Double]]

    /// Measures `document`'s tables with `shaper` (the caller holds `FontLock`).
    package static func measure(_ document: ReportDocument, shaper: TextShaper) -> TableColumns {
        let sheet = document.styleSheet
        let sizer = ColumnSizer(shaper: shaper, sheet: sheet)
        // Tables with the same columns (the centres' activity tables) share
        // one set of widths, sized by all of their cells, so they line up.
        struct Family: Hashable {
            var headers: [String]
            var alignments: [Table.Alignment]
        }
        var needs: [Family: [ColumnSizer.Need]] = [:]
        var families: [Family] = []
        for block in document.blocks {
            guard case .table(let table) = block else { continue }
            let family = Family(headers: table.columns.map(\.header), alignments: table.columns.map(\.alignment))
            families.append(family)
            let own = sizer.needs(table)
            needs[family] = needs[family].map { known in
                zip(known, own).map { ColumnSizer.Need(minimum: max($0.minimum, $1.minimum), natural: max($0.natural, $1.natural)) }
            } ?? own
        }
        return TableColumns(widths: families.map { ColumnSizer.share(needs[$0]!, width: sheet.contentWidth) })
    }

    /// Measures `document`'s tables (waiting for any other thread's text
    /// work: `FontLock`).
    public static func measure(_ document: ReportDocument) -> TableColumns {
        FontLock.held { measure(document, shaper: TextShaper(document)) }
    }
}
