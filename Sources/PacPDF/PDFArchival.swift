// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import PacLayout
import PacOutput
import CZlibCRC
import Foundation

/// Which PDF standard the PDF writer claims (README.md, `--pdf-standard`,
/// Typst's option name): PDF/A-2b, for archives and submissions, or plain
/// PDF as Cairo writes it.
public enum PDFStandard: String, Sendable, CaseIterable {
    case a2b = "a-2b"
    case none
}

/// Watches every byte Cairo writes, on its way into the file: counts them,
/// checksums them (for the trailer's `/ID`) and notes where the objects the
/// PDF/A update changes are (link annotations, TrueType CID fonts), so
/// that the update needs no second pass over the file and no memory that
/// grows with it.
package final class PDFTap {
    package private(set) var length = 0
    package private(set) var checksum: uLong = 0
    /// Offsets of each pattern's occurrences, by pattern.
    package private(set) var offsets: [[Int]]
    private var carry: [UInt8] = []
    package let patterns: [[UInt8]]
    package static let link = 0, cidFont = 1

    package init() {
        patterns = [Array("/Subtype /Link".utf8), Array("/Subtype /CIDFontType2".utf8)]
        offsets = Array(repeating: [], count: patterns.count)
    }

    package func observe(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        checksum = crc32(checksum, base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count))
        let longest = patterns.map(\.count).max()!
        // A match across the previous chunk's end and this chunk's start.
        if !carry.isEmpty {
            let joined = carry + Array(bytes.prefix(longest - 1))
            joined.withUnsafeBytes { find(in: $0, at: length - carry.count, limit: carry.count, endingAfter: carry.count) }
        }
        find(in: bytes, at: length, limit: bytes.count, endingAfter: 0)
        length += bytes.count
        carry = Array(bytes.suffix(longest - 1))
    }

    /// Finds the patterns (all start with "/Subtype /") in `bytes` that
    /// start before `limit` and end after `endingAfter` (a match wholly in
    /// the previous chunk was found there); `origin` is the file offset of `bytes[0]`.
    private func find(in bytes: UnsafeRawBufferPointer, at origin: Int, limit: Int, endingAfter: Int) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < limit, start < bytes.count {
            // memchr finds each '/', then the patterns are compared.
            guard let hit = memchr(base + start, Int32(UInt8(ascii: "/")), bytes.count - start) else { return }
            let index = base.distance(to: UnsafeRawPointer(hit))
            guard index < limit else { return }
            for (k, p) in patterns.enumerated()
            where index + p.count <= bytes.count && index + p.count > endingAfter && memcmp(base + index, p, p.count) == 0 {
                offsets[k].append(origin + index)
            }
            start = index + 1
        }
    }
}

/// Turns Cairo's finished PDF into PDF/A-2b by appending an incremental
/// update (ISO 32000-1, 7.5.6): a new catalog with `/Lang`, an XMP
/// `/Metadata` stream and an sRGB `/OutputIntents`; the document
/// information with PDF dates (`D:`); link annotations with the print flag
/// (`/F 4`); and a trailer with `/ID`. Cairo's bytes stay as they are, and
/// the update reads only the objects it replaces, so its cost does not grow
/// with the report (measured in Benchmarks/README.md).
package struct PDFArchival {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    package var metadata: DocumentMetadata
    /// The date string given to Cairo (`YYYY-MM-DDThh:mm:ssZ`).
    package var isoDate: String

    /// Appends the update to `sink`, which holds Cairo's finished file.
    package func append(to sink: FileSink, tap: PDFTap) throws {
        let file = PDFFileReader(sink: sink, length: tap.length)
        let trailer = try file.trailer()
        var objects: [(number: Int, body: [UInt8])] = []

        // The catalog, with the language, the metadata and the output intent.
        let size = trailer.size
        let (metadataNumber, intentNumber, profileNumber) = (size, size + 1, size + 2)
        var catalog = try file.object(trailer.root, trailer)
        guard catalog.starts(with: Array("<<".utf8)), catalog.suffix(2).elementsEqual(Array(">>".utf8)) else {
            throw Failure(description: "Cairo's catalog is not a dictionary")
        }
        catalog.insert(contentsOf: Array("   /Lang \(Self.literal(metadata.language.rawValue))\n   /Metadata \(metadataNumber) 0 R\n   /OutputIntents [ \(intentNumber) 0 R ]\n".utf8),
                       at: catalog.count - 2)
        objects.append((trailer.root, catalog))

        // The document information, its dates as PDF dates.
        var info = try file.object(trailer.info, trailer)
        let producer = PDFSyntax.value(of: "/Producer", in: info).flatMap { PDFSyntax.literalText(info[$0]) } ?? ""
        for key in ["/ModDate", "/CreationDate"] {  // the later one first: inserting moves what follows
            if let r = PDFSyntax.value(of: key, in: info), info[r].first == UInt8(ascii: "("),
               !info[(r.lowerBound + 1)...].starts(with: Array("D:".utf8)) {
                info.insert(contentsOf: Array("D:".utf8), at: r.lowerBound + 1)
            }
        }
        objects.append((trailer.info, info))

        // Link annotations printed (PDF/A-2, 6.3.2); TrueType CID fonts with
        // the glyph map they already use (Identity, the default, 6.2.11.3.2).
        // A match inside text (a title that reads "/Subtype /Link") is no
        // such object: only a dictionary whose own /Subtype says so counts.
        var seen: Set<Int> = [trailer.root, trailer.info]
        for (kind, subtype, key, addition) in [(PDFTap.link, "/Link", "/F", " /F 4"),
                                               (PDFTap.cidFont, "/CIDFontType2", "/CIDToGIDMap", " /CIDToGIDMap /Identity")] {
            for offset in tap.offsets[kind] {
                guard let (number, body) = try file.objectAround(offset, trailer), !seen.contains(number),
                      body.starts(with: Array("<<".utf8)),
                      let r = PDFSyntax.value(of: "/Subtype", in: body), body[r].elementsEqual(Array(subtype.utf8)) else { continue }
                seen.insert(number)
                var dictionary = body
                if PDFSyntax.value(of: key, in: dictionary) == nil { dictionary.insert(contentsOf: Array(addition.utf8), at: 2) }
                objects.append((number, dictionary))
            }
        }

        let xmp = xmpPacket(producer: producer)
        objects.append((metadataNumber, Array("<< /Type /Metadata /Subtype /XML /Length \(xmp.count) >>\nstream\n".utf8) + xmp + Array("\nendstream".utf8)))
        objects.append((intentNumber, Array("<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile \(profileNumber) 0 R >>".utf8)))
        let profile = SRGBProfile.bytes
        objects.append((profileNumber, Array("<< /N 3 /Length \(profile.count) >>\nstream\n".utf8) + profile + Array("\nendstream".utf8)))

        // The update: the objects, a cross-reference section for them, the trailer.
        var update: [UInt8] = Array("\n".utf8)
        var offsets: [Int: Int] = [:]
        for (number, body) in objects {
            offsets[number] = tap.length + update.count
            update += Array("\(number) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = tap.length + update.count
        update += Array("xref\n".utf8)
        let numbers = offsets.keys.sorted()
        var i = 0
        while i < numbers.count {
            var j = i
            while j + 1 < numbers.count, numbers[j + 1] == numbers[j] + 1 { j += 1 }
            update += Array("\(numbers[i]) \(j - i + 1)\n".utf8)
            for n in numbers[i...j] { update += Array((String(repeating: "0", count: 10 - String(offsets[n]!).count) + "\(offsets[n]!) 00000 n \n").utf8) }
            i = j + 1
        }
        let id = fileIdentifier(tap)
        update += Array("trailer\n<< /Size \(size + 3)\n   /Root \(trailer.root) 0 R\n   /Info \(trailer.info) 0 R\n   /Prev \(trailer.xref)\n   /ID [ <\(id)> <\(id)> ]\n>>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        sink.write(update)
    }

    /// A file identifier from Cairo's bytes and the document's metadata:
    /// the same document gives the same identifier (byte-identical files).
    private func fileIdentifier(_ tap: PDFTap) -> String {
        var words: [UInt32] = [UInt32(truncatingIfNeeded: tap.checksum), UInt32(truncatingIfNeeded: tap.length)]
        for text in [metadata.title + metadata.author, metadata.subject + isoDate] {
            let bytes = Array(text.utf8)
            words.append(UInt32(truncatingIfNeeded: bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }))
        }
        return words.map { String(format: "%08X", $0) }.joined()
    }

    /// The XMP packet (ISO 16684-1) of the document information, written
    /// with libxml2: Dublin Core title, creator, description and language;
    /// PDF keywords and producer; XMP creator tool and dates; PDF/A-2b.
    package func xmpPacket(producer: String) -> [UInt8] {
        let writer = XMLWriter(declaration: false)
        writer.processingInstruction("xpacket", "begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"")
        writer.start("x:xmpmeta")
        writer.attribute("xmlns:x", "adobe:ns:meta/")
        writer.start("rdf:RDF")
        writer.attribute("xmlns:rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
        writer.start("rdf:Description")
        writer.attribute("rdf:about", "")
        writer.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        writer.attribute("xmlns:pdf", "http://ns.adobe.com/pdf/1.3/")
        writer.attribute("xmlns:xmp", "http://ns.adobe.com/xap/1.0/")
        writer.attribute("xmlns:pdfaid", "http://www.aiim.org/pdfa/ns/id/")
        func alternative(_ name: String, _ value: String) {
            writer.start(name)
            writer.start("rdf:Alt")
            writer.element("rdf:li", [("xml:lang", "x-default")], text: value)
            writer.end()
            writer.end()
        }
        alternative("dc:title", metadata.title)
        writer.start("dc:creator")
        writer.start("rdf:Seq")
        writer.element("rdf:li", text: metadata.author)
        writer.end()
        writer.end()
        alternative("dc:description", metadata.subject)
        writer.start("dc:language")
        writer.start("rdf:Bag")
        writer.element("rdf:li", text: metadata.language.rawValue)
        writer.end()
        writer.end()
        writer.element("pdf:Keywords", text: metadata.keywords.joined(separator: ", "))
        writer.element("pdf:Producer", text: producer)
        writer.element("xmp:CreatorTool", text: metadata.creator)
        writer.element("xmp:CreateDate", text: isoDate)
        writer.element("xmp:ModifyDate", text: isoDate)
        writer.element("xmp:MetadataDate", text: isoDate)
        writer.element("pdfaid:part", text: "2")
        writer.element("pdfaid:conformance", text: "B")
        writer.end()
        writer.end()
        writer.end()
        writer.processingInstruction("xpacket", "end=\"w\"")
        return writer.finish()
    }

    /// A PDF literal string of ASCII text.
    package static func literal(_ text: String) -> String {
        "(" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
            .replacingOccurrences(of: ")", with: "\\)") + ")"
    }
}

/// Just enough of the PDF syntax (ISO 32000-1, 7.2–7.3) to read Cairo's
/// dictionaries without being fooled by text: literal strings with nested
/// parentheses and escapes, hex strings, names, nested dictionaries and arrays.
package enum PDFSyntax {
    /// The end of a token starting at `i` that is a string; nil when `i` starts none.
    private static func skipString(_ b: [UInt8], _ i: Int) -> Int? {
        if b[i] == UInt8(ascii: "(") {
            var depth = 0, j = i
            while j < b.count {
                switch b[j] {
                case UInt8(ascii: "\\"): j += 1
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"):
                    depth -= 1
                    if depth == 0 { return j + 1 }
                default: break
                }
                j += 1
            }
            return b.count
        }
        if b[i] == UInt8(ascii: "<"), i + 1 < b.count, b[i + 1] != UInt8(ascii: "<") {
            var j = i + 1
            while j < b.count, b[j] != UInt8(ascii: ">") { j += 1 }
            return min(j + 1, b.count)
        }
        return nil
    }

    /// Where `endobj` starts, looking from `start` and outside strings.
    package static func endOfObject(_ b: [UInt8], from start: Int) -> Int? {
        let word = Array("endobj".utf8)
        var i = start
        while i < b.count {
            if let end = skipString(b, i) { i = end; continue }
            if b[i] == word[0], i + word.count <= b.count, b[i..<(i + word.count)].elementsEqual(word) { return i }
            i += 1
        }
        return nil
    }

    /// The range of the value of `key` in the top level of the dictionary
    /// `b` (which starts with `<<`): a name, a number, a string, a reference's
    /// first number, or a nested dictionary or array.
    package static func value(of key: String, in b: [UInt8]) -> Range<Int>? {
        let name = Array(key.utf8)
        var depth = 0
        var i = 0
        var expectingValueOf = false
        func isDelimiter(_ c: UInt8) -> Bool {
            c == 32 || c == 10 || c == 13 || c == 9 || c == 12 || c == 0 || "()<>[]{}/%".utf8.contains(c)
        }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "<"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "<") {
                if expectingValueOf && depth == 1 {
                    // a nested dictionary: its whole extent
                    var d = 0, j = i
                    while j < b.count {
                        if let end = skipString(b, j) { j = end; continue }
                        if b[j] == UInt8(ascii: "<"), j + 1 < b.count, b[j + 1] == UInt8(ascii: "<") { d += 1; j += 2; continue }
                        if b[j] == UInt8(ascii: ">"), j + 1 < b.count, b[j + 1] == UInt8(ascii: ">") { d -= 1; j += 2; if d == 0 { return i..<j }; continue }
                        j += 1
                    }
                    return i..<b.count
                }
                depth += 1; i += 2; continue
            }
            if c == UInt8(ascii: ">"), i + 1 < b.count, b[i + 1] == UInt8(ascii: ">") { depth -= 1; i += 2; continue }
            if let end = skipString(b, i) {
                if expectingValueOf && depth == 1 { return i..<end }
                i = end; continue
            }
            if c == UInt8(ascii: "[") || c == UInt8(ascii: "]") {
                if expectingValueOf && depth == 1 && c == UInt8(ascii: "[") {
                    var d = 0, j = i
                    while j < b.count {
                        if let end = skipString(b, j) { j = end; continue }
                        if b[j] == UInt8(ascii: "[") { d += 1 } else if b[j] == UInt8(ascii: "]") { d -= 1; if d == 0 { return i..<(j + 1) } }
                        j += 1
                    }
                    return i..<b.count
                }
                depth += c == UInt8(ascii: "[") ? 1 : -1; i += 1; continue
            }
            if isDelimiter(c) && c != UInt8(ascii: "/") { i += 1; continue }
            // A name or another token.
            var j = i + 1
            while j < b.count, !isDelimiter(b[j]) { j += 1 }
            if depth == 1 {
                if expectingValueOf { return i..<j }
                if c == UInt8(ascii: "/"), b[i..<j].elementsEqual(name) { expectingValueOf = true; i = j; continue }
            }
            i = j
        }
        return nil
    }

    /// The text of a literal string token `(...)`, escapes undone.
    package static func literalText(_ token: ArraySlice<UInt8>) -> String? {
        guard token.first == UInt8(ascii: "("), token.last == UInt8(ascii: ")") else { return nil }
        var bytes: [UInt8] = []
        var i = token.startIndex + 1
        while i < token.endIndex - 1 {
            if token[i] == UInt8(ascii: "\\"), i + 1 < token.endIndex - 1 {
                bytes.append(token[i + 1]); i += 2; continue
            }
            bytes.append(token[i]); i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// The last occurrence of `pattern` (the standard library has only `firstRange(of:)`).
    func lastRange(of pattern: [UInt8]) -> Range<Int>? {
        guard !pattern.isEmpty, pattern.count <= count else { return nil }
        var i = count - pattern.count
        while i >= 0 {
            if self[i] == pattern[0], self[i..<(i + pattern.count)].elementsEqual(pattern) { return i..<(i + pattern.count) }
            i -= 1
        }
        return nil
    }
}

/// Reads objects of a PDF that Cairo wrote (one cross-reference table, one
/// subsection) through the sink it went into: only the trailer, the table
/// entries asked for and the objects themselves.
package struct PDFFileReader {
    package let sink: FileSink
    package let length: Int

    package struct Trailer {
        package var size: Int
        package var root: Int
        package var info: Int
        /// Offset of the cross-reference table.
        package var xref: Int
        /// Offset of the table's first entry.
        package var firstEntry: Int
    }

    package func read(_ offset: Int, _ count: Int) throws -> [UInt8] {
        try sink.read(at: offset, count: max(0, min(count, length - offset)))
    }

    private func number(after key: String, in bytes: [UInt8]) -> Int? {
        guard let r = bytes.firstRange(of: Array(key.utf8)) else { return nil }
        var i = r.upperBound
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 10 || bytes[i] == 13 { i += 1 }
        var value = 0, digits = 0
        while i < bytes.count, (48...57).contains(bytes[i]) { value = value * 10 + Int(bytes[i] - 48); i += 1; digits += 1 }
        return digits > 0 ? value : nil
    }

    package func trailer() throws -> Trailer {
        let tailStart = max(0, length - 2048)
        let tail = try read(tailStart, length - tailStart)
        guard let s = tail.lastRange(of: Array("startxref".utf8)), let xref = number(after: "startxref", in: Array(tail[s.lowerBound...])),
              let t = tail.lastRange(of: Array("trailer".utf8)) else {
            throw PDFArchival.Failure(description: "Cairo's PDF has no trailer")
        }
        let dictionary = Array(tail[t.upperBound...])
        guard let size = number(after: "/Size", in: dictionary), let root = number(after: "/Root", in: dictionary),
              let info = number(after: "/Info", in: dictionary) else {
            throw PDFArchival.Failure(description: "Cairo's trailer lacks /Size, /Root or /Info")
        }
        // "xref\n0 SIZE\n", then 20-byte entries.
        let head = try read(xref, 64)
        let expected = Array("xref\n0 \(size)\n".utf8)
        guard head.starts(with: expected) else { throw PDFArchival.Failure(description: "Cairo's cross-reference table is not one subsection") }
        return Trailer(size: size, root: root, info: info, xref: xref, firstEntry: xref + expected.count)
    }

    /// The offset of object `number` from the cross-reference table.
    package func offset(of number: Int, in trailer: Trailer) throws -> Int {
        let entry = try read(trailer.firstEntry + 20 * number, 20)
        guard entry.count == 20, entry[17] == UInt8(ascii: "n"), let value = Int(String(decoding: entry[0..<10], as: UTF8.self)) else {
            throw PDFArchival.Failure(description: "object \(number) is not in Cairo's cross-reference table")
        }
        return value
    }

    /// The body of object `number` (between `N 0 obj` and `endobj`).
    package func object(_ number: Int, _ trailer: Trailer) throws -> [UInt8] {
        try object(number, at: try offset(of: number, in: trailer))
    }

    private func object(_ number: Int, at offset: Int) throws -> [UInt8] {
        let header = Array("\(number) 0 obj\n".utf8)
        var window = 4096
        while true {
            let bytes = try read(offset, window)
            guard bytes.starts(with: header) else { throw PDFArchival.Failure(description: "object \(number) is not where the table says") }
            if let end = PDFSyntax.endOfObject(bytes, from: header.count) {
                var body = Array(bytes[header.count..<end])
                while let last = body.last, last == 10 || last == 13 || last == 32 { body.removeLast() }
                return body
            }
            guard window < 1 << 22, offset + window < length else { throw PDFArchival.Failure(description: "object \(number) has no end") }
            window *= 4
        }
    }

    /// The object holding the byte at `offset`: its number and body; nil
    /// when the nearest object header before it is not one the
    /// cross-reference table names there (the bytes were inside text).
    package func objectAround(_ position: Int, _ trailer: Trailer) throws -> (Int, [UInt8])? {
        let start = max(0, position - 2048)
        let before = try read(start, position - start)
        guard let obj = before.lastRange(of: Array(" 0 obj\n".utf8)) else { return nil }
        var i = obj.lowerBound
        while i > 0, (48...57).contains(before[i - 1]) { i -= 1 }
        guard i == 0 || before[i - 1] == 10 || before[i - 1] == 13,
              let number = Int(String(decoding: before[i..<obj.lowerBound], as: UTF8.self)),
              number < trailer.size, (try? self.offset(of: number, in: trailer)) == start + i else { return nil }
        return (number, try object(number, at: start + i))
    }
}
