// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import PacLayout
import PacOutput
import Foundation
import ZIPFoundation

/// Serialises a `ReportDocument` as OpenDocument Text: `content.xml`,
/// `styles.xml`, `meta.xml` and the manifest written with libxml2's
/// xmlTextWriter, charts as PNG pictures painted by the same drawing code
/// as the PDF, all in a zip whose first entry is the stored `mimetype`.
public struct ODTWriter {
    public init() {}

    package static let mimeType = "application/vnd.oasis.opendocument.text"
    package static let namespaces: [(String, String)] = [
        ("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
        ("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
        ("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
        ("xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
        ("xmlns:draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"),
        ("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
        ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"),
        ("xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
    ]

    /// A picture inside the package.
    package struct Picture {
        package var path: String
        package var bytes: [UInt8]
        package var width: Double
        package var height: Double
    }

    /// Writes the ODT file at `path` (which must not exist yet); messages
    /// name `shownAs`. `content.xml`, the one part that grows with the
    /// dataset, is streamed into a temporary file beside it and from there
    /// into the zip, so it is never held in memory.
    /// Stops early, throwing, when `cancellation` is set or a write fails.
    /// `columns`: the tables' column widths when the PDF's were measured already.
    public func write(_ document: ReportDocument, toPath path: String, shownAs: String, columns: TableColumns? = nil,
                      cancellation: Cancellation? = nil) throws {
        let contentPath = path + ".content"
        TemporaryFiles.register(contentPath)
        defer { unlink(contentPath); TemporaryFiles.unregister(contentPath) }
        let content = ODTContent(document: document, columns: columns)
        let contentSink = try FileSink(path: contentPath, shownAs: shownAs)
        let complete = content.write(to: contentSink, cancellation: cancellation)
        try contentSink.close()
        guard complete else { throw RenderStopped() }
        let parts: [(String, Part)] = [
            ("content.xml", .file(contentPath)),
            ("styles.xml", .bytes(ODTStyles(document: document).write())),
            ("meta.xml", .bytes(meta(document.metadata))),
        ] + content.pictures.map { ($0.path, .bytes($0.bytes)) }
        let manifest = self.manifest(parts.map(\.0))
        let entries = [("META-INF/manifest.xml", Part.bytes(manifest))] + parts
        do {
            try zip(entries, to: path, date: document.metadata.creationDate)
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
              written.reduce(0, { count, _ in count + 1 }) == entries.count + 1 else {  // + mimetype
            throw OutputError(message: "cannot write \(shownAs): the file could not be completed (is the disk full?)")
        }
    }

    /// A part of the package: bytes in memory, or a file streamed in.
    package enum Part {
        case bytes([UInt8])
        case file(String)
    }

    package func meta(_ m: DocumentMetadata) -> [UInt8] {
        let x = XMLWriter()
        x.start("office:document-meta")
        for (k, v) in Self.namespaces where ["xmlns:office", "xmlns:dc", "xmlns:meta"].contains(k) { x.attribute(k, v) }
        x.attribute("office:version", "1.3")
        x.start("office:meta")
        x.element("meta:generator", text: m.creator)
        x.element("dc:title", text: m.title)
        x.element("dc:subject", text: m.subject)
        for keyword in m.keywords { x.element("meta:keyword", text: keyword) }
        x.element("meta:initial-creator", text: m.author)
        x.element("dc:creator", text: m.author)
        let date = String(m.creationDateTime.dropLast())  // local form, no zone
        x.element("meta:creation-date", text: date)
        x.element("dc:date", text: date)
        x.element("dc:language", text: m.language.regionalTag)
        x.end()
        x.end()
        return x.finish()
    }

    package func manifest(_ paths: [String]) -> [UInt8] {
        let x = XMLWriter()
        x.start("manifest:manifest")
        x.attribute("xmlns:manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0")
        x.attribute("manifest:version", "1.3")
        x.empty("manifest:file-entry", [("manifest:full-path", "/"), ("manifest:version", "1.3"),
                                         ("manifest:media-type", Self.mimeType)])
        for path in paths {
            let type = path.hasSuffix(".png") ? "image/png" : "text/xml"
            x.empty("manifest:file-entry", [("manifest:full-path", path), ("manifest:media-type", type)])
        }
        x.end()
        return x.finish()
    }

    /// The zip container at `path`: `mimetype` first and stored (no extra
    /// field), the rest deflated, every entry dated `date` so re-renders
    /// are identical.
    package func zip(_ parts: [(String, Part)], to path: String, date seconds: Int64) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
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
                let fd = open(file, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                defer { close(fd) }
                var info = stat()
                fstat(fd, &info)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(info.st_size), modificationDate: date,
                                     compressionMethod: method, provider: { position, size in
                    var data = Data(count: size)
                    let got = data.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, size, off_t(position)) }
                    guard got == size else { throw POSIXError(POSIXErrorCode(rawValue: got < 0 ? errno : EIO) ?? .EIO) }
                    return data
                })
                unlink(file)  // in the zip now: its room on the disk is free again
            }
        }
        try add("mimetype", .bytes(Array(Self.mimeType.utf8)), .none)
        for (path, part) in parts { try add(path, part, .deflate) }
    }
}
