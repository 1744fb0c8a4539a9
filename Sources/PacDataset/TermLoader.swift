// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation

/// Loads the datasets of a contract's term (README.md, "The contract over
/// its term"): every dataset's diagnostics, each FILE prefixed with its
/// folder's name (`2021/activities.csv:4:date: error: …`); then the
/// datasets must be of one contract and of different years (errors naming
/// the folders), and a year missing between the first and the last is a
/// warning.
public enum TermLoader {
    public struct Result: Sendable {
        /// The datasets, by year; nil when any has errors.
        public var datasets: [Dataset]?
        public var diagnostics: [Diagnostic]
    }

    public static func load(_ folders: [URL]) -> Result {
        var diagnostics: [Diagnostic] = []
        var loaded: [(folder: String, dataset: Dataset)] = []
        var failed = false
        let names = folders.map { Self.name($0, among: folders) }
        for (folder, name) in zip(folders, names) {
            let result = DatasetLoader.load(folder: folder)
            diagnostics += result.diagnostics.map { d in
                var prefixed = d
                prefixed.file = name + "/" + d.file
                return prefixed
            }
            if let dataset = result.dataset { loaded.append((name, dataset)) } else { failed = true }
        }
        guard !failed else { return Result(datasets: nil, diagnostics: diagnostics) }

        // One contract, each year once.
        var problems: [Diagnostic] = []
        if let first = loaded.first {
            for other in loaded.dropFirst() where other.dataset.info.contract.id != first.dataset.info.contract.id {
                problems.append(Diagnostic(.error, file: other.folder + "/report.yaml", column: "contract.id",
                    "the contract '\(other.dataset.info.contract.id)' is not the contract '\(first.dataset.info.contract.id)' of \(first.folder)/report.yaml; a term report covers one contract"))
            }
        }
        var byYear: [Int: String] = [:]
        for entry in loaded {
            let year = entry.dataset.info.year
            if let earlier = byYear[year] {
                problems.append(Diagnostic(.error, file: entry.folder + "/report.yaml", column: "year",
                    "\(year) is also the year of \(earlier); give each year of the contract once"))
            } else {
                byYear[year] = entry.folder
            }
        }
        diagnostics += problems
        guard problems.isEmpty else { return Result(datasets: nil, diagnostics: diagnostics) }
        let datasets = loaded.map(\.dataset).sorted { $0.info.year < $1.info.year }
        if let first = datasets.first?.info.year, let last = datasets.last?.info.year {
            for year in first...last where byYear[year] == nil {
                diagnostics.append(Diagnostic(.warning, file: names.joined(separator: ", "),
                    "no dataset for \(year), between \(first) and \(last); the term report says it is missing"))
            }
        }
        return Result(datasets: datasets, diagnostics: diagnostics)
    }

    /// A folder's name in messages: its last component, or more of its
    /// path when two folders end alike.
    package static func name(_ folder: URL, among folders: [URL]) -> String {
        let last = folder.standardizedFileURL.lastPathComponent
        let alike = folders.filter { $0.standardizedFileURL.lastPathComponent == last }.count
        return alike > 1 ? folder.standardizedFileURL.path : last
    }
}
