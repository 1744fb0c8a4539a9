// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import PacLayout
import PacOutput
import Foundation

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
    /// `columns`: the tables' column widths when the PDF's were measured
    /// already; `charts`: the charts' pictures when drawn already (both
    /// made here otherwise).
    public func write(_ document: ReportDocument, toPath path: String, shownAs: String, columns: TableColumns? = nil,
                      charts: ChartPictures? = nil, cancellation: Cancellation? = nil) throws {
        let contentPart = try StreamedPart(beside: path, name: "content", shownAs: shownAs)
        let content = ODTContent(document: document, columns: columns, charts: charts)
        let complete = content.write(to: contentPart.sink, cancellation: cancellation)
        try contentPart.sink.close()
        guard complete else { throw RenderStopped() }
        var package = ZipPackage(mimeType: Self.mimeType)
        let parts: [(String, ZipPackage.Part)] = [
            ("content.xml", .file(contentPart.path)),
            ("styles.xml", .bytes(ODTStyles(document: document).write())),
            ("meta.xml", .bytes(document.metadata.packageProperties.odfMeta())),
        ] + content.pictures.map { ($0.path, .bytes($0.bytes)) }
        package.add("META-INF/manifest.xml", .bytes(PackageProperties.odfManifest(mimeType: Self.mimeType, paths: parts.map(\.0))))
        for (name, part) in parts { package.add(name, part) }
        try package.write(to: path, shownAs: shownAs, date: document.metadata.creationDate)
    }
}
