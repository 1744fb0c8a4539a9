// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing
import ZIPFoundation
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

/// Every input under Fixtures/crashes goes through the loaders again: none
/// may crash, and each must end in a result with its diagnostics.
@Suite struct FuzzRegressionTests {
    static let folder = TestSupport.fixtures.appendingPathComponent("crashes")
    static let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0 != "README.md" }.sorted()

    @Test(arguments: inputs)
    func inputLoadsWithoutCrashing(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let result = try #require(LoaderExercise.run(bytes))
        #expect(result.dataset != nil || !result.errors.isEmpty)
    }

    @Test func theSeedOfTheFuzzerIsAValidDataset() throws {
        let result = try #require(LoaderExercise.run([0] + LoaderExercise.seed[0]))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.dataset?.activities.count == 1)
    }

    /// The workbook selectors reach the sheet readers: a whole workbook,
    /// an xlsx sheet's XML and an ods content.xml, as Fuzz/run.sh seeds them.
    @Test func workbookSeedsLoad() throws {
        let base = SpreadsheetTests.folder.appendingPathComponent("base")
        func part(_ file: String, _ path: String) throws -> [UInt8] {
            let archive = try #require(try? Archive(url: base.appendingPathComponent(file), accessMode: .read))
            var data = Data()
            _ = try archive.extract(try #require(archive[path])) { data.append($0) }
            return Array(data)
        }
        let whole = try #require(LoaderExercise.run([0xEF] + Array(try Data(contentsOf: base.appendingPathComponent("workbook-xlsx/pac.xlsx")))))
        #expect(whole.diagnostics.map(\.description) == [], "\(whole.diagnostics)")
        #expect(whole.dataset?.activities.count == 4)
        let ods = try #require(LoaderExercise.run([0xF8] + (try part("workbook-ods/pac.ods", "content.xml"))))
        #expect(ods.dataset?.participation.count == 5, "\(ods.diagnostics)")
        let sheet = try #require(LoaderExercise.run([0xF0] + Array(LoaderExercise.xlsxSeedSheet.utf8)))
        #expect(sheet.diagnostics.isEmpty, "\(sheet.diagnostics)")
        #expect(sheet.dataset?.activities.first?.date.description == "2020-01-15")
        // Another sheet's XML against these shared strings: garbled, reported cell by cell.
        let garbled = try #require(LoaderExercise.run([0xF0] + (try part("xlsx/activities.xlsx", "xl/worksheets/sheet1.xml"))))
        #expect(!garbled.errors.isEmpty && garbled.errors.allSatisfy { !$0.description.hasPrefix("fuzz.xlsx") || $0.message.hasPrefix("cell ") })
    }
}
