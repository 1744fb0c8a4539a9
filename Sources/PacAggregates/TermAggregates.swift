// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDataset

/// The figures of a contract over its term: several years' datasets of
/// one contract (README.md, "The contract over its term"). Each year is
/// aggregated as a year report is; countries and partner institutions are
/// also counted once over the whole term.
public struct TermAggregates: Sendable {
    /// One year's figures, the first row of the term tables.
    public struct YearFigures: Sendable, Hashable {
        public var year: Int
        public var activities: Int
        public var formats: FormatCounts
        /// Distinct countries involved that year.
        public var countries: Int
        public var participants: ParticipantCount
        /// Distinct partner institutions that year.
        public var partnerInstitutions: Int
        public var trainingHours: DecimalNumber
    }

    /// A plan item followed through the term.
    public struct PlanFollowed: Sendable, Hashable {
        public var item: PlanItem
        /// The year of the dataset whose next-year plan listed it; nil when none did.
        public var plannedIn: Int?
        /// Its status in the dataset of its due year when given, else in the one that planned it.
        public var status: PlanStatus
        /// Activities that name it (in its due year's dataset), sorted.
        public var fulfilledBy: [String]
        public var fulfilled: Bool { !fulfilledBy.isEmpty }
    }

    /// Each year's aggregates, by year.
    public var years: [Aggregates]
    /// Years between the first and the last with no dataset.
    public var missingYears: [Int]
    public var byYear: [YearFigures]
    /// The term as a whole: sums, and countries and partner institutions
    /// counted once over the term.
    public var total: YearFigures
    /// Per year, each centre's figures, in the latest dataset's order of centres.
    public var byYearCentre: [(year: Int, figures: CentreFigures)]
    /// Per year, each country's figures (activities, then participants, descending; then code).
    public var byYearCountry: [(year: Int, figures: CountryFigures)]
    /// Every plan item of any year, by due year, then id.
    public var planFollowed: [PlanFollowed]

    public var firstYear: Int { byYear.first?.year ?? 0 }
    public var lastYear: Int { byYear.last?.year ?? 0 }
    /// The latest year's report information (contract, centres, contacts).
    public var info: ReportInfo { years.last!.info }

    /// `datasets`: one contract's, of different years, in any order (`TermLoader` checks that).
    public init(_ datasets: [Dataset]) {
        let sorted = datasets.sorted { $0.info.year < $1.info.year }
        years = sorted.map(Aggregates.init)
        let present = Set(sorted.map(\.info.year))
        if let first = sorted.first?.info.year, let last = sorted.last?.info.year {
            missingYears = (first...last).filter { !present.contains($0) }
        } else {
            missingYears = []
        }
        byYear = years.map { a in
            let k = a.keyFigures
            return YearFigures(year: a.info.year, activities: k.activities, formats: k.formats, countries: k.countriesReached,
                               participants: k.participants, partnerInstitutions: k.partnerInstitutions,
                               trainingHours: k.trainingHours)
        }
        var formats = FormatCounts()
        var participants = ParticipantCount.none
        var hours = DecimalNumber.zero
        for y in byYear {
            formats.online += y.formats.online
            formats.onsite += y.formats.onsite
            formats.hybrid += y.formats.hybrid
            participants = participants + y.participants
            hours = hours + y.trainingHours
        }
        let countries = Set(years.flatMap { $0.byCountry.map(\.code) })
        // Partner institutions once over the term, by the same rule as a year's.
        let partners = PartnerInstitutions(centres: sorted.last?.info.centres ?? [],
                                           activities: sorted.flatMap(\.activities),
                                           participation: sorted.flatMap(\.participation))
        total = YearFigures(year: 0, activities: byYear.reduce(0) { $0 + $1.activities }, formats: formats,
                            countries: countries.count, participants: participants,
                            partnerInstitutions: partners.institutions.count, trainingHours: hours)

        let centreOrder = (sorted.last?.info.centres ?? []).map(\.id)
        func rank(_ id: String) -> Int { centreOrder.firstIndex(of: id) ?? centreOrder.count }
        byYearCentre = years.flatMap { a in
            a.byCentre.enumerated().sorted { x, y in
                rank(x.element.centre.id) != rank(y.element.centre.id) ? rank(x.element.centre.id) < rank(y.element.centre.id)
                    : x.offset < y.offset
            }.map { (a.info.year, $0.element) }
        }
        byYearCountry = years.flatMap { a in a.byCountry.map { (a.info.year, $0) } }

        // The plan: items matched by id across the datasets.
        var followed: [String: PlanFollowed] = [:]
        for dataset in sorted {
            let year = dataset.info.year
            for item in dataset.plan {
                var entry = followed[item.id] ?? PlanFollowed(item: item, plannedIn: nil, status: item.status, fulfilledBy: [])
                if item.year == year + 1 {
                    entry.plannedIn = entry.plannedIn ?? year
                    if followed[item.id] == nil || entry.item.year != year { entry.status = item.status }
                }
                if item.year == year {
                    // The due year's dataset has the last word on the item.
                    entry.item = item
                    entry.status = item.status
                    entry.fulfilledBy = dataset.activities.filter { $0.planItem == item.id }.map(\.id).distinctSortedByCodePoint()
                }
                followed[item.id] = entry
            }
        }
        planFollowed = followed.values.sorted { a, b in
            a.item.year != b.item.year ? a.item.year < b.item.year : a.item.id.precedesByCodePoint(b.item.id)
        }
    }
}
