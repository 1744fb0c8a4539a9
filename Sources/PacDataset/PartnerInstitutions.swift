// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation

/// The partner institutions of a dataset (docs/data-format.md, "partner
/// institutions"): the distinct `host` values of activities.csv and
/// `institution` values of participation.csv, except the reporting centres
/// themselves (a value equal to a centre's `name` or `short`). Spellings
/// that differ only in letter case, spaces or punctuation are one
/// institution, shown as first written (activities.csv before
/// participation.csv, each in file order).
public struct PartnerInstitutions: Sendable {
    public struct Institution: Sendable, Hashable {
        /// As first written.
        public var name: String
        /// Countries it took part from (its participation rows), sorted.
        public var countries: [String]
        /// Activities it hosted or took part in, sorted.
        public var activities: [String]
    }

    /// A second spelling of an institution already seen.
    public struct Respelling: Sendable, Hashable {
        public var name: String, file: String, line: Int
        public var kept: String, keptFile: String, keptLine: Int
    }

    public var institutions: [Institution]
    public var respellings: [Respelling]

    /// What two spellings of one institution share: the name composed
    /// (NFC), lower-cased, without white space and punctuation (symbols
    /// such as "+" or "№" stay). A name of punctuation only is its own key.
    public static func key(_ name: String) -> String {
        let kept = name.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars.filter { scalar in
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation, .spaceSeparator, .lineSeparator, .paragraphSeparator, .control:
                return false
            default:
                return true
            }
        }
        let key = String(String.UnicodeScalarView(kept))
        return key.isEmpty ? name : key
    }

    public init(centres: [Centre], activities: [Activity], participation: [Participation],
                activitiesFile: String = "activities.csv", participationFile: String = "participation.csv") {
        let spellings = TextInterner()
        self.init(centres: centres, activities: activities, hosts: activities.map { $0.host.map(spellings.intern) ?? -1 },
                  participation: participation, institutions: participation.map { $0.institution.map(spellings.intern) ?? -1 },
                  spellings: spellings.strings, activitiesFile: activitiesFile, participationFile: participationFile)
    }

    /// The partner institutions, with each row's host and institution given
    /// as a number of `spellings` (-1: none), as the loader numbered them:
    /// each distinct spelling is keyed and compared once, not on every row.
    package init(centres: [Centre], activities: [Activity], hosts: [Int], participation: [Participation],
                 institutions: [Int], spellings: [String],
                 activitiesFile: String = "activities.csv", participationFile: String = "participation.csv") {
        var builder = Builder(centres: centres, activitiesFile: activitiesFile, participationFile: participationFile)
        var numberOf: [String: Int] = [:]
        var ids: [String] = []
        func number(_ id: String) -> Int {
            if let known = numberOf[id] { return known }
            numberOf[id] = ids.count
            ids.append(id)
            return ids.count - 1
        }
        for (activity, host) in zip(activities, hosts) where host >= 0 {
            builder.note(host, spelt: spellings[host], file: activitiesFile, line: activity.line, country: nil,
                         activity: number(activity.id))
        }
        for (row, institution) in zip(participation, institutions) where institution >= 0 {
            builder.note(institution, spelt: spellings[institution], file: participationFile, line: row.line,
                         country: row.country, activity: number(row.activity))
        }
        self = builder.finish(ids: ids, rank: ids.ranksByCodePoint())
    }

    /// Works the partner institutions out as the rows come: the hosts of
    /// activities.csv first, then the institutions of participation.csv,
    /// each in file order; each spelling (numbered by the caller) is keyed
    /// and compared once.
    package struct Builder {
        private var centreKeys = Set<String>()
        private var index: [String: Int] = [:]
        private var first: [(file: String, line: Int)] = []
        private var seenSpellings = Set<String>()
        // Countries and activities as met (an activity's rows follow one
        // another, so a repeat of the last one is skipped at once).
        private var found: [(name: String, countries: [String], activities: [Int])] = []
        /// Per institution, the two-letter codes in its `countries` (676
        /// bits in 11 words): each is listed once, not once a row.
        private var countriesListed: [UInt64] = []
        private var respellings: [Respelling] = []
        // Per spelling (hosts and institutions numbered apart): its
        // institution (-1: a reporting centre; -2: not yet met), and whether
        // it is written as the institution's name.
        private var institutionOf: [[Int]] = [[], []]
        private var asKept: [[Bool]] = [[], []]
        /// Whether the institutions' countries and activities are listed
        /// (not needed to check the spellings).
        private let listing: Bool

        package init(centres: [Centre], listing: Bool = true, activitiesFile: String = "activities.csv",
                     participationFile: String = "participation.csv") {
            self.listing = listing
            for centre in centres {
                centreKeys.insert(PartnerInstitutions.key(centre.name))
                if let short = centre.short { centreKeys.insert(PartnerInstitutions.key(short)) }
            }
        }

        /// Notes spelling number `spelling` (`name`) met in `file` at `line`
        /// in activity number `activity` (-1: not known): a host's when
        /// `country` is nil, else an institution's (each numbered apart).
        package mutating func note(_ spelling: Int, spelt name: String, file: String, line: Int, country: String?,
                                   activity: Int) {
            let source = country == nil ? 0 : 1
            if spelling >= institutionOf[source].count {
                institutionOf[source] += repeatElement(-2, count: spelling + 1 - institutionOf[source].count)
                asKept[source] += repeatElement(true, count: spelling + 1 - asKept[source].count)
            }
            let at: Int
            if institutionOf[source][spelling] != -2 {
                guard institutionOf[source][spelling] >= 0 else { return }
                at = institutionOf[source][spelling]
            } else {
                let key = PartnerInstitutions.key(name)
                if centreKeys.contains(key) {
                    institutionOf[source][spelling] = -1
                    return
                }
                if let known = index[key] {
                    at = known
                    institutionOf[source][spelling] = at
                    asKept[source][spelling] = name == found[at].name
                } else {
                    index[key] = found.count
                    first.append((file, line))
                    seenSpellings.insert(name)
                    found.append((name, listing ? country.map { [$0] } ?? [] : [], listing ? [activity] : []))
                    countriesListed += repeatElement(0, count: 11)
                    if listing, let letters = country.flatMap(Countries.letters) {
                        countriesListed[(found.count - 1) * 11 + letters / 64] |= 1 << (letters % 64)
                    }
                    institutionOf[source][spelling] = found.count - 1
                    return
                }
            }
            if listing {
                if let country, found[at].countries.last != country {
                    if let letters = Countries.letters(country) {
                        let (word, bit) = (at * 11 + letters / 64, UInt64(1) << (letters % 64))
                        if countriesListed[word] & bit == 0 {
                            countriesListed[word] |= bit
                            found[at].countries.append(country)
                        }
                    } else {
                        found[at].countries.append(country)
                    }
                }
                if found[at].activities.last != activity { found[at].activities.append(activity) }
            }
            if !asKept[source][spelling], seenSpellings.insert(name).inserted {
                respellings.append(Respelling(name: name, file: file, line: line, kept: found[at].name,
                                              keptFile: first[at].file, keptLine: first[at].line))
            }
        }

        /// The institutions, their activities named by `ids` (by the
        /// activity numbers given to `note`), in code point order: `rank`
        /// holds each number's place in it, every place once
        /// (`ranksByCodePoint`).
        package func finish(ids: [String], rank: [Int]) -> PartnerInstitutions {
            // The activity at each place of the order, and a mark per place:
            // made for the first institution of many rows.
            var atPlace: [Int] = [], marked: [Bool] = []
            return PartnerInstitutions(institutions: found.map {
                var numbers = $0.activities.filter { $0 >= 0 }  // -1: an activity not known
                var distinct: [Int] = []
                if numbers.count * 8 > ids.count {
                    // An institution of many rows: its activities marked, then
                    // read off in order (a sort of so many would take longer).
                    if atPlace.isEmpty {
                        atPlace = [Int](repeating: 0, count: ids.count)
                        for (number, place) in rank.enumerated() { atPlace[place] = number }
                        marked = [Bool](repeating: false, count: ids.count)
                    }
                    for number in numbers { marked[rank[number]] = true }
                    for place in marked.indices where marked[place] {
                        distinct.append(atPlace[place])
                        marked[place] = false
                    }
                } else {
                    numbers.sort { rank[$0] < rank[$1] }
                    distinct.reserveCapacity(numbers.count)
                    for number in numbers where distinct.last != number { distinct.append(number) }
                }
                return Institution(name: $0.name, countries: $0.countries.distinctSortedByCodePoint(),
                                   activities: distinct.map { ids[$0] })
            }, respellings: respellings)
        }
    }

    private init(institutions: [Institution], respellings: [Respelling]) {
        self.institutions = institutions
        self.respellings = respellings
    }
}
