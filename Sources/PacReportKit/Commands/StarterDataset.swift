// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDataset
import PacAggregates
import PacDocument
import PacLayout
import PacOutput
import PacPDF
import PacODT
import PacCSV
/// The files `pacreport init` writes: a small, valid, commented dataset
/// that shows every file and the common columns, ready to be edited.
package enum StarterDataset {
    /// The dataset's files: report.yaml, the three tables as CSV files
    /// (or, with `workbook`, as sheets of `pac-YEAR.xlsx`/`.ods`, written
    /// by the caller from `tables`), and a README.
    package static func files(year: Int, workbook: WorkbookFormat? = nil) -> [(String, [UInt8])] {
        let next = year + 1
        let tableFiles: [(String, [UInt8])] = workbook != nil ? [] : tables(year: year).map { table in
            ("\(table.name).csv", CSVExporter().export(columns: table.columns.map(\.name), rows: table.rows))
        }
        func file(_ table: String) -> String {
            workbook.map { "sheet `\(table)` of `pac-\(year).\($0.rawValue)`" } ?? "`\(table).csv`"
        }
        return [(String, String)]([
            ("report.yaml", """
            # pacreport dataset: one reporting year of one contract.
            # Edit the values, keep the keys. Text may be in any script.
            # Check your changes with:  pacreport check THIS-FOLDER

            year: \(year)                      # the reporting year
            language: en                    # default report language: en, ru, kk, fr, es, de, ar or zh
            # title: "Contract summary"     # optional: overrides the report title
            # prepared_by: "Name, unit"     # optional: shown as the report's author

            contract:
              id: "PAC-XX-\(year)"             # any text that identifies the contract
              title: "Cooperation contract between two IFLA PAC regional centres"
              parties: [centre-a, centre-b] # ids of the centres below
              concluded: \(year)-01-20          # optional: the contract's year is counted from here
              # ends: \(year + 2)-12-31         # optional

            centres:                        # one entry per centre; ids use a-z, 0-9, _ and -
              - id: centre-a
                name: "First IFLA PAC Regional Centre"
                short: "Centre A"           # optional short name for tables
                role: "IFLA PAC Regional Centre"   # optional
                country: KZ                 # ISO 3166-1 two-letter code (NO stays Norway)
                city: "Almaty"              # optional; also phone, email, web
              - id: centre-b
                name: "Second IFLA PAC Regional Centre"
                short: "Centre B"
                country: RU
                city: "Moscow"

            """),
            ("README.md", """
            # Dataset \(year)

            Made by `pacreport init`. Edit the files, then run `pacreport check` on this folder.

            - `report.yaml`: the year, the contract and the centres (comments explain each key).
            - \(file("activities")): one row per activity held in \(year). Required columns: id, date, centres, kind, format, title.
              Kinds: meeting, round_table, conference, seminar, training, master_class, exhibition, consultation,
              publication, other. Formats: online, onsite, hybrid. Dates: YYYY-MM-DD.
            - \(file("participation")): one row per activity and country (and institution). Leave `participants`
              empty when the number is unknown: reports then say "at least N".
            - \(file("plan")) (optional): items planned for \(year) (plan fulfilment, linked through
              `activities.plan_item`) and for \(next) (next year's work plan).

            \(workbook == nil ? "Save CSV files as \"CSV UTF-8\" from a spreadsheet program." : "Keep the sheet names; a note on each header cell explains its column. Dates may be date cells or text YYYY-MM-DD.")

            """),
        ]).map { ($0.0, Array($0.1.utf8)) }.flatMap { $0.0 == "README.md" ? tableFiles + [$0] : [$0] }
    }

    /// A table of the starter dataset: its columns (with a note each) and typed rows.
    package struct Table {
        package var name: String
        package var columns: [(name: String, note: String)]
        package var rows: [[ExportCell]]
    }

    /// The three tables, valid data: the single source of the CSV files and the workbook.
    package static func tables(year: Int) -> [Table] {
        let next = year + 1
        func date(_ month: Int, _ day: Int) -> ExportCell { .date(ISODate(year: year, month: month, day: day)!) }
        let kinds = ActivityKind.allCases.map(\.rawValue).joined(separator: ", ")
        return [
            Table(name: "activities", columns: [
                ("id", "A short code for the activity, unique in this table (A1, A2 …); participation rows and the report refer to it."),
                ("date", "The day it started (a date, or text YYYY-MM-DD), in the reporting year \(year)."),
                ("end_date", "Optional: the last day, if it lasted more than one day."),
                ("centres", "The ids of the reporting centres (from report.yaml), separated by ';'."),
                ("role", "Optional: the centres' role, one of organizer (the default), co-organizer, participant."),
                ("kind", "One of: \(kinds)."),
                ("format", "One of: online, onsite, hybrid."),
                ("title", "The title as it should appear in the report, in any language."),
                ("host", "Optional: the hosting institution, if it is not a reporting centre."),
                ("description", "Optional: a few sentences on what happened; the report shows them under the activity."),
                ("hours", "Optional: its length in hours. Only trainings, master classes and seminars count towards training hours."),
                ("plan_item", "Optional: the id of the \(year) plan item (plan sheet or plan file) that this activity carried out."),
            ], rows: [
                [.text("A1"), date(3, 17), .empty, .text("centre-a;centre-b"), .text("organizer"), .text("meeting"), .text("online"),
                 .text("Online meeting of the two centres"), .empty, .text("Introductions and plans for the year."), .number("2"),
                 .text("P1")],
                [.text("A2"), date(10, 5), date(10, 6), .text("centre-a"), .text("organizer"), .text("master_class"),
                 .text("onsite"), .text("Master class: repairing paper, step by step"), .empty, .empty, .number("12"), .empty],
            ]),
            Table(name: "participation", columns: [
                ("activity", "The id of the activity, as in the activities sheet."),
                ("country", "The two-letter ISO 3166-1 code of the country whose specialists took part (KZ, RU, UZ …)."),
                ("institution", "Optional: the institution that took part; several rows may share an activity and country."),
                ("participants", "How many people took part. Leave empty if unknown; the report then says “at least N”."),
                ("role", "Optional: attendee (the default), speaker, trainee or organizer."),
            ], rows: [
                [.text("A1"), .text("KZ"), .empty, .number("6"), .text("attendee")],
                [.text("A1"), .text("RU"), .empty, .number("5"), .text("speaker")],
                [.text("A2"), .text("KZ"), .empty, .number("14"), .text("trainee")],
                [.text("A2"), .text("UZ"), .empty, .empty, .text("trainee")],
            ]),
            Table(name: "plan", columns: [
                ("id", "A short code for the plan item, unique in this sheet (P1, N1 …); activities refer to it in plan_item."),
                ("year", "\(year) for an item of this year's plan (the report shows whether it was carried out); \(next) for an item of next year's work plan."),
                ("centres", "The ids of the responsible centres, separated by ';'."),
                ("kind", "One of: \(kinds)."),
                ("format", "Optional: online, onsite or hybrid."),
                ("title", "The item's title, in any language."),
                ("countries", "Optional: two-letter codes of the partner or target countries, separated by ';'."),
                ("quarter", "Optional: Q1, Q2, Q3 or Q4."),
                ("status", "Optional: planned (the default), confirmed, done or cancelled."),
            ], rows: [
                [.text("P1"), .number(String(year)), .text("centre-a;centre-b"), .text("meeting"), .text("online"),
                 .text("Regular online meetings of the centres"), .text("KZ;RU"), .text("Q1"), .text("done")],
                [.text("N1"), .number(String(next)), .text("centre-a"), .text("master_class"), .text("online"),
                 .text("Master class on conservation for partner countries"), .text("UZ"), .text("Q2"), .text("planned")],
            ]),
        ]
    }

    /// A dataset's own tables with the starter's notes on their headers
    /// (`init --workbook --from`): the columns are the same.
    package static func tables(of dataset: Dataset) -> [Table] {
        let notes = tables(year: dataset.info.year)
        return [DatasetTables.activities(dataset), DatasetTables.participation(dataset), DatasetTables.plan(dataset)]
            .enumerated().map { index, rows in
                var table = notes[index]
                table.rows = rows
                return table
            }
    }

    /// `tables` as one workbook, a note on each header cell.
    package static func workbook(_ tables: [Table], year: Int, creationDate: Int64) -> WorkbookContent {
        let metadata = DocumentMetadata(title: "pacreport dataset \(year)", shortTitle: "pacreport dataset \(year)", author: "",
                                        subject: "Activities, participation and plan of \(year)", keywords: ["IFLA PAC"],
                                        creator: "pacreport \(PacReportVersion.current)", creationDate: creationDate,
                                        language: .en, pageFooter: "")
        // Dates as ISO dates, whatever the spreadsheet's language: what the dataset's text dates look like.
        let iso: [DatePart] = [.year, .literal("-"), .month(twoDigits: true), .literal("-"), .day(twoDigits: true)]
        return WorkbookContent(metadata: metadata, dateFormat: iso, sheets: tables.map { table in
            let rows = table.rows
            return WorkbookContent.Sheet(name: table.name, headers: table.columns.map(\.name), notes: table.columns.map(\.note),
                                         dateFormat: iso) { body in rows.forEach(body) }
        })
    }
}
