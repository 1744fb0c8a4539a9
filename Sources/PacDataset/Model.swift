// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation

public enum ActivityKind: String, DatasetEnum {
    case meeting, round_table, conference, seminar, training, master_class
    case exhibition, consultation, publication, other

    /// Kinds whose hours count as training hours.
    public var countsTrainingHours: Bool { self == .training || self == .master_class || self == .seminar }
}

public enum ActivityFormat: String, DatasetEnum {
    case online, onsite, hybrid
}

public enum ActivityRole: String, DatasetEnum {
    case organizer
    case coOrganizer = "co-organizer"
    case participant

    public var isOrganizing: Bool { self != .participant }
}

public enum ParticipationRole: String, DatasetEnum {
    case attendee, speaker, trainee, organizer
}

public enum PlanStatus: String, DatasetEnum {
    case planned, confirmed, done, cancelled
}

public enum Quarter: String, DatasetEnum, Comparable {
    case q1 = "Q1", q2 = "Q2", q3 = "Q3", q4 = "Q4"
    public static func < (a: Quarter, b: Quarter) -> Bool { a.rawValue < b.rawValue }
}

/// An IFLA PAC centre taking part in the contract.
public struct Centre: Sendable, Hashable {
    public var id: String
    public var name: String
    public var short: String?
    public var role: String?
    public var country: String
    public var city: String?
    public var phone: String?
    public var email: String?
    public var web: String?

    public init(id: String, name: String, short: String? = nil, role: String? = nil, country: String,
                city: String? = nil, phone: String? = nil, email: String? = nil, web: String? = nil) {
        self.id = id; self.name = name; self.short = short; self.role = role; self.country = country
        self.city = city; self.phone = phone; self.email = email; self.web = web
    }

    /// The short name when there is one, else the name.
    public var displayShort: String { short ?? name }
}

public struct Contract: Sendable, Hashable {
    public var id: String
    public var title: String
    public var parties: [String]
    public var concluded: ISODate?
    public var ends: ISODate?

    public init(id: String, title: String, parties: [String], concluded: ISODate? = nil, ends: ISODate? = nil) {
        self.id = id; self.title = title; self.parties = parties; self.concluded = concluded; self.ends = ends
    }
}

/// `report.yaml`: the year, the contract, the centres and report settings.
public struct ReportInfo: Sendable, Hashable {
    public var year: Int
    public var language: ReportLanguage?
    public var title: String?
    public var contract: Contract
    public var centres: [Centre]
    public var preparedBy: String?

    public init(year: Int, language: ReportLanguage? = nil, title: String? = nil, contract: Contract,
                centres: [Centre], preparedBy: String? = nil) {
        self.year = year; self.language = language; self.title = title; self.contract = contract
        self.centres = centres; self.preparedBy = preparedBy
    }

    public func centre(_ id: String) -> Centre? { centres.first { $0.id == id } }
}

/// A row of `activities.csv`.
public struct Activity: Sendable, Hashable {
    public var id: String
    public var date: ISODate
    public var endDate: ISODate?
    public var centres: [String]
    public var role: ActivityRole
    public var kind: ActivityKind
    public var format: ActivityFormat
    public var title: String
    public var host: String?
    public var description: String?
    public var hours: DecimalNumber?
    public var planItem: String?
    /// Line of `activities.csv` where the record starts.
    public var line: Int

    public init(id: String, date: ISODate, endDate: ISODate? = nil, centres: [String], role: ActivityRole = .organizer,
                kind: ActivityKind, format: ActivityFormat, title: String, host: String? = nil,
                description: String? = nil, hours: DecimalNumber? = nil, planItem: String? = nil, line: Int = 0) {
        self.id = id; self.date = date; self.endDate = endDate; self.centres = centres; self.role = role
        self.kind = kind; self.format = format; self.title = title; self.host = host
        self.description = description; self.hours = hours; self.planItem = planItem; self.line = line
    }
}

/// A row of `participation.csv`.
public struct Participation: Sendable, Hashable {
    public var activity: String
    /// ISO 3166-1 alpha-2, upper-case.
    public var country: String
    public var institution: String?
    /// nil when the count is unknown (which is not zero).
    public var participants: Int?
    public var role: ParticipationRole
    public var line: Int

    public init(activity: String, country: String, institution: String? = nil, participants: Int?,
                role: ParticipationRole = .attendee, line: Int = 0) {
        self.activity = activity; self.country = country; self.institution = institution
        self.participants = participants; self.role = role; self.line = line
    }
}

/// A row of `plan.csv`.
public struct PlanItem: Sendable, Hashable {
    public var id: String
    public var year: Int
    public var centres: [String]
    public var kind: ActivityKind
    public var format: ActivityFormat?
    public var title: String
    public var countries: [String]
    public var quarter: Quarter?
    public var status: PlanStatus
    public var line: Int

    public init(id: String, year: Int, centres: [String], kind: ActivityKind, format: ActivityFormat? = nil,
                title: String, countries: [String] = [], quarter: Quarter? = nil, status: PlanStatus = .planned,
                line: Int = 0) {
        self.id = id; self.year = year; self.centres = centres; self.kind = kind; self.format = format
        self.title = title; self.countries = countries; self.quarter = quarter; self.status = status; self.line = line
    }
}

/// One reporting year of one contract, loaded and checked.
public struct Dataset: Sendable {
    public var info: ReportInfo {
        didSet { partners = nil }
    }
    public var activities: [Activity] {
        didSet { partners = nil; index = nil }
    }
    public var participation: [Participation] {
        didSet { partners = nil; index = nil }
    }
    /// All plan items of the reporting year and the next (others are dropped with a warning).
    public var plan: [PlanItem]
    /// The partner institutions, as the loader found them while checking
    /// the spellings (nil: worked out when needed; a change to the rows
    /// drops them).
    public var partners: PartnerInstitutions?
    /// The loader's numbering of the rows (nil: worked out when needed; a
    /// change to the rows drops it).
    public private(set) var index: DatasetIndex?

    public init(info: ReportInfo, activities: [Activity], participation: [Participation], plan: [PlanItem],
                partners: PartnerInstitutions? = nil) {
        self.info = info; self.activities = activities; self.participation = participation; self.plan = plan
        self.partners = partners
    }

    package init(info: ReportInfo, activities: [Activity], participation: [Participation], plan: [PlanItem],
                 partners: PartnerInstitutions?, index: DatasetIndex) {
        self.init(info: info, activities: activities, participation: participation, plan: plan, partners: partners)
        self.index = index
    }
}

/// What the loader numbered while reading, handed to the aggregates so
/// that they group rows by numbers instead of looking texts up again.
public struct DatasetIndex: Sendable {
    /// Per participation row, the position of its activity in `activities`.
    public var activityOfRow: [Int]
    /// Per participation row, its institution: 0 for none (or empty), the
    /// same number for names equal as `String` compares them.
    public var institutionOfRow: [Int]
    /// Per institution number, its name as first written in the rows ("" for 0).
    public var institutions: [String]
    /// Per activity, its id's place among the ids in code point order.
    public var activityRank: [Int]
    /// Whether every activity id and institution the rows name is written
    /// one way only (false: "é" in one row, "e" and a combining accent in
    /// another; then the rows are ordered text by text).
    public var oneSpellingEach = true
}
