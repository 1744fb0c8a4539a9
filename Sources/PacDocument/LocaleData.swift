// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation
import _FoundationICU

/// A report language's CLDR data, from the ICU that the toolchain's
/// Foundation carries (no table typed by hand): plural categories
/// (`uplrules`), numbers with the language's digits and separators
/// (`unum`), dates and date ranges (`udatpg`'s best pattern for the
/// skeleton `yMMMMd`, `udtitvfmt`), and lists (`ulistfmt`, "A, B et C",
/// "A، B و C", "A、B和C"). One instance per language, made once; ICU's
/// formatters are not thread-safe, so each call holds the instance's lock.
package final class LocaleData: @unchecked Sendable {
    package let language: ReportLanguage
    private let lock = NSLock()
    private let plurals: OpaquePointer?
    private let numbers: UnsafeMutablePointer<UNumberFormat?>?
    private let numerals: UnsafeMutablePointer<UNumberFormat?>?
    private let dates: UnsafeMutablePointer<UDateFormat?>?
    private let ranges: OpaquePointer?
    private let lists: OpaquePointer?
    private let collator: OpaquePointer?
    /// The language's ten digits, `0123456789` or `٠١٢٣٤٥٦٧٨٩`.
    package let digits: [Character]

    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: [ReportLanguage: LocaleData] = [:]

    /// The data of `language`, made on first use.
    package static func of(_ language: ReportLanguage) -> LocaleData {
        lock.lock()
        defer { lock.unlock() }
        if let known = made[language] { return known }
        let data = LocaleData(language)
        made[language] = data
        return data
    }

    /// ICU's name of the language's locale (`ar_EG`).
    private let locale: String

    private init(_ language: ReportLanguage) {
        self.language = language
        let locale = language.regionalTag.replacingOccurrences(of: "-", with: "_")
        self.locale = locale
        var status = U_ZERO_ERROR
        plurals = swift_uplrules_open(language.rawValue, &status)
        status = U_ZERO_ERROR
        numbers = swift_unum_open(UNUM_DECIMAL, nil, 0, locale, nil, &status)
        // A decimal keeps every digit it has (1234.5678 hours), as the dataset wrote it.
        if let numbers { swift_unum_setAttribute(numbers, UNUM_MAX_FRACTION_DIGITS, 40) }
        status = U_ZERO_ERROR
        numerals = swift_unum_open(UNUM_DECIMAL, nil, 0, locale, nil, &status)
        if let numerals { swift_unum_setAttribute(numerals, UNUM_GROUPING_USED, 0) }
        let zone = Array("UTC".utf16)
        let skeleton = Array("yMMMMd".utf16)
        status = U_ZERO_ERROR
        var pattern = [UChar](repeating: 0, count: 128)
        var length: Int32 = 0
        if let generator = swift_udatpg_open(locale, &status) {
            length = swift_udatpg_getBestPattern(generator, skeleton, Int32(skeleton.count), &pattern, 128, &status)
            swift_udatpg_close(generator)
        }
        status = U_ZERO_ERROR
        dates = swift_udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, zone, Int32(zone.count), pattern, length, &status)
        status = U_ZERO_ERROR
        ranges = swift_udtitvfmt_open(locale, skeleton, Int32(skeleton.count), zone, Int32(zone.count), &status)
        status = U_ZERO_ERROR
        lists = swift_ulistfmt_open(locale, &status)
        status = U_ZERO_ERROR
        collator = swift_ucol_open(locale, &status)
        var digits: [Character] = []
        for d in 0...9 {
            var buffer = [UChar](repeating: 0, count: 8)
            status = U_ZERO_ERROR
            let n = numerals.map { swift_unum_formatInt64($0, Int64(d), &buffer, 8, nil, &status) } ?? 0
            let text = String(decoding: buffer[0..<Int(max(0, n))], as: UTF16.self)
            digits.append(text.count == 1 ? text.first! : Character(String(d)))
        }
        self.digits = digits
    }

    deinit {
        if let plurals { swift_uplrules_close(plurals) }
        if let numbers { swift_unum_close(numbers) }
        if let numerals { swift_unum_close(numerals) }
        if let dates { swift_udat_close(dates) }
        if let ranges { swift_udtitvfmt_close(ranges) }
        if let lists { swift_ulistfmt_close(lists) }
        if let collator { swift_ucol_close(collator) }
    }

    private func string(_ fill: (UnsafeMutablePointer<UChar>, Int32, inout UErrorCode) -> Int32) -> String? {
        var buffer = [UChar](repeating: 0, count: 256)
        var status = U_ZERO_ERROR
        let n = buffer.withUnsafeMutableBufferPointer { fill($0.baseAddress!, 256, &status) }
        guard status.rawValue <= 0, n >= 0, n <= 256 else { return nil }
        return String(decoding: buffer[0..<Int(n)], as: UTF16.self)
    }

    // MARK: plurals

    /// The CLDR plural category of the whole number `n` (French: 0 and 1
    /// are "one"; Arabic: zero, one, two, few, many, other).
    package func pluralCategory(_ n: Int) -> PluralCategory {
        lock.lock()
        defer { lock.unlock() }
        guard let plurals, let keyword = string({ swift_uplrules_select(plurals, Double(n), $0, $1, &$2) }) else { return .other }
        return PluralCategory(rawValue: keyword) ?? .other
    }

    /// The categories the language's counted words take, in CLDR's order.
    package var pluralCategories: [PluralCategory] {
        lock.lock()
        defer { lock.unlock() }
        guard let plurals else { return [.other] }
        var status = U_ZERO_ERROR
        guard let keywords = swift_uplrules_getKeywords(plurals, &status) else { return [.other] }
        defer { swift_uenum_close(keywords) }
        var found = Set<String>()
        while true {
            var length: Int32 = 0
            guard let keyword = swift_uenum_next(keywords, &length, &status) else { break }
            found.insert(String(cString: keyword))
        }
        return PluralCategory.allCases.filter { found.contains($0.rawValue) }
    }

    // MARK: numbers

    /// A count with the language's digits and grouping (`12 345`, `١٢٬٣٤٥`).
    package func number(_ n: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        return numbers.flatMap { f in string { swift_unum_formatInt64(f, Int64(n), $0, $1, nil, &$2) } } ?? String(n)
    }

    /// A decimal as written (`1.5`), with the language's mark and digits.
    package func decimal(_ value: DecimalNumber) -> String {
        let text = value.formatted(decimalSeparator: ".")
        lock.lock()
        defer { lock.unlock() }
        return numbers.flatMap { f in
            string { swift_unum_formatDecimal(f, text, Int32(text.utf8.count), $0, $1, nil, &$2) }
        } ?? text
    }

    /// A numeral without grouping: years, days, page numbers (`2020`, `٢٠٢٠`).
    package func numeral(_ n: Int) -> String {
        String(String(n).map { $0.isASCII && $0.isNumber ? digits[Int(String($0))!] : $0 })
    }

    // MARK: dates

    private static func milliseconds(_ d: ISODate) -> Double { Double(d.daysSince1970) * 86_400_000 }

    /// A date in the language's long form (`5 October 2020`, `2020年10月5日`).
    package func date(_ d: ISODate) -> String {
        lock.lock()
        defer { lock.unlock() }
        let text = dates.flatMap { f in string { swift_udat_format(f, Self.milliseconds(d), $0, $1, nil, &$2) } } ?? d.description
        return firstOfMonth(text, d)
    }

    /// French writes the first of a month as an ordinal, "1er janvier",
    /// which CLDR's patterns (day numbers only) cannot say.
    private func firstOfMonth(_ text: String, _ d: ISODate) -> String {
        guard language == .fr, d.day == 1, text.hasPrefix("1"), !text.hasPrefix("1er"),
              let next = text.dropFirst().first, !next.isNumber else { return text }
        return "1er" + text.dropFirst()
    }

    /// A year as the language writes it alone (`2020`, `2020年`, `٢٠٢٠`).
    package func year(_ y: Int) -> String {
        let pattern = datePattern(skeleton: "y")
        return pattern.map { part -> String in
            switch part {
            case .year: return numeral(y)
            case .literal(let text): return text
            default: return ""
            }
        }.joined()
    }

    /// Two dates as a range, the shared month or year written once
    /// (`5–6 octobre 2020`, `2020年10月5日至6日`).
    package func dateRange(_ from: ISODate, _ to: ISODate) -> String {
        lock.lock()
        defer { lock.unlock() }
        let text = ranges.flatMap { f in
            string { swift_udtitvfmt_format(f, Self.milliseconds(from), Self.milliseconds(to), $0, $1, nil, &$2) }
        } ?? "\(from) – \(to)"
        var result = firstOfMonth(text, from)
        // "30 septembre – 1er octobre": the end on the first of a month too.
        if language == .fr, to.day == 1, from.day != 1 || from.month != to.month,
           let dash = result.lastIndex(where: { $0 == "–" || $0 == "-" }) {
            // The dash, any spaces, then "1" and a space: "1er".
            var i = result.index(after: dash)
            while i < result.endIndex, result[i].isWhitespace { i = result.index(after: i) }
            if i < result.endIndex, result[i] == "1", result.index(after: i) < result.endIndex,
               result[result.index(after: i)].isWhitespace {
                result.insert(contentsOf: "er", at: result.index(after: i))
            }
        }
        return result
    }

    /// CLDR's pattern for `skeleton` (`yMMdd`) as the parts of a date.
    /// (Each skeleton's pattern is looked up once: every sheet of a workbook asks.)
    package func datePattern(skeleton: String) -> [DatePart] {
        if let known = lock.withLock({ patterns[skeleton] }) { return known }
        let units = Array(skeleton.utf16)
        var status = U_ZERO_ERROR
        guard let generator = swift_udatpg_open(locale, &status) else { return [.year, .literal("-"), .month(twoDigits: true), .literal("-"), .day(twoDigits: true)] }
        defer { swift_udatpg_close(generator) }
        let pattern = string { swift_udatpg_getBestPattern(generator, units, Int32(units.count), $0, $1, &$2) } ?? "y-MM-dd"
        let parts = Self.parts(pattern)
        lock.withLock { patterns[skeleton] = parts }
        return parts
    }
    private var patterns: [String: [DatePart]] = [:]

    /// An ICU date pattern (`dd.MM.y`, `d MMM y`, `y年M月d日`) as parts.
    package static func parts(_ pattern: String) -> [DatePart] {
        var parts: [DatePart] = []
        var literal = ""
        func flush() { if !literal.isEmpty { parts.append(.literal(literal)); literal = "" } }
        let characters = Array(pattern)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "'" {
                // Quoted text; '' is a quote.
                var j = i + 1
                if j < characters.count, characters[j] == "'" { literal.append("'"); i += 2; continue }
                while j < characters.count, characters[j] != "'" { literal.append(characters[j]); j += 1 }
                i = j + 1
                continue
            }
            guard c.isASCII, c.isLetter else { literal.append(c); i += 1; continue }
            var run = 1
            while i + run < characters.count, characters[i + run] == c { run += 1 }
            flush()
            switch c {
            case "d": parts.append(.day(twoDigits: run >= 2))
            case "M", "L": parts.append(run >= 3 ? .monthAbbreviated : .month(twoDigits: run == 2))
            case "y", "Y", "u": parts.append(.year)
            default: break  // era, weekday: not in these skeletons
            }
            i += run
        }
        flush()
        return parts
    }

    /// Texts in the language's alphabetical order (ICU's collator).
    package func collated(_ texts: [String]) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        guard let collator else { return texts.sorted() }
        let keyed = texts.map { ($0, Array($0.utf16)) }
        return keyed.sorted { a, b in
            swift_ucol_strcoll(collator, a.1, Int32(a.1.count), b.1, Int32(b.1.count)) == UCOL_LESS
        }.map(\.0)
    }

    // MARK: lists

    /// What stands between the items of a list before the last (", ",
    /// "、", "، "): CLDR's list pattern read off a list of three, the
    /// "and" list's, or the units list's where the "and" list repeats its
    /// conjunction (Arabic "A وB وC").
    package var listSeparator: String {
        if let known = lock.withLock({ separator }) { return known }
        let found = findListSeparator()
        lock.withLock { separator = found }
        return found
    }
    private var separator: String?

    private func findListSeparator() -> String {
        func middle(_ type: UListFormatterType) -> String? {
            var status = U_ZERO_ERROR
            guard let formatter = swift_ulistfmt_openForType(locale, type, ULISTFMT_WIDTH_WIDE, &status) else { return nil }
            defer { swift_ulistfmt_close(formatter) }
            let listed = format(["\u{E000}", "\u{E001}", "\u{E002}"], with: formatter)
            guard let a = listed.range(of: "\u{E000}"), let b = listed.range(of: "\u{E001}"), a.upperBound <= b.lowerBound else { return nil }
            return String(listed[a.upperBound..<b.lowerBound]).filter { $0 != "\u{2068}" && $0 != "\u{2069}" }
        }
        if let and = middle(ULISTFMT_TYPE_AND), !and.contains(where: \.isLetter) { return and }
        if let units = middle(ULISTFMT_TYPE_UNITS), !units.isEmpty, !units.contains(where: \.isLetter) { return units }
        return ", "
    }

    /// Items joined as the language lists them ("A, B and C").
    package func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        lock.lock()
        defer { lock.unlock() }
        return format(items, with: lists)
    }

    private func format(_ items: [String], with lists: OpaquePointer?) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        let units = items.map { Array($0.utf16) }
        var lengths = units.map { Int32($0.count) }
        let buffers = units.map { u -> UnsafeMutablePointer<UChar> in
            let p = UnsafeMutablePointer<UChar>.allocate(capacity: max(u.count, 1))
            p.initialize(from: u, count: u.count)
            return p
        }
        defer { buffers.forEach { $0.deallocate() } }
        var pointers: [UnsafePointer<UChar>?] = buffers.map { UnsafePointer($0) }
        let capacity = units.reduce(64) { $0 + $1.count + 16 }
        var out = [UChar](repeating: 0, count: capacity)
        var status = U_ZERO_ERROR
        guard let lists else { return items.joined(separator: ", ") }
        let n = swift_ulistfmt_format(lists, &pointers, &lengths, Int32(items.count), &out, Int32(capacity), &status)
        guard status.rawValue <= 0, n >= 0, n <= capacity else { return items.joined(separator: ", ") }
        return String(decoding: out[0..<Int(n)], as: UTF16.self)
    }
}
