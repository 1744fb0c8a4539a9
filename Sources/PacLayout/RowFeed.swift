// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import Foundation

/// Hands the rows of one table to the flow that places them, in order,
/// shaping them as they are needed: only a few pages of rows exist at a
/// time. Measuring (the first pass), each row is offered to the
/// `RowStore`; drawing (the second), the rows the store kept are drawn as
/// they are and the rest shaped again. All on the layout's thread
/// (`FontLock`: helper threads that shaped rows beside it were tried and
/// removed, as Cairo's font faces are not safe to share between threads).
package final class RowFeed {
    package typealias Make = (Int) -> PageLayout.LaidOutRow

    private let make: Make
    private var served = 0
    private let store: RowStore?
    private let table: Int
    private let measuring: Bool
    /// Drawing: how many rows from the first the store kept.
    private let kept: Int

    /// `store` keeps measured rows for drawing (by `table`, the table's
    /// place in the document) as far as its budget goes.
    package init(make: @escaping Make, measuring: Bool, store: RowStore? = nil, table: Int = 0) {
        self.make = make
        self.store = store
        self.table = table
        self.measuring = measuring
        kept = measuring ? 0 : store?.keptPrefix(table: table) ?? 0
    }

    /// The next row, in order.
    package func next() -> PageLayout.LaidOutRow {
        defer { served += 1 }
        if served < kept, let row = store?.take(table: table, row: served) { return row }
        let row = make(served)
        if measuring { store?.keep(row, table: table, row: served) }
        return row
    }
}

/// Rows shaped while measuring, kept for drawing so that they are not
/// shaped twice, up to a number of cells: a report of a few thousand
/// activities is shaped once, a larger one keeps memory bounded and shapes
/// the rest again while drawing.
package final class RowStore {
    private struct Key: Hashable {
        package var table: Int
        package var row: Int
    }
    private var rows: [Key: PageLayout.LaidOutRow] = [:]
    /// Per table, how many rows from its first were kept.
    private var prefix: [Int: Int] = [:]
    private var cells = 0
    private var full = false
    package let budget: Int

    package init(budget: Int) { self.budget = budget }

    /// Keeps `row` unless the budget is spent (then no later row either,
    /// so that what is kept is one stretch from the start).
    package func keep(_ row: PageLayout.LaidOutRow, table: Int, row index: Int) {
        guard !full else { return }
        guard cells + row.cells.count <= budget else { full = true; return }
        cells += row.cells.count
        rows[Key(table: table, row: index)] = row
        if prefix[table, default: 0] == index { prefix[table] = index + 1 }
    }

    package func keptPrefix(table: Int) -> Int { prefix[table] ?? 0 }

    package func take(table: Int, row index: Int) -> PageLayout.LaidOutRow? {
        rows.removeValue(forKey: Key(table: table, row: index))
    }
}
