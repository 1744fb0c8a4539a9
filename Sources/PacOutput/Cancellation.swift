// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation

/// Tells writers running side by side that the render has failed (a full
/// disk, a file in the way), so that they stop early instead of finishing
/// output that will be thrown away.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }
}

/// A writer stopped because another output of the same render failed; the
/// other output's error is the one to report.
public struct RenderStopped: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "stopped: another output of this render failed" }
}
