import Foundation
import Testing
@testable import PacReportKit

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
}
