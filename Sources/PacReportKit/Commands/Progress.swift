// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDataset
import PacAggregates
import PacDocument
import PacLayout
import PacOutput
import PacPDF
import PacODT
import PacCSV
import Foundation

/// A progress line on standard error for long renders: shown only when
/// standard error is a terminal and the work has taken over a second,
/// rewritten in place, and cleared at the end.
package final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    private var shown = false
    private let started = Date()
    private var timer: DispatchSourceTimer?

    package init(enabled: Bool = isatty(2) == 1) {
        guard enabled else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 1, repeating: 0.25)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    /// What is being done now, e.g. "PDF: page 120 of 1459".
    package func update(_ text: String) {
        lock.lock()
        self.text = text
        lock.unlock()
    }

    private var finished = false

    private func draw() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        shown = true
        StandardConsole.writeStandardError("\r\u{1B}[2Kpacreport: \(text) (\(Int(Date().timeIntervalSince(started))) s)")
    }

    /// Stops and clears the line.
    package func finish() {
        timer?.cancel()
        timer = nil
        lock.lock()
        defer { lock.unlock() }
        if shown && !finished { StandardConsole.writeStandardError("\r\u{1B}[2K") }
        finished = true
    }

    deinit { timer?.cancel() }
}
