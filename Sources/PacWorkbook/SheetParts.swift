// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import PacOutput
import Foundation

/// The sheets' XML, written on as many threads as there are cores: each
/// sheet into a temporary file of its own beside the workbook, the largest
/// first (the activities and participation sheets together hold most rows).
/// Files are removed when this is released.
final class SheetParts: @unchecked Sendable {
    private(set) var parts: [StreamedPart?]
    private var failure: Error?
    private let lock = NSLock()

    /// Runs `write` for every sheet index; it returns false when it stopped
    /// (cancelled, or a write failed). Throws the first failure.
    init(beside path: String, shownAs: String, sheets: [WorkbookContent.Sheet], name: (Int) -> String,
         write: @Sendable (Int, FileSink) -> Bool) throws {
        parts = Array(repeating: nil, count: sheets.count)
        let order = sheets.indices.sorted { sheets[$0].rowCount * sheets[$0].columns.count > sheets[$1].rowCount * sheets[$1].columns.count }
        let names = sheets.indices.map(name)
        DispatchQueue.concurrentPerform(iterations: order.count) { n in
            let index = order[n]
            do {
                guard lock.withLock({ failure == nil }) else { return }
                let part = try StreamedPart(beside: path, name: names[index], shownAs: shownAs)
                lock.withLock { parts[index] = part }
                let complete = write(index, part.sink)
                try part.sink.close()
                if !complete { throw RenderStopped() }
            } catch {
                lock.withLock { if failure == nil || failure is RenderStopped { failure = error } }
            }
        }
        if let failure { throw failure }
    }

    func path(_ index: Int) -> String { parts[index]!.path }
}
