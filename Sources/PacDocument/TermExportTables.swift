// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacAggregates
import PacBase
import PacDataset

/// The four tables of the contract-term report (README.md, "The contract
/// over its term"), written into `contract-term-FIRST-LAST-LANG-csv/`.
public enum TermExportTable: String, CaseIterable, Sendable {
    case byYear = "by-year"
    case byYearCentre = "by-year-centre"
    case byYearCountry = "by-year-country"
    case planFollowed = "plan-followed"

    public var fileName: String { rawValue + ".csv" }

    public var columns: [String] {
        switch self {
        case .byYear:
            return ["year", "activities", "online", "onsite", "hybrid", "countries", "participants", "participants_complete",
                    "partner_institutions", "training_hours"]
        case .byYearCentre:
            return ["year", "centre_id", "centre_name", "activities", "organized", "participated", "countries", "participants",
                    "participants_complete"]
        case .byYearCountry:
            return ["year", "country_code", "country_name", "activities", "participants", "participants_complete"]
        case .planFollowed:
            return ["id", "title", "centres", "kind", "planned_in", "due_year", "status", "fulfilled", "fulfilled_by"]
        }
    }
}

/// The term tables of several years' aggregates, a row at a time.
public struct TermExportTables: Sendable {
    private let term: TermAggregates
    /// Language of the `*_name` columns.
    public let language: ReportLanguage

    /// Names of the columns and words of the vocabulary.
    public let labels: ExportLabels

    public init(_ term: TermAggregates, language: ReportLanguage = .en, labels: ExportLabels = .names) {
        self.term = term
        self.language = language
        self.labels = labels
    }

    public func forEachRow(_ table: TermExportTable, _ body: ([ExportCell]) -> Void) {
        func participants(_ count: ParticipantCount) -> [ExportCell] { [.int(count.known), .bool(count.complete)] }
        switch table {
        case .byYear:
            for y in term.byYear {
                body([.int(y.year), .int(y.activities), .int(y.formats.online), .int(y.formats.onsite), .int(y.formats.hybrid),
                      .int(y.countries)] + participants(y.participants)
                     + [.int(y.partnerInstitutions), .decimal(y.trainingHours)])
            }
        case .byYearCentre:
            for (year, c) in term.byYearCentre {
                body([.int(year), .text(c.centre.id), .text(c.centre.name), .int(c.activities), .int(c.organized),
                      .int(c.participated), .int(c.countries)] + participants(c.participants))
            }
        case .byYearCountry:
            for (year, c) in term.byYearCountry {
                body([.int(year), .text(c.code), .text(Countries.name(c.code, in: language)), .int(c.activities)]
                     + participants(c.participants))
            }
        case .planFollowed:
            for p in term.planFollowed {
                body([.text(p.item.id), .text(p.item.title), .list(p.item.centres), labels.kind(p.item.kind),
                      p.plannedIn.map(ExportCell.int) ?? .empty, .int(p.item.year), labels.status(p.status),
                      .bool(p.fulfilled), .list(p.fulfilledBy)])
            }
        }
    }
}
