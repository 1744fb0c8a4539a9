// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing
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

/// Every error kind of docs/data-format.md has a fixture under Fixtures/errors:
/// the base dataset with some files replaced, and expect.txt holding the
/// exact diagnostics, FILE:LINE:COLUMN included, in the order printed.
@Suite struct DiagnosticsTests {
    static let cases = TestSupport.errorCaseNames()

    @Test(arguments: cases)
    func errorCaseGivesExactDiagnostics(_ name: String) throws {
        let (dataset, expected) = TestSupport.errorCase(name)
        let result = TestSupport.load(dataset)
        #expect(result.diagnostics.map(\.description) == expected)
        let shouldFail = expected.contains { $0.contains(": error: ") }
        #expect(result.hasErrors == shouldFail)
    }

    @Test func everyListedErrorKindHasAFixture() {
        let required = ["missing-file", "missing-column", "bad-date", "impossible-date", "bad-number", "bad-enum",
                        "unknown-centre", "unknown-activity", "unknown-plan-item", "duplicate-id", "unknown-country",
                        "end-before-start", "outside-year", "negative-count", "invalid-utf8", "unterminated-quote",
                        "yaml-syntax", "yaml-missing-key"]
        for name in required { #expect(Self.cases.contains(name), "no fixture for \(name)") }
    }

    @Test func baseFixtureIsValidWithoutWarnings() {
        let result = TestSupport.load(TestSupport.base)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.dataset != nil)
    }

    @Test func allProblemsOfAllFilesInOneRun() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        TestSupport.write("""
            id,date,end_date,centres,role,kind,format,title,host,hours,plan_item
            A1,2020-13-01,,alpha,organizer,meeting,online,First,,2,
            A2,2020-03-02,,alpha,boss,training,onsite,Second,,-1,
            A3,2020-03-02,,beta,participant,conference,hybrid,,,,

            """, to: dataset.appendingPathComponent("activities.csv"))
        TestSupport.write("""
            activity,country,participants
            A1,ZZ,1
            A2,KZ,1.5

            """, to: dataset.appendingPathComponent("participation.csv"))
        let lines = TestSupport.load(dataset).diagnostics.map { "\($0.location): \($0.severity.rawValue)" }
        #expect(lines == [
            "activities.csv:2:date: error",
            "activities.csv:3:role: error",
            "activities.csv:3:hours: error",
            "activities.csv:4:title: error",
            "participation.csv:2:country: error",
            "participation.csv:3:participants: error",
        ])
    }

    @Test func yamlTextStaysText() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "report.yaml") {
            $0.replacingOccurrences(of: "id: \"C-1\"", with: "id: 2020")
                .replacingOccurrences(of: "year: 2020", with: "year: 2020\ntitle: yes")
        }
        let info = try TestSupport.dataset(dataset).info
        #expect(info.centres[1].country == "NO")
        #expect(info.contract.id == "2020")
        #expect(info.title == "yes")
        #expect(info.contract.concluded == ISODate(year: 2019, month: 5, day: 1))
    }

    @Test func quotedYAMLDatesAndBOMAreAccepted() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        let yaml = try String(contentsOf: dataset.appendingPathComponent("report.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "concluded: 2019-05-01", with: "concluded: \"2019-05-01\"")
        try Data([0xEF, 0xBB, 0xBF] + Array(yaml.utf8)).write(to: dataset.appendingPathComponent("report.yaml"))
        #expect(try TestSupport.dataset(dataset).info.contract.concluded?.description == "2019-05-01")
    }

    /// Controls XML 1.0 forbids and bidi overrides never reach a report:
    /// removed, with a warning at their place.
    @Test func controlCharactersAreRemovedWithAWarning() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "activities.csv") {
            $0.replacingOccurrences(of: "Training days", with: "Training\u{7} days \u{202E}reversed")
        }
        let result = TestSupport.load(dataset)
        #expect(result.diagnostics.map(\.description) == [
            "activities.csv:3:title: warning: removed U+0007, U+202E: control characters cannot appear in a report"])
        #expect(result.dataset?.activities[1].title == "Training days reversed")
    }

    /// A bad byte inside a country code is one error, not also an unknown country.
    @Test func oneErrorPerCell() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try Data(Array("activity,country,participants\nA1,K".utf8) + [0xFF] + Array(",3\n".utf8))
            .write(to: dataset.appendingPathComponent("participation.csv"))
        #expect(TestSupport.load(dataset).errors.map(\.description) == [
            "participation.csv:2:country: error: this line is not valid UTF-8 text; save the file as \"CSV UTF-8\" in your spreadsheet program"])
    }

    /// Every problem of a cell and of a mapping is reported, not only the first.
    @Test func severalProblemsInOneCellAndOneMapping() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "activities.csv") { $0.replacingOccurrences(of: "A3,2020-03-02,,beta,", with: "A3,2020-03-02,,beta;zeta;omega,") }
        TestSupport.write("language: en\n", to: dataset.appendingPathComponent("report.yaml"))
        let errors = TestSupport.load(dataset).errors.map(\.description)
        #expect(errors.filter { $0.hasPrefix("report.yaml:1:1: error: report.yaml has no") }.count == 3, "\(errors)")
        let base = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(base, "activities.csv") { $0.replacingOccurrences(of: "A3,2020-03-02,,beta,", with: "A3,2020-03-02,,beta;zeta;omega,") }
        let cell = TestSupport.load(base).errors.map(\.description)
        #expect(cell.count == 2 && cell.allSatisfy { $0.hasPrefix("activities.csv:4:centres: error:") }, "\(cell)")
    }

    /// A plan row with an error is reported once, not again where an activity names it.
    @Test func aBrokenPlanRowIsNotReportedTwice() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "plan.csv") { $0.replacingOccurrences(of: "Planned meeting,KZ,Q1", with: "Planned meeting,XX,Q1") }
        #expect(TestSupport.load(dataset).errors.map(\.location) == ["plan.csv:2:countries"])
    }

    @Test func diagnosticFormat() {
        #expect(Diagnostic(.error, file: "a.csv", line: 3, column: "date", "bad").description == "a.csv:3:date: error: bad")
        #expect(Diagnostic(.warning, file: "a.csv", "gone").description == "a.csv: warning: gone")
    }
}
