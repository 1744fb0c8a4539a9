// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
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

@Suite struct CSVReaderTests {
    func read(_ text: String) -> CSVReader { CSVReader(bytes: Array(text.utf8)) }

    @Test func recordsKnowTheirPhysicalStartLine() {
        let reader = read("a,b\r\n1,\"two\r\nlines\"\r\n\r\n3,\"x\"\"y\"\n4,\"p,q\"")
        #expect(reader.records == [
            CSVRecord(line: 1, fields: ["a", "b"]),
            CSVRecord(line: 2, fields: ["1", "two\nlines"]),  // a line break in a value is one LF
            CSVRecord(line: 5, fields: ["3", "x\"y"]),
            CSVRecord(line: 6, fields: ["4", "p,q"]),
        ])
        #expect(reader.problems.isEmpty)
    }

    @Test func byteOrderMarkIsIgnored() {
        let reader = CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("id\nA".utf8))
        #expect(reader.hadByteOrderMark)
        #expect(reader.records.map(\.fields) == [["id"], ["A"]])
    }

    @Test func unquotedValuesAreTrimmedQuotedOnesAreNot() {
        let reader = read("  a , \" b \" ,c\t\n")
        #expect(reader.records.first?.fields == ["a", " b ", "c"])
    }

    @Test func blankRowsAndRowsOfEmptyFieldsAreSkipped() {
        let reader = read("a,b\n\n,\n , \n1,2\n")
        #expect(reader.records.map(\.line) == [1, 5])
    }

    @Test func unterminatedQuoteIsReportedAtItsRecordAndField() {
        let reader = read("a,b,c\n1,2,3\n4,\"open,5\n6,7,8\n")
        #expect(reader.problems == [CSVSyntaxProblem(kind: .unterminatedQuote, line: 3, recordLine: 3, field: 1)])
        #expect(reader.records.count == 2)
    }

    @Test func invalidUTF8IsReportedOnTheLineOfTheBadByte() {
        let bytes = Array("a,b\n1,\"x\ny".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        let reader = CSVReader(bytes: bytes)
        #expect(reader.problems == [CSVSyntaxProblem(kind: .invalidUTF8, line: 3, recordLine: 2, field: 1)])
    }

    @Test func textAfterClosingQuoteIsAProblemOfTheRecordsFirstLine() {
        let reader = read("a,b\n\"x\"y,2\n3,\"two\nlines\" title\n")
        #expect(reader.problems == [CSVSyntaxProblem(kind: .textAfterClosingQuote, line: 2, recordLine: 2, field: 0),
                                    CSVSyntaxProblem(kind: .textAfterClosingQuote, line: 3, recordLine: 3, field: 1)])
    }

    @Test func loneCarriageReturnsEndLines() {
        #expect(read("a\rb\rc").records.map(\.line) == [1, 2, 3])
    }
}

@Suite struct ValueParsingTests {
    @Test func datesMustBeExactAndExist() {
        #expect(ISODate(parsing: "2020-02-29")?.description == "2020-02-29")
        #expect(ISODate(parsing: "2021-02-29") == nil)
        #expect(ISODate(parsing: "2020-09-31") == nil)
        #expect(ISODate(parsing: "2020-3-17") == nil)
        #expect(ISODate(parsing: "2020-03-17 ") == nil)
        #expect(ISODate(parsing: "20200317") == nil)
    }

    @Test func datesFromUnixSeconds() {
        #expect(ISODate(unixSeconds: 0).description == "1970-01-01")
        #expect(ISODate(unixSeconds: 1_608_768_000).description == "2020-12-24")
        #expect(ISODate(unixSeconds: 951_782_400).description == "2000-02-29")
    }

    @Test func decimalsStayExactAndPrintWithoutTrailingZeros() {
        let a = DecimalNumber(parsing: "12.50")!
        let b = DecimalNumber(parsing: "0.25")!
        #expect(a.description == "12.5")
        #expect((a + b).description == "12.75")
        #expect((DecimalNumber(parsing: "0.1")! + DecimalNumber(parsing: "0.2")!).description == "0.3")
        #expect(DecimalNumber(parsing: "24.000")!.description == "24")
        #expect((a + b).formatted(decimalSeparator: ",") == "12,75")
        for bad in ["", ".", "1.", ".5", "1e3", "-1", "1,5", "1 000", "1234567890123456789012345"] {
            #expect(DecimalNumber(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func enumsMatchCaseInsensitivelyWithDashOrUnderscore() {
        #expect(ActivityKind(matching: "Round-Table") == .round_table)
        #expect(ActivityKind(matching: " MASTER_class ") == .master_class)
        #expect(ActivityRole(matching: "Co_Organizer") == .coOrganizer)
        #expect(Quarter(matching: "q3") == .q3)
        #expect(ActivityKind(matching: "webinar") == nil)
    }

    @Test func countryCodes() {
        #expect(Countries.codes.count == 250)
        #expect(Countries.normalise("kz") == "KZ")
        #expect(Countries.normalise("XX") == nil)
        #expect(Countries.normalise("EU") == nil)
        #expect(Countries.name("NO", in: .en) == "Norway")
        #expect(Countries.name("KZ", in: .ru) == "Казахстан")
        #expect(Countries.name("KZ", in: .kk) == "Қазақстан")
    }

    @Test func everyCountryHasANameInEveryLanguage() {
        for code in Countries.codes {
            for language in ReportLanguage.allCases {
                #expect(Countries.name(code, in: language) != code, "\(code) in \(language)")
            }
        }
    }

    @Test func codePointOrderIgnoresLocale() {
        #expect(["b", "B", "a", "É", "E", "Я", "а"].sorted { $0.precedesByCodePoint($1) } == ["B", "E", "a", "b", "É", "Я", "а"])
    }
}
