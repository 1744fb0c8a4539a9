// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import Foundation

/// Hands the rows of one table to the flow that places them, in order,
/// shaping them as they are needed: only a few pages of rows exist at a
/// time.
///
/// - Measuring (the first pass): rows are shaped ahead in chunks by
///   several helper shapers at once, one per core, each with its own Pango
///   font map; only their geometry is used, so which shaper made a row does
///   not matter. The rows are offered to the `RowStore` for drawing.
/// - Drawing (the second pass): rows the store kept are drawn as they are;
///   the rest are shaped by a helper on a background thread, a window of
///   rows ahead, while this thread draws. The helper has its own font map,
///   so the two threads never share a Pango object that is being changed:
///   this one only reads the finished layouts it is handed (table cells
///   are plain text: no underline or other attribute that would make
///   Pango's renderer measure fonts), and the helper keeps every font it
///   used alive, so that freeing a layout here never finalizes one.
///   (Cairo shares one font face per font file across font maps, so the
///   PDF is the same as if this thread had shaped every row.)
package final class RowFeed {
    package enum Mode {
        case measuring(helpers: [TextShaper])
        /// `helper` shapes the rows the store did not keep, on another thread.
        case drawing(helper: TextShaper?)
    }

    package typealias Make = (Int, TextShaper) -> PageLayout.LaidOutRow

    private let count: Int
    private let make: Make
    private let shaper: TextShaper
    private var served = 0
    // Measuring: the current chunk.
    private let helpers: [TextShaper]
    private var chunk: [PageLayout.LaidOutRow?] = []
    private var chunkStart = 0
    private static let chunkSize = 256

    /// Tables shorter than this are shaped in place.
    private static let minimumRows = 48

    private let store: RowStore?
    private let table: Int
    private let measuring: Bool

    /// `store` keeps measured rows for drawing (by `table`, the table's
    /// place in the document) as far as its budget goes.
    package init(count: Int, make: @escaping Make, shaper: TextShaper, mode: Mode, store: RowStore? = nil, table: Int = 0) {
        self.count = count
        self.make = make
        self.shaper = shaper
        self.store = store
        self.table = table
        switch mode {
        case .measuring(let helpers):
            measuring = true
            self.helpers = count >= Self.minimumRows ? helpers : []
        case .drawing(let helper):
            measuring = false
            helpers = []
            kept = store?.keptPrefix(table: table) ?? 0
            if let helper, count - kept >= Self.minimumRows {
                producer = Producer(rows: kept..<count, make: make, shaper: helper)
            }
        }
    }

    deinit { producer?.cancel() }

    /// Drawing: the first rows, which the store kept.
    private var kept = 0
    private var producer: Producer?

    /// The next row, in order.
    package func next() -> PageLayout.LaidOutRow {
        defer { served += 1 }
        if !measuring {
            if served < kept { return store?.take(table: table, row: served) ?? make(served, shaper) }
            if let producer { return producer.take() }
        }
        let row: PageLayout.LaidOutRow
        if helpers.isEmpty {
            row = make(served, shaper)
        } else {
            if served - chunkStart >= chunk.count { fillChunk(from: served) }
            row = chunk[served - chunkStart]!
            chunk[served - chunkStart] = nil
        }
        if measuring { store?.keep(row, table: table, row: served) }
        return row
    }

    private func fillChunk(from start: Int) {
        let n = min(Self.chunkSize * helpers.count, count - start)
        var rows = [PageLayout.LaidOutRow?](repeating: nil, count: n)
        rows.withUnsafeMutableBufferPointer { out in
            // Each helper shapes every helpers.count-th row, on one thread at a time.
            let work = UnsafeSendable((slots: out, helpers: helpers, make: make))
            DispatchQueue.concurrentPerform(iterations: helpers.count) { worker in
                let (slots, helpers, make) = work.value
                var k = worker
                while k < n {
                    slots[k] = make(start + k, helpers[worker])
                    k += helpers.count
                }
            }
        }
        chunk = rows
        chunkStart = start
    }

    /// The background thread of the drawing pass and its bounded queue.
    private final class Producer: @unchecked Sendable {
        private let condition = NSCondition()
        private var queue: [PageLayout.LaidOutRow?] = []
        private var head = 0
        private var cancelled = false
        /// Rows shaped ahead of the one being placed (a few pages).
        private static let window = 128

        /// What the thread shapes with; the thread takes them, so that all
        /// it holds is let go on that thread before `finished` is signalled.
        private var make: Make?
        private var shaper: TextShaper?
        private let rows: Range<Int>

        package init(rows: Range<Int>, make: @escaping Make, shaper: TextShaper) {
            self.rows = rows
            self.make = make
            self.shaper = shaper
            let thread = Thread { [self] in
                produce()
                finished.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        private func produce() {
            condition.lock()
            let make = self.make, shaper = self.shaper
            self.make = nil
            self.shaper = nil
            condition.unlock()
            guard let make, let shaper else { return }
            for index in rows {
                condition.lock()
                while queue.count - head >= Self.window && !cancelled { condition.wait() }
                let stop = cancelled
                condition.unlock()
                if stop { return }
                let row = make(index, shaper)
                condition.lock()
                queue.append(row)
                condition.broadcast()
                condition.unlock()
            }
        }

        package func take() -> PageLayout.LaidOutRow {
            condition.lock()
            defer { condition.unlock() }
            while head >= queue.count { condition.wait() }
            let row = queue[head]!
            queue[head] = nil  // the page holds it from now on
            head += 1
            if head >= 4096 {
                queue.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return row
        }

        /// Stops the thread and waits until it has: the next table's rows
        /// may go to the same helper, which must never shape on two threads.
        package func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
            finished.wait()
        }

        private let finished = DispatchSemaphore(value: 0)
    }
}

/// Rows shaped while measuring, kept for drawing so that they are not
/// shaped twice, up to a number of cells: a report of a few thousand
/// activities is shaped once, a larger one keeps memory bounded and shapes
/// the rest again while drawing. Rows a helper shaped draw exactly like
/// the drawing shaper's own: Cairo shares one font face per font file and
/// options across Pango font maps, so the PDF's font subsets are the same.
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

/// Hands a value to code on other threads that the caller has made safe
/// (distinct slots of one buffer per thread).
package struct UnsafeSendable<Value>: @unchecked Sendable {
    package var value: Value
    package init(_ value: Value) { self.value = value }
}
