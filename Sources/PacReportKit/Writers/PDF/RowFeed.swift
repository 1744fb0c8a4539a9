import Foundation

/// Hands the rows of one table to the flow that places them, in order,
/// shaping them as they are needed: only a few pages of rows exist at a
/// time.
///
/// While measuring (the first pass) rows are shaped ahead in chunks by
/// several helper shapers at once, one per core, each with its own Pango
/// font map; only their geometry is used, so which shaper made a row does
/// not matter. (Shaping ahead on a second thread while drawing was tried
/// and measured slower: the drawing shaper's objects must not be used by
/// two threads at once, so the two threads mostly took turns.)
final class RowFeed {
    enum Mode {
        case measuring(helpers: [TextShaper])
        case drawing
    }

    typealias Make = (Int, TextShaper) -> PageLayout.LaidOutRow

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
    init(count: Int, make: @escaping Make, shaper: TextShaper, mode: Mode, store: RowStore? = nil, table: Int = 0) {
        self.count = count
        self.make = make
        self.shaper = shaper
        self.store = store
        self.table = table
        if case .measuring = mode { measuring = true } else { measuring = false }
        switch mode {
        case .measuring(let helpers): self.helpers = count >= Self.minimumRows ? helpers : []
        case .drawing: helpers = []
        }
    }

    /// The next row, in order.
    func next() -> PageLayout.LaidOutRow {
        defer { served += 1 }
        if !measuring, let kept = store?.take(table: table, row: served) { return kept }
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
}

/// Rows shaped while measuring, kept for drawing so that they are not
/// shaped twice, up to a number of cells: a report of a few thousand
/// activities is shaped once, a larger one keeps memory bounded and shapes
/// the rest again while drawing. Rows a helper shaped draw exactly like
/// the drawing shaper's own: Cairo shares one font face per font file and
/// options across Pango font maps, so the PDF's font subsets are the same.
final class RowStore {
    private struct Key: Hashable {
        var table: Int
        var row: Int
    }
    private var rows: [Key: PageLayout.LaidOutRow] = [:]
    private var cells = 0
    private var full = false
    let budget: Int

    init(budget: Int) { self.budget = budget }

    /// Keeps `row` unless the budget is spent (then no later row either,
    /// so that what is kept is one stretch from the start).
    func keep(_ row: PageLayout.LaidOutRow, table: Int, row index: Int) {
        guard !full else { return }
        guard cells + row.cells.count <= budget else { full = true; return }
        cells += row.cells.count
        rows[Key(table: table, row: index)] = row
    }

    func take(table: Int, row index: Int) -> PageLayout.LaidOutRow? {
        rows.removeValue(forKey: Key(table: table, row: index))
    }
}

/// Hands a value to code on other threads that the caller has made safe
/// (distinct slots of one buffer per thread).
struct UnsafeSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
