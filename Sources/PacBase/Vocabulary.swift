// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
/// A value of one of the dataset's closed vocabularies (kind, format, role, ...).
///
/// Values are matched case-insensitively after trimming; `-` and `_` count
/// as the same character, so `Round-Table` is `round_table`.
public protocol DatasetEnum: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

// Inlinable: the loaders (another module) match every enum cell of a
// dataset, and call these specialised for their types.
extension DatasetEnum {
    @inlinable
    public init?(matching text: String) {
        let key = Self.normalise(text)
        guard let found = Self.allCases.first(where: { Self.normalise($0.rawValue) == key }) else { return nil }
        self = found
    }

    /// Trims blanks without Foundation.
    @inlinable
    package static func trimmedBlanks(_ text: Substring) -> Substring {
        var t = text
        while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
        return t
    }

    /// Trimmed, ASCII letters lower-cased, `-` as `_` (no Foundation: this
    /// runs for every enum cell of a dataset).
    @inlinable
    package static func normalise(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b + 32)
            case UInt8(ascii: "-"): bytes.append(UInt8(ascii: "_"))
            default: bytes.append(b)
            }
        }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        let start = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.endIndex
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// The allowed values, for messages: `online | onsite | hybrid`.
    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A report language: the fixed wording, dates, numbers and country names.
public enum ReportLanguage: String, DatasetEnum {
    case en, ru, kk

    /// Languages that write a decimal comma.
    public var usesDecimalComma: Bool { self != .en }

    /// The language with the country whose conventions the report follows
    /// (BCP 47, e.g. `ru-RU`): the ODT's language and country.
    public var regionalTag: String {
        switch self {
        case .en: return "en-GB"
        case .ru: return "ru-RU"
        case .kk: return "kk-KZ"
        }
    }
}
