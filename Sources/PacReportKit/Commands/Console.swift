import Foundation

/// Where a command's output goes: standard output carries only what the
/// command produces; diagnostics and progress go to standard error.
public protocol Console: AnyObject {
    func out(_ bytes: [UInt8])
    func err(_ text: String)
}

extension Console {
    public func out(_ text: String) { out(Array(text.utf8)) }
    public func errLine(_ text: String) { err(text + "\n") }
    public func outLine(_ text: String) { out(text + "\n") }
}

/// The process's standard output and error.
public final class StandardConsole: Console {
    public init() {}

    public func out(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    public func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// A console that keeps what was written, for tests and embedding.
public final class CapturingConsole: Console {
    public private(set) var stdout: [UInt8] = []
    public private(set) var stderr = ""

    public init() {}

    public func out(_ bytes: [UInt8]) { stdout += bytes }
    public func err(_ text: String) { stderr += text }

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
}

/// The exit status of a command (REPORT.md, "Exit status").
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
