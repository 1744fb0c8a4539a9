// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation

/// A workbook sheet's records, read on a thread of their own from the
/// moment the table is found (participation's own workbook opened there
/// too, from the start of the load), while the loader checks the tables
/// before it:
/// unpacking and parsing a sheet's XML is most of a workbook's loading
/// time, and the checks are the rest, so on two cores they overlap.
///
/// The records and their problems reach `next` in the sheet's order, so
/// the diagnostics are the same as when read in turn. The thread reads
/// ahead at most `window` records (a bounded memory) and stops early when
/// the table is let go of before its end.
package final class PrefetchedRecords: RecordSource {
    private let state = State()
    package static let window = 200_000

    /// Whether the sheet's date numbers count from 1904 (known once `prepared` is).
    package var date1904: Bool { (try? state.preparation.value.get()) ?? false }

    /// Starts reading `source` on a new thread.
    package convenience init(_ source: RecordSource) {
        let box = SourceBox(source)
        self.init(preparing: { box.source })
    }

    /// Starts a new thread that makes the source (opens the workbook,
    /// unpacks the sheet) and then reads it: a table's own workbook is
    /// opened and read from the start of the load, beside the other
    /// tables. `prepared` waits for the source and throws what making it
    /// threw.
    package init(preparing: @escaping @Sendable () throws -> RecordSource) {
        let state = self.state
        let thread = Thread {
            do {
                let source = try preparing()
                state.preparation.fulfil(.success(source.date1904))  // not the source: it is let go when read
                state.produce(source)
            } catch {
                state.preparation.fulfil(.failure(error))
                state.finishEmpty()
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Waits until the source is made; rethrows the error that stopped it.
    package func prepared() throws { _ = try state.preparation.value.get() }

    /// Let go of before its end: the thread stops at its next batch.
    deinit { state.cancel() }

    package func next(_ onProblem: (CSVSyntaxProblem) -> Void) -> CSVRecord? {
        let item = state.take()
        item?.problems.forEach(onProblem)
        return item?.record
    }

    package var truncated: Bool { state.truncated }

    private final class SourceBox: @unchecked Sendable {
        package let source: RecordSource
        package init(_ source: RecordSource) { self.source = source }
    }

    private struct Item {
        package var record: CSVRecord?
        package var problems: [CSVSyntaxProblem]
    }

    /// What the two threads share, under one lock.
    private final class State: @unchecked Sendable {
        private let condition = NSCondition()
        private var items: [Item] = []
        private var head = 0
        private var finished = false
        private var cancelled = false
        private var sourceTruncated = false
        /// Once the source is made, its `date1904`; or why it could not be made.
        let preparation = Promise<Result<Bool, Error>>()

        /// No records: the source could not be made.
        func finishEmpty() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        package func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }

        package var truncated: Bool {
            condition.lock()
            defer { condition.unlock() }
            return sourceTruncated
        }

        /// Reads `source` to its end (or until cancelled), in batches.
        package func produce(_ source: RecordSource) {
            var batch: [Item] = []
            func hand(final: Bool) -> Bool {
                condition.lock()
                defer { condition.unlock() }
                while !cancelled && items.count - head >= PrefetchedRecords.window { condition.wait() }
                if cancelled { return false }
                if head > 4096 && head * 2 > items.count {  // drop what was taken
                    items.removeFirst(head)
                    head = 0
                }
                items += batch
                batch.removeAll(keepingCapacity: true)
                if final {
                    finished = true
                    sourceTruncated = source.truncated
                }
                condition.broadcast()
                return true
            }
            while true {
                var problems: [CSVSyntaxProblem] = []
                let record = source.next { problems.append($0) }
                batch.append(Item(record: record, problems: problems))
                if record == nil { _ = hand(final: true); return }
                if batch.count >= 256, !hand(final: false) { return }
            }
        }

        /// The next item in the sheet's order; nil after the last.
        package func take() -> Item? {
            condition.lock()
            defer { condition.unlock() }
            while head >= items.count && !finished { condition.wait() }
            guard head < items.count else { return nil }
            let item = items[head]
            items[head].record = nil  // the loader holds it now
            head += 1
            condition.broadcast()
            return item
        }
    }
}
