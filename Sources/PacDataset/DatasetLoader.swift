// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation

/// What loading a dataset folder gave: the dataset when it has no errors,
/// and every diagnostic, ordered by file and line.
public struct LoadResult: Sendable {
    /// The dataset, when it has no errors and its rows were kept.
    public var dataset: Dataset?
    /// How much the dataset holds, when it has no errors.
    public var counts: LoadCounts?
    public var diagnostics: [Diagnostic]

    public init(dataset: Dataset?, counts: LoadCounts? = nil, diagnostics: [Diagnostic]) {
        self.dataset = dataset
        self.counts = counts ?? dataset.map(LoadCounts.init)
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool { counts == nil }
}

/// How much a dataset without errors holds (what `check` says of it).
public struct LoadCounts: Sendable, Equatable {
    public var year: Int
    public var activities: Int
    public var participationRows: Int
    /// Plan items of the reporting year and of the next.
    public var planItems: Int, nextYearPlanItems: Int

    public init(year: Int, activities: Int, participationRows: Int, planItems: Int, nextYearPlanItems: Int) {
        self.year = year; self.activities = activities; self.participationRows = participationRows
        self.planItems = planItems; self.nextYearPlanItems = nextYearPlanItems
    }

    /// The counts with the plan items of `plan` (the reporting year's and the next's).
    init(year: Int, activities: Int, participationRows: Int, plan: [PlanItem]) {
        let next = plan.filter { $0.year == year + 1 }.count
        self.init(year: year, activities: activities, participationRows: participationRows,
                  planItems: plan.count - next, nextYearPlanItems: next)
    }

    init(_ dataset: Dataset) {
        self.init(year: dataset.info.year, activities: dataset.activities.count,
                  participationRows: dataset.participation.count, plan: dataset.plan)
    }
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
    ///
    /// With `keepingRows` false only the diagnostics and the counts are
    /// made (what `pacreport check` shows): no row is held, so a large
    /// dataset is checked in little memory.
    public static func load(folder: URL, keepingRows: Bool = true) -> LoadResult {
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
        var tables = TableFinder.find(in: folder, log: log)
        // The tables are handed over, not copied: each file's bytes are let
        // go as soon as it is read.
        let activities = tables.inputs.removeValue(forKey: "activities").map(Handed.init)
        let participation = tables.inputs.removeValue(forKey: "participation").map(Handed.init)
        let plan = tables.inputs.removeValue(forKey: "plan")
        return load(report: yaml, activities: activities, participation: participation,
                    plan: plan, log: log, fileOrder: tables.fileOrder, keepingRows: keepingRows)
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
        // The size fstat gives, read in place (the array not zeroed first);
        // then whatever more there is (a file that grew), through a small
        // buffer, so that reaching the end never doubles the array.
        let size = max(Int(info.st_size), 0)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let n = read(fd, base + count, size - count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno; return }
                if n == 0 { break }
                count += n
            }
        }
        if failure != 0 { return .failure(ReadFailure(failure)) }
        guard bytes.count == size else { return .success(bytes) }  // the file ended early: all there is
        var more = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = more.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return .failure(ReadFailure(errno)) }
            if n == 0 { break }
            bytes += more[..<n]
        }
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
        return load(report: reportYAML, activities: activitiesCSV.map { Handed(.csv($0)) },
                    participation: participationCSV.map { Handed(.csv($0)) }, plan: planCSV.map(TableInput.csv), log: log)
    }

    /// A table handed to the loader, which lets it go once read.
    package final class Handed: @unchecked Sendable {
        private var input: TableInput?
        package let displayName: String?
        package let isCSV: Bool

        package init(_ input: TableInput) {
            self.input = input
            displayName = input.displayName
            if case .csv = input.content { isCSV = true } else { isCSV = false }
        }

        /// The table, once: the holder keeps nothing.
        package func take() -> TableInput {
            defer { input = nil }
            return input!
        }
    }

    /// Loads a dataset from the files' bytes (nil for a missing file, which
    /// the caller has reported).
    package static func load(report: [UInt8]?, activities: Handed?, participation: Handed?, plan: TableInput?,
                             log: DiagnosticLog = DiagnosticLog(), fileOrder: [String] = fileOrder,
                             keepingRows: Bool = true) -> LoadResult {
        let participationLog = DiagnosticLog()
        let activitiesShownAs = activities?.displayName ?? activitiesFile
        // Hosts and institutions, each distinct spelling numbered once.
        let hostSpellings = TextInterner(), institutionSpellings = TextInterner()
        let yaml = report.map { ReportYAMLLoader.load($0, log: log) }
        let info = yaml?.info
        let centreIds = yaml?.centreIds
        let year = yaml?.year

        // participation.csv is read on another core from here on, while
        // plan.csv and activities.csv are read on this one (a CSV file: a
        // workbook's sheets are read on threads of their own already). (Not
        // from the start: report.yaml, read alone, takes a tenth of the
        // time it takes beside it.) Its rows are checked against the
        // activities after, with its own log, whose diagnostics come in the
        // order they would have had read one after the other.
        var reading: Later<ReadParticipation>?
        if let participation, participation.isCSV {
            let reader = UncheckedSendable((participation, institutionSpellings, participationLog))
            reading = Later {
                let (input, spellings, log) = reader.value
                return Self.readParticipation(input.take(), spellings: spellings, activitiesShownAs: activitiesShownAs,
                                              keepingRows: keepingRows, log: log)
            }
        }
        let planItems = plan.map { loadPlan($0, centres: centreIds, year: year, log: log) }
        let activityRows = activities.map {
            loadActivities($0.take(), centres: centreIds, year: year,
                           plan: planItems.flatMap { $0.truncated ? nil : $0.all } ?? (plan == nil ? [] : nil),
                           brokenPlanIds: planItems?.brokenIds ?? [], spellings: hostSpellings,
                           keepingRows: keepingRows, log: log)
        }
        var read = reading?.value ?? participation.map {
            Self.readParticipation($0.take(), spellings: institutionSpellings, activitiesShownAs: activitiesShownAs,
                                   keepingRows: keepingRows, log: participationLog)
        }
        reading = nil  // its copy let go: the checks below take rows out in place, not from a copy
        participationLog.origins[activitiesFile] = log.origins[activitiesFile]

        // One institution written two ways: the hosts, then the
        // institutions as the participation rows are checked.
        var partners: PartnerInstitutions.Builder?
        if let info, let activityRows {
            var builder = PartnerInstitutions.Builder(centres: info.centres, listing: keepingRows)
            for i in activityRows.numbers.indices where activityRows.hosts[i] >= 0 {
                builder.note(activityRows.hosts[i], spelt: hostSpellings.strings[activityRows.hosts[i]],
                             file: activitiesFile, line: activityRows.lines[i], country: nil,
                             activity: activityRows.numbers[i])
            }
            if read != nil { partners = builder }
        }
        let participationRows = read == nil ? nil
            : checkParticipation(&read!, activities: activityRows.flatMap { $0.truncated ? nil : $0 },
                                 spellings: institutionSpellings, partners: &partners, keepingRows: keepingRows,
                                 log: participationLog)
        read = nil
        log.take(participationLog, file: participationFile)

        // Activities with nobody taking part.
        if let activityRows, let participationRows, participationRows.complete {
            // By number; by id when activities.csv could not be read to its end.
            let named: (Int) -> Bool
            if let involved = participationRows.involved {
                named = { involved[$0] }
            } else {
                let ids = Set(participationRows.activities)
                named = { ids.contains(activityRows.idOf[$0]) }
            }
            for (i, number) in activityRows.numbers.enumerated() where !activityRows.publication[i] && !named(number) {
                log.warning(activitiesFile, line: activityRows.lines[i], column: "id",
                            "activity '\(activityRows.idOf[number])' has no rows in \(log.shownName(participationFile)); it counts 0 participants and no countries")
            }
        }

        // The activity ids in code point order, worked out once for the
        // partner institutions and the aggregates.
        let idRank = keepingRows ? activityRows?.idOf.ranksByCodePoint() ?? [] : []
        let found = partners?.finish(ids: activityRows?.idOf ?? [], rank: idRank)
        for r in found?.respellings ?? [] {
            log.warning(r.file, line: r.line, column: r.file == activitiesFile ? "host" : "institution",
                        "'\(r.name)' is taken as '\(r.kept)' (\(log.shownName(r.keptFile)):\(r.keptLine)): the two spellings differ only in letter case, spaces or punctuation; write them alike")
        }

        let sorted = log.diagnostics.sorted(fileOrder: fileOrder)
        guard !log.diagnostics.hasErrors, let info, let activityRows, let participationRows else {
            return LoadResult(dataset: nil, diagnostics: sorted)
        }
        let kept = (planItems?.kept ?? [])
        let counts = LoadCounts(year: info.year, activities: activityRows.numbers.count,
                                participationRows: participationRows.count, plan: kept)
        guard keepingRows else { return LoadResult(dataset: nil, counts: counts, diagnostics: sorted) }
        // Without errors every activity row was kept, so its number is its place.
        var index = DatasetIndex(activityOfRow: participationRows.activityNumbers ?? [], institutionOfRow: [],
                                 institutions: [""], activityRank: idRank)
        var classNumber = [Int](repeating: -1, count: institutionSpellings.count)
        var classSpelling = [Int](repeating: -1, count: institutionSpellings.count)
        index.institutionOfRow = zip(participationRows.rows, participationRows.institutions).map { row, n in
            guard n >= 0, row.institution?.isEmpty == false else { return 0 }
            let equal = institutionSpellings.equalTo[n]
            if classNumber[equal] < 0 {
                classNumber[equal] = index.institutions.count
                classSpelling[equal] = n
                index.institutions.append(row.institution!)
            } else if classSpelling[equal] != n {
                index.oneSpellingEach = false
            }
            return classNumber[equal]
        }
        if !participationRows.activitySpellingsAlike { index.oneSpellingEach = false }
        let dataset: Dataset
        if index.activityOfRow.count == participationRows.rows.count, activityRows.idOf.count == activityRows.rows.count {
            dataset = Dataset(info: info, activities: activityRows.rows, participation: participationRows.rows, plan: kept,
                              partners: found, index: index)
        } else {
            dataset = Dataset(info: info, activities: activityRows.rows, participation: participationRows.rows, plan: kept,
                              partners: found)
        }
        return LoadResult(dataset: dataset, counts: counts, diagnostics: sorted)
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
        /// The rows without errors (none when the rows are not kept).
        package var rows: [Activity]
        /// Every id in the file, also of rows with other errors (so that
        /// participation rows naming them are not reported again), and its
        /// number in the order of first appearance.
        package var ids: [String: Int]
        /// The ids by number, as first written.
        package var idOf: [String]
        package var truncated: Bool
        /// Per row without errors (kept or not): its id's number, its line,
        /// whether it is a publication, its host as numbered in
        /// `spellings` (-1: none).
        package var numbers: [Int], lines: [Int], publication: [Bool], hosts: [Int]
    }

    /// `plan` is nil when plan.csv could not be read to its end (then
    /// `plan_item` is not checked). Hosts are numbered in `spellings`.
    package static func loadActivities(_ input: TableInput, centres: [String]?, year: Int?, plan: [PlanItem]?,
                               brokenPlanIds: Set<String> = [], spellings: TextInterner = TextInterner(),
                               keepingRows: Bool = true, log: DiagnosticLog) -> LoadedActivities {
        let table = DataTable(file: activitiesFile, input: input, known: activityColumns, required: activityRequired, log: log)
        let f = FieldReader(table: table, log: log)
        let planById = Dictionary((plan ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [Activity] = []
        var ids: [String: Int] = [:]
        var idOf: [String] = []
        var firstLines: [Int] = []
        var numbers: [Int] = [], lines: [Int] = [], publication: [Bool] = [], hosts: [Int] = []
        let (cId, cDate, cEnd, cCentres, cRole, cKind) = (f.column("id"), f.column("date"), f.column("end_date"),
                                                          f.column("centres"), f.column("role"), f.column("kind"))
        let (cFormat, cTitle, cHours, cPlanItem, cHost, cDescription) = (
            f.column("format"), f.column("title"), f.column("hours"), f.column("plan_item"), f.column("host"),
            f.column("description"))
        table.forEachRow { row in
            var ok = true
            let id = f.id(row, cId, what: "every activity needs an id")
            let number = ids.count
            if let id {
                if let first = ids.updateValue(number, forKey: id) {
                    ids[id] = first
                    log.error(activitiesFile, line: row.line, column: "id", "duplicate id '\(id)'; it is already used on line \(firstLines[first])")
                    ok = false
                } else {
                    firstLines.append(row.line)
                    idOf.append(id)
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
            numbers.append(number)
            lines.append(row.line)
            publication.append(kindValue == .publication)
            hosts.append(hostNumber)
            guard keepingRows else {
                _ = f.optional(row, cDescription)  // its characters are checked all the same
                return
            }
            rows.append(Activity(id: id, date: dateValue, endDate: end.value, centres: centreList.value,
                                 role: role.value ?? .organizer, kind: kindValue, format: formatValue, title: title,
                                 host: host, description: f.optional(row, cDescription),
                                 hours: hours.value, planItem: planItem, line: row.line))
        }
        return LoadedActivities(rows: rows, ids: ids, idOf: idOf, truncated: table.truncated, numbers: numbers,
                                lines: lines, publication: publication, hosts: hosts)
    }

    // MARK: participation.csv

    /// participation.csv read as far as it can be without activities.csv:
    /// each row with an activity, its own fields checked, and where in its
    /// log the activity's check belongs (`checkParticipation` does it), so
    /// that it can be read while activities.csv is. Kept in columns of
    /// numbers (the rows themselves are made only when kept).
    package struct ReadParticipation {
        /// Each row's activity id, numbered by spelling (`activityIds`).
        var activities: [Int32] = []
        var activityIds = TextInterner(findingEquals: false)
        var lines: [Int32] = []
        /// Per row: its fields other than the activity are good.
        var good: [Bool] = []
        /// The log's marks after a row's activity cell and at its end, for
        /// the rows where they differ from the end of the row before (most
        /// rows log nothing), in row order.
        var marks: [(row: Int32, mark: Int32, end: Int32)] = []
        /// The log's mark before the first row.
        var firstMark: Int32 = 0
        /// Per row: its institution in the spellings (-1: none), its
        /// country's letters (-1: not a code).
        var institutions: [Int32] = [], countries: [Int16] = []
        /// The rows themselves, when kept (the ones with errors too; they
        /// are taken out when checked).
        var rows: [Participation] = []
        var complete: Bool
    }

    package static func readParticipation(_ input: TableInput, spellings institutions: TextInterner,
                                          activitiesShownAs: String, keepingRows: Bool = true,
                                          log: DiagnosticLog) -> ReadParticipation {
        let table = DataTable(file: participationFile, input: input, known: participationColumns,
                             required: participationRequired, log: log)
        let f = FieldReader(table: table, log: log)
        let (cActivity, cCountry, cInstitution, cParticipants, cRole) = (
            f.column("activity"), f.column("country"), f.column("institution"), f.column("participants"), f.column("role"))
        var read = ReadParticipation(complete: table.has("activity") && table.has("country"))
        let activityText = "name the id of an activity in \(activitiesShownAs)"
        var lastEnd = log.mark
        read.firstMark = Int32(lastEnd)
        // Room for every line of the file, so that the columns do not grow twice over.
        if case .csv(let bytes) = input.content {
            let lines = bytes.withUnsafeBufferPointer { b in b.reduce(into: 0) { if $1 == 0x0A { $0 += 1 } } } + 1
            read.activities.reserveCapacity(lines)
            read.lines.reserveCapacity(lines)
            read.good.reserveCapacity(lines)
            read.institutions.reserveCapacity(lines)
            read.countries.reserveCapacity(lines)
            if keepingRows { read.rows.reserveCapacity(lines) }
        }
        let plainIds = !f.isSheet  // a sheet's id may have become a date: read in full
        table.forEachRow { row in
            // An id met before, as plain text: its number, without a String.
            var activity = plainIds ? table.plainASCII(row, cActivity) { read.activityIds.find($0) } : nil
            if activity == nil, let id = f.id(row, cActivity, what: activityText) { activity = read.activityIds.intern(id) }
            let mark = log.mark
            let country = f.country(row, cCountry, what: "write the ISO 3166-1 alpha-2 code of the country, e.g. KZ")
            let (institution, institutionNumber) = f.optional(row, cInstitution, interning: institutions)
            let count = f.count(row, cParticipants, meaning: "the number of people who took part (empty when unknown)")
            let role = f.enumValue(row, cRole, ParticipationRole.self, noun: "role", required: false)
            guard let activity else { read.complete = false; return }
            read.activities.append(Int32(activity))
            read.lines.append(Int32(row.line))
            read.good.append(country.ok && count.ok && role.ok)
            if mark != lastEnd || log.mark != lastEnd {
                read.marks.append((Int32(read.lines.count - 1), Int32(mark), Int32(log.mark)))
                lastEnd = log.mark
            }
            read.institutions.append(Int32(institutionNumber))
            read.countries.append(Int16(country.value.flatMap(Countries.letters) ?? -1))
            if keepingRows {
                read.rows.append(Participation(activity: read.activityIds.strings[activity], country: country.value ?? "",
                                               institution: institution, participants: count.value,
                                               role: role.value ?? .attendee, line: row.line))
            }
        }
        return read
    }

    package struct LoadedParticipation {
        /// The rows without errors (none when the rows are not kept).
        package var rows: [Participation]
        /// How many rows have no errors.
        package var count: Int
        /// False when some rows could not be read (then "no participation" warnings would mislead).
        package var complete: Bool
        /// Each kept row's institution as numbered in the spellings (-1: none).
        package var institutions: [Int]
        /// Each kept row's activity by its number in activities.csv (nil when
        /// that could not be read).
        package var activityNumbers: [Int]?
        /// Per activity number: whether a row names it (nil when
        /// activities.csv could not be read; then `activities` serves).
        package var involved: [Bool]?
        /// The activity ids the rows without errors name (only when
        /// activities.csv could not be read).
        package var activities: [String] = []
        /// Whether every row writes its activity's id byte for byte as
        /// activities.csv does.
        package var activitySpellingsAlike = true
    }

    /// The rows read, checked against activities.csv's ids (nil when it
    /// could not be read): an unknown activity is an error placed after the
    /// row's activity cell, a row repeated a warning at the row's end, as
    /// if checked while reading. Each good row's institution is noted in
    /// `partners`.
    package static func checkParticipation(_ read: inout ReadParticipation, activities: LoadedActivities?,
                                           spellings institutions: TextInterner,
                                           partners: inout PartnerInstitutions.Builder?, keepingRows: Bool = true,
                                           log: DiagnosticLog) -> LoadedParticipation {
        var complete = read.complete
        // Each spelling of an activity id looked up once.
        let numberOf: [Int?]? = activities.map { a in read.activityIds.strings.map { a.ids[$0] } }
        // A row's activity, country and institution as one number: the
        // activity's, the country's letters, the institution's among the
        // distinct ones (when activities.csv could not be read, by text).
        struct Key: Hashable { var activity: String; var country: String; var institution: String }
        var firstLines = FirstLinesByActivity(activities: activities?.idOf.count ?? 0)
        var firstLineByText: [Key: Int] = [:]
        var involved = activities.map { [Bool](repeating: false, count: $0.idOf.count) }
        var result = LoadedParticipation(rows: [], count: 0, complete: true, institutions: [],
                                         activityNumbers: activities == nil ? nil : [])
        if keepingRows {
            result.institutions.reserveCapacity(read.lines.count)
            result.activityNumbers?.reserveCapacity(read.lines.count)
        }
        var running = read.firstMark  // the log's mark at the end of the row before
        var nextMark = 0  // the next row in `marks` (they are in row order)
        for i in read.lines.indices {
            var (mark, end) = (running, running)
            if nextMark < read.marks.count, read.marks[nextMark].row == i {
                (mark, end) = (read.marks[nextMark].mark, read.marks[nextMark].end)
                nextMark += 1
            }
            running = end
            let activity = read.activityIds.strings[Int(read.activities[i])]
            let line = Int(read.lines[i])
            var ok = read.good[i]
            var activityNumber: Int?
            if let numberOf {
                activityNumber = numberOf[Int(read.activities[i])]
                if activityNumber == nil {
                    log.placing(before: Int(mark)) {
                        log.error(participationFile, line: line, column: "activity",
                                  "'\(activity)' is not an activity id of \(log.shownName(activitiesFile))")
                    }
                    ok = false
                }
            }
            guard ok else { complete = false; continue }
            let letters = Int(read.countries[i])
            let country = Countries.code(letters: letters)
            let institutionNumber = Int(read.institutions[i])
            let institution = institutionNumber < 0 ? nil : institutions.strings[institutionNumber]
            let first: Int?
            // No institution and an empty one are the same.
            let keyInstitution = institution?.isEmpty == false ? institutions.equalTo[institutionNumber] : -1
            if let activityNumber {
                first = firstLines.note(activity: activityNumber, letters: letters, institution: keyInstitution, line: line)
                involved?[activityNumber] = true
            } else {
                let key = Key(activity: activity, country: country, institution: institution ?? "")
                first = firstLineByText[key]
                if first == nil { firstLineByText[key] = line }
                result.activities.append(activity)
            }
            if let first {
                let who = institution.map { " and institution '\($0)'" } ?? ""
                log.placing(before: Int(end)) {
                    log.warning(participationFile, line: line, column: "country",
                                "activity '\(activity)', country \(country)\(who) are already on line \(first); the counts are added up")
                }
            }
            if let institution {
                partners?.note(institutionNumber, spelt: institution, file: participationFile, line: line, country: country,
                               activity: activityNumber ?? -1)
            }
            result.count += 1
            if keepingRows {
                // The rows with errors are taken out in place.
                if result.count - 1 != i { read.rows.swapAt(result.count - 1, i) }
                result.institutions.append(institutionNumber)
                result.activityNumbers?.append(activityNumber ?? -1)
            }
        }
        result.complete = complete
        result.involved = involved
        if let numberOf, let activities {
            for (spelling, number) in zip(read.activityIds.strings, numberOf) {
                if let number, !spelling.utf8.elementsEqual(activities.idOf[number].utf8) {
                    result.activitySpellingsAlike = false
                    break
                }
            }
        }
        if keepingRows {
            read.rows.removeLast(read.rows.count - result.count)
            swap(&result.rows, &read.rows)
        }
        return result
    }
}

/// The first line of each participation row's activity, country and
/// institution. An activity's rows mostly follow one another, so each
/// activity keeps a short chain of its distinct (country, institution)
/// pairs, read where they were just written; an activity with more than
/// 64 of them moves to a dictionary, so that no chain grows long.
struct FirstLinesByActivity {
    private var last: [Int32]
    private var length: [Int32]
    private var previous: [Int32] = [], keys: [UInt64] = [], lines: [Int32] = []
    private struct Triple: Hashable { var activity: Int; var pair: UInt64 }
    private var large: [Triple: Int32] = [:]
    private static let longest: Int32 = 64

    init(activities: Int) {
        last = [Int32](repeating: -1, count: activities)
        length = [Int32](repeating: 0, count: activities)
    }

    /// The line the triple was first noted at, or nil (and `line` noted).
    mutating func note(activity: Int, letters: Int, institution: Int, line: Int) -> Int? {
        // The letters from bit 32, the institution + 1 below.
        let pair = UInt64(letters) &* 0x1_0000_0000 &+ UInt64(institution + 1)
        if length[activity] > Self.longest {
            let key = Triple(activity: activity, pair: pair)
            if let first = large[key] { return Int(first) }
            large[key] = Int32(line)
            return nil
        }
        var k = last[activity]
        while k >= 0 {
            if keys[Int(k)] == pair { return Int(lines[Int(k)]) }
            k = previous[Int(k)]
        }
        previous.append(last[activity])
        keys.append(pair)
        lines.append(Int32(line))
        last[activity] = Int32(keys.count - 1)
        length[activity] += 1
        if length[activity] > Self.longest {
            // Too many for a chain: the activity's pairs into the dictionary.
            var k = last[activity]
            while k >= 0 {
                large[Triple(activity: activity, pair: keys[Int(k)])] = lines[Int(k)]
                k = previous[Int(k)]
            }
        }
        return nil
    }
}
