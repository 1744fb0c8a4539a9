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
        var centreKeys = Set<String>()
        for centre in centres {
            centreKeys.insert(Self.key(centre.name))
            if let short = centre.short { centreKeys.insert(Self.key(short)) }
        }
        var index: [String: Int] = [:]
        var first: [String: (file: String, line: Int)] = [:]
        var seenSpellings = Set<String>()
        var found: [(name: String, countries: Set<String>, activities: Set<String>)] = []
        var respellings: [Respelling] = []
        // A name repeats on many rows: its key is worked out once.
        var keys: [String: String] = [:]
        func note(_ name: String, file: String, line: Int, country: String?, activity: String) {
            let key: String
            if let known = keys[name] {
                key = known
            } else {
                key = Self.key(name)
                keys[name] = key
            }
            guard !centreKeys.contains(key) else { return }
            if let at = index[key] {
                if let country { found[at].countries.insert(country) }
                found[at].activities.insert(activity)
                if name != found[at].name, seenSpellings.insert(name).inserted, let origin = first[key] {
                    respellings.append(Respelling(name: name, file: file, line: line, kept: found[at].name,
                                                  keptFile: origin.file, keptLine: origin.line))
                }
                return
            }
            index[key] = found.count
            first[key] = (file, line)
            seenSpellings.insert(name)
            found.append((name, country.map { [$0] } ?? [], [activity]))
        }
        for activity in activities {
            if let host = activity.host { note(host, file: activitiesFile, line: activity.line, country: nil, activity: activity.id) }
        }
        for row in participation {
            if let institution = row.institution {
                note(institution, file: participationFile, line: row.line, country: row.country, activity: row.activity)
            }
        }
        institutions = found.map {
            Institution(name: $0.name, countries: $0.countries.distinctSortedByCodePoint(), activities: $0.activities.distinctSortedByCodePoint())
        }
        self.respellings = respellings
    }
}
