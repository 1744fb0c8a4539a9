// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacAggregates
import PacBase
import PacDataset

/// The eight export tables (docs/exports.md).
public enum ExportTable: String, CaseIterable, Sendable {
    case activities
    case participation
    case byCentre = "by-centre"
    case byCountry = "by-country"
    case byKind = "by-kind"
    case byMonth = "by-month"
    case plan
    case planFulfilment = "plan-fulfilment"

    /// File name inside `contract-summary-YEAR-LANG-csv/`.
    public var fileName: String { rawValue + ".csv" }

    public var columns: [String] {
        switch self {
        case .activities:
            return ["id", "date", "end_date", "centres", "role", "kind", "format", "title", "host", "countries",
                    "participants", "participants_complete", "hours", "plan_item"]
        case .participation:
            return ["activity", "country_code", "country_name", "institution", "participants", "role"]
        case .byCentre:
            return ["centre_id", "centre_name", "activities", "organized", "participated", "online", "onsite",
                    "hybrid", "countries", "participants", "participants_complete"]
        case .byCountry:
            return ["country_code", "country_name", "activities", "participants", "participants_complete", "centres"]
        case .byKind:
            return ["kind", "activities", "online", "onsite", "hybrid", "participants", "participants_complete"]
        case .byMonth:
            return ["month", "activities", "participants", "participants_complete"]
        case .plan:
            return ["id", "year", "quarter", "centres", "kind", "format", "title", "countries", "status"]
        case .planFulfilment:
            return ["id", "title", "centres", "kind", "status", "fulfilled", "fulfilled_by"]
        }
    }
}

/// A value of an exported table, typed: the CSV writer spells it, a
/// workbook writer gives it its cell type (numbers are never formula-guarded).
public enum ExportCell: Sendable, Hashable {
    case text(String)
    /// A whole number, as written.
    case number(String)
    case decimal(DecimalNumber)
    case date(ISODate)
    case boolean(Bool)
    /// A word of the dataset's vocabulary (kind, format, role, status):
    /// the CSV writes its name, a workbook its label in the report language.
    case label(name: String, shown: String)
    case empty

    public static func optional(_ text: String?) -> ExportCell { text.map(ExportCell.text) ?? .empty }
    public static func int(_ value: Int) -> ExportCell { .number(String(value)) }
    public static func bool(_ value: Bool) -> ExportCell { .boolean(value) }
    public static func list(_ items: [String]) -> ExportCell {
        items.count == 1 ? .text(items[0]) : .text(items.distinctSortedByCodePoint().joined(separator: ";"))
    }

    /// The cell as the CSV spells it: dates `YYYY-MM-DD`, booleans
    /// `true`/`false`, words of the vocabulary by name.
    public var csvText: String? {
        switch self {
        case .text(let text), .number(let text): return text
        case .decimal(let value): return value.formatted(decimalSeparator: ".")
        case .date(let date): return date.description
        case .boolean(let value): return value ? "true" : "false"
        case .label(let name, _): return name
        case .empty: return nil
        }
    }
}

/// What the exported tables call things: column headers, sheet names and
/// the vocabulary's words. `names` is the CSV's (machine names, as
/// docs/exports.md lists them); a workbook's come from the template's
/// strings in the report language.
public struct ExportLabels: Sendable {
    /// Column and table names, and vocabulary words by key (`kinds.seminar`).
    private let labels: [String: String]

    public static let names = ExportLabels(labels: [:])

    private init(labels: [String: String]) { self.labels = labels }

    /// The labels of `language` from the template's strings.
    public init(strings: TemplateStrings) throws {
        var labels: [String: String] = [:]
        for key in TemplateCatalog.exportLabelKeys { labels[key] = try strings.text(key) }
        self.labels = labels
    }

    /// The labels of `template` in `language`; a template made before the
    /// workbooks (without `sheets`, `columns`, `roles`) takes the missing
    /// ones from the shipped template.
    public init(_ template: ReportTemplate, language: ReportLanguage) throws {
        let strings = template.strings
        if TemplateCatalog.exportLabelKeys.allSatisfy(strings.has) {
            try self.init(strings: strings)
            return
        }
        let shipped = try ReportTemplate.load(folder: try Resources.template(nil), language: language).strings
        var labels: [String: String] = [:]
        for key in TemplateCatalog.exportLabelKeys { labels[key] = try (strings.has(key) ? strings : shipped).text(key) }
        self.init(labels: labels)
    }

    public func column(_ name: String) -> String { labels["columns.\(name)"] ?? name }

    /// The header of `name` in a table: `countries` where it holds a count
    /// (the centres' and years' tables) is "countries reached".
    public func column(_ name: String, counted: Bool) -> String {
        column(counted && name == "countries" ? "country_count" : name)
    }
    public func sheet(_ table: String) -> String { labels["sheets.\(table)"] ?? table }

    func word(_ group: String, _ name: String) -> ExportCell {
        .label(name: name, shown: labels.isEmpty ? name : labels["\(group).\(name)"] ?? name)
    }
    func kind(_ k: ActivityKind) -> ExportCell { word("kinds", k.rawValue) }
    func format(_ f: ActivityFormat) -> ExportCell { word("formats", f.rawValue) }
    func status(_ s: PlanStatus) -> ExportCell { word("statuses", s.rawValue) }
    func role(_ r: ActivityRole) -> ExportCell { word("roles", r.rawValue) }
    func role(_ r: ParticipationRole) -> ExportCell { word("participation_roles", r.rawValue) }
}

/// The export tables of one year's aggregates, made a row at a time (a
/// whole table of rows is never held), for every table writer.
public struct ExportTables: Sendable {
    private let aggregates: Aggregates
    /// Language of the `*_name` columns.
    public let language: ReportLanguage

    /// Names of the columns and words of the vocabulary.
    public let labels: ExportLabels

    /// The names of the countries the tables show, looked up once (a
    /// table writer on each core then reads them without a lock).
    private let countryNames: [String: String]

    public init(_ aggregates: Aggregates, language: ReportLanguage = .en, labels: ExportLabels = .names) {
        self.aggregates = aggregates
        self.language = language
        self.labels = labels
        var names: [String: String] = [:]
        for c in aggregates.byCountry where names[c.code] == nil { names[c.code] = Countries.name(c.code, in: language) }
        // Every country of the participation table is one of the countries
        // of `byCountry` (both come from the same rows); `forEachRow` would
        // still look up any other.
        countryNames = names
        var byLetters = [String?](repeating: nil, count: 26 * 26)
        for (code, name) in names { if let letters = Countries.letters(code) { byLetters[letters] = name } }
        namesByLetters = byLetters
    }

    /// The names of two-letter upper-case codes, by their letters.
    private let namesByLetters: [String?]

    /// Makes the table's rows one by one (a whole table of rows is never
    /// held; one row's array is filled again for the next).
    public func forEachRow(_ table: ExportTable, _ body: ([ExportCell]) -> Void) {
        var row: [ExportCell] = []
        row.reserveCapacity(table.columns.count)
        forEachRow(table, cell: { row.append($0) }, endRow: {
            body(row)
            row.removeAll(keepingCapacity: true)
        })
    }

    /// Hands the table's cells to `cell`, row after row, and calls `endRow`
    /// after each row's last: the one place that says what each table holds.
    public func forEachRow(_ table: ExportTable, cell: (ExportCell) -> Void, endRow: () -> Void) {
        func country(_ code: String) -> String {
            if let letters = Countries.letters(code), let name = namesByLetters[letters] { return name }
            return countryNames[code] ?? Countries.name(code, in: language)
        }
        func participants(_ count: ParticipantCount) {
            cell(.int(count.known))
            cell(.bool(count.complete))
        }
        // Lists the aggregates keep distinct and in code point order are
        // joined as they are.
        func sorted(_ items: [String]) -> ExportCell { .text(items.joined(separator: ";")) }
        let a = aggregates, l = labels
        switch table {
        case .activities:
            for s in a.activities {
                let x = s.activity
                cell(.text(x.id))
                cell(.date(x.date))
                cell(x.endDate.map(ExportCell.date) ?? .empty)
                cell(.list(x.centres))
                cell(l.role(x.role))
                cell(l.kind(x.kind))
                cell(l.format(x.format))
                cell(.text(x.title))
                cell(.optional(x.host))
                cell(sorted(s.countries))
                participants(s.participants)
                cell(x.hours.map(ExportCell.decimal) ?? .empty)
                cell(.optional(x.planItem))
                endRow()
            }
        case .participation:
            // Read in place (a copy of each row would retain its texts).
            a.participation.withUnsafeBufferPointer { rows in
                for i in rows.indices {
                    cell(.text(rows[i].activity))
                    cell(.text(rows[i].country))
                    cell(.text(country(rows[i].country)))
                    cell(.optional(rows[i].institution))
                    cell(rows[i].participants.map(ExportCell.int) ?? .empty)
                    cell(l.role(rows[i].role))
                    endRow()
                }
            }
        case .byCentre:
            for c in a.byCentre {
                for value in [ExportCell.text(c.centre.id), .text(c.centre.name), .int(c.activities), .int(c.organized),
                              .int(c.participated), .int(c.formats.online), .int(c.formats.onsite),
                              .int(c.formats.hybrid), .int(c.countries)] { cell(value) }
                participants(c.participants)
                endRow()
            }
        case .byCountry:
            for c in a.byCountry {
                cell(.text(c.code))
                cell(.text(country(c.code)))
                cell(.int(c.activities))
                participants(c.participants)
                cell(sorted(c.centres))
                endRow()
            }
        case .byKind:
            for k in a.byKind {
                for value in [l.kind(k.kind), .int(k.activities), .int(k.formats.online), .int(k.formats.onsite),
                              .int(k.formats.hybrid)] { cell(value) }
                participants(k.participants)
                endRow()
            }
        case .byMonth:
            for m in a.byMonth {
                cell(.text(m.label))
                cell(.int(m.activities))
                participants(m.participants)
                endRow()
            }
        case .plan:
            for p in a.nextYearPlan {
                for value in [ExportCell.text(p.id), .int(p.year), .optional(p.quarter?.rawValue), .list(p.centres),
                              l.kind(p.kind), p.format.map(l.format) ?? .empty, .text(p.title), .list(p.countries),
                              l.status(p.status)] { cell(value) }
                endRow()
            }
        case .planFulfilment:
            for f in a.planFulfilment {
                for value in [ExportCell.text(f.item.id), .text(f.item.title), .list(f.item.centres), l.kind(f.item.kind),
                              l.status(f.item.status), .bool(f.fulfilled), sorted(f.fulfilledBy)] { cell(value) }
                endRow()
            }
        }
    }
}
