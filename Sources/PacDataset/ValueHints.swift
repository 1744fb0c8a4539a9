// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import _FoundationICU
import Foundation

/// What to write instead of a value that is wrong but recognisable: a date
/// as a spreadsheet shows it, a spreadsheet's date number, a number with
/// grouping, a country's name or three-letter code. Each function gives the
/// value to write, or nil when the value is not recognised.
package enum ValueHints {
    // MARK: dates

    /// The ISO date a date written another way stands for, with a note when
    /// it is a guess between two readings.
    package struct DateHint: Equatable {
        package var iso: String
        /// The other reading of an ambiguous `03/04/2020`, if any.
        package var alternative: String?
        /// A spreadsheet date number (days since 1899-12-30).
        package var fromSerial = false
    }

    package static func date(_ text: String, date1904: Bool = false) -> DateHint? {
        let t = text.trimmingCharacters(in: .whitespaces)
        // A time after the date (2020-03-17 00:00:00, 2020-03-17T10:30).
        for separator in [" ", "T"] {
            if let range = t.range(of: separator), t.distance(from: t.startIndex, to: range.lowerBound) >= 8 {
                let head = String(t[..<range.lowerBound])
                let tail = t[range.upperBound...]
                if tail.contains(":"), let date = ISODate(parsing: head) { return DateHint(iso: date.description) }
                if tail.contains(":"), let hint = date(head, date1904: date1904) { return hint }
            }
        }
        // A spreadsheet's date number: 44245 is 2021-02-18 (dates from 1920 to 2119).
        if let serial = Double(t), t.utf8.allSatisfy({ (48...57).contains($0) || $0 == UInt8(ascii: ".") }),
           (7_306...80_355).contains(serial), let date = ISODate(spreadsheetSerial: serial, date1904: date1904) {
            return DateHint(iso: date.description, fromSerial: true)
        }
        let parts = t.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "/" || $0 == "-" }
        guard parts.count == 3 || (parts.count == 4 && parts[3].isEmpty),  // 17.03.2020. as some write it
              parts[0...2].allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        let separators = Set(t.filter { $0 == "." || $0 == "/" || $0 == "-" })
        guard separators.count == 1 else { return nil }
        if parts[0].count == 4 {
            // Year first: 2020-3-17, 2020.03.17, 2020/03/17.
            return ISODate(year: a, month: b, day: c).map { DateHint(iso: $0.description) }
        }
        guard parts[2].count == 4 else { return nil }
        let separator = separators.first!
        let dayFirst = ISODate(year: c, month: b, day: a)
        let monthFirst = ISODate(year: c, month: a, day: b)
        if separator == "." || separator == "-" {
            // 17.03.2020: day, month, year, as Europe and Russia write it.
            return dayFirst.map { DateHint(iso: $0.description) }
        }
        // 17/03/2020 is day first, 3/17/2020 month first; 03/04/2020 could be either.
        switch (dayFirst, monthFirst) {
        case let (d?, m?) where d != m: return DateHint(iso: d.description, alternative: m.description)
        case let (d?, _): return DateHint(iso: d.description)
        case let (nil, m?): return DateHint(iso: m.description)
        default: return nil
        }
    }

    /// The message for a date cell that is not `YYYY-MM-DD`, naming the date to write when it can.
    package static func dateMessage(_ text: String, date1904: Bool = false) -> String? {
        guard let hint = date(text, date1904: date1904) else { return nil }
        if hint.fromSerial {
            return "'\(text)' is a spreadsheet's number for a date, not a date; write \(hint.iso) (format the column as text, or as a date YYYY-MM-DD, before saving)"
        }
        if let other = hint.alternative {
            return "'\(text)' is not a date in the form YYYY-MM-DD; write \(hint.iso) if the day comes first, \(other) if the month comes first"
        }
        return "'\(text)' is not a date in the form YYYY-MM-DD; write \(hint.iso)"
    }

    // MARK: numbers

    /// Characters a spreadsheet or a person puts between groups of digits.
    package static func isGroupSeparator(_ c: Character) -> Bool {
        c == " " || c == "\u{00A0}" || c == "\u{202F}" || c == "\u{2009}" || c == "'" || c == "’"
    }

    /// `1 200` (spaces, no-break spaces, apostrophes between groups of three
    /// digits), or `24.0`, as the whole number to write; nil otherwise.
    package static func wholeNumber(_ text: String) -> String? {
        if let dot = text.firstIndex(of: "."), text[text.index(after: dot)...].allSatisfy({ $0 == "0" }),
           text[..<dot].allSatisfy({ $0.isASCII && $0.isNumber }), dot != text.startIndex, text.index(after: dot) != text.endIndex {
            return String(text[..<dot])
        }
        return ungrouped(text, decimal: false)
    }

    /// `1 200,5` or `1 200.5` as the decimal to write (`1200.5`); `1,5` as `1.5`; nil otherwise.
    package static func decimal(_ text: String) -> String? {
        if let grouped = ungrouped(text, decimal: true) { return grouped }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            return "\(parts[0]).\(parts[1])"
        }
        return nil
    }

    /// Digits in groups of three after a first group of one to three,
    /// separated by one kind of group separator, with an optional decimal
    /// part (`,` or `.`, when `decimal`).
    private static func ungrouped(_ text: String, decimal: Bool) -> String? {
        var whole = Substring(text)
        var fraction: Substring?
        if decimal, let mark = text.lastIndex(where: { $0 == "," || $0 == "." }) {
            whole = text[..<mark]
            fraction = text[text.index(after: mark)...]
            guard let f = fraction, !f.isEmpty, f.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        let separators = Set(whole.filter(isGroupSeparator))
        guard separators.count == 1 else { return nil }
        let groups = whole.split(separator: separators.first!, omittingEmptySubsequences: false)
        guard groups.count >= 2, (1...3).contains(groups[0].count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let digits = groups.joined()
        return fraction.map { "\(digits).\($0)" } ?? digits
    }

    // MARK: countries

    /// The alpha-2 code of a country written as its alpha-3 code (`RUS`) or
    /// as its name in any language ICU knows (`Кыргызстан`, `Arménie`).
    package static func countryCode(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 3, t.allSatisfy({ $0.isASCII && $0.isLetter }) {
            var status = U_ZERO_ERROR
            if let region = swift_uregion_getRegionFromCode(t.uppercased(), &status), status.rawValue <= 0,
               let code = swift_uregion_getRegionCode(region).map({ String(cString: $0) }),
               Countries.codes.contains(code) {
                return code
            }
        }
        if let code = extraCodes[t.uppercased()] { return code }
        guard !t.isEmpty, !(t.count <= 2 && t.allSatisfy(\.isASCII)) else { return nil }
        return CountryNames.shared.code(forName: t)
    }

    /// Two-letter codes people use that ISO does not assign.
    package static let extraCodes = ["UK": "GB", "EL": "GR"]

    /// ICU's short region names ("UK", "США") in one language.
    package final class ShortNames {
        private let names: OpaquePointer

        package init?(_ language: String) {
            var status = U_ZERO_ERROR
            var contexts = [UDISPCTX_LENGTH_SHORT]
            guard let names = swift_uldn_openForContext(language, &contexts, 1, &status), status.rawValue <= 0 else { return nil }
            self.names = names
        }

        deinit { swift_uldn_close(names) }

        package func name(_ code: String) -> String? {
            var status = U_ZERO_ERROR
            var buffer = [UChar](repeating: 0, count: 128)
            let count = swift_uldn_regionDisplayName(names, code, &buffer, Int32(buffer.count), &status)
            guard status.rawValue <= 0, count > 0, count <= buffer.count else { return nil }
            return String(decoding: buffer[0..<Int(count)], as: UTF16.self)
        }
    }

    /// Common names ICU does not give (its Chinese name for CN is "中国大陆").
    package static let aliases = ["中国": "CN", "中國": "CN"]

    /// Country names in every language ICU has, built once when first needed.
    package final class CountryNames: @unchecked Sendable {
        package static let shared = CountryNames()
        private let lock = NSLock()
        private var exact: [String: String]?
        private var folded: [String: String] = [:]

        package static func fold(_ name: String) -> String {
            name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                .filter { !$0.isPunctuation && !$0.isWhitespace }
        }

        package func code(forName name: String) -> String? {
            lock.lock()
            defer { lock.unlock() }
            if exact == nil { build() }
            return exact?[name.lowercased()] ?? folded[Self.fold(name)]
        }

        private func build() {
            var exact: [String: String] = [:]
            let codes = Countries.codes.sorted()
            // Report languages first, so their names win any clash.
            let languages = ReportLanguage.allCases.map(\.rawValue)
                + Set(Locale.availableIdentifiers.map { Locale(identifier: $0).language.languageCode?.identifier ?? "" })
                    .subtracting([""]).sorted()
            func add(_ name: String, _ code: String) {
                guard name != code, !name.isEmpty else { return }
                let key = name.lowercased()
                if exact[key] == nil { exact[key] = code }
                let f = Self.fold(name)
                if !f.isEmpty, folded[f] == nil { folded[f] = code }
            }
            for (key, name) in Countries.overrides { add(name, String(key.suffix(2))) }
            for (name, code) in ValueHints.aliases { add(name, code) }
            for language in languages {
                let locale = Locale(identifier: language)
                let short = ShortNames(language)
                for code in codes {
                    if let name = locale.localizedString(forRegionCode: code) { add(name, code) }
                    if let name = short?.name(code) { add(name, code) }  // "UK", "США"
                }
            }
            self.exact = exact
        }
    }
}
