// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDataset

/// A dataset's own three tables (activities, participation, plan) as typed
/// rows under the columns of docs/data-format.md, in the dataset's order:
/// what `init --workbook --from` writes, so that `check` reads back the
/// same dataset. Dates are date cells, counts and hours numbers, the rest
/// text as the dataset holds it (defaults written out: role `organizer`,
/// status `planned`).
public enum DatasetTables {
    public static let activityColumns = ["id", "date", "end_date", "centres", "role", "kind", "format", "title", "host",
                                         "description", "hours", "plan_item"]
    public static let participationColumns = ["activity", "country", "institution", "participants", "role"]
    public static let planColumns = ["id", "year", "centres", "kind", "format", "title", "countries", "quarter", "status"]

    public static func activities(_ dataset: Dataset) -> [[ExportCell]] {
        dataset.activities.map { a in
            [.text(a.id), .date(a.date), a.endDate.map(ExportCell.date) ?? .empty, .text(a.centres.joined(separator: ";")),
             .text(a.role.rawValue), .text(a.kind.rawValue), .text(a.format.rawValue), .text(a.title), .optional(a.host),
             .optional(a.description), a.hours.map(ExportCell.decimal) ?? .empty, .optional(a.planItem)]
        }
    }

    public static func participation(_ dataset: Dataset) -> [[ExportCell]] {
        dataset.participation.map { p in
            [.text(p.activity), .text(p.country), .optional(p.institution), p.participants.map(ExportCell.int) ?? .empty,
             .text(p.role.rawValue)]
        }
    }

    public static func plan(_ dataset: Dataset) -> [[ExportCell]] {
        dataset.plan.map { p in
            [.text(p.id), .int(p.year), .text(p.centres.joined(separator: ";")), .text(p.kind.rawValue),
             .optional(p.format?.rawValue), .text(p.title), p.countries.isEmpty ? .empty : .text(p.countries.joined(separator: ";")),
             .optional(p.quarter?.rawValue), .text(p.status.rawValue)]
        }
    }
}
