// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation

/// A file written as its bytes come, through a buffer: writers stream
/// into it instead of holding a whole PDF, `content.xml` or CSV table in
/// memory. The first failure (a full disk) is kept: later writes are
/// dropped, and `close` throws it.
public final class FileSink {
    public let path: String
    /// The path messages name (the final file, not its temporary name).
    public let shownAs: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 18
    /// errno of the first failed write, 0 while all is well.
    public private(set) var failure: Int32 = 0

    /// True for a sink that keeps its bytes in memory (`bytes`).
    public let inMemory: Bool
    /// What an in-memory sink was given.
    public private(set) var bytes: [UInt8] = []

    /// A sink that keeps what it is given in memory (an output that is a
    /// device or a pipe, written through only when the render succeeds).
    public init(inMemoryShownAs shownAs: String) {
        path = ""
        self.shownAs = shownAs
        fd = -1
        inMemory = true
    }

    /// Creates `path`, which must not exist yet; messages name `shownAs`.
    public init(path: String, shownAs: String? = nil) throws {
        self.path = path
        self.shownAs = shownAs ?? path
        inMemory = false
        let (fd, code) = TemporaryFiles.creating { (open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644), errno) }
        self.fd = fd
        guard fd >= 0 else { throw OutputError(message: "cannot write \(shownAs ?? path): \(String(cString: strerror(code)))") }
        buffer.reserveCapacity(capacity)
    }

    deinit { if fd >= 0 { Foundation.close(fd) } }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == 0, bytes.count > 0 else { return }
        if inMemory {
            self.bytes.append(contentsOf: bytes.bindMemory(to: UInt8.self))
            return
        }
        if buffer.count + bytes.count > capacity { flush() }
        if bytes.count >= capacity {
            writeOut(bytes)
        } else {
            buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
        }
    }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { writeOut($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeOut(_ bytes: UnsafeRawBufferPointer) {
        guard failure == 0 else { return }
        failure = writeAll(fd, bytes)
    }

    /// `count` bytes of what was written, from `offset` (what is buffered
    /// is written out first). A writer that appends to its own output (the
    /// PDF/A update) reads back only the few objects it needs.
    public func read(at offset: Int, count: Int) throws -> [UInt8] {
        if inMemory {
            let end = min(bytes.count, offset + count)
            return offset < end ? Array(bytes[offset..<end]) : []
        }
        flush()
        if failure != 0 { throw OutputError(message: "cannot write \(shownAs): \(String(cString: strerror(failure)))") }
        var result = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = result.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, count - got, off_t(offset + got)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw OutputError(message: "cannot read back \(shownAs): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            got += n
        }
        result.removeLast(count - got)
        return result
    }

    /// Writes what is buffered and closes the file; throws the first failure.
    public func close() throws {
        if inMemory { return }
        flush()
        if fd >= 0, Foundation.close(fd) != 0, failure == 0 { failure = errno }
        fd = -1
        if failure != 0 { throw OutputError(message: "cannot write \(shownAs): \(String(cString: strerror(failure)))") }
    }
}
