// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDataset
import PacAggregates
import Foundation
/// Every string a report template provides, with the variables each may
/// use (docs/templates.md documents them for template authors). Loading a
/// strings file checks it against this list, so that a missing string, a
/// misspelt variable or a broken template is an error naming the file,
/// line and key, never a blank or a `{{placeholder}}` in a report.
public enum TemplateCatalog {
    /// Plain strings: key → the variables it may use.
    public static let strings: [String: Set<String>] = {
        var all: [String: Set<String>] = [
            "report_title": ["year"], "short_title": ["year", "contract_id"],
            "subject": ["year", "contract_id", "contract_title"], "keywords": ["year"],
            "page_footer": [],
            "contract": [], "contract_number": [], "parties": [], "reporting_year": [], "contract_year": [],
            "contract_year_value": ["contract_year", "concluded"], "language": [], "language_name": [],
            "generated_on": [], "prepared_by": [], "contents": [],
            "key_figures": [], "key_figures_intro": ["year", "activities", "countries"],
            "figure_activities": [], "figure_activities_detail": ["online", "onsite", "hybrid"],
            "figure_countries": [], "figure_participants": [], "figure_institutions": [], "figure_hours": [], "figure_previous": ["year", "value", "change"],
            "no_activities": ["year"], "at_least": ["count"], "at_least_note": [], "not_recorded": [],
            "by_kind": [], "by_kind_chart": [], "by_kind_chart_description": [],
            "col_kind": [], "col_activities": [], "col_online": [], "col_onsite": [], "col_hybrid": [],
            "col_participants": [], "total": [],
            "centres": [], "centre_intro": ["role_and_city"],
            "centre_summary": ["activities", "organized", "participated", "countries", "participants"],
            "centre_no_activities": ["year"],
            "col_date": [], "col_title": [], "col_format": [], "col_countries": [], "col_host": [], "col_institution": [], "partners_none": ["year"],
            "countries": [], "countries_chart": [], "countries_chart_description": [], "countries_chart_legend": [],
            "col_code": [], "col_country": [], "col_centres": [], "countries_total_note": ["activities", "missing"],
            "activity_log": [], "activity_log_intro": ["year"],
            "plan_fulfilment": ["year"], "plan_fulfilment_intro": ["fulfilled", "items", "planned", "year"],
            "col_item": [], "col_status": [], "col_fulfilled": [], "not_fulfilled": [],
            "work_plan": ["year"], "work_plan_intro": ["year"], "col_quarter": [],
            "contacts": [], "contact_phone": [], "contact_email": [], "contact_web": [],
            "summary_key_figure": [], "summary_value": [], "summary_centre": [], "col_organized": [],
            "col_participated": [], "summary_plan": ["year", "fulfilled", "count"],
            "summary_next_plan": ["year", "count"], "col_year": [], "term_total": [], "term_years": ["first", "last"],
            "term_missing_year": ["year"],
            "term_title": ["first", "last", "contract_id", "contract_title"], "term_short_title": ["first", "last", "contract_id", "contract_title"], "term_subject": ["first", "last", "contract_id", "contract_title"], "term_key_figures_intro": ["first", "last", "contract_id", "contract_title"],
            "term_concluded": [], "term_ends": [], "term_years_covered": [], "col_institutions": [], "col_hours": [],
            "term_total_note": [], "term_change": [], "term_change_years": ["from", "to"],
            "term_chart_activities": [], "term_chart_activities_description": [], "term_chart_participants": [],
            "term_chart_participants_description": [], "term_countries_intro": [], "plan_followed": [],
            "plan_followed_intro": [], "col_planned_in": [], "col_due": [], "summary_contract_year": ["contract_year"],
            "date": ["day", "month", "year"], "date_range": ["from", "to"],
            "date_range_days": ["from_day", "to_day", "month", "year"],
            "date_range_months": ["from_day", "from_month", "to_day", "to_month", "year"],
            "number_group": [], "decimal_mark": [], "list_and": [],
            "narrative_formats": ["formats"], "narrative_online": ["count"], "narrative_onsite": ["count"],
            "narrative_hybrid": ["count"], "narrative_countries": ["countries", "names"],
            "narrative_partners": ["institutions", "names"],
            "narrative_largest": ["title", "date", "participants", "participants_counted"],
            "narrative_plan": ["items", "planned", "fulfilled", "percent", "year"],
        ]
        for kind in ActivityKind.allCases { all["kinds.\(kind.rawValue)"] = [] }
        for format in ActivityFormat.allCases { all["formats.\(format.rawValue)"] = [] }
        for status in PlanStatus.allCases { all["statuses.\(status.rawValue)"] = [] }
        for key in exportLabelKeys { all[key] = [] }
        return all
    }()

    /// The workbooks' words: every export column's header (`columns.title`),
    /// every table's sheet name (`sheets.by-country`), and the roles, which
    /// only the exports show (`roles.co-organizer`, `participation_roles.trainee`).
    /// Kinds, formats and statuses are the report's own (`kinds.seminar`).
    public static let exportLabelKeys: [String] = {
        var columns: [String] = []
        for name in ExportTable.allCases.flatMap(\.columns) + TermExportTable.allCases.flatMap(\.columns)
        where !columns.contains(name) { columns.append(name) }
        return (columns + ["country_count"]).map { "columns.\($0)" }
            + (ExportTable.allCases.map(\.rawValue) + TermExportTable.allCases.map(\.rawValue)).map { "sheets.\($0)" }
            + ActivityRole.allCases.map { "roles.\($0.rawValue)" }
            + ParticipationRole.allCases.map { "participation_roles.\($0.rawValue)" }
            + ActivityKind.allCases.map { "kinds.\($0.rawValue)" }
            + ActivityFormat.allCases.map { "formats.\($0.rawValue)" }
            + PlanStatus.allCases.map { "statuses.\($0.rawValue)" }
    }()

    /// Counted words: one string per plural category of the language
    /// (`activities_count.one`, `.few`, `.many`, `.other`), each with `count`.
    public static let plurals: [String: Set<String>] = [
        "activities_count": ["count"], "countries_count": ["count"], "items_count": ["count"],
        "participants_count": ["count"], "institutions_count": ["count"],
    ]

    /// Strings a template may give to override CLDR's (ICU's) data for its
    /// language, each group whole or not at all: the shipped English,
    /// Russian and Kazakh give them, as native editors chose them; the
    /// other languages take CLDR's dates, numbers and lists.
    public static let cldrOverrides: [[String]] = [
        ["months", "date", "date_range", "date_range_days", "date_range_months"],
        ["number_group", "decimal_mark"],
        ["list_and"],
    ]

    /// Strings a template made before the workbooks may lack: the shipped
    /// template's are used instead (sheet names, column headers, roles).
    public static func isWorkbookLabel(_ key: String) -> Bool {
        ["sheets.", "columns.", "roles.", "participation_roles."].contains { key.hasPrefix($0) }
    }

    /// Lists and their length.
    public static let lists: [String: Int] = ["months": 12]

    /// Slots of `page_footer`, which is filled per page by the writers.
    public static let footerSlots = ["{page}", "{pages}"]
}

extension Resources {
    /// A template by name (`contract-summary`) or folder path.
    public static func template(_ nameOrPath: String?) throws -> URL {
        let value = nameOrPath ?? ReportTemplate.defaultName
        if value.contains("/") || value.hasPrefix(".") {
            return URL(fileURLWithPath: value)
        }
        let local = URL(fileURLWithPath: value)
        if FileManager.default.fileExists(atPath: local.appendingPathComponent("template.yaml").path) { return local }
        let templates = try folder("Templates")
        let named = templates.appendingPathComponent(value)
        guard FileManager.default.fileExists(atPath: named.appendingPathComponent("template.yaml").path) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: templates.path)) ?? [])
                .filter { FileManager.default.fileExists(atPath: templates.appendingPathComponent("\($0)/template.yaml").path) }.sorted()
            throw Resources.NotFound(what: "the template '\(value)' (a folder with template.yaml)",
                           looked: [local.path, named.path], known: known)
        }
        return named
    }
}
