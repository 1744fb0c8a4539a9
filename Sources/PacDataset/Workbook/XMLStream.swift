// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import CLibXML2
import Foundation

/// A workbook part's bytes unpacked into memory once, freed with the last
/// stream that reads them (and the workbook that keeps them).
package final class UnpackedPart: @unchecked Sendable {
    let memory: UnsafeMutableRawPointer
    let count: Int

    init(owning buffer: UnsafeMutableRawBufferPointer, count: Int) {
        memory = buffer.baseAddress!
        self.count = count
    }

    deinit { memory.deallocate() }
}

/// One XML part of a workbook, read node by node with libxml2's streaming
/// reader (`xmlTextReader`): never a whole document in memory, never the
/// network, never an entity from outside the file.
///
/// Owns the reader and the file descriptor it reads from, and holds the
/// memory it reads from; frees them in `deinit`. A document type
/// declaration (which spreadsheet files never have, and which is where
/// entity tricks live) ends the reading with an error.
package final class XMLStream {
    private let reader: xmlTextReaderPtr
    private let fd: Int32
    /// The unpacked part it reads from memory (perhaps with other streams).
    private let unpacked: UnpackedPart?
    /// The part's name in the archive, for messages.
    package let part: String
    /// Why reading stopped early: the parser's first error, or a DTD.
    package private(set) var failure: String?

    /// Options: no network, no entity substitution, no DTD loading; the
    /// parser's own error output is routed to `failure` instead of stderr.
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)

    /// Reads the part from `fd` (an unlinked temporary file), which it closes.
    package init?(fd: Int32, part: String) {
        guard let reader = xmlReaderForFd(fd, nil, "UTF-8", Self.options) else { close(fd); return nil }
        self.reader = reader
        self.fd = fd
        self.unpacked = nil
        self.part = part
        installErrorHandler()
    }

    /// Reads the part from a copy of `bytes`.
    package convenience init?(bytes: [UInt8], part: String) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        bytes.withUnsafeBytes { if let base = $0.baseAddress { buffer.baseAddress!.copyMemory(from: base, byteCount: bytes.count) } }
        self.init(UnpackedPart(owning: buffer, count: bytes.count), part: part)
    }

    /// Reads a part unpacked into memory, which it holds while it reads
    /// (read-only: a part kept by its workbook is read by several streams,
    /// on several threads at once).
    package init?(_ unpacked: UnpackedPart, part: String) {
        guard unpacked.count <= Int(Int32.max),
              let reader = xmlReaderForMemory(unpacked.memory.assumingMemoryBound(to: CChar.self), Int32(unpacked.count),
                                              nil, "UTF-8", Self.options) else { return nil }
        self.reader = reader
        self.fd = -1
        self.unpacked = unpacked
        self.part = part
        installErrorHandler()
    }

    deinit {
        xmlFreeTextReader(reader)  // before `unpacked` is let go
        if fd >= 0 { close(fd) }
    }

    private func installErrorHandler() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlTextReaderSetErrorHandler(reader, { arg, message, severity, locator in
            guard let arg else { return }
            let stream = Unmanaged<XMLStream>.fromOpaque(arg).takeUnretainedValue()
            guard severity == XML_PARSER_SEVERITY_ERROR || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR,
                  stream.failure == nil else { return }
            let text = message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "not XML"
            let line = locator.map { Int(xmlTextReaderLocatorLineNumber($0)) } ?? 0
            stream.failure = "\(stream.part) is not well-formed XML (line \(line): \(text))"
        }, context)
    }

    /// Moves to the next node; false at the end of the part or when it
    /// cannot be read further (`failure` says why).
    package func read() -> Bool {
        guard failure == nil else { return false }
        let result = xmlTextReaderRead(reader)
        if result < 0, failure == nil { failure = "\(part) is damaged: it cannot be read as XML" }
        nodeType = result == 1 ? xmlTextReaderNodeType(reader) : 0
        guard result == 1 else { return false }
        if nodeType == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
            failure = "\(part) has a document type declaration, which spreadsheet files never have; it was not read"
            return false
        }
        return true
    }

    /// Skips the current element's subtree (to its next sibling); false at the end.
    package func skipSubtree() -> Bool {
        guard failure == nil else { return false }
        let result = xmlTextReaderNext(reader)
        if result < 0, failure == nil { failure = "\(part) is damaged: it cannot be read as XML" }
        nodeType = result == 1 ? xmlTextReaderNodeType(reader) : 0
        return result == 1
    }

    /// The current node's type (`XML_READER_TYPE_…`), asked of the reader
    /// once per move (it is asked several times per node); 0 before the
    /// first node and after the last.
    package private(set) var nodeType: Int32 = 0
    package var isElement: Bool { nodeType == Int32(XML_READER_TYPE_ELEMENT.rawValue) }
    package var isEndElement: Bool { nodeType == Int32(XML_READER_TYPE_END_ELEMENT.rawValue) }
    /// Text, CDATA and whitespace nodes: what a cell's text is made of.
    package var isText: Bool {
        switch nodeType {
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
             Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
            return true
        default: return false
        }
    }
    package var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    package var depth: Int32 { xmlTextReaderDepth(reader) }

    // Names are compared as pointers: the parser keeps every element and
    // attribute name once in its dictionary, so a name asked for is looked
    // up there once per part (`intern`) and then compared by address, never
    // hashed or compared byte by byte per node.
    private var internedNames: [(key: UnsafeRawPointer, name: UnsafePointer<xmlChar>?)] = []
    private var knownNamespaces: [(href: UnsafePointer<xmlChar>, key: UnsafeRawPointer, equal: Bool)] = []

    /// `name` as the parser's dictionary holds it.
    package func intern(_ name: StaticString) -> UnsafePointer<xmlChar>? {
        let key = UnsafeRawPointer(name.utf8Start)
        for entry in internedNames where entry.key == key { return entry.name }
        let pointer = name.description.withCString { text in
            text.withMemoryRebound(to: xmlChar.self, capacity: name.utf8CodeUnitCount + 1) {
                xmlTextReaderConstString(reader, $0)
            }
        }
        internedNames.append((key, pointer))
        return pointer
    }

    private var node: UnsafeMutablePointer<xmlNode>? { xmlTextReaderCurrentNode(reader) }

    /// Whether the current element's local name is `name`.
    package func named(_ name: StaticString) -> Bool {
        guard let current = node?.pointee.name else { return false }
        return current == intern(name)
    }

    /// Whether the name of an attribute given by `forEachAttribute` is `name`.
    package func isName(_ pointer: UnsafePointer<xmlChar>?, _ name: StaticString) -> Bool {
        pointer != nil && pointer == intern(name)
    }

    /// Whether the namespace URI `href` (of a node or attribute) is `uri`.
    package func isNamespace(_ href: UnsafePointer<xmlChar>?, _ uri: StaticString) -> Bool {
        guard let href else { return false }
        let key = UnsafeRawPointer(uri.utf8Start)
        for entry in knownNamespaces where entry.href == href && entry.key == key { return entry.equal }
        let equal = Self.equal(href, uri)
        if knownNamespaces.count < 64 { knownNamespaces.append((href, key, equal)) }
        return equal
    }

    /// Whether the current element's namespace URI is `uri`.
    package func inNamespace(_ uri: StaticString) -> Bool { isNamespace(node?.pointee.ns?.pointee.href, uri) }

    /// The current text node's value.
    package var text: String {
        guard let value = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: value)
    }

    /// Hands each attribute of the current element to `body`: its local
    /// name (compare with `isName`), namespace URI (`isNamespace`) and
    /// value, valid during the call.
    package func forEachAttribute(_ body: (_ name: UnsafePointer<xmlChar>?, _ namespace: UnsafePointer<xmlChar>?,
                                   _ value: UnsafePointer<xmlChar>?) -> Void) {
        guard isElement, var attribute = node?.pointee.properties else { return }
        while true {
            let a = attribute.pointee
            // A value is one text node; one with entity references has several: joined.
            var value: UnsafePointer<xmlChar>? = a.children.flatMap { $0.pointee.next == nil ? UnsafePointer($0.pointee.content) : nil }
            var joined: [xmlChar] = []
            if value == nil, var child = a.children {
                while true {
                    if let content = child.pointee.content {
                        var i = 0
                        while content[i] != 0 { joined.append(content[i]); i += 1 }
                    }
                    guard let next = child.pointee.next else { break }
                    child = next
                }
                joined.append(0)
            }
            if value == nil {
                joined.withUnsafeBufferPointer { body(a.name, a.ns?.pointee.href, $0.baseAddress) }
            } else {
                body(a.name, a.ns?.pointee.href, value)
            }
            value = nil
            guard let next = a.next else { break }
            attribute = next
        }
    }

    /// The value of the attribute `name` (no namespace), if present.
    package func attribute(_ name: StaticString) -> String? {
        var found: String?
        forEachAttribute { n, ns, value in
            if found == nil, ns == nil, isName(n, name), let value { found = String(cString: value) }
        }
        return found
    }

    /// The text of the current element (all text below it, concatenated),
    /// leaving the reader on its end tag.
    package func elementText() -> String {
        guard isElement, !isEmptyElement else { return "" }
        let start = depth
        var result = ""
        while read() {
            if isText { result += text }
            else if isEndElement, depth == start { break }
        }
        return result
    }

    /// Reads to the end tag of the current element, passing over what is inside.
    package func skipElement() {
        guard isElement, !isEmptyElement else { return }
        let start = depth
        while read(), !(isEndElement && depth == start) {}
    }

    /// Compares a NUL-terminated C string with a static string, byte by byte.
    package static func equal(_ pointer: UnsafePointer<xmlChar>?, _ name: StaticString) -> Bool {
        guard let pointer else { return false }
        let count = name.utf8CodeUnitCount
        let bytes = name.utf8Start
        for i in 0..<count where pointer[i] != bytes[i] { return false }  // stops at the C string's NUL
        return pointer[count] == 0
    }
}
