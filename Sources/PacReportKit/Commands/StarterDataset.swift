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
    package static func files(year: Int) -> [(String, String)] {
        let next = year + 1
        return [
            ("report.yaml", """
            # pacreport dataset: one reporting year of one contract.
            # Edit the values, keep the keys. Text may be in any script.
            # Check your changes with:  pacreport check THIS-FOLDER

            year: \(year)                      # the reporting year
            language: en                    # default report language: en, ru or kk
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
            ("activities.csv", """
            id,date,end_date,centres,role,kind,format,title,host,description,hours,plan_item
            A1,\(year)-03-17,,centre-a;centre-b,organizer,meeting,online,Online meeting of the two centres,,Introductions and plans for the year.,2,P1
            A2,\(year)-10-05,\(year)-10-06,centre-a,organizer,master_class,onsite,"Master class: repairing paper, step by step",,,12,

            """),
            ("participation.csv", """
            activity,country,institution,participants,role
            A1,KZ,,6,attendee
            A1,RU,,5,speaker
            A2,KZ,,14,trainee
            A2,UZ,,,trainee

            """),
            ("plan.csv", """
            id,year,centres,kind,format,title,countries,quarter,status
            P1,\(year),centre-a;centre-b,meeting,online,Regular online meetings of the centres,KZ;RU,Q1,done
            N1,\(next),centre-a,master_class,online,Master class on conservation for partner countries,UZ,Q2,planned

            """),
            ("README.md", """
            # Dataset \(year)

            Made by `pacreport init`. Edit the four files, then run `pacreport check` on this folder.

            - `report.yaml`: the year, the contract and the centres (comments explain each key).
            - `activities.csv`: one row per activity held in \(year). Required columns: id, date, centres, kind, format, title.
              Kinds: meeting, round_table, conference, seminar, training, master_class, exhibition, consultation,
              publication, other. Formats: online, onsite, hybrid. Dates: YYYY-MM-DD.
            - `participation.csv`: one row per activity and country (and institution). Leave `participants`
              empty when the number is unknown: reports then say "at least N".
            - `plan.csv` (optional): items planned for \(year) (plan fulfilment, linked through
              `activities.plan_item`) and for \(next) (next year's work plan).

            Save CSV files as "CSV UTF-8" from a spreadsheet program.

            """),
        ]
    }
}
