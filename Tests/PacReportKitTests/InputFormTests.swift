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
import Yams

/// CSV as spreadsheets save it, and messages that say what to write.
@Suite struct CSVDialectTests {
    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let (hi, lo) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            bytes += bigEndian ? [hi, lo] : [lo, hi]
        }
        return bytes
    }

    @Test func theDelimiterComesFromTheHeaderRow() {
        func delimiter(_ text: String) -> UInt8 { CSVDialect.delimiter(ofHeaderIn: Array(text.utf8), from: 0) }
        #expect(delimiter("id,date,title\n1;2;3;4;5\n") == UInt8(ascii: ","))
        #expect(delimiter("id;date;title\n1,2,3,4,5\n") == UInt8(ascii: ";"))
        #expect(delimiter("id\tdate\ttitle\r\n") == UInt8(ascii: "\t"))
        #expect(delimiter("\"a;b\",c\n") == UInt8(ascii: ","))   // inside quotes does not count
        #expect(delimiter("\n\nid;date\n") == UInt8(ascii: ";"))  // blank lines before the header
        #expect(delimiter("id\n") == UInt8(ascii: ","))
    }

    @Test func utf16WithAByteOrderMarkIsRead() throws {
        for bigEndian in [false, true] {
            let text = "activity\tcountry\tinstitution\r\nA1\tKZ\tҰлттық 𝄞\r\n"
            guard case .success(let prepared) = CSVDialect.prepare(Self.utf16(text, bigEndian: bigEndian)) else {
                Issue.record("not read"); return
            }
            #expect(prepared.dialect == CSVDialect(encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian, delimiter: 9))
            #expect(String(decoding: prepared.bytes, as: UTF8.self) == text)
        }
    }

    @Test func brokenUTF16IsReportedOnItsLine() {
        var bytes = Self.utf16("activity,country\nA1,KZ\nA2,", bigEndian: false)
        bytes += [0x00, 0xD8]  // a lone high surrogate
        bytes += Array(Self.utf16("X\n", bigEndian: false).dropFirst(2))
        let dataset = TestSupport.copy(TestSupport.base)
        try! Data(bytes).write(to: dataset.appendingPathComponent("participation.csv"))
        let errors = TestSupport.load(dataset).errors.map(\.description)
        #expect(errors.first == "participation.csv:3:country: error: this line is not valid UTF-16 text (a broken character); save the file as \"CSV UTF-8\" in your spreadsheet program")
    }

    @Test func utf16WithoutAByteOrderMarkIsOneClearError() {
        let dataset = TestSupport.copy(TestSupport.base)
        let bytes = Array(Self.utf16("activity,country\nA1,KZ\n", bigEndian: false).dropFirst(2))
        try! Data(bytes).write(to: dataset.appendingPathComponent("participation.csv"))
        #expect(TestSupport.load(dataset).diagnostics.map(\.description) == [
            "participation.csv: error: this file is UTF-16 text without a byte order mark, so its byte order is unknown; save it as \"CSV UTF-8\" (Excel) or as Text CSV with the character set \"Unicode (UTF-8)\" (LibreOffice Calc)",
        ])
    }

    @Test func aDecimalCommaCountsOnlyWhereCommasDoNotSeparateFields() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "activities.csv") { $0.replacingOccurrences(of: ",", with: ";")
            .replacingOccurrences(of: "alpha;beta", with: "\"alpha;beta\"").replacingOccurrences(of: "12.5", with: "12,5") }
        #expect(try TestSupport.dataset(dataset).activities[1].hours?.description == "12.5")
        // A tab-separated file with blanks inside: tabs separate, spaces around values go.
        try TestSupport.edit(dataset, "activities.csv") { $0.replacingOccurrences(of: ";", with: "\t")
            .replacingOccurrences(of: "\"alpha\tbeta\"", with: "alpha;beta").replacingOccurrences(of: "\tFirst meeting", with: "\t  First meeting ") }
        let loaded = try TestSupport.dataset(dataset)
        #expect(loaded.activities[0].title == "First meeting")
        #expect(loaded.activities[1].hours?.description == "12.5")
        #expect(loaded.activities[1].centres == ["alpha", "beta"])
    }
}

@Suite struct ValueHintTests {
    @Test func datesAsPeopleAndSpreadsheetsWriteThem() {
        let cases: [(String, String?)] = [
            ("17.03.2020", "'17.03.2020' is not a date in the form YYYY-MM-DD; write 2020-03-17"),
            ("17.03.2020.", "'17.03.2020.' is not a date in the form YYYY-MM-DD; write 2020-03-17"),
            ("2020-3-17", "'2020-3-17' is not a date in the form YYYY-MM-DD; write 2020-03-17"),
            ("2020/03/17", "'2020/03/17' is not a date in the form YYYY-MM-DD; write 2020-03-17"),
            ("17/03/2020", "'17/03/2020' is not a date in the form YYYY-MM-DD; write 2020-03-17"),
            ("3/17/2020", "'3/17/2020' is not a date in the form YYYY-MM-DD; write 2020-03-17"),
            ("03/04/2020", "'03/04/2020' is not a date in the form YYYY-MM-DD; write 2020-04-03 if the day comes first, 2020-03-04 if the month comes first"),
            ("2020-03-17 00:00:00", "'2020-03-17 00:00:00' is not a date in the form YYYY-MM-DD; write 2020-03-17"),
            ("17.03.2020 10:30", "'17.03.2020 10:30' is not a date in the form YYYY-MM-DD; write 2020-03-17"),
            ("44245", "'44245' is a spreadsheet's number for a date, not a date; write 2021-02-18 (format the column as text, or as a date YYYY-MM-DD, before saving)"),
            ("31.09.2020", nil), ("12", nil), ("March 2020", nil), ("2020-13-45", nil), ("1.2.3", nil),
        ]
        for (text, message) in cases { #expect(ValueHints.dateMessage(text) == message, "\(text)") }
    }

    @Test func numbersWithGrouping() {
        #expect(ValueHints.wholeNumber("1 200") == "1200")
        #expect(ValueHints.wholeNumber("1\u{00A0}200\u{00A0}000") == "1200000")
        #expect(ValueHints.wholeNumber("12\u{202F}345") == "12345")
        #expect(ValueHints.wholeNumber("1'200") == "1200")
        #expect(ValueHints.wholeNumber("24.0") == "24")
        #expect(ValueHints.wholeNumber("1 20") == nil)
        #expect(ValueHints.wholeNumber("1 200.5") == nil)
        #expect(ValueHints.wholeNumber("ten") == nil)
        #expect(ValueHints.decimal("1,5") == "1.5")
        #expect(ValueHints.decimal("1 200,5") == "1200.5")
        #expect(ValueHints.decimal("1,2,3") == nil)
    }

    @Test func countriesByNameInAnyLanguageOrAlpha3() {
        let cases = ["Кыргызстан": "KG", "Arménie": "AM", "armenia": "AM", "RUS": "RU", "usa": "US", "Deutschland": "DE",
                     "Қазақстан": "KZ", "Россия": "RU", "Alemania": "DE", "UK": "GB", "中国": "CN", "Armenie": "AM"]
        for (text, code) in cases { #expect(ValueHints.countryCode(text) == code, "\(text)") }
        #expect(ValueHints.countryCode("Atlantis") == nil)
        #expect(ValueHints.countryCode("XYZ") == nil)
    }

    @Test func yamlTabsAndColonsAreExplained() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        let original = try String(contentsOf: dataset.appendingPathComponent("report.yaml"), encoding: .utf8)
        TestSupport.write(original.replacingOccurrences(of: "    name: \"Beta Centre\"", with: "\tname: \"Beta Centre\""),
                          to: dataset.appendingPathComponent("report.yaml"))
        #expect(TestSupport.load(dataset).diagnostics.map(\.description) == [
            "report.yaml:12:1: error: this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces, '    name: \"Beta Centre\"'",
        ])
        TestSupport.write(original.replacingOccurrences(of: "  title: \"Test contract\"", with: "  title: Test contract: phase one  # note"),
                          to: dataset.appendingPathComponent("report.yaml"))
        #expect(TestSupport.load(dataset).diagnostics.map(\.description) == [
            "report.yaml:4:10: error: the value of 'title' has a ': ' inside it, which YAML reads as the start of another key; put the value in quotes: title: \"Test contract: phase one\"",
        ])
    }

    /// Keys YAML gives a type (`1`, `yes`, `~`) are told apart and matched
    /// by text and type, as with Yams' default resolver, although a file
    /// whose keys are all words is read without it (`YAMLCompose`).
    @Test func yamlKeysAreToldApartByTextAndType() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        let url = dataset.appendingPathComponent("report.yaml")
        let original = try String(contentsOf: url, encoding: .utf8)
        let unknown = "in report.yaml is ignored; known keys: year, language, title, contract, centres, prepared_by"
        // The integer 1 and the text "1", the boolean yes and the text "yes": four keys.
        TestSupport.write(original + "1: a\n\"1\": b\nyes: c\n'yes': d\n", to: url)
        #expect(TestSupport.load(dataset).diagnostics.map(\.description) == [
            "report.yaml:15:1: warning: unknown key '1' \(unknown)", "report.yaml:16:1: warning: unknown key '1' \(unknown)",
            "report.yaml:17:1: warning: unknown key 'yes' \(unknown)", "report.yaml:18:1: warning: unknown key 'yes' \(unknown)",
        ])
        // An integer key written with its tag and without: one key, twice.
        TestSupport.write(original + "!!int 1: a\n1: b\n", to: url)
        #expect(TestSupport.load(dataset).diagnostics.map(\.description) == [
            "report.yaml:15:1: error: key '1' appears twice in the same mapping",
        ])
        // Words as keys take the way without the default resolver; a typed
        // key, a key that is a mapping, an error do not.
        func alike(_ text: String) throws -> Bool {
            let node = try #require(try Yams.compose(yaml: text, .basic))
            return YAMLCompose.keysResolveAlike(node)
        }
        #expect(try alike("a: 1\n\"2\": x\n!!int 3: y\nlist: [{b: c}]\n"))
        for text in ["yes: 1\n", "x: {1: a}\n", "- ~: a\n", "? [a]\n: b\n", "<<: {a: b}\n", "2020-01-20: a\n"] {
            #expect(try !alike(text), "\(text)")
        }
    }

    /// The wording files are read the same way: `yes` and `"yes"` are two keys.
    @Test func wordingKeysAreToldApartByTextAndType() throws {
        let folder = TestSupport.temporaryFolder()
        let url = folder.appendingPathComponent("strings.yaml")
        TestSupport.write("title: \"T\"\nyes: \"a\"\n\"yes\": \"b\"\n", to: url)
        let (root, _) = try ReportTemplate.yaml(url)
        #expect(root.mapping?.count == 3)
        TestSupport.write("title: \"T\"\n!!bool yes: \"a\"\nyes: \"b\"\n", to: url)
        #expect(throws: TemplateError.self) { try ReportTemplate.yaml(url) }
    }
}
