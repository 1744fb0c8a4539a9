// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
@testable import PacReportKit
@testable import PacAggregates
@testable import PacBase
@testable import PacCSV
@testable import PacDataset
@testable import PacDocument
@testable import PacLayout
@testable import PacODT
@testable import PacOutput
@testable import PacPDF

/// Paths and helpers shared by the tests.
enum TestSupport {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = testsFolder.appendingPathComponent("Fixtures")
    static let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let example = repository.appendingPathComponent("Examples/ifla-pac-2020")
    static let base = fixtures.appendingPathComponent("base")

    /// A tool of the project's shared folder, which lies beside the checkout.
    static func sharedTool(_ name: String) -> URL {
        repository.deletingLastPathComponent().appendingPathComponent("shared/tools/\(name)")
    }

    /// A new empty folder under the system's temporary folder.
    static func temporaryFolder(_ name: String = "pacreport-test") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of `folder`'s files in a fresh temporary folder.
    static func copy(_ folder: URL) -> URL {
        let target = temporaryFolder()
        for name in try! FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try! FileManager.default.copyItem(at: folder.appendingPathComponent(name),
                                              to: target.appendingPathComponent(name))
        }
        return target
    }

    /// The base fixture with an error case's files laid over it (and the
    /// files named in its remove.txt removed).
    static func errorCase(_ name: String) -> (dataset: URL, expected: [String]) {
        let caseFolder = fixtures.appendingPathComponent("errors/\(name)")
        let dataset = copy(base)
        let fm = FileManager.default
        for file in try! fm.contentsOfDirectory(atPath: caseFolder.path) where !["expect.txt", "remove.txt"].contains(file) {
            let target = dataset.appendingPathComponent(file)
            try? fm.removeItem(at: target)
            try! fm.copyItem(at: caseFolder.appendingPathComponent(file), to: target)
        }
        if let remove = try? String(contentsOf: caseFolder.appendingPathComponent("remove.txt"), encoding: .utf8) {
            for file in remove.split(separator: "\n") { try! fm.removeItem(at: dataset.appendingPathComponent(String(file))) }
        }
        let expected = try! String(contentsOf: caseFolder.appendingPathComponent("expect.txt"), encoding: .utf8)
            .split(separator: "\n").map { $0.replacingOccurrences(of: "$DATASET", with: dataset.path) }
        return (dataset, expected)
    }

    static func errorCaseNames() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("errors").path).sorted()) ?? []
    }

    static func load(_ folder: URL) -> LoadResult { DatasetLoader.load(folder: folder) }

    static func dataset(_ folder: URL) throws -> Dataset {
        let result = load(folder)
        guard let dataset = result.dataset else {
            throw TestFailure("dataset has errors:\n" + result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return dataset
    }

    static func csv(_ table: ExportTable, _ folder: URL, exporter: CSVExporter = CSVExporter(), language: ReportLanguage = .en) throws -> String {
        String(decoding: exporter.export(table, of: ExportTables(Aggregates(try dataset(folder)), language: language)), as: UTF8.self)
    }

    /// Rewrites `file` of `dataset` through `change`.
    static func edit(_ dataset: URL, _ file: String, _ change: (String) -> String) throws {
        let url = dataset.appendingPathComponent(file)
        write(change(try String(contentsOf: url, encoding: .utf8)), to: url)
    }

    static func write(_ text: String, to url: URL) {
        try! Data(text.utf8).write(to: url)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs the built `pacreport` binary.
enum CLIRunner {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    static var binary: URL {
        // The test bundle lives in the build folder, beside the executable.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("pacreport")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return TestSupport.repository.appendingPathComponent(".build/debug/pacreport")
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }
}
