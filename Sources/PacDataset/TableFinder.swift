// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation

/// Finds where each table of a dataset folder is kept: `TABLE.csv`,
/// `TABLE.xlsx` or `TABLE.ods` (the workbook's first sheet), or a sheet
/// named after the table in one workbook of the folder (`pac-2021.xlsx`
/// with sheets activities, participation, plan). A table found in two
/// places is an error naming both; a required table found nowhere is an
/// error that says where it may be kept.
package enum TableFinder {
    package static let tables: [(name: String, required: Bool, purpose: String)] = [
        ("activities", true, "one row per activity held in the year"),
        ("participation", true, "one row per activity and country"),
        ("plan", false, "the work plan"),
    ]

    package struct Found {
        /// Table name → where it is read from.
        package var inputs: [String: TableInput] = [:]
        /// The order diagnostics are sorted in: report.yaml, then each table's names.
        package var fileOrder: [String] = [DatasetLoader.reportFile]
    }

    private struct Candidate {
        package var name: String
        /// Nil when the file could not be opened (reported where that was found).
        package var input: TableInput?
    }

    package static func find(in folder: URL, log: DiagnosticLog) -> Found {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var candidates: [String: [Candidate]] = [:]
        var found = Found()
        /// Workbooks not named after a table that gave no table, and sheets
        /// whose names hold a table's ("Activities 2020"): named in "file not found".
        var unread: [String] = []
        var nearSheets: [String: [String]] = [:]

        func isFile(_ name: String) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
        /// A table's own files of these kinds, in any letter case (Activities.xlsx, ACTIVITIES.CSV).
        func files(of table: String, _ extensions: [String]) -> [String] {
            entries.filter { name in extensions.contains { name.lowercased() == "\(table).\($0)" } }
        }

        // participation.xlsx or .ods (the longest table, five rows or so
        // per activity) is opened, unpacked and read on a thread of its own
        // from here on, while this one opens the others: opening a workbook
        // (its shared strings) and unpacking its sheet took as long as
        // reading the next. (Not the others as well: three threads on two
        // cores made small workbooks slower.) The loops below take what the
        // thread found, in the order they looked before, so the diagnostics
        // are the same. Only when it is the table's only file (in two
        // places the table is not read).
        var early: [String: (workbook: Promise<Result<Workbook, Error>>, records: PrefetchedRecords)] = [:]
        for table in tables where table.name == "participation" {
            let own = files(of: table.name, ["csv", "xlsx", "ods"])
            for name in own where own.count == 1 {
                guard isFile(name), let kind = Workbook.kind(ofFileNamed: name) else { continue }
                let opened = Promise<Result<Workbook, Error>>()
                let path = folder.appendingPathComponent(name).path
                let records = PrefetchedRecords(preparing: {
                    let workbook = Result { try Workbook(path: path, kind: kind) }
                    opened.fulfil(workbook)
                    return try workbook.get().records(ofSheet: 0)
                })
                early[name] = (opened, records)
            }
        }

        // A table's own files, in any letter case (Activities.xlsx, ACTIVITIES.CSV).
        for table in tables {
            // TABLE.csv is read as before (a folder or unreadable file in its place is an error there).
            for csv in files(of: table.name, ["csv"]) {
                switch DatasetLoader.readBytes(folder.appendingPathComponent(csv).path) {
                case .success(let bytes):
                    let shown = csv == "\(table.name).csv" ? nil : csv
                    candidates[table.name, default: []].append(Candidate(name: csv, input: TableInput(content: .csv(bytes), displayName: shown)))
                case .failure(let reason):
                    log.error(csv, "cannot be read: \(reason)")
                    candidates[table.name, default: []].append(Candidate(name: csv, input: nil))
                }
            }
            for name in files(of: table.name, ["xlsx", "ods"]) {
                guard isFile(name), let kind = Workbook.kind(ofFileNamed: name) else { continue }
                do {
                    let workbook = try early[name]?.workbook.value.get()
                        ?? Workbook(path: folder.appendingPathComponent(name).path, kind: kind)
                    candidates[table.name, default: []].append(
                        Candidate(name: name, input: TableInput(content: .sheet(workbook, index: 0), displayName: name)))
                } catch {
                    log.error(name, Self.describe(error))
                    candidates[table.name, default: []].append(Candidate(name: name, input: nil))
                }
            }
        }

        // Workbooks of the old binary format are not read: say so.
        for old in entries where (old as NSString).pathExtension.lowercased() == "xls" && !old.hasPrefix("~$") {
            log.warning(old, "is an Excel 97-2003 workbook (.xls), which pacreport does not read; save it as Excel Workbook (.xlsx)")
        }

        // Workbooks not named after a table: their sheets named after tables.
        let tableNames = Set(tables.map(\.name))
        for entry in entries {
            guard let kind = Workbook.kind(ofFileNamed: entry), isFile(entry) else { continue }
            let base = ((entry as NSString).deletingPathExtension).lowercased()
            // Lock files of Excel (~$name.xlsx) and Calc (.~lock.name#) and hidden files are not workbooks.
            guard !tableNames.contains(base), !entry.hasPrefix("~$"), !entry.hasPrefix(".") else { continue }
            let workbook: Workbook
            let sheetNames: [String]
            do {
                workbook = try Workbook(path: folder.appendingPathComponent(entry).path, kind: kind)
                sheetNames = try workbook.sheetNames()
            } catch {
                // Not named after a table: it may be anything (a budget, an empty new file).
                log.warning(entry, "\(Self.describe(error)); no table of the dataset is taken from it")
                unread.append(entry)
                continue
            }
            // Sheet names as typed: letter case and spaces around them do not count.
            func table(_ sheet: String) -> String { sheet.trimmingCharacters(in: .whitespaces).lowercased() }
            let matches = sheetNames.enumerated().filter { tableNames.contains(table($0.element)) }
            let claimed = Set(matches.map { table($0.element) })
            // An .ods file's content.xml, unpacked for the names, is kept for
            // its sheets only when one of them may be read: not when each
            // of its tables was found before (in two places, none is read).
            if !claimed.contains(where: { (candidates[$0] ?? []).isEmpty }) { workbook.forgetKept() }
            if matches.isEmpty {
                let list = sheetNames.map { "'\($0)'" }.joined(separator: ", ")
                log.warning(entry, "has no sheet named activities, participation or plan (its sheets: \(list)), so it holds no table of the dataset; name the sheets so to use it")
                unread.append(entry)
                continue
            }
            for (index, sheet) in matches {
                let table = table(sheet)
                if candidates[table]?.contains(where: { $0.name.hasPrefix(entry + "[") || $0.name == entry }) == true {
                    log.warning(entry, "has two sheets named '\(table)' (letter case aside); only the first one is read")
                    continue
                }
                let name = claimed.count > 1 ? "\(entry)[\(sheet)]" : entry
                candidates[table, default: []].append(
                    Candidate(name: name, input: TableInput(content: .sheet(workbook, index: index), displayName: name)))
            }
            let others = sheetNames.filter { !tableNames.contains(table($0)) }
            for sheet in others {
                for name in tableNames where table(sheet).contains(name) { nearSheets[name, default: []].append("\(entry)[\(sheet)]") }
            }
            if !others.isEmpty {
                let list = others.map { "'\($0)'" }.joined(separator: ", ")
                log.warning(entry, "sheet\(others.count > 1 ? "s" : "") \(list) ignored: only sheets named activities, participation and plan are read")
            }
        }

        // Each table's sheet starts being read now, on a thread of its own,
        // all at once: an .ods file's sheet is found by reading content.xml
        // up to it, which for the last sheet is nearly all of it. (Taken
        // below in table order, so the diagnostics are the same.)
        var reading: [String: PrefetchedRecords] = [:]
        for table in tables {
            guard let places = candidates[table.name], places.count == 1, let input = places[0].input,
                  case .sheet(let workbook, let index) = input.content else { continue }
            if index == 0, let records = early[places[0].name]?.records {
                reading[table.name] = records
            } else {
                let sheet = UncheckedSendable(workbook)
                reading[table.name] = PrefetchedRecords(preparing: { try sheet.value.records(ofSheet: index) })
            }
        }

        for table in tables {
            let places = candidates[table.name] ?? []
            found.fileOrder += places.map(\.name)
            if places.count > 1 {
                let names = places.map(\.name)
                let list = names.dropLast().joined(separator: ", ") + " and " + names.last!
                log.error(names[0], "the \(table.name) table is kept in two places, \(list); keep it in one of them and remove or rename the other")
                found.inputs[table.name] = TableInput(content: .unreadable, displayName: places[0].name)
            } else if let only = places.first {
                var input = only.input ?? TableInput(content: .unreadable, displayName: only.name)
                if case .sheet = input.content, let records = reading[table.name] {
                    do {
                        try records.prepared()
                        input.content = .sheetRecords(records)
                    } catch {
                        log.error(only.name, "cannot be read: \(error)")
                        input.content = .unreadable
                    }
                }
                found.inputs[table.name] = input
            } else if table.required {
                let csv = "\(table.name).csv"
                found.fileOrder.append(csv)
                // Files that look meant for it (activities.txt, activities (1).xlsx) and workbooks not read.
                var near: [String] = []
                for name in entries.filter({ $0.lowercased().hasPrefix(table.name) && !$0.hasPrefix("~$") }) + unread + (nearSheets[table.name] ?? [])
                where !near.contains(name) { near.append(name) }
                let hint = near.isEmpty ? "" : "; not read as the table: \(near.joined(separator: ", ")) (rename a file to \(table.name).csv, .xlsx or .ods, or name a workbook's sheet '\(table.name)')"
                log.error(csv, "file not found in \(folder.path); every dataset needs \(csv) (\(table.purpose)), or the table as \(table.name).xlsx or \(table.name).ods, or as a sheet named '\(table.name)' in one workbook of the folder\(hint)")
            }
        }
        return found
    }

    /// Why a workbook cannot be opened, as a message after its name.
    private static func describe(_ error: Error) -> String {
        let text = "\(error)"
        return text.hasPrefix("is not ") ? text : "cannot be read: \(text)"
    }
}
