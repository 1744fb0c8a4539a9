import Foundation

/// An output that could not be written; the message says which and why.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// Writes a set of output files so that a failed run leaves nothing behind:
/// each file goes to a temporary name in its destination folder, and only
/// when every file is complete are they renamed into place. Until `commit`,
/// an existing report is untouched; a transaction that is dropped without
/// committing removes its temporary files.
public final class OutputTransaction {
    private var staged: [(temporary: URL, final: URL)] = []
    /// Outputs that are devices or pipes (`-o /dev/stdout`): written through at commit.
    private var direct: [(url: URL, descriptor: Int32?, bytes: [UInt8])] = []
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
        // The process's own streams (`-o /dev/stdout`, `/dev/fd/1`) are written
        // to as they are: following the link would replace the file they
        // are redirected to, or write it from its start.
        if let descriptor = Self.streamDescriptor(requested.path) {
            direct.append((requested, descriptor, bytes))
            return
        }
        let url = Self.followingLinks(requested)
        var info = stat()
        if stat(url.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
            direct.append((url, nil, bytes))
            return
        }
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
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputError(message: "cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        // A file that is replaced keeps its permissions.
        var existing = stat()
        if stat(url.path, &existing) == 0 { fchmod(fd, existing.st_mode & 0o7777) }
        staged.append((temporary, url))
        var failure: Int32 = 0
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            throw OutputError(message: "cannot write \(url.path): \(String(cString: strerror(failure)))")
        }
    }

    /// Renames every staged file into place.
    public func commit() throws {
        for (index, file) in staged.enumerated() {
            if rename(file.temporary.path, file.final.path) != 0 {
                let why = String(cString: strerror(errno))
                staged.removeFirst(index)
                throw OutputError(message: "cannot write \(file.final.path): \(why)")
            }
        }
        staged.removeAll()
        for (url, descriptor, bytes) in direct {
            let fd = descriptor ?? open(url.path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw OutputError(message: "cannot write \(url.path): \(String(cString: strerror(errno)))") }
            defer { if descriptor == nil { close(fd) } }
            var failure: Int32 = 0
            bytes.withUnsafeBufferPointer { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { failure = n < 0 ? errno : EIO; return }
                    offset += n
                }
            }
            if failure != 0 { throw OutputError(message: "cannot write \(url.path): \(String(cString: strerror(failure)))") }
        }
        direct.removeAll()
        committed = true
    }

    /// The descriptor behind `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or
    /// `/proc/self/fd/N`, or nil for any other path.
    static func streamDescriptor(_ path: String) -> Int32? {
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
    static func followingLinks(_ url: URL) -> URL {
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
        for file in staged { unlink(file.temporary.path) }
        staged.removeAll()
    }

    deinit { rollback() }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}
