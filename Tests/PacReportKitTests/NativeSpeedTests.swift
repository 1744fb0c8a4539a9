// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing
@testable import PacReportKit
@testable import PacAggregates
@testable import PacBase
@testable import PacCSV
@testable import PacDataset
@testable import PacDocument

/// The loader and aggregates made fast (issue "Loading and exports at
/// native speed") must say and compute exactly what the plain ways do:
/// each fast path is held against a slow one here.
@Suite struct NativeSpeedTests {
    /// Every fixture folder a test loads: the error cases laid over the
    /// base, the base and multi-script datasets and the examples.
    static func datasets() -> [(String, URL)] {
        var all = TestSupport.errorCaseNames().map { ($0, TestSupport.errorCase($0).dataset) }
        all.append(("base", TestSupport.base))
        all.append(("multiscript", TestSupport.fixtures.appendingPathComponent("multiscript")))
        all.append(("example 2020", TestSupport.example))
        all.append(("example 2021", TestSupport.repository.appendingPathComponent("Examples/ifla-pac-2021")))
        return all
    }

    @Test func checkingAloneSaysWhatLoadingSays() {
        for (name, folder) in Self.datasets() {
            let full = DatasetLoader.load(folder: folder)
            let checked = DatasetLoader.load(folder: folder, keepingRows: false)
            #expect(checked.diagnostics == full.diagnostics, "\(name)")
            #expect(checked.counts == full.counts, "\(name)")
            #expect(checked.dataset == nil, "\(name): check keeps no row")
            if let dataset = full.dataset {
                #expect(full.counts == LoadCounts(dataset), "\(name)")
                #expect(full.counts?.participationRows == dataset.participation.count, "\(name)")
            }
        }
    }

    /// The aggregates on the loader's numbering and on their own give the
    /// same tables, byte for byte.
    @Test func aggregatesOnTheLoadersNumbersEqualTheirOwn() throws {
        for (name, folder) in Self.datasets() {
            guard let loaded = DatasetLoader.load(folder: folder).dataset else { continue }
            #expect(loaded.index != nil, "\(name): the loader numbers the rows")
            // The same rows without the loader's numbering or partners.
            let plain = Dataset(info: loaded.info, activities: loaded.activities, participation: loaded.participation,
                                plan: loaded.plan)
            #expect(plain.index == nil)
            let (fast, slow) = (ExportTables(Aggregates(loaded)), ExportTables(Aggregates(plain)))
            for table in ExportTable.allCases {
                #expect(String(decoding: CSVExporter().export(table, of: fast), as: UTF8.self)
                            == String(decoding: CSVExporter().export(table, of: slow), as: UTF8.self), "\(name) \(table)")
            }
            #expect(Aggregates(loaded).partners == Aggregates(plain).partners, "\(name)")
        }
    }

    /// Ids and institutions written two ways ("é" composed and not): the
    /// participation table in the order the text-by-text sort gives,
    /// with and without the loader's numbering.
    @Test(arguments: ["ids", "institutions"])
    func textsWrittenTwoWaysKeepTheirOrder(_ name: String) throws {
        let folder = TestSupport.fixtures.appendingPathComponent("spellings/\(name)")
        let loaded = try #require(DatasetLoader.load(folder: folder).dataset)
        #expect(loaded.index?.oneSpellingEach == false)
        let expected = try String(contentsOf: folder.appendingPathComponent("expected-participation.csv"), encoding: .utf8)
        let plain = Dataset(info: loaded.info, activities: loaded.activities, participation: loaded.participation,
                            plan: loaded.plan)
        for dataset in [loaded, plain] {
            let table = CSVExporter().export(.participation, of: ExportTables(Aggregates(dataset)))
            #expect(String(decoding: table, as: UTF8.self) == expected)
        }
    }

    @Test func theLoadersNumberingMatchesTheRows() throws {
        var dataset = try #require(DatasetLoader.load(folder: TestSupport.example).dataset)
        let index = try #require(dataset.index)
        for (r, row) in dataset.participation.enumerated() {
            #expect(dataset.activities[index.activityOfRow[r]].id == row.activity)
            #expect(index.institutions[index.institutionOfRow[r]] == (row.institution ?? ""))
        }
        let byRank = dataset.activities.indices.sorted { index.activityRank[$0] < index.activityRank[$1] }
        #expect(byRank.map { dataset.activities[$0].id } == dataset.activities.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        // Rows changed by hand: the numbering and the partners are dropped.
        dataset.participation.removeLast()
        #expect(dataset.index == nil)
        #expect(dataset.partners == nil)
    }

    @Test func codePointOrderMatchesTheNaiveSort() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["A", "a", "Z", "0", "9", "-", "é", "e\u{301}", "Ж", "中", "😀", "\u{0}", "AAAAAAAA", "AAAAAAAB", " "]
        for size in [0, 1, 2, 5, 16, 17, 40, 300] {
            let texts = (0..<size).map { _ in
                (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            let naive = texts.indices.sorted {
                texts[$0].utf8.lexicographicallyPrecedes(texts[$1].utf8)
                    || (texts[$0].utf8.elementsEqual(texts[$1].utf8) && $0 < $1)
            }
            #expect(texts.sortedIndicesByCodePoint() == naive, "\(texts)")
            // Distinct as a Set has them (the first of equal ones), then in code point order.
            var seen = Set<String>()
            let firsts = texts.filter { seen.insert($0).inserted }
            #expect(texts.distinctSortedByCodePoint() == firsts.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
                    "\(texts)")
        }
        let ascii = (0..<5000).map { _ in "A\(Int.random(in: 0..<700, using: &generator))" }
        #expect(ascii.distinctSortedByCodePoint() == Array(Set(ascii)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func placedDiagnosticsComeWhereReadingInOrderPutsThem() {
        let log = DiagnosticLog()
        log.error("participation.csv", line: 2, column: "activity", "a")
        let mark = log.mark
        log.error("participation.csv", line: 2, column: "country", "b")
        log.warning("participation.csv", line: 3, column: "country", "d")
        log.placing(before: mark) { log.error("participation.csv", line: 2, column: "activity", "c") }
        log.placing(before: log.mark) { log.warning("participation.csv", line: 3, column: "country", "e") }
        log.placing(before: mark) { log.error("participation.csv", line: 2, column: "activity", "c2") }
        #expect(log.ordered().map(\.message) == ["a", "c", "c2", "b", "d", "e"])
    }

    /// The chains per activity (and the dictionary an activity with many
    /// pairs moves to) against a dictionary of every triple.
    @Test func repeatedRowsPerActivityAreFoundAsADictionaryFindsThem() {
        var generator = SystemRandomNumberGenerator()
        var chains = FirstLinesByActivity(activities: 1 << 23)  // numbers past 2^22 too
        var naive: [[Int]: Int] = [:]
        for line in 2..<20_000 {
            // Activity 7 has hundreds of pairs; the others a few, met again and again.
            let activity = line % 3 == 0 ? 7 : [Int.random(in: 0..<50, using: &generator), 1 << 22 | 5][line % 2]
            let letters = Int.random(in: 0..<(activity == 7 ? 400 : 4), using: &generator)
            let institution = Int.random(in: -1..<(activity == 7 ? 3 : 2), using: &generator)
            let expected = naive[[activity, letters, institution]]
            if expected == nil { naive[[activity, letters, institution]] = line }
            #expect(chains.note(activity: activity, letters: letters, institution: institution, line: line) == expected)
        }
    }

    /// The byte pre-check finds every character the exact check removes,
    /// and lets common punctuation (dashes, quotes, no-break space) by.
    @Test func theBytePrecheckMissesNoUnsafeCharacter() {
        for value in 0...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(Character(scalar)) + "b"
            if TextSafety.isUnsafe(scalar) { #expect(TextSafety.mayBeUnsafe(text), "U+\(String(value, radix: 16))") }
        }
        for plain in ["—", "«Мир»", "\u{a0}", "…", "\u{2009}", "\u{200e}", "€"] {
            #expect(!TextSafety.mayBeUnsafe(plain), "\(plain)")
        }
    }

    @Test func theInternerFindsEachTextByItsBytes() {
        let texts = TextInterner()
        let a = texts.intern("Музей книги"), b = texts.intern("Museum"), c = texts.intern("Caf\u{e9}"), d = texts.intern("Cafe\u{301}")
        #expect(texts.intern("Музей книги") == a)
        #expect(Set([a, b, c, d]).count == 4)  // bytes apart are texts apart
        #expect(texts.equalTo[d] == c)  // canonically equal: the first one's number
        var museum = "Museum"
        #expect(museum.withUTF8 { texts.find($0) } == b)
        for n in 0..<3000 { _ = texts.intern("name \(n)") }
        #expect(texts.intern("name 2999") == texts.count - 1)
        #expect(texts.strings[a] == "Музей книги")
    }

    /// A partner institution of many rows has its activities marked and
    /// read off in order, one of few has them sorted; each its countries
    /// once. Both are the distinct ids and codes in code point order.
    @Test func partnersLongAndShortListsAreTheDistinctIdsInOrder() {
        let day = ISODate(parsing: "2020-05-01")!
        // Ids whose code point order is not their file order.
        let ids = (0..<40).map { n in ["b", "A", "a", "Z", "é"][n % 5] + String(39 - n) }
        let activities = ids.map { Activity(id: $0, date: day, centres: ["c"], kind: .seminar, format: .online, title: "t") }
        let codes = ["RU", "KZ", "AM", "KZ", "Xx"]
        var rows: [Participation] = []
        for (n, id) in ids.enumerated() {
            // "Many": every activity, twice, in several countries (40 rows of 40 ids).
            rows.append(Participation(activity: id, country: codes[n % 5], institution: "Many", participants: 1))
            rows.append(Participation(activity: id, country: codes[(n + 1) % 5], institution: "Many", participants: 1))
            // "Few": three activities (3 * 8 < 40), one of them twice.
            if n % 13 == 0 { rows.append(Participation(activity: id, country: "GE", institution: "Few", participants: 1)) }
        }
        rows.append(Participation(activity: ids[13], country: "GE", institution: "Few", participants: 1))
        let centre = Centre(id: "c", name: "Centre", country: "KZ")
        let found = PartnerInstitutions(centres: [centre], activities: activities, participation: rows).institutions
        #expect(found.map(\.name) == ["Many", "Few"])
        for institution in found {
            let mine = rows.filter { $0.institution == institution.name }
            #expect(institution.activities == Array(Set(mine.map(\.activity))).sorted { $0.precedesByCodePoint($1) })
            #expect(institution.countries == Array(Set(mine.map(\.country))).sorted { $0.precedesByCodePoint($1) })
        }
        #expect(found[0].activities.count == 40 && found[1].activities.count == 4)
        #expect(found[0].countries == ["AM", "KZ", "RU", "Xx"])
    }
}
