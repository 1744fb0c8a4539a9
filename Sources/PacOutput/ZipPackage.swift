// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation
import ZIPFoundation

/// A zip container of XML parts, as OpenDocument (ODT, ODS) and Office
/// Open XML (xlsx) files are: parts held in memory or streamed in from a
/// file, every entry dated the document's creation date so that re-renders
/// are identical, an OpenDocument's `mimetype` first and stored.
package struct ZipPackage {
    /// A part of the package: bytes in memory, or a file streamed in (and
    /// removed once it is in the zip).
    package enum Part {
        case bytes([UInt8])
        case file(String)
        /// Files joined in order into one part.
        case files([String])
        /// A part still being made (on another thread): asked for when the
        /// zip reaches it, so the parts before it are compressed meanwhile.
        case later(@Sendable () throws -> Part)
    }

    /// The parts in order, by path inside the zip.
    package var parts: [(String, Part)] = []
    /// An OpenDocument's media type: written first as the stored entry `mimetype`.
    package var mimeType: String?

    package init(mimeType: String? = nil) { self.mimeType = mimeType }

    package mutating func add(_ path: String, _ part: Part) { parts.append((path, part)) }

    /// Writes the zip at `path` (which must not exist yet); messages name
    /// `shownAs`. Failures become `OutputError`s that say why.
    package func write(to path: String, shownAs: String, date seconds: Int64) throws {
        do {
            try zip(to: path, date: seconds)
        } catch let error as OutputError {
            throw error
        } catch let error as POSIXError {
            throw OutputError(message: "cannot write \(shownAs): \(String(cString: strerror(error.code.rawValue)))")
        } catch {
            // The zip library reports a failed write without its cause; a
            // full disk is by far the likeliest.
            throw OutputError(message: "cannot write \(shownAs): writing the zip failed (is the disk full?)")
        }
        // The zip library's last bytes leave its buffer when it closes the
        // file, unchecked: reading the archive back proves they arrived.
        guard let written = try? Archive(url: URL(fileURLWithPath: path), accessMode: .read, pathEncoding: nil),
              written.reduce(0, { count, _ in count + 1 }) == parts.count + (mimeType == nil ? 0 : 1) else {
            throw OutputError(message: "cannot write \(shownAs): the file could not be completed (is the disk full?)")
        }
    }

    private func zip(to path: String, date seconds: Int64) throws {
        let archive = try TemporaryFiles.creating { try Archive(url: URL(fileURLWithPath: path), accessMode: .create) }
        // Zip dates start in 1980; they are local time, read back as written.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let day = ISODate(unixSeconds: max(seconds, 315_532_800))
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) ?? Date()
        func add(_ path: String, _ part: Part, _ method: CompressionMethod) throws {
            switch part {
            case .bytes(let bytes):
                let data = Data(bytes)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                     compressionMethod: method, provider: { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                })
            case .file(let file):
                try add(path, .files([file]), method)
            case .later(let make):
                try add(path, try make(), method)
            case .files(let files):
                // The files one after the other, as if one: (descriptor, start, size) each.
                var pieces: [(fd: Int32, start: Int64, size: Int64)] = []
                defer { for piece in pieces { close(piece.fd) } }
                var total: Int64 = 0
                for file in files {
                    let fd = open(file, O_RDONLY | O_CLOEXEC)
                    guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                    var info = stat()
                    fstat(fd, &info)
                    pieces.append((fd, total, Int64(info.st_size)))
                    total += Int64(info.st_size)
                }
                // Large reads: fewer calls into the provider and the deflater.
                try archive.addEntry(with: path, type: .file, uncompressedSize: total, modificationDate: date,
                                     compressionMethod: method, bufferSize: 1 << 20, provider: { position, size in
                    var data = Data(count: size)
                    var done = 0
                    try data.withUnsafeMutableBytes { buffer in
                        while done < size {
                            let at = position + Int64(done)
                            guard let piece = pieces.last(where: { $0.start <= at }), at < piece.start + piece.size else {
                                throw POSIXError(.EIO)
                            }
                            let count = min(size - done, Int(piece.start + piece.size - at))
                            let got = pread(piece.fd, buffer.baseAddress! + done, count, off_t(at - piece.start))
                            guard got > 0 else { throw POSIXError(POSIXErrorCode(rawValue: got < 0 ? errno : EIO) ?? .EIO) }
                            done += got
                        }
                    }
                    return data
                })
                for file in files { unlink(file) }  // in the zip now: their room on the disk is free again
            }
        }
        // ODF 1.3 part 2, 3.3: `mimetype` first, stored, no extra field.
        if let mimeType { try add("mimetype", .bytes(Array(mimeType.utf8)), .none) }
        for (path, part) in parts { try add(path, part, .deflate) }
    }
}

/// A part streamed into a temporary file beside the package (a part that
/// grows with the dataset is never held in memory); removed when the
/// package is done or fails.
package final class StreamedPart {
    package let path: String
    package let sink: FileSink

    package init(beside packagePath: String, name: String, shownAs: String) throws {
        path = packagePath + "." + name
        TemporaryFiles.register(path)
        do {
            sink = try FileSink(path: path, shownAs: shownAs)
        } catch {
            TemporaryFiles.unregister(path)
            throw error
        }
    }

    deinit {
        unlink(path)
        TemporaryFiles.unregister(path)
    }
}

/// An office document's properties as ODF's `meta.xml` and OOXML's
/// core properties write them.
extension PackageProperties {
    /// ODF's `meta.xml`.
    package func odfMeta() -> [UInt8] {
        let x = XMLWriter()
        x.start("office:document-meta")
        x.attribute("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
        x.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        x.attribute("xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0")
        x.attribute("office:version", "1.3")
        x.start("office:meta")
        x.element("meta:generator", text: generator)
        x.element("dc:title", text: title)
        x.element("dc:subject", text: subject)
        for keyword in keywords { x.element("meta:keyword", text: keyword) }
        x.element("meta:initial-creator", text: author)
        x.element("dc:creator", text: author)
        let date = String(created.dropLast())  // local form, no zone
        x.element("meta:creation-date", text: date)
        x.element("dc:date", text: date)
        x.element("dc:language", text: language)
        x.end()
        x.end()
        return x.finish()
    }

    /// ODF's `META-INF/manifest.xml` for a package of `mimeType` with `paths`.
    package static func odfManifest(mimeType: String, paths: [String]) -> [UInt8] {
        let x = XMLWriter()
        x.start("manifest:manifest")
        x.attribute("xmlns:manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0")
        x.attribute("manifest:version", "1.3")
        x.empty("manifest:file-entry", [("manifest:full-path", "/"), ("manifest:version", "1.3"),
                                         ("manifest:media-type", mimeType)])
        for path in paths {
            let type = path.hasSuffix(".png") ? "image/png" : "text/xml"
            x.empty("manifest:file-entry", [("manifest:full-path", path), ("manifest:media-type", type)])
        }
        x.end()
        return x.finish()
    }

    /// OOXML's core properties (ECMA-376 part 2, 11): `docProps/core.xml`.
    package func ooxmlCore() -> [UInt8] {
        let x = XMLWriter()
        x.start("cp:coreProperties")
        x.attribute("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties")
        x.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        x.attribute("xmlns:dcterms", "http://purl.org/dc/terms/")
        x.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        x.element("dc:title", text: title)
        x.element("dc:subject", text: subject)
        x.element("dc:creator", text: author)
        x.element("cp:keywords", text: keywords.joined(separator: ", "))
        x.element("dc:language", text: language)
        x.element("dcterms:created", [("xsi:type", "dcterms:W3CDTF")], text: created)
        x.element("dcterms:modified", [("xsi:type", "dcterms:W3CDTF")], text: created)
        x.end()
        return x.finish()
    }
}
