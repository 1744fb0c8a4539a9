// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation

/// ISO 3166-1 alpha-2 country codes and their names in the report languages.
public enum Countries {
    /// The 249 officially assigned ISO 3166-1 alpha-2 codes, plus `XK`
    /// (Kosovo, user-assigned but used by the EU and most data sets).
    public static let codes: Set<String> = Set("""
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
        BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
        DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
        GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
        KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
        MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
        PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
        SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
        VN VU WF WS XK YE YT ZA ZM ZW
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// The upper-case code when `text` is a known code (any case), else nil.
    public static func normalise(_ text: String) -> String? {
        var bytes: [UInt8] = []
        for b in text.utf8 where b != 0x20 && b != 0x09 {
            bytes.append((UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) ? b - 32 : b)
        }
        guard bytes.count == 2 else { return nil }
        let upper = String(decoding: bytes, as: UTF8.self)
        return codes.contains(upper) ? upper : nil
    }

    /// The known codes by their letters (A…Z × A…Z), nil for the others.
    private static let byLetters: [String?] = {
        var table = [String?](repeating: nil, count: 26 * 26)
        for code in codes { table[letters(code)!] = code }
        return table
    }()

    /// A code of two capital letters A…Z as a number (A…Z × A…Z).
    package static func letters(_ code: String) -> Int? {
        var code = code
        return code.withUTF8 { b in
            guard b.count == 2, (65...90).contains(b[0]), (65...90).contains(b[1]) else { return nil }
            return Int(b[0] - 65) * 26 + Int(b[1] - 65)
        }
    }

    /// The known code of `letters` (as `letters` numbers it); "" for -1.
    package static func code(letters: Int) -> String {
        letters < 0 ? "" : byLetters[letters] ?? ""
    }

    /// `normalise` for a cell of exactly two ASCII letters, on its bytes;
    /// nil for anything else (then `normalise` decides).
    public static func code(bytes b: UnsafeBufferPointer<UInt8>) -> String? {
        @inline(__always) func letter(_ c: UInt8) -> Int? {
            switch c {
            case 65...90: return Int(c - 65)
            case 97...122: return Int(c - 97)
            default: return nil
            }
        }
        guard b.count == 2, let first = letter(b[0]), let second = letter(b[1]) else { return nil }
        return byLetters[first * 26 + second]
    }

    /// The country's name in `language`; falls back to English, then to the
    /// code itself, so a report never shows an empty name.
    public static func name(_ code: String, in language: ReportLanguage) -> String {
        cache.name(code, language)
    }

    private static let cache = NameCache()

    /// Names where ICU's data gives a variant a report should not show:
    /// the toolchain's ICU names China "China mainland" (and likewise in
    /// every language: "Chine continentale", "China, Festland", "中国大陆").
    package static let overrides = ["en:CN": "China", "ru:CN": "Китай", "kk:CN": "Қытай", "fr:CN": "Chine",
                                    "es:CN": "China", "de:CN": "China", "ar:CN": "الصين", "zh:CN": "中国"]

    private final class NameCache: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String: String] = [:]

        package func name(_ code: String, _ language: ReportLanguage) -> String {
            let key = language.rawValue + ":" + code
            lock.lock()
            defer { lock.unlock() }
            if let known = names[key] { return known }
            let name = Countries.overrides[key] ?? lookup(code, language.rawValue) ?? lookup(code, "en") ?? code
            names[key] = name
            return name
        }

        /// Each language's locale, made once (under the lock).
        private var locales: [String: Locale] = [:]

        private func lookup(_ code: String, _ language: String) -> String? {
            let locale = locales[language] ?? Locale(identifier: language)
            locales[language] = locale
            guard let name = locale.localizedString(forRegionCode: code), !name.isEmpty, name != code else { return nil }
            return name
        }
    }
}
