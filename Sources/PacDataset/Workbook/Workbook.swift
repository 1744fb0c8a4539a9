// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import CLibXML2
import CZlibCRC
import Foundation
import ZIPFoundation

/// A spreadsheet workbook (.xlsx or .ods) in the dataset folder: its sheets
/// by name, each readable as records like a CSV file's.
///
/// The container is opened with ZIPFoundation; every XML part is unpacked
/// on demand into memory (small parts) or an unlinked temporary file (large
/// ones) and read with `XMLStream`, so memory stays bounded whatever the
/// sheet's size. A part that unpacks to more than `maxPartBytes` is refused.
package final class Workbook {
    package enum Kind: Sendable { case xlsx, ods }

    /// The workbook's file name, for messages.
    package let name: String
    package let kind: Kind
    /// Sheet names in workbook order. For an .ods they are found by reading
    /// content.xml through, so only when asked: a table's own workbook
    /// (`activities.ods`) is read from its first sheet without them.
    package func sheetNames() throws -> [String] {
        if let names = knownSheetNames { return names }
        let names = try ODSSheet.sheetNames(in: self)
        knownSheetNames = names
        return names
    }

    private var knownSheetNames: [String]?
    /// Where the parts are: a zip container, or (tests, fuzzing) parts by name.
    private enum Storage {
        case archive(Archive)
        case parts([String: [UInt8]])
    }

    private let storage: Storage
    /// xlsx: the sheet parts, by sheet position; date system; workbook parts.
    private var xlsx: XLSXParts?

    /// Parts larger than this once unpacked are refused (a dataset sheet of
    /// 100,000 activities is about 60 MB).
    package static let maxPartBytes: UInt64 = 1 << 30
    package static let ratioCheckBytes: UInt64 = 16 << 20
    package static let maxRatio: UInt64 = 100
    /// Parts up to this size are unpacked into memory, larger ones into a
    /// temporary file (a sheet of 10,000 activities as Calc writes it is
    /// about 30 MB).
    package static let memoryPartBytes: UInt64 = 64 << 20

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
        package init(_ description: String) { self.description = description }
    }

    package static func kind(ofFileNamed name: String) -> Kind? {
        switch (name as NSString).pathExtension.lowercased() {
        case "xlsx": return .xlsx
        case "ods": return .ods
        default: return nil
        }
    }

    /// Opens the workbook at `path`.
    package convenience init(path: String, kind: Kind) throws {
        let name = (path as NSString).lastPathComponent
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read, pathEncoding: nil)
        } catch {
            throw Failure(Self.notAWorkbook(name, kind))
        }
        try self.init(storage: .archive(archive), name: name, kind: kind)
    }

    /// A workbook of parts given by name, without a container (fuzzing:
    /// the XML reaches the reader as the fuzzer made it).
    package convenience init(parts: [String: [UInt8]], name: String, kind: Kind) throws {
        try self.init(storage: .parts(parts), name: name, kind: kind)
    }

    private init(storage: Storage, name: String, kind: Kind) throws {
        self.storage = storage
        self.name = name
        self.kind = kind
        switch kind {
        case .xlsx:
            let parts = try XLSXParts(workbook: self)
            xlsx = parts
            knownSheetNames = parts.sheets.map(\.name)
        case .ods:
            // An OpenDocument spreadsheet has content.xml (read when a sheet is).
            if case .archive(let archive) = storage, archive["content.xml"] == nil {
                throw Failure("has no content.xml; save it again from your spreadsheet program as an OpenDocument spreadsheet")
            }
        }
    }

    private static func notAWorkbook(_ name: String, _ kind: Kind) -> String {
        let program = kind == .xlsx ? "Excel workbook (.xlsx)" : "OpenDocument spreadsheet (.ods)"
        let save = kind == .xlsx ? "Excel Workbook (.xlsx)" : "ODF Spreadsheet (.ods)"
        return "is not a readable \(program): the file is damaged, or is another kind of file renamed (an .xls or a CSV file); open it in your spreadsheet program and save it as \(save)"
    }

    /// One archive is unpacked by one thread at a time (sheets of one
    /// workbook are read on threads of their own).
    private let archiveLock = NSLock()

    /// libxml2 is made ready once, before any thread parses.
    private static let parserReady: Void = xmlInitParser()

    /// Parts unpacked into memory that are read more than once (an .ods
    /// file's content.xml: once for the sheets' names, once for each
    /// sheet), kept while the workbook is.
    private var kept: [String: UnpackedPart] = [:]

    /// Lets go of the parts kept for reading again (the streams reading
    /// them keep their own).
    package func forgetKept() {
        archiveLock.lock()
        kept.removeAll()
        archiveLock.unlock()
    }

    /// The part `path`, unpacked and ready to read; nil when it is missing.
    /// With `keep`, a part unpacked into memory is kept, and read from
    /// there again when asked for again (not unpacked again).
    package func stream(_ path: String, keep: Bool = false) throws -> XMLStream? {
        Self.parserReady
        archiveLock.lock()
        defer { archiveLock.unlock() }
        if let part = kept[path] {
            guard let stream = XMLStream(part, part: path) else { throw Failure("\(path) cannot be read as XML") }
            return stream
        }
        let archive: Archive
        switch storage {
        case .parts(let parts):
            guard let bytes = parts[path] else { return nil }
            guard let stream = XMLStream(bytes: bytes, part: path) else { throw Failure("\(path) cannot be read as XML") }
            return stream
        case .archive(let a):
            archive = a
        }
        guard let entry = archive[path] else { return nil }
        if entry.uncompressedSize > Self.maxPartBytes { throw tooLarge(path) }
        if entry.uncompressedSize <= Self.memoryPartBytes {
            // Straight into the buffer the reader reads (no second copy). A
            // directory that says less than there is: grown up to the memory
            // limit, then the part goes through a temporary file after all.
            var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(Int(entry.uncompressedSize), 1), alignment: 1)
            var count = 0
            do {
                try unpack(entry, path) { chunk in
                    if count + chunk.count > buffer.count {
                        guard count + chunk.count <= Int(Self.memoryPartBytes) else { throw LargerThanSaid() }
                        let larger = UnsafeMutableRawBufferPointer.allocate(
                            byteCount: min(max(buffer.count * 2, count + chunk.count), Int(Self.memoryPartBytes)), alignment: 1)
                        larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                        buffer.deallocate()
                        buffer = larger
                    }
                    chunk.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]), count: chunk.count)
                    count += chunk.count
                }
            } catch is LargerThanSaid {
                buffer.deallocate()
                return try streamThroughFile(entry, path)
            } catch {
                buffer.deallocate()
                throw error
            }
            let part = UnpackedPart(owning: buffer, count: count)
            if keep { kept[path] = part }
            guard let stream = XMLStream(part, part: path) else { throw Failure("\(path) cannot be read as XML") }
            return stream
        }
        return try streamThroughFile(entry, path)
    }

    private struct LargerThanSaid: Error {}

    /// The part unpacked into an unlinked temporary file and read from there.
    private func streamThroughFile(_ entry: Entry, _ path: String) throws -> XMLStream {
        let fd = try temporaryFile()
        do {
            try unpack(entry, path) { chunk in
                let code = chunk.withUnsafeBytes { writeAll(fd, $0) }
                if code != 0 {
                    throw Failure("cannot unpack \(path) into a temporary file: \(String(cString: strerror(code)).lowercased())")
                }
            }
        } catch {
            close(fd)
            throw error
        }
        lseek(fd, 0, SEEK_SET)
        guard let stream = XMLStream(fd: fd, part: path) else { throw Failure("\(path) cannot be read as XML") }
        return stream
    }

    /// Unpacks `entry`, handing its bytes to `consumer`, and stops with an
    /// error past `maxPartBytes` (the size in the zip's directory may lie),
    /// or past 16 MB at more than 100 times the packed size: real sheets
    /// pack 5 to 20 times, only a zip bomb packs more (the rule of Apache
    /// POI's ZipSecureFile).
    private func unpack(_ entry: Entry, _ path: String, _ consumer: (Data) throws -> Void) throws {
        var total: UInt64 = 0
        var crc: uLong = 0
        let packed = max(entry.compressedSize, 1)
        do {
            guard case .archive(let archive) = storage else { return }
            _ = try archive.extract(entry, bufferSize: 65_536, skipCRC32: true) { chunk in
                crc = chunk.withUnsafeBytes { crc32(crc, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) }
                total += UInt64(chunk.count)
                if total > Self.maxPartBytes { throw self.tooLarge(path) }
                if total > Self.ratioCheckBytes, total / packed > Self.maxRatio {
                    throw Failure("\(path) unpacks to more than \(Self.maxRatio) times its packed size, as only a zip bomb does; it was not read")
                }
                try consumer(chunk)
            }
        } catch let failure as Failure {
            throw failure
        } catch let larger as LargerThanSaid {
            throw larger
        } catch {
            throw Failure("\(path) is damaged inside the workbook (\(error)); save the workbook again from your spreadsheet program")
        }
        if UInt32(truncatingIfNeeded: crc) != entry.checksum {
            throw Failure("\(path) is damaged inside the workbook (its checksum does not match); save the workbook again from your spreadsheet program")
        }
    }

    private func tooLarge(_ path: String) -> Failure {
        Failure("\(path) would unpack to more than \(Self.maxPartBytes >> 20) MB, far more than any dataset sheet; it was not read")
    }

    /// An unlinked temporary file: nothing is left behind, whatever happens.
    private func temporaryFile() throws -> Int32 {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/pacreport-sheet-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure("cannot make a temporary file in \(folder): \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    /// The records of sheet number `index` (0-based).
    package func records(ofSheet index: Int) throws -> RecordSource {
        switch kind {
        case .xlsx:
            guard let xlsx, xlsx.sheets.indices.contains(index) else { throw Failure("the workbook has no sheet") }
            return try XLSXSheet(workbook: self, parts: xlsx, sheet: index)
        case .ods:
            if index == 0, knownSheetNames == nil { return try ODSSheet(workbook: self, sheet: nil) }
            let names = try sheetNames()
            guard names.indices.contains(index) else { throw Failure("the workbook has no sheet") }
            return try ODSSheet(workbook: self, sheet: names[index])
        }
    }
}

/// Turns cell values into the text a CSV file would hold.
package enum CellText {
    /// A number as a dataset writes it: whole numbers without a decimal
    /// part (`24.0` is `24`), others in the shortest form that keeps 15
    /// significant digits (`1.5`, not `1.4999999999999998`).
    package static func number(_ raw: String) -> String {
        // Whole numbers as spreadsheets store them: as they are.
        if !raw.isEmpty, raw.utf8.count < 16, raw.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
           raw.utf8.first != 48 || raw.utf8.count == 1 {
            return raw
        }
        let trimmed = trimmed(raw)
        guard let value = Double(trimmed), value.isFinite else { return trimmed }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        var text = String(format: "%.15g", value)
        if text.contains("e") { text = "\(value)" }
        return text
    }

    /// A date cell's value (`2020-03-17` or `2020-03-17T10:30:00`) as an ISO date.
    package static func isoDate(_ raw: String) -> String {
        let text = trimmed(raw)
        return text.utf8.count > 10 ? String(text.prefix(10)) : text
    }

    /// Spaces and tabs around a text cell dropped, as around an unquoted CSV value.
    package static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last,
              first == 32 || first == 9 || last == 32 || last == 9 else { return text }
        let start = utf8.firstIndex { $0 != 32 && $0 != 9 } ?? utf8.endIndex
        guard start != utf8.endIndex else { return "" }
        let end = utf8.lastIndex { $0 != 32 && $0 != 9 }!
        return String(text[start...end])
    }

    /// xlsx text with its `_xHHHH_` escapes (ECMA-376 ST_Xstring: characters
    /// XML cannot hold, such as `_x000D_` for a carriage return) decoded;
    /// `_x005F_` escapes the underscore itself.
    package static func unescapeOOXML(_ text: String) -> String {
        // Most text has neither: one pass over the bytes tells.
        var candidate = false
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b == 13 || (previous == 95 && b == 120) { candidate = true; break }  // "\r" or "_x"
            previous = b
        }
        guard candidate else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "_x") {
            result += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let value = UInt32(hex, radix: 16),
               let scalar = Unicode.Scalar(value) {
                result.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                result += "_x"
                rest = after
            }
        }
        result += rest
        // A line break inside a value is one LF, as in a CSV file.
        return result.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The whole number a C string of digits holds (a style index).
    package static func wholeNumber(_ p: UnsafePointer<UInt8>) -> Int? {
        var value = 0
        var i = 0
        while p[i] != 0 {
            guard p[i] >= 48, p[i] <= 57, value < 1 << 40 else { return nil }
            value = value * 10 + Int(p[i] - 48)
            i += 1
        }
        return i == 0 ? nil : value
    }

    /// The 0-based column of a cell reference's letters (`D4` → 3); nil when it has none.
    package static func columnIndex(ofReference reference: UnsafePointer<UInt8>) -> Int? {
        var i = 0
        var column = 0
        while true {
            let c = reference[i]
            if c >= 65 && c <= 90 { column = column * 26 + Int(c - 64) }
            else if c >= 97 && c <= 122 { column = column * 26 + Int(c - 96) }
            else { break }
            i += 1
            if column > 1 << 20 { return nil }
        }
        return i == 0 ? nil : column - 1
    }
}

extension ISODate {
    /// The date a spreadsheet date number stands for: days since 1899-12-30
    /// (the 1900 date system, with Excel's phantom 29 February 1900 before
    /// day 61), or since 1904-01-01; a time of day is dropped.
    package init?(spreadsheetSerial serial: Double, date1904: Bool = false) {
        guard serial.isFinite, serial >= (date1904 ? 0 : 1), serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        let daysSince1970: Int
        if date1904 {
            daysSince1970 = whole - 24_107
        } else if whole >= 61 {
            daysSince1970 = whole - 25_569
        } else if whole == 60 {
            return nil  // 29 February 1900, a day that never was
        } else {
            daysSince1970 = whole - 25_568
        }
        self.init(unixSeconds: Int64(daysSince1970) * 86_400)
    }
}
