// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDataset
/// A participant count that remembers whether every row behind it was known.
///
/// Unknown is not zero: a total that includes an unknown count is shown as
/// "at least N" in reports and exported with `participants_complete=false`.
public struct ParticipantCount: Sendable, Hashable {
    /// Sum of the known counts.
    public var known: Int
    /// True when none of the rows behind the sum had an unknown count.
    public var complete: Bool

    public static let none = ParticipantCount(known: 0, complete: true)

    public init(known: Int, complete: Bool) {
        self.known = known
        self.complete = complete
    }

    public mutating func add(_ count: Int?) {
        if let count { known += count } else { complete = false }
    }

    public static func + (a: ParticipantCount, b: ParticipantCount) -> ParticipantCount {
        ParticipantCount(known: a.known + b.known, complete: a.complete && b.complete)
    }
}

/// How many activities were held in each format.
public struct FormatCounts: Sendable, Hashable {
    public var online = 0
    public var onsite = 0
    public var hybrid = 0

    public init(online: Int = 0, onsite: Int = 0, hybrid: Int = 0) {
        self.online = online; self.onsite = onsite; self.hybrid = hybrid
    }

    public mutating func add(_ format: ActivityFormat) {
        switch format {
        case .online: online += 1
        case .onsite: onsite += 1
        case .hybrid: hybrid += 1
        }
    }

    public var total: Int { online + onsite + hybrid }
}

/// An activity with what participation.csv says about it.
public struct ActivitySummary: Sendable, Hashable {
    public var activity: Activity
    /// Distinct country codes, in code point order.
    public var countries: [String]
    public var participants: ParticipantCount
}

public struct CentreFigures: Sendable, Hashable {
    public var centre: Centre
    public var activities: Int
    /// With role organizer or co-organizer.
    public var organized: Int
    /// With role participant.
    public var participated: Int
    public var formats: FormatCounts
    /// Number of distinct countries involved in the centre's activities.
    public var countries: Int
    public var participants: ParticipantCount
    /// The centre's activities, in report order (date, then id).
    public var activityIds: [String]
}

public struct CountryFigures: Sendable, Hashable {
    public var code: String
    /// Distinct activities involving the country.
    public var activities: Int
    public var participants: ParticipantCount
    /// Distinct centre ids of those activities, in code point order.
    public var centres: [String]
}

public struct KindFigures: Sendable, Hashable {
    public var kind: ActivityKind
    public var activities: Int
    public var formats: FormatCounts
    public var participants: ParticipantCount
}

public struct MonthFigures: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var activities: Int
    public var participants: ParticipantCount

    /// `YYYY-MM`.
    public var label: String { String(ISODate(year: year, month: month, day: 1)!.description.prefix(7)) }
}

public struct PlanFulfilment: Sendable, Hashable {
    public var item: PlanItem
    /// Ids of the activities that name the item in `plan_item`, in code point order.
    public var fulfilledBy: [String]
    public var fulfilled: Bool { !fulfilledBy.isEmpty }
}

/// The report's key figures.
public struct KeyFigures: Sendable, Hashable {
    public var activities: Int
    public var formats: FormatCounts
    public var countriesReached: Int
    public var participants: ParticipantCount
    /// Distinct non-empty institutions of participation.csv plus distinct hosts of activities.csv.
    public var partnerInstitutions: Int
    /// Sum of `hours` of training, master classes and seminars.
    public var trainingHours: DecimalNumber
    /// Reporting year − year the contract was concluded + 1; nil without `concluded`.
    public var contractYear: Int?
}

/// Everything the report and the exports show, computed once from a dataset
/// by pure functions: per centre, country, kind and month, plan fulfilment
/// and next year's plan (docs/data-format.md, "How the figures are defined").
public struct Aggregates: Sendable {
    public var info: ReportInfo
    /// Every activity, by date then id.
    public var activities: [ActivitySummary]
    /// Every participation row, by activity, country, institution (empty
    /// first); equal keys keep input order.
    public var participation: [Participation]
    public var byCentre: [CentreFigures]
    public var byCountry: [CountryFigures]
    public var byKind: [KindFigures]
    public var byMonth: [MonthFigures]
    /// Reporting-year plan items, by id.
    public var planFulfilment: [PlanFulfilment]
    /// Next-year plan items, by quarter (empty last), then id.
    public var nextYearPlan: [PlanItem]
    /// The partner institutions, as first written (`PartnerInstitutions`).
    public var partners: [PartnerInstitutions.Institution]
    public var keyFigures: KeyFigures

    public init(_ dataset: Dataset) {
        info = dataset.info
        let year = dataset.info.year
        let all = dataset.activities
        let rows = dataset.participation

        // Activity ids numbered once (also ids that only participation
        // rows name), and each row's activity by number: the groups below
        // are arrays indexed by these numbers, not dictionaries of strings.
        // The loader's numbering serves when it came with the dataset.
        var ids: [String] = []
        let rowGroup: [Int]
        // Whether each id, country and institution is written one way only
        // (not "é" here and "e" with a combining accent there): then the
        // rows can be ordered by the ranks of their numbers.
        var spellingsAlike = dataset.index?.oneSpellingEach ?? true
        if let index = dataset.index {
            ids = all.map(\.id)
            rowGroup = index.activityOfRow
        } else {
            var numberOf: [String: Int] = [:]
            numberOf.reserveCapacity(all.count)
            for activity in all where numberOf[activity.id] == nil {
                numberOf[activity.id] = ids.count
                ids.append(activity.id)
            }
            rowGroup = rows.map { row -> Int in
                if let known = numberOf[row.activity] {
                    if spellingsAlike, !row.activity.utf8.elementsEqual(ids[known].utf8) { spellingsAlike = false }
                    return known
                }
                numberOf[row.activity] = ids.count
                ids.append(row.activity)
                return ids.count - 1
            }
        }
        // Each activity's group (its id's number).
        let groupOf: [Int]
        if dataset.index != nil {
            groupOf = Array(all.indices)
        } else {
            var first: [String: Int] = [:]
            for (g, id) in ids.enumerated() where first[id] == nil { first[id] = g }
            groupOf = all.map { first[$0.id]! }
        }
        // Rows by activity, in input order (offsets into one array).
        var starts = [Int](repeating: 0, count: ids.count + 1)
        for g in rowGroup { starts[g + 1] += 1 }
        for g in 0..<ids.count { starts[g + 1] += starts[g] }
        var rowsOf = [Int](repeating: 0, count: rows.count)
        var fill = starts
        for (r, g) in rowGroup.enumerated() {
            rowsOf[fill[g]] = r
            fill[g] += 1
        }

        // Countries numbered once: two capital letters (as loaded) by their
        // letters, so that the numbers are in code point order; any other
        // code by first appearance.
        var countries: [String] = []
        var rowCountry = [Int](repeating: 0, count: rows.count)
        var countriesInOrder = true
        do {
            var byLetters = [Int](repeating: -1, count: 26 * 26)
            var letters = [Int](repeating: -1, count: rows.count)
            for r in rows.indices {
                if let l = Countries.letters(rows[r].country) {
                    letters[r] = l
                    if byLetters[l] < 0 { byLetters[l] = 0; countries.append(rows[r].country) }
                } else {
                    countriesInOrder = false
                }
            }
            if countriesInOrder {
                countries.sort { Countries.letters($0)! < Countries.letters($1)! }
                for (n, code) in countries.enumerated() { byLetters[Countries.letters(code)!] = n }
                for r in rows.indices { rowCountry[r] = byLetters[letters[r]] }
            } else {
                countries = []
                var countryNumber: [String: Int] = [:]
                for r in rows.indices {
                    if let known = countryNumber[rows[r].country] {
                        rowCountry[r] = known
                        if spellingsAlike, !rows[r].country.utf8.elementsEqual(countries[known].utf8) { spellingsAlike = false }
                    } else {
                        countryNumber[rows[r].country] = countries.count
                        rowCountry[r] = countries.count
                        countries.append(rows[r].country)
                    }
                }
            }
        }
        // Participation by activity, country, institution (nil as empty),
        // then input order, sorted on another core meanwhile.
        let sorted = Later { [ids, rowGroup, rowCountry, countries, countriesInOrder, spellingsAlike, index = dataset.index] in
            Self.ordered(rows, ids: ids, rowGroup: rowGroup, rowCountry: rowCountry, countries: countries,
                         countriesInOrder: countriesInOrder, spellingsAlike: spellingsAlike, index: index)
        }

        // Per group: its participants and its distinct countries in code
        // point order; per country: its activities and participants.
        var groupCountries: [[String]] = []
        groupCountries.reserveCapacity(ids.count)
        // Each group's country numbers, one group after another (a flat
        // array: a hundred thousand small arrays would be read from all
        // over memory).
        var groupCountryStart = [Int](repeating: 0, count: ids.count + 1)
        var groupCountryNumbers: [Int] = []
        groupCountryNumbers.reserveCapacity(rows.count)
        var groupParticipants: [ParticipantCount] = []
        groupParticipants.reserveCapacity(ids.count)
        var countryActivities = [Int](repeating: 0, count: countries.count)
        var countryParticipants = [ParticipantCount](repeating: .none, count: countries.count)
        var seenIn = [Int](repeating: -1, count: countries.count)
        // One array for every group of one country (most of them), and one
        // buffer for the numbers: no allocation per group but its list.
        let alone = countries.map { [$0] }
        var numbers: [Int] = []
        for g in 0..<ids.count {
            var count = ParticipantCount.none
            numbers.removeAll(keepingCapacity: true)
            var codes: [String] = []  // as the group's rows write them (codes not of two capitals)
            for r in rowsOf[starts[g]..<starts[g + 1]] {
                let c = rowCountry[r]
                count.add(rows[r].participants)
                countryParticipants[c].add(rows[r].participants)
                if seenIn[c] != g {
                    seenIn[c] = g
                    countryActivities[c] += 1
                    numbers.append(c)
                    if !countriesInOrder { codes.append(rows[r].country) }
                }
            }
            groupParticipants.append(count)
            if countriesInOrder {
                if numbers.count == 1 {
                    groupCountries.append(alone[numbers[0]])
                } else {
                    numbers.sort()
                    groupCountries.append(numbers.map { countries[$0] })
                }
            } else {
                groupCountries.append(codes.distinctSortedByCodePoint())
            }
            groupCountryNumbers += numbers
            groupCountryStart[g + 1] = groupCountryNumbers.count
        }
        // (Constants for the local functions: a variable they read would be
        // boxed, and checked for exclusive access at every read.)
        let (countryStarts, countryNumbers) = (groupCountryStart, groupCountryNumbers)
        func countriesOf(_ g: Int) -> ArraySlice<Int> { countryNumbers[countryStarts[g]..<countryStarts[g + 1]] }

        let days = all.map(\.date.daysSince1970)
        let order: [Int]
        if let rank = dataset.index?.activityRank, rank.count == all.count {
            order = all.indices.sorted { i, j in days[i] != days[j] ? days[i] < days[j] : rank[i] < rank[j] }
        } else {
            let idKeys = all.map(\.id.codePointPrefix)
            order = all.indices.sorted { i, j in
                if days[i] != days[j] { return days[i] < days[j] }
                if idKeys[i] != idKeys[j] { return idKeys[i] < idKeys[j] }
                return all[i].id.precedesByCodePoint(all[j].id)
            }
        }

        // Centre ids numbered once; each activity's centres by number.
        var centreNumber: [String: Int] = [:]
        var centreIds: [String] = []
        var centreStart = [Int](repeating: 0, count: all.count + 1)
        var centreNumbers: [Int] = []
        centreNumbers.reserveCapacity(all.count * 2)
        // The activities' fields the figures read, in columns.
        var roles: [ActivityRole] = [], formatColumn: [ActivityFormat] = []
        roles.reserveCapacity(all.count)
        formatColumn.reserveCapacity(all.count)
        // (Fields read by index: a loop over the activities would copy each whole.)
        for i in all.indices {
            for id in all[i].centres {
                if let known = centreNumber[id] {
                    centreNumbers.append(known)
                } else {
                    centreNumber[id] = centreIds.count
                    centreNumbers.append(centreIds.count)
                    centreIds.append(id)
                }
            }
            centreStart[i + 1] = centreNumbers.count
            roles.append(all[i].role)
            formatColumn.append(all[i].format)
        }
        let (centreStarts, centreNumbersOf) = (centreStart, centreNumbers)
        func centresOf(_ i: Int) -> ArraySlice<Int> { centreNumbersOf[centreStarts[i]..<centreStarts[i + 1]] }

        // The summaries (a copy of every activity) made on another core
        // while this one counts the centres, countries, kinds and plan.
        let summaries = Later { [order, groupCountries, groupParticipants, groupOf] in
            order.map { i in
                ActivitySummary(activity: all[i], countries: groupCountries[groupOf[i]], participants: groupParticipants[groupOf[i]])
            }
        }
        // The centres' figures in two passes over the activities, below (a
        // centre named twice in report.yaml gets the same figures twice).
        var placesOf = [[Int]](repeating: [], count: centreIds.count)
        for (place, centre) in dataset.info.centres.enumerated() {
            if let n = centreNumber[centre.id] { placesOf[n].append(place) }
        }
        var centres = dataset.info.centres.map {
            CentreFigures(centre: $0, activities: 0, organized: 0, participated: 0, formats: FormatCounts(), countries: 0,
                          participants: .none, activityIds: [])
        }
        var reached = [Bool](repeating: false, count: countries.count * centres.count)
        var counted = [Int](repeating: -1, count: centres.count)
        // The counts in file order (each array read from start to end; in
        // report order every read would be a cache miss at 100,000
        // activities), then the ids in report order.
        for i in all.indices {
            for n in centresOf(i) {
                for place in placesOf[n] where counted[place] != i {
                    counted[place] = i
                    let role = roles[i]
                    centres[place].activities += 1
                    if role.isOrganizing { centres[place].organized += 1 }
                    if role == .participant { centres[place].participated += 1 }
                    centres[place].formats.add(formatColumn[i])
                    centres[place].participants = centres[place].participants + groupParticipants[groupOf[i]]
                    for c in countriesOf(groupOf[i]) where !reached[place * countries.count + c] {
                        reached[place * countries.count + c] = true
                        centres[place].countries += 1
                    }
                }
            }
        }
        counted = [Int](repeating: -1, count: centres.count)
        var activityIds = centres.map { _ in [String]() }
        for place in centres.indices { activityIds[place].reserveCapacity(centres[place].activities) }
        for i in order {
            for n in centresOf(i) {
                for place in placesOf[n] where counted[place] != i {
                    counted[place] = i
                    activityIds[place].append(all[i].id)
                }
            }
        }
        for place in centres.indices { centres[place].activityIds = activityIds[place] }
        byCentre = centres

        // Centres per country: those of the activities (as listed in
        // activities.csv) of the country's rows; the first activity of an
        // id in report order stands for it.
        var centresOfGroup = [Int](repeating: -1, count: ids.count)
        for i in order where centresOfGroup[groupOf[i]] < 0 { centresOfGroup[groupOf[i]] = i }
        var countryCentre = [Bool](repeating: false, count: countries.count * max(centreIds.count, 1))
        for g in 0..<ids.count where centresOfGroup[g] >= 0 {
            for c in countriesOf(g) {
                for centre in centresOf(centresOfGroup[g]) { countryCentre[c * centreIds.count + centre] = true }
            }
        }
        let centreOrder = centreIds.indices.sorted { centreIds[$0].precedesByCodePoint(centreIds[$1]) }
        byCountry = countries.indices.map { c in
            CountryFigures(code: countries[c], activities: countryActivities[c], participants: countryParticipants[c],
                           centres: centreOrder.filter { countryCentre[c * centreIds.count + $0] }.map { centreIds[$0] })
        }.sorted { a, b in
            if a.activities != b.activities { return a.activities > b.activities }
            if a.participants.known != b.participants.known { return a.participants.known > b.participants.known }
            return a.code.precedesByCodePoint(b.code)
        }

        participation = sorted.value

        var kinds: [ActivityKind: KindFigures] = [:]
        var months = [(activities: Int, participants: ParticipantCount)](repeating: (0, .none), count: 12)
        for i in all.indices {
            let kind = all[i].kind, participants = groupParticipants[groupOf[i]]
            var figures = kinds[kind] ?? KindFigures(kind: kind, activities: 0, formats: FormatCounts(), participants: .none)
            figures.activities += 1
            figures.formats.add(all[i].format)
            figures.participants = figures.participants + participants
            kinds[kind] = figures
            if all[i].date.year == year {
                months[all[i].date.month - 1].activities += 1
                months[all[i].date.month - 1].participants = months[all[i].date.month - 1].participants + participants
            }
        }
        byKind = kinds.values.sorted { a, b in
            a.activities != b.activities ? a.activities > b.activities : a.kind.rawValue.precedesByCodePoint(b.kind.rawValue)
        }
        byMonth = (1...12).map { month in
            MonthFigures(year: year, month: month, activities: months[month - 1].activities,
                         participants: months[month - 1].participants)
        }

        var fulfilledBy: [String: [String]] = [:]
        for i in all.indices {
            if let item = all[i].planItem { fulfilledBy[item, default: []].append(all[i].id) }
        }
        planFulfilment = dataset.plan.filter { $0.year == year }
            .sorted { $0.id.precedesByCodePoint($1.id) }
            .map { PlanFulfilment(item: $0, fulfilledBy: (fulfilledBy[$0.id] ?? []).distinctSortedByCodePoint()) }

        nextYearPlan = dataset.plan.filter { $0.year == year + 1 }.sorted { a, b in
            switch (a.quarter, b.quarter) {
            case let (qa?, qb?) where qa != qb: return qa < qb
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.id.precedesByCodePoint(b.id)
            }
        }

        var formats = FormatCounts()
        var hours = DecimalNumber.zero
        for i in all.indices {
            formats.add(all[i].format)
            if all[i].kind.countsTrainingHours, let h = all[i].hours { hours = hours + h }
        }
        partners = (dataset.partners ?? PartnerInstitutions(centres: dataset.info.centres, activities: dataset.activities,
                                                             participation: dataset.participation)).institutions
        keyFigures = KeyFigures(
            activities: dataset.activities.count,
            formats: formats,
            countriesReached: countries.count,
            participants: groupParticipants.reduce(ParticipantCount.none, +),
            partnerInstitutions: partners.count,
            trainingHours: hours,
            contractYear: dataset.info.contract.concluded.map { year - $0.year + 1 })
        activities = summaries.value
    }

    /// The participation rows by activity, country, institution (nil as
    /// empty), then input order: each ordered by the ranks of its distinct
    /// texts in code point order.
    static func ordered(_ rows: [Participation], ids: [String], rowGroup: [Int], rowCountry: [Int], countries: [String],
                        countriesInOrder: Bool, spellingsAlike: Bool, index: DatasetIndex?) -> [Participation] {
        var spellingsAlike = spellingsAlike
        let idRank = index.map(\.activityRank).flatMap { $0.count == ids.count ? $0 : nil } ?? ids.ranksByCodePoint()
        let countryRank = countriesInOrder ? Array(countries.indices) : countries.ranksByCodePoint()
        var institutions = [""]
        let rowInstitution: [Int]
        if let index {
            institutions = index.institutions
            rowInstitution = index.institutionOfRow
        } else {
            var institutionNumber: [String: Int] = ["": 0]
            rowInstitution = rows.map { row -> Int in
                let name = row.institution ?? ""
                if let known = institutionNumber[name] {
                    if spellingsAlike, !name.utf8.elementsEqual(institutions[known].utf8) { spellingsAlike = false }
                    return known
                }
                institutionNumber[name] = institutions.count
                institutions.append(name)
                return institutions.count - 1
            }
        }
        guard spellingsAlike else {
            // Some text written two ways, equal as `String` compares them but
            // not byte for byte: ordered as always, text by text.
            return rows.enumerated().sorted { x, y in
                let (a, b) = (x.element, y.element)
                if a.activity != b.activity { return a.activity.precedesByCodePoint(b.activity) }
                if a.country != b.country { return a.country.precedesByCodePoint(b.country) }
                let (ia, ib) = (a.institution ?? "", b.institution ?? "")
                if ia != ib { return ia.precedesByCodePoint(ib) }
                return x.offset < y.offset
            }.map(\.element)
        }
        let institutionRank = institutions.ranksByCodePoint()
        // Ranks of activity and country, then of institution and the row's place (32 bits each).
        let keys = rows.indices.map { r in
            (UInt64(idRank[rowGroup[r]]) &* 0x1_0000_0000 &+ UInt64(countryRank[rowCountry[r]]),
             UInt64(institutionRank[rowInstitution[r]]) &* 0x1_0000_0000 &+ UInt64(r))
        }
        return keys.sorted { $0 < $1 }.map { rows[Int($0.1 & 0xFFFF_FFFF)] }
    }
}
