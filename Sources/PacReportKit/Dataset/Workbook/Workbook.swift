import Foundation
import ZIPFoundation

/// A spreadsheet workbook (.xlsx or .ods) in the dataset folder: its sheets
/// by name, each readable as records like a CSV file's.
///
/// The container is opened with ZIPFoundation; every XML part is unpacked
/// on demand into memory (small parts) or an unlinked temporary file (large
/// ones) and read with `XMLStream`, so memory stays bounded whatever the
/// sheet's size. A part that unpacks to more than `maxPartBytes` is refused.
final class Workbook {
    enum Kind: Sendable { case xlsx, ods }

    /// The workbook's file name, for messages.
    let name: String
    let kind: Kind
    /// Sheet names in workbook order.
    private(set) var sheetNames: [String] = []
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
    nonisolated(unsafe) static var maxPartBytes: UInt64 = 1 << 30
    static let ratioCheckBytes: UInt64 = 16 << 20
    static let maxRatio: UInt64 = 100
    /// Parts up to this size are unpacked into memory, larger ones into a temporary file.
    static let memoryPartBytes: UInt64 = 4 << 20

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func kind(ofFileNamed name: String) -> Kind? {
        switch (name as NSString).pathExtension.lowercased() {
        case "xlsx": return .xlsx
        case "ods": return .ods
        default: return nil
        }
    }

    /// Opens the workbook at `path`.
    convenience init(path: String, kind: Kind) throws {
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
    convenience init(parts: [String: [UInt8]], name: String, kind: Kind) throws {
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
            sheetNames = parts.sheets.map(\.name)
        case .ods:
            sheetNames = try ODSSheet.sheetNames(in: self)
        }
    }

    private static func notAWorkbook(_ name: String, _ kind: Kind) -> String {
        let program = kind == .xlsx ? "Excel workbook (.xlsx)" : "OpenDocument spreadsheet (.ods)"
        return "is not a readable \(program): it is not a zip container; save it again from your spreadsheet program"
    }

    /// The part `path`, unpacked and ready to read; nil when it is missing.
    func stream(_ path: String) throws -> XMLStream? {
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
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(entry.uncompressedSize))
            try unpack(entry, path) { chunk in bytes.append(contentsOf: chunk) }
            guard let stream = XMLStream(bytes: bytes, part: path) else { throw Failure("\(path) cannot be read as XML") }
            return stream
        }
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
        let packed = max(entry.compressedSize, 1)
        do {
            guard case .archive(let archive) = storage else { return }
            _ = try archive.extract(entry, bufferSize: 65_536, skipCRC32: false) { chunk in
                total += UInt64(chunk.count)
                if total > Self.maxPartBytes { throw self.tooLarge(path) }
                if total > Self.ratioCheckBytes, total / packed > Self.maxRatio {
                    throw Failure("\(path) unpacks to more than \(Self.maxRatio) times its packed size, as only a zip bomb does; it was not read")
                }
                try consumer(chunk)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure("\(path) is damaged inside the workbook (\(error)); save the workbook again from your spreadsheet program")
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
    func records(ofSheet index: Int) throws -> RecordSource {
        switch kind {
        case .xlsx:
            guard let xlsx else { throw Failure("the workbook has no sheets") }
            return try XLSXSheet(workbook: self, parts: xlsx, sheet: index)
        case .ods:
            return try ODSSheet(workbook: self, sheet: sheetNames[index])
        }
    }
}

/// Turns cell values into the text a CSV file would hold.
enum CellText {
    /// A number as a dataset writes it: whole numbers without a decimal
    /// part (`24.0` is `24`), others in the shortest form that keeps 15
    /// significant digits (`1.5`, not `1.4999999999999998`).
    static func number(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else { return trimmed }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        var text = String(format: "%.15g", value)
        if text.contains("e") { text = "\(value)" }
        return text
    }

    /// A date cell's value (`2020-03-17` or `2020-03-17T10:30:00`) as an ISO date.
    static func isoDate(_ raw: String) -> String {
        let text = raw.trimmingCharacters(in: .whitespaces)
        return text.count > 10 && text.utf8.count > 10 ? String(text.prefix(10)) : text
    }

    /// Spaces and tabs around a text cell dropped, as around an unquoted CSV value.
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last,
              first == 32 || first == 9 || last == 32 || last == 9 else { return text }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
    }

    /// xlsx text with its `_xHHHH_` escapes (ECMA-376 ST_Xstring: characters
    /// XML cannot hold, such as `_x000D_` for a carriage return) decoded;
    /// `_x005F_` escapes the underscore itself.
    static func unescapeOOXML(_ text: String) -> String {
        guard text.contains("_x") || text.contains("\r") else { return text }
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

    /// The column letters of 0-based column `index` (0 → A, 26 → AA).
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The 0-based column of a cell reference's letters (`D4` → 3); nil when it has none.
    static func columnIndex(ofReference reference: UnsafePointer<UInt8>) -> Int? {
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
    init?(spreadsheetSerial serial: Double, date1904: Bool = false) {
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
        // Civil date from days (Howard Hinnant's algorithm).
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }
}
