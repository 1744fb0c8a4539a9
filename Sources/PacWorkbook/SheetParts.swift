// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import PacOutput
import Foundation

/// The sheets' XML, written on as many threads as there are cores: each
/// sheet into a temporary file of its own beside the workbook, the largest
/// first (the activities and participation sheets together hold most rows).
/// The writing goes on in the background: `path(_:)` waits for one sheet,
/// so a sheet that is done is zipped while the others are still written.
/// Files are removed when this is released (after every writer has ended).
final class SheetParts: @unchecked Sendable {
    private var parts: [StreamedPart?]
    private var failure: Error?
    private let lock = NSLock()
    private let done: [DispatchSemaphore]
    private let all = DispatchGroup()

    /// Starts `write` for every sheet index; it returns false when it
    /// stopped (cancelled, or a write failed).
    init(beside path: String, shownAs: String, sheets: [WorkbookContent.Sheet], name: @escaping (Int) -> String,
         write: @escaping @Sendable (Int, FileSink) -> Bool) {
        parts = Array(repeating: nil, count: sheets.count)
        done = sheets.map { _ in DispatchSemaphore(value: 0) }
        let order = sheets.indices.sorted { sheets[$0].rowCount * sheets[$0].columns.count > sheets[$1].rowCount * sheets[$1].columns.count }
        let names = sheets.indices.map(name)
        all.enter()
        DispatchQueue.global().async { [self] in
            DispatchQueue.concurrentPerform(iterations: order.count) { n in
                let index = order[n]
                defer { done[index].signal() }
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
            all.leave()
        }
    }

    /// The file of sheet `index`, once written; the first failure of any sheet.
    func path(_ index: Int) throws -> String {
        done[index].wait()
        done[index].signal()  // others may ask again
        return try lock.withLock {
            if let failure { throw failure }
            return parts[index]!.path
        }
    }

    /// Waits for every sheet; the first failure.
    func finish() throws {
        all.wait()
        if let failure = lock.withLock({ failure }) { throw failure }
    }

    deinit { all.wait() }
}
