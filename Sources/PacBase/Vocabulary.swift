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
/// IFLA's working languages of the PAC network (English, French, Spanish,
/// German, Arabic, Chinese and Russian) and Kazakh.
public enum ReportLanguage: String, DatasetEnum {
    case en, ru, kk, fr, es, de, ar, zh

    /// Languages that write a decimal comma (CSV `--excel` then separates
    /// fields with `;`).
    public var usesDecimalComma: Bool {
        switch self {
        case .ru, .kk, .fr, .es, .de: return true
        case .en, .ar, .zh: return false
        }
    }

    /// The language with the country whose conventions the report follows
    /// (BCP 47, e.g. `ru-RU`): the ODT's language and country, the PDF's
    /// `/Lang`, the locale of CLDR's dates, numbers and lists.
    public var regionalTag: String {
        switch self {
        case .en: return "en-GB"
        case .ru: return "ru-RU"
        case .kk: return "kk-KZ"
        case .fr: return "fr-FR"
        case .es: return "es-ES"
        case .de: return "de-DE"
        case .ar: return "ar-EG"
        case .zh: return "zh-CN"
        }
    }

    /// The language tag text is shaped in (Pango's context language):
    /// Simplified Chinese takes the Chinese face's simplified forms.
    public var textLanguage: String { self == .zh ? "zh-Hans" : rawValue }

    /// Whether the script slants for emphasis: Arabic and Chinese have no
    /// italic (a slanted face is a distortion); their notes stay upright.
    public var hasItalic: Bool { self != .ar && self != .zh }

    /// Between the sentences of a paragraph: none in Chinese.
    public var sentenceSeparator: String { self == .zh ? "" : " " }

    /// Between a label and its value ("Phone: +7 …"): French sets a narrow
    /// no-break space before the colon, Chinese a full-width colon.
    public var labelSeparator: String {
        switch self {
        case .fr: return "\u{202F}: "
        case .zh: return "："
        default: return ": "
        }
    }

    /// Written right to left: the report's pages are mirrored.
    public var isRightToLeft: Bool { self == .ar }

    /// The class of script the language is written in, as OpenDocument
    /// files languages and fonts: Western, Asian (Chinese, Japanese,
    /// Korean) or complex (right-to-left and Indic scripts).
    public enum ScriptClass: Sendable { case western, asian, complex }

    public var scriptClass: ScriptClass {
        switch self {
        case .zh: return .asian
        case .ar: return .complex
        case .en, .ru, .kk, .fr, .es, .de: return .western
        }
    }
}
