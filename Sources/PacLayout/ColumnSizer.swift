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
/// - its *natural* width is its widest cell on one line;
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
/// Words are measured once each (a column of ten thousand titles holds
/// far fewer distinct words); a line's natural width is its words' and
/// spaces' (text is not shaped across a space; half a point of slack
/// covers rounding).
package final class ColumnSizer {
    private let shaper: TextShaper
    private let sheet: StyleSheet

    private struct Key: Hashable {
        var text: String
        var look: TextLook
    }
    /// Width of a word or a short cell, by look.
    private var widths: [Key: Double] = [:]
    /// Minimum and natural width of a cell's text, by look.
    private var cells: [Key: (minimum: Double, natural: Double)] = [:]

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

    /// Each column's needs. `helpers` (sizers with shapers of their own,
    /// one per core) measure the rows of a long table side by side.
    package func needs(_ table: Table, helpers: [ColumnSizer] = []) -> [Need] {
        var needs = [Need](repeating: Need(minimum: 0, natural: 0), count: table.columns.count)
        take(table.columns.map(\.header), sheet.tableHeader, into: &needs)
        if helpers.count >= 2 && table.rows.count >= 2_000 {
            var parts = [[Need]](repeating: needs, count: helpers.count)
            parts.withUnsafeMutableBufferPointer { out in
                let work = UnsafeSendable((slots: out, helpers: helpers, rows: table.rows, look: sheet.tableBody))
                DispatchQueue.concurrentPerform(iterations: helpers.count) { worker in
                    let (slots, helpers, rows, look) = work.value
                    var k = worker
                    while k < rows.count {
                        helpers[worker].take(rows[k], look, into: &slots[worker])
                        k += helpers.count
                    }
                }
            }
            for part in parts {
                for i in needs.indices {
                    needs[i].minimum = max(needs[i].minimum, part[i].minimum)
                    needs[i].natural = max(needs[i].natural, part[i].natural)
                }
            }
        } else {
            for row in table.rows { take(row, sheet.tableBody, into: &needs) }
        }
        if let totals = table.totals { take(totals, sheet.tableTotals, into: &needs) }
        // Half a point of slack: a cell at its natural width stays on one line.
        let padding = 2 * sheet.cellPaddingX + 0.5
        return needs.map { Need(minimum: $0.minimum + padding, natural: max($0.natural, $0.minimum) + padding) }
    }

    private func take(_ row: [String], _ look: TextLook, into needs: inout [Need]) {
        for i in needs.indices where i < row.count && !row[i].isEmpty {
            let cell = measure(row[i], look)
            needs[i].minimum = max(needs[i].minimum, cell.minimum)
            needs[i].natural = max(needs[i].natural, cell.natural)
        }
    }

    /// The columns' widths in points, adding up to `width`.
    package func widths(_ table: Table, width: Double, helpers: [ColumnSizer] = []) -> [Double] {
        Self.share(needs(table, helpers: helpers), width: width)
    }

    /// Shares `width` among columns with these needs (see the type's comment).
    package static func share(_ needs: [Need], width: Double) -> [Double] {
        guard !needs.isEmpty else { return [] }
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
        let spare = width - minimum, wanted = natural - minimum
        return needs.map { $0.minimum + ($0.natural - $0.minimum) * spare / wanted }
    }

    /// The widest word and the widest line of `text` in `look`.
    private func measure(_ text: String, _ look: TextLook) -> (minimum: Double, natural: Double) {
        let key = Key(text: text, look: look)
        if let known = cells[key] { return known }
        var minimum = 0.0, natural = 0.0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = Self.words(line)
            var lineWidth = 0.0
            for word in words {
                let w = width(String(word.text), look)
                minimum = max(minimum, w)
                lineWidth += w + (word.spaceBefore ? space(look) : 0)
            }
            natural = max(natural, lineWidth)
        }
        let result = (minimum, natural)
        if cells.count > 200_000 { cells.removeAll(keepingCapacity: true) }
        cells[key] = result
        return result
    }

    private func width(_ text: String, _ look: TextLook) -> Double {
        let key = Key(text: text, look: look)
        if let known = widths[key] { return known }
        let w = shaper.layout(text, style: TextStyle(look), width: nil, notingMissing: false).width
        if widths.count > 200_000 { widths.removeAll(keepingCapacity: true) }
        widths[key] = w
        return w
    }

    private var spaces: [TextLook: Double] = [:]

    private func space(_ look: TextLook) -> Double {
        if let known = spaces[look] { return known }
        let w = width("x x", look) - width("xx", look)
        spaces[look] = w
        return w
    }

    /// The unbreakable pieces of a line: runs between spaces, and each
    /// Han or kana character on its own (those scripts
    /// break between characters).
    static func words(_ line: Substring) -> [(text: Substring, spaceBefore: Bool)] {
        var out: [(Substring, Bool)] = []
        var start: Substring.Index?
        var spaceBefore = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            let next = line.index(after: index)
            if character == " " || character == "\t" {
                if let s = start { out.append((line[s..<index], spaceBefore)); start = nil }
                spaceBefore = !out.isEmpty
            } else if Self.breaksAround(character) {
                if let s = start { out.append((line[s..<index], spaceBefore)); spaceBefore = false; start = nil }
                out.append((line[index..<next], spaceBefore))
                spaceBefore = false
            } else if start == nil {
                start = index
            }
            index = next
        }
        if let s = start { out.append((line[s...], spaceBefore)) }
        return out
    }

    private static func breaksAround(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF: return true
        default: return false
        }
    }
}
