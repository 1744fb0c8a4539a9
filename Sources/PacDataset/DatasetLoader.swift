// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation

/// What loading a dataset folder gave: the dataset when it has no errors,
/// and every diagnostic, ordered by file and line.
public struct LoadResult: Sendable {
    public var dataset: Dataset?
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool { dataset == nil }
}

/// Reads a dataset folder (docs/data-format.md): `report.yaml`, `activities.csv`,
/// `participation.csv` and the optional `plan.csv`, reporting every problem
/// of every file in one run.
public enum DatasetLoader {
    public static let reportFile = "report.yaml"
    public static let activitiesFile = "activities.csv"
    public static let participationFile = "participation.csv"
    public static let planFile = "plan.csv"
    public static let fileOrder = [reportFile, activitiesFile, participationFile, planFile]

    package static let activityColumns = ["id", "date", "end_date", "centres", "role", "kind", "format", "title",
                                  "host", "description", "hours", "plan_item"]
    package static let activityRequired = ["id", "date", "centres", "kind", "format", "title"]
    package static let participationColumns = ["activity", "country", "institution", "participants", "role"]
    package static let participationRequired = ["activity", "country"]
    package static let planColumns = ["id", "year", "centres", "kind", "format", "title", "countries", "quarter", "status"]
    package static let planRequired = ["id", "year", "centres", "kind", "title"]

    /// Loads the dataset in `folder`.
    public static func load(folder: URL) -> LoadResult {
        let log = DiagnosticLog()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.error(folder.path, "no dataset folder here; a dataset is a folder holding report.yaml, activities.csv and participation.csv (create one with 'pacreport init DIR')")
            return LoadResult(dataset: nil, diagnostics: log.diagnostics.all)
        }
        let yaml: [UInt8]?
        let reportURL = folder.appendingPathComponent(reportFile)
        if FileManager.default.fileExists(atPath: reportURL.path) {
            switch readBytes(reportURL.path) {
            case .success(let bytes): yaml = bytes
            case .failure(let reason):
                log.error(reportFile, "cannot be read: \(reason)")
                yaml = nil
            }
        } else {
            log.error(reportFile, "file not found in \(folder.path); every dataset needs \(reportFile) (year, contract and centres)")
            yaml = nil
        }
        let tables = TableFinder.find(in: folder, log: log)
        return load(report: yaml, activities: tables.inputs["activities"], participation: tables.inputs["participation"],
                    plan: tables.inputs["plan"], log: log, fileOrder: tables.fileOrder)
    }

    /// The bytes of a file, read straight into one array (no second copy);
    /// or why not, in the system's words.
    package static func readBytes(_ path: String) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadFailure(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(ReadFailure(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(ReadFailure(EISDIR)) }
        // The size fstat gives, read in place; then whatever more there is
        // (a file that grew), through a small buffer, so that reaching the
        // end never doubles the array.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0))
        var count = 0
        var more = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = count < bytes.count
                ? bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
                : more.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return .failure(ReadFailure(errno)) }
            if n == 0 { break }
            if count >= bytes.count { bytes += more[..<n] }
            count += n
        }
        bytes.removeLast(bytes.count - count)
        return .success(bytes)
    }

    package struct ReadFailure: Error, CustomStringConvertible {
        package var code: Int32
        package init(_ code: Int32) { self.code = code }
        package var description: String { String(cString: strerror(code)).lowercased() }
    }

    /// Loads a dataset from the files' bytes, as read from a folder (nil
    /// for a missing file). For tests, fuzzing and embedding.
    public static func load(reportYAML: [UInt8]?, activitiesCSV: [UInt8]?, participationCSV: [UInt8]?,
                            planCSV: [UInt8]?) -> LoadResult {
        let log = DiagnosticLog()
        for (name, bytes) in [(reportFile, reportYAML), (activitiesFile, activitiesCSV), (participationFile, participationCSV)]
            where bytes == nil {
            log.error(name, "file not found; every dataset needs \(name)")
        }
        return load(report: reportYAML, activities: activitiesCSV.map(TableInput.csv),
                    participation: participationCSV.map(TableInput.csv), plan: planCSV.map(TableInput.csv), log: log)
    }

    /// Loads a dataset from the files' bytes (nil for a missing file, which
    /// the caller has reported).
    package static func load(report: [UInt8]?, activities: TableInput?, participation: TableInput?, plan: TableInput?,
                     log: DiagnosticLog = DiagnosticLog(), fileOrder: [String] = fileOrder) -> LoadResult {
        let yaml = report.map { ReportYAMLLoader.load($0, log: log) }
        let info = yaml?.info
        let centreIds = yaml?.centreIds
        let year = yaml?.year

        let planItems = plan.map { loadPlan($0, centres: centreIds, year: year, log: log) }
        // Hosts and institutions, each distinct spelling numbered once.
        let hostSpellings = TextInterner(), institutionSpellings = TextInterner()
        // participation.csv is read on another core while activities.csv is
        // read here (a CSV file: a workbook's sheets are read on threads of
        // their own already); its rows are checked against the activities
        // after, with its own log, whose diagnostics come in the order they
        // would have had read one after the other.
        let participationLog = DiagnosticLog()
        let activitiesShownAs = activities?.displayName ?? activitiesFile
        let readParticipation: ReadParticipation?
        let activityRows: LoadedActivities?
        let loadTheActivities = {
            activities.map {
                loadActivities($0, centres: centreIds, year: year,
                               plan: planItems.flatMap { $0.truncated ? nil : $0.all } ?? (plan == nil ? [] : nil),
                               brokenPlanIds: planItems?.brokenIds ?? [], spellings: hostSpellings, log: log)
            }
        }
        if let participation, case .csv = participation.content {
            let reader = UncheckedSendable((participation, institutionSpellings, participationLog))
            (activityRows, readParticipation) = bothAtOnce(loadTheActivities) {
                let (input, spellings, log) = reader.value
                return Self.readParticipation(input, spellings: spellings, activitiesShownAs: activitiesShownAs, log: log)
            }
        } else {
            activityRows = loadTheActivities()
            readParticipation = participation.map {
                Self.readParticipation($0, spellings: institutionSpellings, activitiesShownAs: activitiesShownAs,
                                       log: participationLog)
            }
        }
        participationLog.origins[activitiesFile] = log.origins[activitiesFile]
        let participationRows = readParticipation.map {
            checkParticipation($0, activities: activityRows.flatMap { $0.truncated ? nil : $0.ids },
                               spellings: institutionSpellings, log: participationLog)
        }
        log.take(participationLog, file: participationFile)

        // Activities with nobody taking part.
        if let activityRows, let participationRows, participationRows.complete {
            let involved: (Activity) -> Bool
            if let numbers = participationRows.activityNumbers {
                var marked = [Bool](repeating: false, count: activityRows.ids.count)
                for n in numbers where n >= 0 { marked[n] = true }
                involved = { marked[activityRows.ids[$0.id]!] }
            } else {
                let ids = Set(participationRows.rows.map(\.activity))
                involved = { ids.contains($0.id) }
            }
            for activity in activityRows.rows where activity.kind != .publication && !involved(activity) {
                log.warning(activitiesFile, line: activity.line, column: "id",
                            "activity '\(activity.id)' has no rows in \(log.shownName(participationFile)); it counts 0 participants and no countries")
            }
        }

        // One institution written two ways.
        var partners: PartnerInstitutions?
        if let info, let activityRows, let participationRows {
            let found = PartnerInstitutions(centres: info.centres, activities: activityRows.rows,
                                            hosts: activityRows.hosts, participation: participationRows.rows,
                                            institutions: participationRows.institutions.map { $0 < 0 ? $0 : $0 + hostSpellings.count },
                                            spellings: hostSpellings.strings + institutionSpellings.strings,
                                            activitiesFile: activitiesFile, participationFile: participationFile)
            partners = found
            for r in found.respellings {
                log.warning(r.file, line: r.line, column: r.file == activitiesFile ? "host" : "institution",
                            "'\(r.name)' is taken as '\(r.kept)' (\(log.shownName(r.keptFile)):\(r.keptLine)): the two spellings differ only in letter case, spaces or punctuation; write them alike")
            }
        }

        let sorted = log.diagnostics.sorted(fileOrder: fileOrder)
        guard !log.diagnostics.hasErrors, let info, let activityRows, let participationRows else {
            return LoadResult(dataset: nil, diagnostics: sorted)
        }
        let kept = (planItems?.kept ?? [])
        // Without errors every activity row was kept, so its number is its place.
        var index = DatasetIndex(activityOfRow: participationRows.activityNumbers ?? [], institutionOfRow: [],
                                 institutions: [""])
        var classNumber = [Int](repeating: -1, count: institutionSpellings.count)
        index.institutionOfRow = zip(participationRows.rows, participationRows.institutions).map { row, n in
            guard n >= 0, row.institution?.isEmpty == false else { return 0 }
            let equal = institutionSpellings.equalTo[n]
            if classNumber[equal] < 0 {
                classNumber[equal] = index.institutions.count
                index.institutions.append(row.institution!)
            }
            return classNumber[equal]
        }
        let dataset: Dataset
        if index.activityOfRow.count == participationRows.rows.count, activityRows.ids.count == activityRows.rows.count {
            dataset = Dataset(info: info, activities: activityRows.rows, participation: participationRows.rows, plan: kept,
                              partners: partners, index: index)
        } else {
            dataset = Dataset(info: info, activities: activityRows.rows, participation: participationRows.rows, plan: kept,
                              partners: partners)
        }
        return LoadResult(dataset: dataset, diagnostics: sorted)
    }

    // MARK: plan.csv

    package struct LoadedPlan {
        /// Every well-formed item, whatever its year (to tell "wrong year" from "unknown").
        package var all: [PlanItem]
        /// Items of the reporting year and the next.
        package var kept: [PlanItem]
        package var truncated: Bool
        /// Ids of rows that have errors (reported there, not again where activities name them).
        package var brokenIds: Set<String> = []
    }

    package static func loadPlan(_ input: TableInput, centres: [String]?, year: Int?, log: DiagnosticLog) -> LoadedPlan {
        let table = DataTable(file: planFile, input: input, known: planColumns, required: planRequired, log: log)
        let f = FieldReader(table: table, log: log)
        var items: [PlanItem] = []
        var kept: [PlanItem] = []
        var firstLine: [String: Int] = [:]
        let (cId, cYear, cCentres, cKind, cFormat) = (f.column("id"), f.column("year"), f.column("centres"),
                                                       f.column("kind"), f.column("format"))
        let (cTitle, cCountries, cQuarter, cStatus) = (f.column("title"), f.column("countries"), f.column("quarter"),
                                                       f.column("status"))
        table.forEachRow { row in
            var ok = true
            let id = f.id(row, cId, what: "every plan item needs an id")
            if let id {
                if let first = firstLine[id] {
                    log.error(planFile, line: row.line, column: "id", "duplicate id '\(id)'; it is already used on line \(first)")
                    ok = false
                } else {
                    firstLine[id] = row.line
                }
            }
            var itemYear: Int?
            if let text = f.required(row, cYear, what: "write the year the item is planned for, e.g. 2021") {
                if let y = Int(text), (1...9999).contains(y), text.utf8.allSatisfy({ (48...57).contains($0) }) {
                    itemYear = y
                } else {
                    log.error(planFile, line: row.line, column: "year", "'\(text)' is not a year; write it with four digits, e.g. 2021")
                    ok = false
                }
            }
            let centreList = f.centres(row, cCentres, known: centres)
            let kind = f.enumValue(row, cKind, ActivityKind.self, noun: "kind", required: true)
            let format = f.enumValue(row, cFormat, ActivityFormat.self, noun: "format", required: false)
            let title = f.required(row, cTitle, what: "every plan item needs a title")
            var countries: [String] = []
            for text in FieldReader.list(f.optional(row, cCountries)) {
                if let code = f.country(text, row, cCountries) { countries.append(code) } else { ok = false }
            }
            let quarter = f.enumValue(row, cQuarter, Quarter.self, noun: "quarter", required: false)
            let status = f.enumValue(row, cStatus, PlanStatus.self, noun: "status", required: false)
            ok = ok && centreList.ok && kind.ok && format.ok && quarter.ok && status.ok
            guard ok, let id, let itemYear, let kindValue = kind.value, let title else { return }
            let item = PlanItem(id: id, year: itemYear, centres: centreList.value, kind: kindValue, format: format.value,
                                title: title, countries: Array(Set(countries)).sorted(), quarter: quarter.value,
                                status: status.value ?? .planned, line: row.line)
            items.append(item)
            if let year, itemYear != year && itemYear != year + 1 {
                log.warning(planFile, line: row.line, column: "year",
                            "plan item '\(id)' is for \(itemYear), neither the reporting year \(year) nor \(year + 1); it is ignored")
            } else {
                kept.append(item)
            }
        }
        let good = Set(items.map(\.id))
        return LoadedPlan(all: items, kept: kept, truncated: table.truncated,
                          brokenIds: Set(firstLine.keys).subtracting(good))
    }

    // MARK: activities.csv

    package struct LoadedActivities {
        package var rows: [Activity]
        /// Every id in the file, also of rows with other errors (so that
        /// participation rows naming them are not reported again), and its
        /// number in the order of first appearance.
        package var ids: [String: Int]
        package var truncated: Bool
        /// Each row's host as numbered in `spellings` (-1: none).
        package var hosts: [Int]
    }

    /// `plan` is nil when plan.csv could not be read to its end (then
    /// `plan_item` is not checked). Hosts are numbered in `spellings`.
    package static func loadActivities(_ input: TableInput, centres: [String]?, year: Int?, plan: [PlanItem]?,
                               brokenPlanIds: Set<String> = [], spellings: TextInterner = TextInterner(),
                               log: DiagnosticLog) -> LoadedActivities {
        let table = DataTable(file: activitiesFile, input: input, known: activityColumns, required: activityRequired, log: log)
        let f = FieldReader(table: table, log: log)
        let planById = Dictionary((plan ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [Activity] = []
        var ids: [String: Int] = [:]
        var firstLines: [Int] = []
        var hosts: [Int] = []
        let (cId, cDate, cEnd, cCentres, cRole, cKind) = (f.column("id"), f.column("date"), f.column("end_date"),
                                                          f.column("centres"), f.column("role"), f.column("kind"))
        let (cFormat, cTitle, cHours, cPlanItem, cHost, cDescription) = (
            f.column("format"), f.column("title"), f.column("hours"), f.column("plan_item"), f.column("host"),
            f.column("description"))
        table.forEachRow { row in
            var ok = true
            let id = f.id(row, cId, what: "every activity needs an id")
            if let id {
                let number = ids.count
                if let first = ids.updateValue(number, forKey: id) {
                    ids[id] = first
                    log.error(activitiesFile, line: row.line, column: "id", "duplicate id '\(id)'; it is already used on line \(firstLines[first])")
                    ok = false
                } else {
                    firstLines.append(row.line)
                }
            }
            let date = f.date(row, cDate, required: true)
            if let d = date.value, let year, d.year != year {
                log.error(activitiesFile, line: row.line, column: "date",
                          "date \(d) is outside the reporting year \(year); activities of other years belong in that year's dataset")
                ok = false
            }
            let end = f.date(row, cEnd, required: false)
            if let s = date.value, let e = end.value, e < s {
                log.error(activitiesFile, line: row.line, column: "end_date",
                          "end date \(e) is before the start date \(s)")
                ok = false
            }
            let centreList = f.centres(row, cCentres, known: centres)
            let role = f.enumValue(row, cRole, ActivityRole.self, noun: "role", required: false)
            let kind = f.enumValue(row, cKind, ActivityKind.self, noun: "kind", required: true)
            let format = f.enumValue(row, cFormat, ActivityFormat.self, noun: "format", required: true)
            let title = f.required(row, cTitle, what: "every activity needs a title for the report")
            let hours = f.decimal(row, cHours, meaning: "the duration in hours")
            let planItem = f.optional(row, cPlanItem)
            if let planItem, let year, let plan, !brokenPlanIds.contains(planItem) {
                if let item = planById[planItem] {
                    if item.year != year {
                        log.error(activitiesFile, line: row.line, column: "plan_item",
                                  "'\(planItem)' is a plan item for \(item.year); plan_item must name an item planned for \(year)")
                        ok = false
                    }
                } else {
                    let known = plan.filter { $0.year == year }.map(\.id)
                    let hint = known.isEmpty ? "\(log.shownName(planFile)) has no items for \(year)" : "items for \(year): \(known.prefix(12).joined(separator: ", "))\(known.count > 12 ? ", ..." : "")"
                    log.error(activitiesFile, line: row.line, column: "plan_item",
                              "'\(planItem)' is not a plan item of \(log.shownName(planFile)); \(hint)")
                    ok = false
                }
            }
            ok = ok && date.ok && end.ok && centreList.ok && role.ok && kind.ok && format.ok && hours.ok
            guard ok, let id, let dateValue = date.value, let kindValue = kind.value,
                  let formatValue = format.value, let title else { return }
            let (host, hostNumber) = f.optional(row, cHost, interning: spellings)
            hosts.append(hostNumber)
            rows.append(Activity(id: id, date: dateValue, endDate: end.value, centres: centreList.value,
                                 role: role.value ?? .organizer, kind: kindValue, format: formatValue, title: title,
                                 host: host, description: f.optional(row, cDescription),
                                 hours: hours.value, planItem: planItem, line: row.line))
        }
        return LoadedActivities(rows: rows, ids: ids, truncated: table.truncated, hosts: hosts)
    }

    // MARK: participation.csv

    package struct LoadedParticipation {
        package var rows: [Participation]
        /// False when some rows could not be read (then "no participation" warnings would mislead).
        package var complete: Bool
        /// Each row's institution as numbered in `spellings` (-1: none).
        package var institutions: [Int]
        /// Each row's activity by its number in activities.csv (nil when
        /// that could not be read).
        package var activityNumbers: [Int]?
    }

    /// participation.csv read as far as it can be without activities.csv:
    /// each row with an activity, its own fields checked, and where in its
    /// log the activity's check belongs (`checkParticipation` does it), so
    /// that it can be read while activities.csv is.
    package struct ReadParticipation {
        /// Rows that name an activity (country "" when it is not a code).
        var rows: [Participation] = []
        /// Per row: its fields other than the activity are good.
        var good: [Bool] = []
        /// Per row: the log's mark after its activity cell, and at its end.
        var marks: [Int] = [], ends: [Int] = []
        var institutions: [Int] = []
        var complete: Bool
    }

    package static func readParticipation(_ input: TableInput, spellings institutions: TextInterner,
                                          activitiesShownAs: String, log: DiagnosticLog) -> ReadParticipation {
        let table = DataTable(file: participationFile, input: input, known: participationColumns,
                             required: participationRequired, log: log)
        let f = FieldReader(table: table, log: log)
        let (cActivity, cCountry, cInstitution, cParticipants, cRole) = (
            f.column("activity"), f.column("country"), f.column("institution"), f.column("participants"), f.column("role"))
        var read = ReadParticipation(complete: table.has("activity") && table.has("country"))
        let activityText = "name the id of an activity in \(activitiesShownAs)"
        table.forEachRow { row in
            let activity = f.id(row, cActivity, what: activityText)
            let mark = log.mark
            let country = f.country(row, cCountry, what: "write the ISO 3166-1 alpha-2 code of the country, e.g. KZ")
            let (institution, institutionNumber) = f.optional(row, cInstitution, interning: institutions)
            let count = f.count(row, cParticipants, meaning: "the number of people who took part (empty when unknown)")
            let role = f.enumValue(row, cRole, ParticipationRole.self, noun: "role", required: false)
            guard let activity else { read.complete = false; return }
            read.rows.append(Participation(activity: activity, country: country.value ?? "", institution: institution,
                                           participants: count.value, role: role.value ?? .attendee, line: row.line))
            read.good.append(country.ok && count.ok && role.ok)
            read.marks.append(mark)
            read.ends.append(log.mark)
            read.institutions.append(institutionNumber)
        }
        return read
    }

    /// The rows read, checked against activities.csv's ids (nil when it
    /// could not be read): an unknown activity is an error placed after the
    /// row's activity cell, a row repeated a warning at the row's end, as
    /// if checked while reading.
    package static func checkParticipation(_ read: ReadParticipation, activities: [String: Int]?,
                                           spellings institutions: TextInterner, log: DiagnosticLog) -> LoadedParticipation {
        var read = read
        var complete = read.complete
        // A row's activity, country and institution as one number: the
        // activity's, the country's letters, the institution's among the
        // distinct ones (when activities.csv could not be read, by text).
        struct Key: Hashable { var activity: String; var country: String; var institution: String }
        var firstLine: [Int: Int] = [:]
        var firstLineByText: [Key: Int] = [:]
        var activityNumbers: [Int] = []
        activityNumbers.reserveCapacity(read.rows.count)
        var kept = 0
        for i in read.rows.indices {
            let row = read.rows[i]
            var ok = read.good[i]
            var activityNumber: Int?
            if let activities {
                activityNumber = activities[row.activity]
                if activityNumber == nil {
                    log.placing(before: read.marks[i]) {
                        log.error(participationFile, line: row.line, column: "activity",
                                  "'\(row.activity)' is not an activity id of \(log.shownName(activitiesFile))")
                    }
                    ok = false
                }
            }
            guard ok else { complete = false; continue }
            let first: Int?
            // No institution and an empty one are the same.
            let institutionNumber = read.institutions[i]
            let keyInstitution = row.institution?.isEmpty == false ? institutions.equalTo[institutionNumber] : -1
            if let activityNumber {
                let letters = row.country.utf8.reduce(0) { $0 * 26 + Int($1 - 65) }
                let key = (activityNumber << 42) | (letters << 32) | (keyInstitution + 1)
                first = firstLine.updateValue(row.line, forKey: key)
                if let first { firstLine[key] = first }
            } else {
                let key = Key(activity: row.activity, country: row.country, institution: row.institution ?? "")
                first = firstLineByText[key]
                if first == nil { firstLineByText[key] = row.line }
            }
            if let first {
                let who = row.institution.map { " and institution '\($0)'" } ?? ""
                log.placing(before: read.ends[i]) {
                    log.warning(participationFile, line: row.line, column: "country",
                                "activity '\(row.activity)', country \(row.country)\(who) are already on line \(first); the counts are added up")
                }
            }
            if kept != i {
                read.rows[kept] = row
                read.institutions[kept] = institutionNumber
            }
            activityNumbers.append(activityNumber ?? -1)
            kept += 1
        }
        read.rows.removeLast(read.rows.count - kept)
        read.institutions.removeLast(read.institutions.count - kept)
        return LoadedParticipation(rows: read.rows, complete: complete, institutions: read.institutions,
                                   activityNumbers: activities == nil ? nil : activityNumbers)
    }
}
