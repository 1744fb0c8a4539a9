// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDataset
import PacAggregates
import Foundation

/// Builds the `ReportDocument` of a contract summary from the aggregates,
/// a template and the creation date (README.md, "The report").
/// The figures the narrative of the year tells.
package struct YearStory {
    package var activities: Int
    package var online: Int, onsite: Int, hybrid: Int
    /// Country codes, in the countries table's order.
    package var countries: [String]
    /// The activity with most participants (some recorded).
    package var largest: (title: String, date: ISODate, participants: ParticipantCount)?
    package var planned: Int, fulfilled: Int
    /// The partner institutions' names: with whom the centres worked.
    package var partners: [String]

    package init(activities: Int, online: Int, onsite: Int, hybrid: Int, countries: [String],
                 largest: (title: String, date: ISODate, participants: ParticipantCount)?, planned: Int, fulfilled: Int,
                 partners: [String] = []) {
        self.activities = activities; self.online = online; self.onsite = onsite; self.hybrid = hybrid
        self.countries = countries; self.largest = largest; self.planned = planned; self.fulfilled = fulfilled
        self.partners = partners
    }

    package init(_ a: Aggregates) {
        let k = a.keyFigures
        let largest = a.activities.filter { $0.participants.known > 0 }
            .max { x, y in x.participants.known < y.participants.known }
        self.init(activities: k.activities, online: k.formats.online, onsite: k.formats.onsite, hybrid: k.formats.hybrid,
                  countries: a.byCountry.map(\.code),
                  largest: largest.map { ($0.activity.title, $0.activity.date, $0.participants) },
                  planned: a.planFulfilment.count, fulfilled: a.planFulfilment.filter(\.fulfilled).count,
                  partners: a.partners.map(\.name))
    }
}

public struct ReportBuilder {
    public var aggregates: Aggregates
    public var template: ReportTemplate
    public var language: ReportLanguage
    /// An earlier year of the contract (`--previous`): the key figures show it beside this year's.
    public var previous: Aggregates?
    /// Seconds since 1970 (UTC).
    public var creationDate: Int64

    public init(aggregates: Aggregates, template: ReportTemplate, language: ReportLanguage, creationDate: Int64) {
        self.aggregates = aggregates
        self.template = template
        self.language = language
        self.creationDate = creationDate
    }

    package var s: TemplateStrings { template.strings }
    package var info: ReportInfo { aggregates.info }
    package var year: Int { info.year }

    // MARK: formatting

    /// The language's CLDR data (ICU): digits, separators, dates, lists, plurals.
    package var locale: LocaleData { LocaleData.of(language) }

    /// A count with grouping: the template's `number_group` when it gives
    /// one (the shipped en, ru, kk), else CLDR's (`12 345`, `١٢٬٣٤٥`).
    package func number(_ value: Int) throws -> String {
        guard s.has("number_group") else { return locale.number(value) }
        let digits = String(value.magnitude)
        let group = try s.raw("number_group")
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += group }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    package func decimal(_ value: DecimalNumber) throws -> String {
        guard s.has("decimal_mark") else { return locale.decimal(value) }
        let text = value.formatted(decimalSeparator: try s.raw("decimal_mark"))
        let parts = text.split(separator: Character(try s.raw("decimal_mark")), maxSplits: 1)
        let whole = try number(Int(parts[0]) ?? 0)
        return parts.count > 1 ? whole + (try s.raw("decimal_mark")) + parts[1] : whole
    }

    /// A participant count: "24"; "at least 24" when some count behind it
    /// is unknown; "not recorded" when none is known (never "at least 0").
    package func count(_ c: ParticipantCount) throws -> String {
        if c.complete { return try number(c.known) }
        if c.known == 0 { return try s.text("not_recorded") }
        return try s.text("at_least", ["count": try number(c.known)])
    }

    /// Whether some count of the report reads "at least N" (then the note says what that means).
    package var showsAtLeast: Bool {
        let a = aggregates
        let counts = [a.keyFigures.participants] + a.byKind.map(\.participants) + a.byCountry.map(\.participants)
            + a.byCentre.map(\.participants) + a.activities.map(\.participants)
        return counts.contains { !$0.complete && $0.known > 0 }
    }

    /// The report's title: the template's, with the year where the language
    /// puts it, or report.yaml's `title` as written.
    package func reportTitle() throws -> String {
        try info.title ?? s.text("report_title", ["year": numeral(year)])
    }

    /// A year standing alone, as CLDR writes it ("2020年"); the template's
    /// numeral where it gives its own dates.
    package func yearWord(_ y: Int) -> String { s.has("date") ? numeral(y) : locale.year(y) }

    /// A numeral without grouping, in the language's digits: years, days.
    package func numeral(_ n: Int) -> String { locale.numeral(n) }

    /// A date: the template's `date` and `months` when it gives them, else CLDR's long date.
    package func date(_ d: ISODate) throws -> String {
        if let known = memo.dates[d] { return known }
        guard s.has("date") else {
            let text = locale.date(d)
            memo.dates[d] = text
            return text
        }
        let months = try s.list("months", count: 12)
        let text = try s.text("date", ["day": String(d.day), "month": months[d.month - 1], "year": String(d.year)])
        memo.dates[d] = text
        return text
    }

    /// Formatted dates: a year has at most 366, and a report shows each many times.
    private final class Memo {
        package var dates: [ISODate: String] = [:]
        package var warnings: [String] = []
        package var shortened = Set<String>()
    }

    /// Longest text a table cell shows; the CSV exports keep every character.
    package static let cellLimit = 1_000

    /// An activity's title for a table cell: a very long one is cut (with a
    /// warning) rather than filling hundreds of pages.
    package func cellTitle(_ a: Activity) -> String {
        guard a.title.count > Self.cellLimit else { return a.title }
        if memo.shortened.insert(a.id).inserted {
            memo.warnings.append("activities.csv:\(a.line):title: the title of activity '\(a.id)' has \(a.title.count) characters; the report shows the first \(Self.cellLimit) (the CSV exports keep all)")
        }
        return String(a.title.prefix(Self.cellLimit)) + "…"
    }
    private let memo = Memo()

    package func dates(_ a: Activity) throws -> String {
        guard let end = a.endDate, end != a.date else { return try date(a.date) }
        return try dateRange(a.date, end)
    }

    /// A range written compactly: "17–19 March 2021" within a month,
    /// "30 March – 2 April 2021" within a year, else two whole dates.
    package func dateRange(_ from: ISODate, _ to: ISODate) throws -> String {
        guard s.has("date_range") else { return locale.dateRange(from, to) }
        guard from.year == to.year else { return try s.text("date_range", ["from": try date(from), "to": try date(to)]) }
        let months = try s.list("months", count: 12)
        if from.month == to.month {
            return try s.text("date_range_days", ["from_day": String(from.day), "to_day": String(to.day),
                                                  "month": months[from.month - 1], "year": String(from.year)])
        }
        return try s.text("date_range_months", ["from_day": String(from.day), "from_month": months[from.month - 1],
                                                "to_day": String(to.day), "to_month": months[to.month - 1],
                                                "year": String(from.year)])
    }

    package func counted(_ key: String, _ n: Int) throws -> String {
        try s.plural(key, n, language: language, ["count": try number(n)])
    }

    package func kind(_ k: ActivityKind) throws -> String { try s.text("kinds.\(k.rawValue)") }
    package func format(_ f: ActivityFormat) throws -> String { try s.text("formats.\(f.rawValue)") }
    package func status(_ st: PlanStatus) throws -> String { try s.text("statuses.\(st.rawValue)") }
    package func centreNames(_ ids: [String]) -> String {
        ids.map { info.centre($0)?.displayShort ?? $0 }.joined(separator: ", ")
    }

    package func column(_ key: String, _ alignment: Table.Alignment) throws -> Table.Column {
        Table.Column(header: try s.text(key), alignment: alignment)
    }

    // MARK: document

    /// What the report and its workbook say of themselves: title, author, subject, language, date.
    public func metadata() throws -> DocumentMetadata {
        let variables: [String: Any] = ["year": numeral(year), "contract_id": info.contract.id,
                                        "contract_title": info.contract.title]
        let author = info.preparedBy ?? info.contract.parties.compactMap { info.centre($0)?.name }.joined(separator: ", ")
        return DocumentMetadata(
            title: try reportTitle(),
            shortTitle: try s.text("short_title", variables),
            author: author,
            subject: try s.text("subject", variables),
            keywords: try s.text("keywords", variables).split(whereSeparator: { ",，،".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) },
            creator: "pacreport \(PacReportVersion.current)",
            creationDate: creationDate,
            language: language,
            pageFooter: try s.raw("page_footer"))
    }

    public func build() throws -> ReportDocument {
        let metadata = try metadata()
        let title = metadata.title
        var blocks: [Block] = []
        for section in template.sections {
            switch section {
            case .title: blocks += try titleBlock(title)
            case .contents: blocks.append(.tableOfContents(title: try s.text("contents")))
            case .keyFigures: blocks += try keyFigures()
            case .byKind: blocks += try byKind()
            case .centres: blocks += try centres()
            case .countries: blocks += try countries()
            case .activityLog: blocks += try activityLog()
            case .planFulfilment: blocks += try planFulfilment()
            case .workPlan: blocks += try workPlan()
            case .contacts: blocks += try contacts()
            }
        }
        return ReportDocument(metadata: metadata, style: template.style, blocks: blocks, warnings: memo.warnings)
    }

    package func heading(_ key: String, anchor: String, _ variables: [String: Any] = [:]) throws -> Block {
        .heading(Heading(level: 1, text: try s.text(key, variables), anchor: anchor))
    }

    package func titleBlock(_ title: String) throws -> [Block] {
        var rows: [[String]] = [
            [try s.text("contract"), info.contract.title],
            [try s.text("contract_number"), info.contract.id],
        ]
        let parties = info.contract.parties.compactMap { info.centre($0) }
            .map { c in c.role.map { "\(c.name) — \($0)" } ?? c.name }
        rows.append([try s.text("parties"), parties.joined(separator: "\n")])
        rows.append([try s.text("reporting_year"), numeral(year)])
        if let contractYear = aggregates.keyFigures.contractYear, let concluded = info.contract.concluded {
            rows.append([try s.text("contract_year"),
                         try s.text("contract_year_value", ["contract_year": numeral(contractYear), "concluded": try date(concluded)])])
        }
        rows.append([try s.text("language"), try s.text("language_name")])
        if let preparedBy = info.preparedBy { rows.append([try s.text("prepared_by"), preparedBy]) }
        rows.append([try s.text("generated_on"), try date(ISODate(unixSeconds: creationDate))])
        return [
            .title(title),
            .paragraph(Paragraph(info.contract.title, role: .lead)),
            .table(Table(name: "title", columns: [Table.Column(header: "", alignment: .start),
                                                  Table.Column(header: "", alignment: .start)],
                         rows: rows)),
        ]
    }

    /// A change as the report writes it: "+2", "−1", "±0".
    package func change(_ value: Int) throws -> String {
        value > 0 ? "+" + (try number(value)) : value < 0 ? "−" + (try number(-value)) : "±" + (try number(0))
    }

    /// The change from `a` to `b` ("+12", "−1,5", "±0"), with the language's decimal mark.
    package func change(from a: DecimalNumber, to b: DecimalNumber) throws -> String {
        let then = Double(a.description) ?? 0, now = Double(b.description) ?? 0
        guard now != then else { return "±" + (try number(0)) }
        let difference = DecimalNumber(parsing: String(format: "%g", abs(now - then))) ?? DecimalNumber(parsing: "0")!
        return (now > then ? "+" : "−") + (try decimal(difference))
    }

    package func keyFigures() throws -> [Block] {
        let k = aggregates.keyFigures
        let p = previous?.keyFigures
        let earlier = previous.map { numeral($0.info.year) } ?? ""
        /// "2020: 5 (+2)": the earlier year's value and the change (none when a count is not complete).
        func compared(_ value: String, _ change: Int?) throws -> String? {
            guard previous != nil else { return nil }
            var variables: [String: Any] = ["year": earlier, "value": value]
            if let change { variables["change"] = try self.change(change) }
            return try s.text("figure_previous", variables)
        }
        let participantsChange = p.flatMap { p in
            p.participants.complete && k.participants.complete ? k.participants.known - p.participants.known : nil
        }
        let hoursComparison = try p.map { p in
            try s.text("figure_previous", ["year": earlier, "value": try decimal(p.trainingHours),
                                           "change": try change(from: p.trainingHours, to: k.trainingHours)])
        }
        let figures = [
            KeyFigure(label: try s.text("figure_activities"), value: try number(k.activities),
                      detail: try s.text("figure_activities_detail", ["online": try number(k.formats.online),
                                                                       "onsite": try number(k.formats.onsite),
                                                                       "hybrid": try number(k.formats.hybrid)]),
                      comparison: try p.flatMap { try compared(try number($0.activities), k.activities - $0.activities) }),
            KeyFigure(label: try s.text("figure_countries"), value: try number(k.countriesReached), detail: nil,
                      comparison: try p.flatMap { try compared(try number($0.countriesReached), k.countriesReached - $0.countriesReached) }),
            KeyFigure(label: try s.text("figure_participants"), value: try count(k.participants), detail: nil,
                      comparison: try p.flatMap { try compared(try count($0.participants), participantsChange) }),
            KeyFigure(label: try s.text("figure_institutions"), value: try number(k.partnerInstitutions), detail: nil,
                      comparison: try p.flatMap { try compared(try number($0.partnerInstitutions),
                                                               k.partnerInstitutions - $0.partnerInstitutions) }),
            KeyFigure(label: try s.text("figure_hours"), value: try decimal(k.trainingHours), detail: nil,
                      comparison: hoursComparison),
        ]
        var blocks = [try heading("key_figures", anchor: "sec-key-figures"),
                      .paragraph(Paragraph(try s.text("key_figures_intro", [
                          "year": numeral(year),
                          "activities": try counted("activities_count", k.activities),
                          "countries": try counted("countries_count", k.countriesReached)]), keepWithNext: true)),
                      .keyFigures(figures)]
        // What "at least" means, wherever a figure says it.
        if showsAtLeast { blocks.append(.paragraph(Paragraph(try s.text("at_least_note"), role: .note))) }
        let story = try narrative(YearStory(aggregates))
        if !story.isEmpty { blocks.append(.paragraph(Paragraph(story.joined(separator: language.sentenceSeparator)))) }
        return blocks
    }

    /// Items joined as the language lists them: "A, B and C".
    /// Country names in the language, in its alphabetical order, as a
    /// cell lists them ("Kasachstan, Kirgisistan", "哈萨克斯坦、俄罗斯").
    package func countryNames(_ codes: [String]) -> String {
        locale.collated(codes.map { Countries.name($0, in: language) }).joined(separator: locale.listSeparator)
    }

    package func listed(_ items: [String]) throws -> String {
        guard items.count > 1 else { return items.first ?? "" }
        guard s.has("list_and") else { return locale.list(items) }
        return items.dropLast().joined(separator: ", ") + (try s.raw("list_and")) + items.last!
    }

    /// The year told in sentences from the figures (template strings
    /// `narrative_*`): the formats, the countries, the partner institutions,
    /// the largest activity and the plan fulfilled; a sentence is left out
    /// when its figure is missing.
    package func narrative(_ story: YearStory) throws -> [String] {
        guard story.activities > 0 else { return [] }
        var sentences: [String] = []
        let formats = try [("narrative_online", story.online), ("narrative_onsite", story.onsite),
                           ("narrative_hybrid", story.hybrid)]
            .filter { $0.1 > 0 }.map { try s.text($0.0, ["count": try number($0.1)]) }
        sentences.append(try s.text("narrative_formats", ["formats": try listed(formats)]))
        if !story.countries.isEmpty {
            var variables: [String: Any] = ["countries": try counted("countries_count", story.countries.count)]
            // The names when there are few enough to read (else the section is left out).
            if story.countries.count <= 12 { variables["names"] = try listed(story.countries.map { Countries.name($0, in: language) }) }
            sentences.append(try s.text("narrative_countries", variables))
        }
        if !story.partners.isEmpty {
            var variables: [String: Any] = ["institutions": try counted("institutions_count", story.partners.count)]
            if story.partners.count <= 8 { variables["names"] = try listed(story.partners) }
            sentences.append(try s.text("narrative_partners", variables))
        }
        if let largest = story.largest {
            sentences.append(try s.text("narrative_largest", [
                "title": largest.title, "date": try date(largest.date), "participants": try count(largest.participants),
                "participants_counted": try s.plural("participants_count", largest.participants.known, language: language,
                                                     ["count": try count(largest.participants)])]))
        }
        if story.planned > 0 {
            // 100 only when everything was carried out (199 of 200 is 99).
            let share = Double(story.fulfilled) * 100 / Double(story.planned)
            let percent = story.fulfilled == story.planned ? 100 : min(99, Int(share.rounded()))
            sentences.append(try s.text("narrative_plan", ["items": try counted("items_count", story.planned),
                                                            "planned": try number(story.planned),
                                                            "fulfilled": try number(story.fulfilled),
                                                            "percent": try number(percent), "year": numeral(year)]))
        }
        return sentences
    }

    /// The sentence that stands in for an empty table.
    package func nothingRecorded() throws -> Block {
        .paragraph(Paragraph(try s.text("no_activities", ["year": numeral(year)])))
    }

    package func byKind() throws -> [Block] {
        guard !aggregates.byKind.isEmpty else { return [try heading("by_kind", anchor: "sec-by-kind"), try nothingRecorded()] }
        let rows = try aggregates.byKind.map { k in
            [try kind(k.kind), try number(k.activities), try number(k.formats.online), try number(k.formats.onsite),
             try number(k.formats.hybrid), try count(k.participants)]
        }
        let k = aggregates.keyFigures
        let totals = [try s.text("total"), try number(k.activities), try number(k.formats.online),
                      try number(k.formats.onsite), try number(k.formats.hybrid), try count(k.participants)]
        let table = Table(name: "by-kind", columns: [
            try column("col_kind", .start), try column("col_activities", .end),
            try column("col_online", .end), try column("col_onsite", .end),
            try column("col_hybrid", .end), try column("col_participants", .end),
        ], rows: rows, totals: totals)
        let chart = Chart(title: try s.text("by_kind_chart"),
                          bars: try aggregates.byKind.map { Chart.Bar(label: try kind($0.kind), value: $0.activities,
                                                                       atLeast: false, valueText: try number($0.activities)) },
                          legend: nil, description: try s.text("by_kind_chart_description"))
        return [try heading("by_kind", anchor: "sec-by-kind"), .table(table), .chart(chart)]
    }

    package func activityTable(_ summaries: [ActivitySummary], name: String, withParticipants: Bool) throws -> Table {
        var columns = [try column("col_date", .start), try column("col_title", .start),
                       try column("col_kind", .start), try column("col_format", .start),
                       try column("col_countries", .start)]
        if withParticipants { columns.append(try column("col_participants", .end)) }
        let rows = try summaries.map { a -> [String] in
            var row = [try dates(a.activity), cellTitle(a.activity), try kind(a.activity.kind), try format(a.activity.format),
                       a.countries.joined(separator: ", ")]
            if withParticipants { row.append(try count(a.participants)) }
            return row
        }
        return Table(name: name, columns: columns, rows: rows)
    }

    /// The activity log: every activity with its host, the countries by
    /// name and its participants, and its description under it as written.
    package func logTable(_ summaries: [ActivitySummary]) throws -> Table {
        // A host column only when some activity names a host.
        let hosts = summaries.contains { $0.activity.host != nil }
        var columns = [try column("col_date", .start), try column("col_title", .start), try column("col_kind", .start),
                       try column("col_format", .start)]
        if hosts { columns.append(try column("col_host", .start)) }
        columns += [try column("col_countries", .start), try column("col_participants", .end)]
        var rows: [[String]] = []
        var details: [String] = []
        rows.reserveCapacity(summaries.count)
        for a in summaries {
            var row = [try dates(a.activity), cellTitle(a.activity), try kind(a.activity.kind), try format(a.activity.format)]
            if hosts { row.append(a.activity.host ?? "") }
            row += [countryNames(a.countries), try count(a.participants)]
            rows.append(row)
            details.append(a.activity.description ?? "")
        }
        return Table(name: "activity-log", columns: columns, rows: rows,
                     details: details.contains { !$0.isEmpty } ? details : [])
    }

    package func centres() throws -> [Block] {
        var blocks = [try heading("centres", anchor: "sec-centres")]
        let byId = Dictionary(aggregates.activities.map { ($0.activity.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, c) in aggregates.byCentre.enumerated() {
            blocks.append(.heading(Heading(level: 2, text: c.centre.name, anchor: "centre-\(index + 1)")))
            if c.centre.role != nil || c.centre.city != nil {
                let place = [c.centre.role, c.centre.city].compactMap { $0 }.joined(separator: ", ")
                blocks.append(.paragraph(Paragraph(try s.text("centre_intro", ["role_and_city": place]), role: .lead,
                                                   keepWithNext: true)))
            }
            if c.activities == 0 {
                blocks.append(.paragraph(Paragraph(try s.text("centre_no_activities", ["year": numeral(year)]))))
                continue
            }
            blocks.append(.paragraph(Paragraph(try s.text("centre_summary", [
                "activities": try counted("activities_count", c.activities),
                "organized": try number(c.organized), "participated": try number(c.participated),
                "countries": try counted("countries_count", c.countries),
                "participants": try count(c.participants)]), keepWithNext: true)))
            blocks.append(.table(try activityTable(c.activityIds.compactMap { byId[$0] }, name: "centre-\(c.centre.id)",
                                                   withParticipants: true)))
        }
        return blocks
    }

    package func countries() throws -> [Block] {
        guard !aggregates.byCountry.isEmpty else { return [try heading("countries", anchor: "sec-countries"), try nothingRecorded()] }
        let rows = try aggregates.byCountry.map { c in
            [c.code, Countries.name(c.code, in: language), try number(c.activities), try count(c.participants),
             centreNames(c.centres)]
        }
        let total = aggregates.keyFigures
        // The totals row counts each activity once, however many countries it
        // involved; the note says so, and how many recorded no country.
        let withCountry = aggregates.activities.filter { !$0.countries.isEmpty }.count
        var noteVariables: [String: Any] = ["activities": try counted("activities_count", withCountry)]
        if withCountry < total.activities {
            noteVariables["missing"] = try counted("activities_count", total.activities - withCountry)
        }
        let table = Table(name: "countries", columns: [
            try column("col_code", .start), try column("col_country", .start),
            try column("col_activities", .end), try column("col_participants", .end),
            try column("col_centres", .start),
        ], rows: rows, totals: [try s.text("total"), try counted("countries_count", total.countriesReached),
                                try number(withCountry),
                                try count(total.participants), ""],
                          note: try s.text("countries_total_note", noteVariables))
        let top = aggregates.byCountry.filter { $0.participants.known > 0 }
            .sorted { a, b in
                a.participants.known != b.participants.known ? a.participants.known > b.participants.known
                    : a.code.precedesByCodePoint(b.code)
            }.prefix(10)
        var blocks = [try heading("countries", anchor: "sec-countries"), .table(table)]
        if !top.isEmpty {
            let anyAtLeast = top.contains { !$0.participants.complete }
            blocks.append(.chart(Chart(
                title: try s.text("countries_chart"),
                bars: try top.map { Chart.Bar(label: Countries.name($0.code, in: language), value: $0.participants.known,
                                              atLeast: !$0.participants.complete, valueText: try count($0.participants)) },
                legend: anyAtLeast ? try s.text("countries_chart_legend") : nil,
                description: try s.text("countries_chart_description"))))
        }
        return blocks
    }

    package func activityLog() throws -> [Block] {
        guard !aggregates.activities.isEmpty else { return [try heading("activity_log", anchor: "sec-activity-log"), try nothingRecorded()] }
        return [try heading("activity_log", anchor: "sec-activity-log"),
         .paragraph(Paragraph(try s.text("activity_log_intro", ["year": numeral(year)]), keepWithNext: true)),
         .table(try logTable(aggregates.activities))] + (try partners())
    }

    /// The partner institutions: name, countries (by name), activities.
    package func partners() throws -> [Block] {
        let heading = Block.heading(Heading(level: 2, text: try s.text("figure_institutions"), anchor: "sec-partners"))
        guard !aggregates.partners.isEmpty else {
            return [heading, .paragraph(Paragraph(try s.text("partners_none", ["year": numeral(year)])))]
        }
        let rows = try aggregates.partners.map { p in
            [p.name, countryNames(p.countries), try number(p.activities.count)]
        }
        return [heading, .table(Table(name: "partners", columns: [
            try column("col_institution", .start), try column("col_countries", .start), try column("col_activities", .end),
        ], rows: rows))]
    }

    package func planFulfilment() throws -> [Block] {
        let items = aggregates.planFulfilment
        guard !items.isEmpty else { return [] }
        let rows = try items.map { f in
            [f.item.id, f.item.title, centreNames(f.item.centres), try kind(f.item.kind), try status(f.item.status),
             f.fulfilled ? f.fulfilledBy.joined(separator: ", ") : try s.text("not_fulfilled")]
        }
        let table = Table(name: "plan-fulfilment", columns: [
            try column("col_item", .start), try column("col_title", .start), try column("col_centres", .start),
            try column("col_kind", .start), try column("col_status", .start), try column("col_fulfilled", .start),
        ], rows: rows)
        return [try heading("plan_fulfilment", anchor: "sec-plan-fulfilment", ["year": numeral(year)]),
                .paragraph(Paragraph(try s.text("plan_fulfilment_intro", [
                    "fulfilled": try number(items.filter(\.fulfilled).count), "items": try counted("items_count", items.count),
                    "planned": try number(items.count),
                    "year": numeral(year)]), keepWithNext: true)),
                .table(table)]
    }

    package func workPlan() throws -> [Block] {
        let items = aggregates.nextYearPlan
        guard !items.isEmpty else { return [] }
        let rows = try items.map { p in
            [p.quarter?.rawValue ?? "", p.title, centreNames(p.centres), try kind(p.kind),
             try p.format.map { try format($0) } ?? "", p.countries.joined(separator: ", "), try status(p.status)]
        }
        let table = Table(name: "work-plan", columns: [
            try column("col_quarter", .start), try column("col_title", .start), try column("col_centres", .start),
            try column("col_kind", .start), try column("col_format", .start), try column("col_countries", .start),
            try column("col_status", .start),
        ], rows: rows)
        return [try heading("work_plan", anchor: "sec-work-plan", ["year": numeral(year + 1)]),
                .paragraph(Paragraph(try s.text("work_plan_intro", ["year": numeral(year + 1)]), keepWithNext: true)),
                .table(table)]
    }

    /// `text` as a valid URI: every byte outside RFC 3986's unreserved and
    /// reserved characters (spaces, backslashes, brackets, non-ASCII) is
    /// percent-encoded, so that no writer gets markup or a broken link from
    /// data; so are parentheses, which Cairo writes unescaped into the PDF's
    /// `/URI (...)` string.
    package static func uri(_ text: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&'*+,;=%".utf8)
        var out = ""
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    package func contacts() throws -> [Block] {
        var blocks = [try heading("contacts", anchor: "sec-contacts")]
        // In a right-to-left report every line of a contact runs right to
        // left (a mark first), its names, numbers and addresses isolated
        // in their own direction: a phone number keeps its order.
        let rtl = language.isRightToLeft
        let line = rtl ? "\n\u{200F}" : "\n"
        func ltr(_ text: String) -> String { rtl ? "\u{2068}" + text + "\u{2069}" : text }
        for c in info.centres {
            var runs = [Run((rtl ? "\u{200F}" : "") + ltr(c.name), bold: true)]
            if let role = c.role { runs.append(Run(line + ltr(role))) }
            var place = [Countries.name(c.country, in: language)]
            if let city = c.city { place.insert(ltr(city), at: 0) }
            runs.append(Run(line + place.joined(separator: locale.listSeparator)))
            let colon = language.labelSeparator
            if let phone = c.phone { runs.append(Run(line + "\(try s.text("contact_phone"))\(colon)" + ltr(phone))) }
            if let email = c.email {
                runs.append(Run(line + "\(try s.text("contact_email"))\(colon)"))
                runs.append(Run(ltr(email), link: Self.uri("mailto:" + email)))
            }
            if let web = c.web {
                runs.append(Run(line + "\(try s.text("contact_web"))\(colon)"))
                runs.append(Run(ltr(web), link: Self.uri(web.contains("://") ? web : "https://" + web)))
            }
            blocks.append(.paragraph(Paragraph(runs, keepTogether: true)))
        }
        return blocks
    }
}
