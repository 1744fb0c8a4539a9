// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation

/// An output that could not be written; the message says which and why.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }

    package init(message: String) { self.message = message }
}

/// Writes a set of output files so that a failed run leaves nothing behind:
/// each file goes to a temporary name in its destination folder, and only
/// when every file is complete are they renamed into place. Until `commit`,
/// an existing report is untouched; a transaction that is dropped without
/// committing removes its temporary files.
public final class OutputTransaction: @unchecked Sendable {
    private var staged: [(temporary: URL, final: URL)] = []
    /// Outputs that are devices or pipes (`-o /dev/stdout`): written through at commit.
    private var direct: [(url: URL, descriptor: Int32?, content: DirectContent)] = []

    private enum DirectContent {
        case bytes([UInt8])
        case file(URL)
    }
    private var committed = false

    public init() {}

    /// Creates `folder` and its parents when missing.
    public static func makeFolder(_ folder: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw OutputError(message: "\(folder.path) is a file, not a folder; choose another output folder")
            }
            return
        }
        var ancestor = folder.deletingLastPathComponent()
        while ancestor.path != "/" && !FileManager.default.fileExists(atPath: ancestor.path) {
            ancestor.deleteLastPathComponent()
        }
        if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw OutputError(message: "cannot create the output folder \(folder.path): \(ancestor.path) is a file, not a folder")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(message: "cannot create the output folder \(folder.path): \(Self.reason(error))")
        }
    }

    /// Writes `bytes` under a temporary name beside `url`. A link is
    /// followed (its target is replaced, not the link); a device or a pipe
    /// is written through when the transaction commits.
    public func stage(_ bytes: [UInt8], to requested: URL) throws {
        try stageFile(to: requested) { sink in sink.write(bytes) }
    }

    /// Lets `make` write the file for `requested` into a sink, as its bytes
    /// come (a writer never holds a whole report in memory). The file has a
    /// temporary name beside `requested` until `commit`; a device or a pipe
    /// gets the bytes from memory at commit (no temporary file, so no need
    /// for room in the temporary folder). Safe to call from several threads.
    public func stageFile(to requested: URL, _ make: (FileSink) throws -> Void) throws {
        switch Self.destination(requested) {
        case .direct(let url, let descriptor):
            let sink = FileSink(inMemoryShownAs: url.path)
            try make(sink)
            locked { direct.append((url, descriptor, .bytes(sink.bytes))) }
        case .file(let url):
            try stageTemporary(url) { path, shownAs in
                let sink = try FileSink(path: path, shownAs: shownAs)
                try make(sink)
                try sink.close()
            }
        }
    }

    /// Like `stageFile`, for writers that create the file at a path
    /// themselves (the zip library); the path does not exist yet.
    public func stagePath(to requested: URL, _ make: (_ path: String, _ shownAs: String) throws -> Void) throws {
        switch Self.destination(requested) {
        case .direct(let url, let descriptor): try stageDirect(url, descriptor: descriptor, make)
        case .file(let url): try stageTemporary(url, make)
        }
    }

    /// Where an output goes.
    package enum Destination {
        /// Written through at commit rather than replaced: the process's own
        /// streams (`-o /dev/stdout`, `/dev/fd/1`, with their descriptor;
        /// following the link would replace the file they are redirected to,
        /// or write it from its start), and devices and pipes (descriptor
        /// nil: opened at commit).
        case direct(URL, Int32?)
        /// A file, links followed: made under a temporary name, renamed at commit.
        case file(URL)
    }

    package static func destination(_ requested: URL) -> Destination {
        if let descriptor = streamDescriptor(requested.path) { return .direct(requested, descriptor) }
        let url = followingLinks(requested)
        var info = stat()
        if stat(url.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
            return .direct(url, nil)
        }
        return .file(url)
    }

    /// `make` writes the file for `url` at a temporary path beside it.
    private func stageTemporary(_ url: URL, _ make: (_ path: String, _ shownAs: String) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw OutputError(message: "cannot write \(url.path): the folder \(folder.path) does not exist")
        }
        guard isDirectory.boolValue else {
            throw OutputError(message: "cannot write \(url.path): \(folder.path) is a file, not a folder")
        }
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputError(message: "cannot write \(url.path): a folder of that name is in the way")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        locked { staged.append((temporary, url)) }
        TemporaryFiles.register(temporary.path)
        try make(temporary.path, url.path)
        let fd = open(temporary.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw OutputError(message: "cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        // A file that is replaced keeps its permissions.
        var existing = stat()
        if stat(url.path, &existing) == 0 { fchmod(fd, existing.st_mode & 0o7777) }
        if fsync(fd) != 0 {
            throw OutputError(message: "cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    /// A device or stream output of a writer that needs a path: made in a
    /// temporary file now, copied through at commit.
    private func stageDirect(_ url: URL, descriptor: Int32?,
                             _ make: (_ path: String, _ shownAs: String) throws -> Void) throws {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("pacreport.\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        locked { direct.append((url, descriptor, .file(temporary))) }
        TemporaryFiles.register(temporary.path)
        try make(temporary.path, url.path)
    }

    private let lock = NSLock()
    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Renames every staged file into place.
    public func commit() throws {
        for (index, file) in staged.enumerated() {
            if !TemporaryFiles.renameIntoPlace(file.temporary.path, file.final.path) {
                let why = String(cString: strerror(errno))
                for renamed in staged[..<index] { TemporaryFiles.unregister(renamed.temporary.path) }
                staged.removeFirst(index)
                throw OutputError(message: "cannot write \(file.final.path): \(why)")
            }
        }
        for file in staged { TemporaryFiles.unregister(file.temporary.path) }
        staged.removeAll()
        for (url, descriptor, content) in direct {
            let fd = descriptor ?? open(url.path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw OutputError(message: "cannot write \(url.path): \(String(cString: strerror(errno)))") }
            defer { if descriptor == nil { close(fd) } }
            var failure: Int32 = 0
            switch content {
            case .bytes(let bytes):
                failure = bytes.withUnsafeBytes { writeAll(fd, $0) }
            case .file(let source):
                let input = open(source.path, O_RDONLY | O_CLOEXEC)
                guard input >= 0 else { throw OutputError(message: "cannot write \(url.path): \(String(cString: strerror(errno)))") }
                defer { close(input); unlink(source.path); TemporaryFiles.unregister(source.path) }
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let got = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
                    if got < 0 && errno == EINTR { continue }
                    if got < 0 { failure = errno; break }
                    if got == 0 { break }
                    failure = chunk.withUnsafeBytes { writeAll(fd, UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
                    if failure != 0 { break }
                }
            }
            if failure != 0 { throw OutputError(message: "cannot write \(url.path): \(String(cString: strerror(failure)))") }
        }
        direct.removeAll()
        committed = true
    }

    /// The descriptor behind `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or
    /// `/proc/self/fd/N`, or nil for any other path.
    package static func streamDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// `url` with symbolic links followed, also a dangling one (its target is
    /// where the file will be made).
    package static func followingLinks(_ url: URL) -> URL {
        var current = url
        for _ in 0..<32 {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current.path) else { break }
            current = target.hasPrefix("/") ? URL(fileURLWithPath: target)
                : current.deletingLastPathComponent().appendingPathComponent(target)
        }
        return current.resolvingSymlinksInPath()
    }

    /// Removes the temporary files of a transaction that did not commit.
    public func rollback() {
        for file in staged { unlink(file.temporary.path); TemporaryFiles.unregister(file.temporary.path) }
        staged.removeAll()
        for output in direct {
            if case .file(let source) = output.content { unlink(source.path); TemporaryFiles.unregister(source.path) }
        }
        direct.removeAll()
    }

    deinit { rollback() }

    package static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}

/// Every temporary file of the outputs being written, so that a render
/// that is interrupted (Ctrl-C, `kill`) removes them before it ends: the
/// writers stream into them for the whole render.
package enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths = Set<String>()
    nonisolated(unsafe) private static var handlers: [any DispatchSourceSignal] = []

    package static func register(_ path: String) {
        lock.lock()
        paths.insert(path)
        lock.unlock()
    }

    /// Runs `create`, which makes a registered file, under the lock an
    /// interrupt takes: the interrupt then finds the file made and removes
    /// it, or the file is never made (a file made on another thread after
    /// the interrupt removed the registered ones was left behind).
    package static func creating<T>(_ create: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try create()
    }

    package static func unregister(_ path: String) {
        lock.lock()
        paths.remove(path)
        lock.unlock()
    }

    /// Final files already renamed into place (an interrupt keeps them).
    nonisolated(unsafe) private static var kept: [String] = []

    /// Renames a staged file into place and notes it as kept, both under
    /// the lock an interrupt takes, so that what the interrupt says is so.
    package static func renameIntoPlace(_ temporary: String, _ final: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard rename(temporary, final) == 0 else { return false }
        kept.append(final)
        return true
    }

    /// What an interrupt by signal `number` says on standard error.
    package static func interruptMessage(_ number: Int32, kept: [String]) -> String {
        let how = number == SIGINT ? "interrupted" : number == SIGHUP ? "stopped: the terminal was closed" : "stopped (SIGTERM)"
        let what = kept.isEmpty ? "nothing was written" : "complete and kept: \(kept.joined(separator: ", ")); nothing else was written"
        return "\npacreport: \(how); \(what)\n"
    }

    /// Folders the render made: removed (when empty) after the files.
    nonisolated(unsafe) private static var folders: [String] = []

    package static func registerFolder(_ path: String) {
        lock.lock()
        folders.append(path)
        lock.unlock()
    }

    package static func unregisterFolders() {
        lock.lock()
        folders.removeAll()
        lock.unlock()
    }

    /// From now on SIGINT, SIGTERM and SIGHUP first remove the registered
    /// files, then end the process as the signal would have. A signal the
    /// process was started ignoring stays ignored.
    package static func removeOnInterrupt() {
        lock.lock()
        defer { lock.unlock() }
        guard handlers.isEmpty else { return }
        for number in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(number, SIG_IGN)
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                // The lock is kept to the end: no rename happens after the
                // files are counted (the process ends below).
                lock.lock()
                let leftovers = paths, made = folders, done = kept
                for path in leftovers { unlink(path) }
                for folder in made.reversed() { rmdir(folder) }  // only if empty
                let message = Array(interruptMessage(number, kept: done).utf8)
                message.withUnsafeBytes { _ = writeAll(STDERR_FILENO, $0) }
                // End as the signal would have: default action, raised on this
                // thread with the signal unblocked (Dispatch's threads, and all
                // threads of a process started with it blocked, block it).
                signal(number, SIG_DFL)
                var unblock = sigset_t()
                sigemptyset(&unblock)
                sigaddset(&unblock, number)
                pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
                raise(number)
                _exit(128 + number)
            }
            source.resume()
            handlers.append(source)
        }
    }
}
