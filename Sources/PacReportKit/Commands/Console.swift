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

/// Where a command's output goes: standard output carries only what the
/// command produces; diagnostics and progress go to standard error.
public protocol Console: AnyObject {
    func out(_ bytes: [UInt8])
    func err(_ text: String)
    /// Why standard output could not be written (a full disk, a closed
    /// device), or nil.
    var outputFailure: String? { get }
}

extension Console {
    public var outputFailure: String? { nil }

    public func out(_ text: String) { out(Array(text.utf8)) }
    public func errLine(_ text: String) { err(text + "\n") }
    public func outLine(_ text: String) { out(text + "\n") }
}

/// The process's standard output and error.
public final class StandardConsole: Console {
    public private(set) var outputFailure: String?

    public init() {}

    public func out(_ bytes: [UInt8]) {
        guard outputFailure == nil else { return }
        let failure = bytes.withUnsafeBytes { writeAll(1, $0) }
        if failure != 0 { outputFailure = String(cString: strerror(failure)) }
        // A file on a full disk can accept the bytes and fail only when flushed.
        if outputFailure == nil, fsync(1) != 0, errno != EINVAL, errno != EROFS, errno != EBADF {
            outputFailure = String(cString: strerror(errno))
        }
    }

    public func err(_ text: String) { Self.writeStandardError(text) }

    /// Writes to standard error and ignores failure: a closed or full
    /// standard error must not stop (or crash) a run whose files are fine.
    public static func writeStandardError(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { writeAll(2, $0) }
    }
}

/// The exit status of a command (docs/data-format.md, "Exit status").
public enum ExitStatus: Int32, Sendable {
    /// Done; warnings allowed.
    case done = 0
    /// The dataset has errors; nothing was written.
    case datasetErrors = 1
    /// Wrong usage: unknown option, table or language.
    case usage = 2
    /// An output could not be written (disk, permissions).
    case cannotWrite = 3
}
