// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import CLibXML2
import Foundation

/// libxml2's xmlTextWriter: elements, attributes and escaped text, written
/// into memory or streamed into a file. Owns the writer and its buffer
/// (freed in `deinit`).
package final class XMLWriter {
    /// The libxml2 this process runs with, e.g. `2.9.14`.
    package static var libxml2Version: String {
        let raw = Int(String(cString: __xmlParserVersion().pointee!)) ?? 0
        return "\(raw / 10000).\(raw / 100 % 100).\(raw % 100)"
    }

    private let buffer: xmlBufferPtr?
    private var writer: xmlTextWriterPtr?

    /// libxml2's global state (encoding handlers, dictionaries), set up once
    /// before any writer: writers run on several threads at a time.
    private static let ready: Void = xmlInitParser()

    /// Writes into memory; `finish` returns the bytes. Without
    /// `declaration` the document has no `<?xml ...?>` line (an XMP packet).
    package init(declaration: Bool = true) {
        Self.ready
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        if declaration { xmlTextWriterStartDocument(writer, nil, "UTF-8", nil) }
    }

    /// `<?target content?>`.
    package func processingInstruction(_ target: String, _ content: String) {
        xmlTextWriterWritePI(writer, target, content)
    }

    /// Streams into `sink` as libxml2's output buffer fills; `finish`
    /// flushes the rest (a failed write stays in `sink.failure`).
    /// Without `declaration`, a fragment to be joined to others (a part
    /// written in pieces on several threads).
    package init(sink: FileSink, declaration: Bool = true) {
        Self.ready
        buffer = nil
        let output = xmlOutputBufferCreateIO({ context, bytes, length in
            guard let context, let bytes else { return -1 }
            let sink = Unmanaged<FileSink>.fromOpaque(context).takeUnretainedValue()
            sink.write(UnsafeRawBufferPointer(start: bytes, count: Int(length)))
            return sink.failure == 0 ? length : -1
        }, nil, Unmanaged.passUnretained(sink).toOpaque(), nil)
        writer = xmlNewTextWriter(output)  // owns the output buffer
        if declaration { xmlTextWriterStartDocument(writer, nil, "UTF-8", nil) }
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        if let buffer { xmlBufferFree(buffer) }
    }

    package func start(_ name: String) { xmlTextWriterStartElement(writer, name) }
    package func end() { xmlTextWriterEndElement(writer) }

    package func attribute(_ name: String, _ value: String) {
        xmlTextWriterWriteAttribute(writer, name, XMLWriter.clean(value))
    }

    /// Writes `name` with attributes `pairs` and no content.
    package func empty(_ name: String, _ pairs: [(String, String)] = []) {
        start(name)
        for (k, v) in pairs { attribute(k, v) }
        end()
    }

    /// Copies the file at `path`, well-formed XML elements written by
    /// another `XMLWriter` (a fragment), into this document as it is.
    package func rawFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError(message: "cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw OutputError(message: "cannot read \(path): \(String(cString: strerror(errno)))") }
            if got == 0 { break }
            chunk.withUnsafeBytes { buffer in
                _ = xmlTextWriterWriteRawLen(writer, buffer.baseAddress!.assumingMemoryBound(to: xmlChar.self), Int32(got))
            }
        }
    }

    /// Text content; characters XML 1.0 forbids are dropped.
    package func text(_ value: String) { xmlTextWriterWriteString(writer, XMLWriter.clean(value)) }

    package func element(_ name: String, _ pairs: [(String, String)] = [], text value: String) {
        start(name)
        for (k, v) in pairs { attribute(k, v) }
        text(value)
        end()
    }

    /// Finishes the document and returns its bytes (none when streamed).
    @discardableResult
    package func finish() -> [UInt8] {
        xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)  // flushes into the buffer or the sink
        writer = nil
        guard let buffer, let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    /// `text` without the control characters XML 1.0 cannot carry.
    package static func clean(_ text: String) -> String {
        // Most text has neither a control character nor U+FFFE/U+FFFF
        // (EF BF BE/BF in UTF-8): one pass over the bytes says so.
        var suspect = false
        for byte in text.utf8 where (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0xEF {
            suspect = true
            break
        }
        guard suspect, text.unicodeScalars.contains(where: { isForbidden($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isForbidden($0) })
        return String(scalars)
    }

    package static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t" && s != "\n" && s != "\r") || s.value == 0xFFFE || s.value == 0xFFFF
    }
}
