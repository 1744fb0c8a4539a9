// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacAggregates
import PacBase
import PacDataset

/// Builds the contract-term report (README.md, "The contract over its
/// term") as a `ReportDocument`, beside the year report's builder: the same
/// document model, template, wording and writers. The year reports hold
/// the activity details; this one does not repeat them.
public struct TermReportBuilder {
    public let term: TermAggregates
    public let template: ReportTemplate
    public let language: ReportLanguage
    public let creationDate: Int64
    /// The latest year's builder: numbers, dates, wording and contacts.
    private let year: ReportBuilder

    public init(term: TermAggregates, template: ReportTemplate, language: ReportLanguage, creationDate: Int64) {
        self.term = term
        self.template = template
        self.language = language
        self.creationDate = creationDate
        year = ReportBuilder(aggregates: term.years.last!, template: template, language: language, creationDate: creationDate)
    }
    private var s: TemplateStrings { template.strings }
    private var info: ReportInfo { term.info }

    private func years() throws -> [String: Any] {
        ["first": year.numeral(term.firstYear), "last": year.numeral(term.lastYear), "contract_id": info.contract.id,
         "contract_title": info.contract.title]
    }

    /// What the term report and its workbook say of themselves.
    public func metadata() throws -> DocumentMetadata {
        let variables = try years()
        let author = info.preparedBy ?? info.contract.parties.compactMap { info.centre($0)?.name }.joined(separator: ", ")
        return DocumentMetadata(
            title: try s.text("term_title", variables), shortTitle: try s.text("term_short_title", variables), author: author,
            subject: try s.text("term_subject", variables),
            keywords: try s.text("keywords", ["year": "\(year.numeral(term.firstYear))–\(year.numeral(term.lastYear))"]).split(whereSeparator: { ",，،".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) },
            creator: "pacreport \(PacReportVersion.current)", creationDate: creationDate, language: language,
            pageFooter: try s.raw("page_footer"))
    }

    public func build() throws -> ReportDocument {
        let b = year
        let metadata = try metadata()
        let title = metadata.title
        var blocks: [Block] = try titleBlock(title)
        blocks.append(.tableOfContents(title: try s.text("contents")))
        blocks += try keyFigures()
        blocks += try centres()
        blocks += try countries()
        blocks += try plan()
        blocks += try b.contacts()
        return ReportDocument(metadata: metadata, style: template.style, blocks: blocks)
    }

    private func titleBlock(_ title: String) throws -> [Block] {
        let b = year
        var rows: [[String]] = [[try s.text("contract"), info.contract.title], [try s.text("contract_number"), info.contract.id]]
        let parties = info.contract.parties.compactMap { info.centre($0) }.map { c in c.role.map { "\(c.name) — \($0)" } ?? c.name }
        rows.append([try s.text("parties"), parties.joined(separator: "\n")])
        if let concluded = info.contract.concluded { rows.append([try s.text("term_concluded"), try b.date(concluded)]) }
        if let ends = info.contract.ends { rows.append([try s.text("term_ends"), try b.date(ends)]) }
        rows.append([try s.text("term_years_covered"), try year.listed(term.byYear.map { year.yearWord($0.year) })])
        rows.append([try s.text("language"), try s.text("language_name")])
        rows.append([try s.text("generated_on"), try b.date(ISODate(unixSeconds: creationDate))])
        var blocks: [Block] = [
            .title(title), .paragraph(Paragraph(info.contract.title, role: .lead)),
            .table(Table(name: "title", columns: [Table.Column(header: "", alignment: .start),
                                                  Table.Column(header: "", alignment: .start)], rows: rows)),
        ]
        for missing in term.missingYears {
            blocks.append(.paragraph(Paragraph(try s.text("term_missing_year", ["year": year.numeral(missing)]), role: .note)))
        }
        return blocks
    }

    private func keyFigures() throws -> [Block] {
        let b = year
        let columns = [try b.column("col_year", .start), try b.column("col_activities", .end), try b.column("col_online", .end),
                       try b.column("col_onsite", .end), try b.column("col_hybrid", .end), try b.column("col_countries", .end),
                       try b.column("col_participants", .end), try b.column("col_institutions", .end),
                       try b.column("col_hours", .end)]
        func row(_ label: String, _ y: TermAggregates.YearFigures) throws -> [String] {
            [label, try b.number(y.activities), try b.number(y.formats.online), try b.number(y.formats.onsite),
             try b.number(y.formats.hybrid), try b.number(y.countries), try b.count(y.participants),
             try b.number(y.partnerInstitutions), try b.decimal(y.trainingHours)]
        }
        var blocks: [Block] = [
            .heading(Heading(level: 1, text: try s.text("key_figures"), anchor: "sec-key-figures")),
            .paragraph(Paragraph(try s.text("term_key_figures_intro", try years()), keepWithNext: true)),
            .table(Table(name: "by-year", columns: columns, rows: try term.byYear.map { try row(year.numeral($0.year), $0) },
                         totals: try row(try s.text("term_total"), term.total), note: try s.text("term_total_note"))),
        ]
        // The change from each year to the next.
        if term.byYear.count > 1 {
            let pairs = zip(term.byYear, term.byYear.dropFirst())
            let builder = year
            let rows = try pairs.map { a, b -> [String] in
                let participants = a.participants.complete && b.participants.complete
                    ? try builder.change(b.participants.known - a.participants.known) : "—"
                return [try s.text("term_change_years", ["from": year.numeral(a.year), "to": year.numeral(b.year)]),
                        try builder.change(b.activities - a.activities), try builder.change(b.formats.online - a.formats.online),
                        try builder.change(b.formats.onsite - a.formats.onsite), try builder.change(b.formats.hybrid - a.formats.hybrid),
                        try builder.change(b.countries - a.countries), participants,
                        try builder.change(b.partnerInstitutions - a.partnerInstitutions),
                        try builder.change(from: a.trainingHours, to: b.trainingHours)]
            }
            blocks.append(.paragraph(Paragraph(try s.text("term_change"), keepWithNext: true)))
            blocks.append(.table(Table(name: "change", columns: columns, rows: rows)))
        }
        // Activities and participants per year, as charts.
        blocks.append(.chart(Chart(title: try s.text("term_chart_activities"),
                                   bars: try term.byYear.map { Chart.Bar(label: year.numeral($0.year), value: $0.activities, atLeast: false,
                                                                         valueText: try b.number($0.activities)) },
                                   legend: nil, description: try s.text("term_chart_activities_description"))))
        let anyAtLeast = term.byYear.contains { !$0.participants.complete }
        blocks.append(.chart(Chart(title: try s.text("term_chart_participants"),
                                   bars: try term.byYear.map { Chart.Bar(label: year.numeral($0.year), value: $0.participants.known,
                                                                         atLeast: !$0.participants.complete,
                                                                         valueText: try b.count($0.participants)) },
                                   legend: anyAtLeast ? try s.text("countries_chart_legend") : nil,
                                   description: try s.text("term_chart_participants_description"))))
        return blocks
    }

    private func centres() throws -> [Block] {
        let b = year
        let rows = try term.byYearCentre.map { year, c in
            [c.centre.displayShort, b.numeral(year), try b.number(c.activities), try b.number(c.organized),
             try b.number(c.participated), try b.number(c.countries), try b.count(c.participants)]
        }
        return [.heading(Heading(level: 1, text: try s.text("centres"), anchor: "sec-centres")),
                .table(Table(name: "by-year-centre", columns: [
                    try b.column("summary_centre", .start), try b.column("col_year", .start),
                    try b.column("col_activities", .end), try b.column("col_organized", .end),
                    try b.column("col_participated", .end), try b.column("col_countries", .end),
                    try b.column("col_participants", .end),
                ], rows: rows))]
    }

    /// Each country's activities per year, and over the term.
    private func countries() throws -> [Block] {
        let b = year
        var activities: [String: [Int: Int]] = [:]
        var order: [String] = []
        for (year, c) in term.byYearCountry {
            if activities[c.code] == nil { order.append(c.code) }
            activities[c.code, default: [:]][year] = c.activities
        }
        let totals = Dictionary(uniqueKeysWithValues: order.map { ($0, activities[$0]!.values.reduce(0, +)) })
        order.sort { x, y in totals[x]! != totals[y]! ? totals[x]! > totals[y]! : x.precedesByCodePoint(y) }
        let years = term.byYear.map(\.year)
        let rows = try order.map { code in
            [code, Countries.name(code, in: language)] + (try years.map { try b.number(activities[code]?[$0] ?? 0) })
                + [try b.number(totals[code]!)]
        }
        let columns = [try b.column("col_code", .start), try b.column("col_country", .start)]
            + years.map { Table.Column(header: year.numeral($0), alignment: .end) }
            + [try b.column("term_total", .end)]
        return [.heading(Heading(level: 1, text: try s.text("countries"), anchor: "sec-countries")),
                .paragraph(Paragraph(try s.text("term_countries_intro"), keepWithNext: true)),
                .table(Table(name: "by-year-country", columns: columns, rows: rows))]
    }

    private func plan() throws -> [Block] {
        let b = year
        guard !term.planFollowed.isEmpty else { return [] }
        let rows = try term.planFollowed.map { p in
            [p.item.id, p.item.title, try b.kind(p.item.kind),
             p.plannedIn.map(year.numeral) ?? "—", year.numeral(p.item.year), try b.status(p.status),
             p.fulfilled ? p.fulfilledBy.joined(separator: ", ") : try s.text("not_fulfilled")]
        }
        return [.heading(Heading(level: 1, text: try s.text("plan_followed"), anchor: "sec-plan-followed")),
                .paragraph(Paragraph(try s.text("plan_followed_intro"), keepWithNext: true)),
                .table(Table(name: "plan-followed", columns: [
                    // (The centres are in plan-followed.csv: seven columns fit the page in every language.)
                    try b.column("col_item", .start), try b.column("col_title", .start), try b.column("col_kind", .start), try b.column("col_planned_in", .start), try b.column("col_due", .start),
                    try b.column("col_status", .start), try b.column("col_fulfilled", .start),
                ], rows: rows))]
    }
}
