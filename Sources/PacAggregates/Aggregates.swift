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

        var rowsByActivity: [String: [Participation]] = [:]
        for row in dataset.participation { rowsByActivity[row.activity, default: []].append(row) }

        func participantCount(_ rows: [Participation]) -> ParticipantCount {
            var count = ParticipantCount.none
            for row in rows { count.add(row.participants) }
            return count
        }

        let ordered = dataset.activities.sorted { a, b in
            a.date != b.date ? a.date < b.date : a.id.precedesByCodePoint(b.id)
        }
        let activities = ordered.map { activity in
            let rows = rowsByActivity[activity.id] ?? []
            return ActivitySummary(activity: activity,
                                   countries: rows.map(\.country).distinctSortedByCodePoint(),
                                   participants: participantCount(rows))
        }
        self.activities = activities
        let summaryById = Dictionary(activities.map { ($0.activity.id, $0) }, uniquingKeysWith: { a, _ in a })

        participation = dataset.participation.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            if a.activity != b.activity { return a.activity.precedesByCodePoint(b.activity) }
            if a.country != b.country { return a.country.precedesByCodePoint(b.country) }
            let (ia, ib) = (a.institution ?? "", b.institution ?? "")
            if ia != ib { return ia.precedesByCodePoint(ib) }
            return x.offset < y.offset
        }.map(\.element)

        byCentre = dataset.info.centres.map { centre in
            let mine = activities.filter { $0.activity.centres.contains(centre.id) }
            var formats = FormatCounts()
            var participants = ParticipantCount.none
            var countries = Set<String>()
            for summary in mine {
                formats.add(summary.activity.format)
                participants = participants + summary.participants
                countries.formUnion(summary.countries)
            }
            return CentreFigures(centre: centre, activities: mine.count,
                                 organized: mine.filter { $0.activity.role.isOrganizing }.count,
                                 participated: mine.filter { $0.activity.role == .participant }.count,
                                 formats: formats, countries: countries.count, participants: participants,
                                 activityIds: mine.map(\.activity.id))
        }

        var countryActivities: [String: Set<String>] = [:]
        var countryParticipants: [String: ParticipantCount] = [:]
        var countryCentres: [String: Set<String>] = [:]
        for row in dataset.participation {
            countryActivities[row.country, default: []].insert(row.activity)
            countryParticipants[row.country, default: .none].add(row.participants)
            if let summary = summaryById[row.activity] {
                countryCentres[row.country, default: []].formUnion(summary.activity.centres)
            }
        }
        byCountry = countryActivities.map { code, ids in
            CountryFigures(code: code, activities: ids.count, participants: countryParticipants[code] ?? .none,
                           centres: (countryCentres[code] ?? []).distinctSortedByCodePoint())
        }.sorted { a, b in
            if a.activities != b.activities { return a.activities > b.activities }
            if a.participants.known != b.participants.known { return a.participants.known > b.participants.known }
            return a.code.precedesByCodePoint(b.code)
        }

        var kinds: [ActivityKind: KindFigures] = [:]
        for summary in activities {
            let kind = summary.activity.kind
            var figures = kinds[kind] ?? KindFigures(kind: kind, activities: 0, formats: FormatCounts(), participants: .none)
            figures.activities += 1
            figures.formats.add(summary.activity.format)
            figures.participants = figures.participants + summary.participants
            kinds[kind] = figures
        }
        byKind = kinds.values.sorted { a, b in
            a.activities != b.activities ? a.activities > b.activities : a.kind.rawValue.precedesByCodePoint(b.kind.rawValue)
        }

        byMonth = (1...12).map { month in
            let inMonth = activities.filter { $0.activity.date.year == year && $0.activity.date.month == month }
            return MonthFigures(year: year, month: month, activities: inMonth.count,
                                participants: inMonth.reduce(ParticipantCount.none) { $0 + $1.participants })
        }

        var fulfilledBy: [String: [String]] = [:]
        for activity in dataset.activities {
            if let item = activity.planItem { fulfilledBy[item, default: []].append(activity.id) }
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
        for activity in dataset.activities {
            formats.add(activity.format)
            if activity.kind.countsTrainingHours, let h = activity.hours { hours = hours + h }
        }
        partners = (dataset.partners ?? PartnerInstitutions(centres: dataset.info.centres, activities: dataset.activities,
                                                             participation: dataset.participation)).institutions
        let institutions = partners
        keyFigures = KeyFigures(
            activities: dataset.activities.count,
            formats: formats,
            countriesReached: countryActivities.count,
            participants: participantCount(dataset.participation),
            partnerInstitutions: institutions.count,
            trainingHours: hours,
            contractYear: dataset.info.contract.concluded.map { year - $0.year + 1 })
    }
}
