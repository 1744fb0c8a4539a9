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

/// Tables from spreadsheets (docs/data-format.md, "Tables from spreadsheets"):
/// the fixtures under Fixtures/spreadsheets were made by LibreOffice Calc
/// (make.py there) from the CSV fixtures; each form must load clean and
/// export exactly what its CSV original exports.
@Suite struct SpreadsheetTests {
    static let folder = TestSupport.fixtures.appendingPathComponent("spreadsheets")
    static let forms = ["xlsx", "ods", "workbook-xlsx", "workbook-ods", "semicolon", "utf16"]
    static let cases = ["base", "multiscript"].flatMap { source in forms.map { "\(source)/\($0)" } }

    /// A dataset of `source`'s report.yaml and the files of a spreadsheet fixture folder.
    static func dataset(source: String, files folder: URL, keepCSV: Bool = false) -> URL {
        let dataset = TestSupport.temporaryFolder()
        let fm = FileManager.default
        let original = TestSupport.fixtures.appendingPathComponent(source)
        try! fm.copyItem(at: original.appendingPathComponent("report.yaml"), to: dataset.appendingPathComponent("report.yaml"))
        if keepCSV {
            for table in ["activities", "participation", "plan"] {
                let csv = original.appendingPathComponent("\(table).csv")
                if fm.fileExists(atPath: csv.path) { try! fm.copyItem(at: csv, to: dataset.appendingPathComponent("\(table).csv")) }
            }
        }
        for name in try! fm.contentsOfDirectory(atPath: folder.path) {
            let target = dataset.appendingPathComponent(name)
            try? fm.removeItem(at: target)
            try! fm.copyItem(at: folder.appendingPathComponent(name), to: target)
        }
        return dataset
    }

    @Test(arguments: cases)
    func everyFormLoadsCleanAndExportsLikeItsCSV(_ name: String) throws {
        let source = String(name.split(separator: "/")[0])
        let dataset = Self.dataset(source: source, files: Self.folder.appendingPathComponent(name))
        let result = TestSupport.load(dataset)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let loaded = try #require(result.dataset)
        let original = try TestSupport.dataset(TestSupport.fixtures.appendingPathComponent(source))
        for table in ExportTable.allCases {
            let mine = CSVExporter().export(table, of: ExportTables(Aggregates(loaded)))
            let theirs = CSVExporter().export(table, of: ExportTables(Aggregates(original)))
            #expect(mine == theirs, "\(name): \(table) differs:\n\(String(decoding: mine, as: UTF8.self))")
        }
    }

    @Test func aWorkbookFixtureHoldsTypedCells() throws {
        // Calc stored dates and numbers as typed cells, not text: the test above reads them.
        let archive = try #require(try? Archive(url: Self.folder.appendingPathComponent("base/xlsx/activities.xlsx"), accessMode: .read))
        var sheet = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheet.append($0) }
        let xml = String(decoding: sheet, as: UTF8.self)
        #expect(xml.contains("<v>43845</v>"))  // 2020-01-15 as a date number
        #expect(xml.contains("<v>12.5</v>"))
    }

    // MARK: a librarian's mistakes

    @Test(arguments: ["workbook-mistakes", "workbook-mistakes-ods"])
    func mistakesInAWorkbookNameTheCellAndTheValueToWrite(_ name: String) {
        let dataset = Self.dataset(source: "base", files: Self.folder.appendingPathComponent("broken/\(name)"))
        for table in ["activities", "participation", "plan"] {
            try? FileManager.default.removeItem(at: dataset.appendingPathComponent("\(table).csv"))
        }
        let book = name.hasSuffix("ods") ? "pac-2020.ods" : "pac-2020.xlsx"
        #expect(TestSupport.load(dataset).diagnostics.map(\.description) == [
            "\(book)[activities]:3:date: error: cell B3: '02.03.2020' is not a date in the form YYYY-MM-DD; write 2020-03-02",
            "\(book)[participation]:3:country: error: cell B3: 'Россия' is not an ISO 3166-1 alpha-2 country code (two letters, e.g. KZ, RU, FR); for Россия write RU",
            "\(book)[participation]:3:participants: error: cell D3: '1 204' is not written as a whole number; write 1204 (digits only)",
            "\(book): warning: sheet 'Notes' ignored: only sheets named activities, participation and plan are read",
        ])
    }

    @Test func aTableKeptTwiceIsAnErrorNamingBoth() {
        let dataset = Self.dataset(source: "base", files: Self.folder.appendingPathComponent("broken/table-twice"), keepCSV: true)
        let result = TestSupport.load(dataset)
        #expect(result.hasErrors)
        #expect(result.diagnostics.map(\.description) == [
            "activities.csv: error: the activities table is kept in two places, activities.csv and activities.ods; keep it in one of them and remove or rename the other",
        ])
    }

    @Test func aWorkbookSheetAndACSVFileOfTheSameTable() {
        let dataset = Self.dataset(source: "base", files: Self.folder.appendingPathComponent("base/workbook-ods"), keepCSV: true)
        let errors = TestSupport.load(dataset).errors.map(\.description)
        #expect(errors == [
            "activities.csv: error: the activities table is kept in two places, activities.csv and pac.ods[activities]; keep it in one of them and remove or rename the other",
            "participation.csv: error: the participation table is kept in two places, participation.csv and pac.ods[participation]; keep it in one of them and remove or rename the other",
            "plan.csv: error: the plan table is kept in two places, plan.csv and pac.ods[plan]; keep it in one of them and remove or rename the other",
        ])
    }

    @Test func aRenderFromAWorkbookWritesTheSameReport() throws {
        let out1 = TestSupport.temporaryFolder(), out2 = TestSupport.temporaryFolder()
        let dataset = Self.dataset(source: "base", files: Self.folder.appendingPathComponent("base/workbook-xlsx"))
        let env = ["SOURCE_DATE_EPOCH": "1608768000"]
        let a = try CLIRunner.run(["render", dataset.path, "--format", "odt,csv", "--out", out1.path], environment: env)
        let b = try CLIRunner.run(["render", TestSupport.base.path, "--format", "odt,csv", "--out", out2.path], environment: env)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        let odt = "contract-summary-2020-en.odt"
        #expect(FileManager.default.contents(atPath: out1.appendingPathComponent(odt).path)
                == FileManager.default.contents(atPath: out2.appendingPathComponent(odt).path))
    }

    // MARK: hostile workbooks

    func hostile(_ name: String) -> URL {
        let files = Self.folder.appendingPathComponent("hostile/\(name)")
        let dataset = Self.dataset(source: "base", files: files, keepCSV: true)
        for file in try! FileManager.default.contentsOfDirectory(atPath: files.path) {
            let csv = (file as NSString).deletingPathExtension + ".csv"
            try? FileManager.default.removeItem(at: dataset.appendingPathComponent(csv))
        }
        return dataset
    }

    @Test func anExternalEntityIsNeverRead() throws {
        let dataset = hostile("entity")
        let passwd = try String(contentsOfFile: "/etc/passwd", encoding: .utf8)
        let firstLine = String(passwd.split(separator: "\n").first ?? "root:x:0:0")
        let result = TestSupport.load(dataset)
        #expect(result.diagnostics.map(\.description) == [
            "participation.xlsx: error: cannot be read: xl/sharedStrings.xml has a document type declaration, which spreadsheet files never have; it was not read",
        ])
        #expect(!result.diagnostics.contains { $0.message.contains(firstLine) })
        let r = try CLIRunner.run(["check", dataset.path])
        #expect(r.status == 1)
        #expect(!r.stderr.contains(firstLine) && !r.stdoutText.contains(firstLine))
    }

    /// participation.xlsx is opened and read on a thread of its own from
    /// the start of the load; a sheet part it lacks is said once, as when
    /// it was read in turn, and nothing is taken from it.
    @Test func aParticipationWorkbookWithoutItsSheetIsOneError() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try FileManager.default.removeItem(at: dataset.appendingPathComponent("participation.csv"))
        let parts = WorkbookCellTests.xlsxParts(sheet: "", styles: "<styleSheet xmlns=\"\(WorkbookCellTests.main)\"/>").filter { $0.0 != "xl/worksheets/data.xml" }
        try FileManager.default.moveItem(atPath: try WorkbookCellTests.zip(parts), toPath: dataset.appendingPathComponent("participation.xlsx").path)
        let result = TestSupport.load(dataset)
        #expect(result.diagnostics.map(\.description) == [
            "participation.xlsx: error: cannot be read: sheet 'Activities' has no part xl/worksheets/data.xml in the workbook; save it again from your spreadsheet program",
        ])
        #expect(result.dataset == nil)
    }

    /// An .ods file's content.xml, unpacked for its sheet names, is kept
    /// for its sheets only while one of them may be read: copies of one
    /// workbook (whose tables are then in two places, none read) do not
    /// each keep theirs. Peak memory by GNU time: six copies of a
    /// workbook with 8 MB of content.xml against one.
    @Test func copiesOfAWorkbookDoNotEachKeepTheirContent() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.time.path) else {
            print("SKIP copiesOfAWorkbookDoNotEachKeepTheirContent: /usr/bin/time is not installed (scripts/setup installs it)")
            return
        }
        let made = TestSupport.temporaryFolder("copies").appendingPathComponent("made")
        #expect(try CLIRunner.run(["init", made.path, "--workbook", "ods", "--from", TestSupport.base.path]).status == 0)
        let book = try #require(try FileManager.default.contentsOfDirectory(atPath: made.path).first { $0.hasSuffix(".ods") })
        // The workbook again with a sheet of notes, 8 MB of text, that no table reads.
        let source = try Archive(url: made.appendingPathComponent(book), accessMode: .read, pathEncoding: nil)
        let padded = TestSupport.temporaryFolder("copies").appendingPathComponent("padded.ods")
        let target = try Archive(url: padded, accessMode: .create, pathEncoding: nil)
        let cell = "<table:table-cell office:value-type=\"string\"><text:p>" + String(repeating: "n", count: 1000) + "</text:p></table:table-cell>"
        let notes = "<table:table table:name=\"notes\">" + String(repeating: "<table:table-row>\(cell)</table:table-row>", count: 8000) + "</table:table>"
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if entry.path == "content.xml" {
                data = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</office:spreadsheet>", with: notes + "</office:spreadsheet>").utf8)
            }
            try target.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        func peak(copies: Int) throws -> Int {
            let folder = TestSupport.temporaryFolder("copies").appendingPathComponent("\(copies)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: made.appendingPathComponent("report.yaml"), to: folder.appendingPathComponent("report.yaml"))
            for n in 1...copies { try FileManager.default.copyItem(at: padded, to: folder.appendingPathComponent("book \(n).ods")) }
            return try Self.peakKilobytes(check: folder)
        }
        let one = try peak(copies: 1), six = try peak(copies: 6)
        #expect(one > 0 && six - one < 20_000, "one copy \(one) KB, six \(six) KB")
    }

    @Test func zipBombsAreRefusedInBoundedMemory() throws {
        let declared = TestSupport.load(hostile("bomb")).diagnostics.map(\.description)
        #expect(declared == ["activities.xlsx: error: cannot be read: xl/worksheets/sheet1.xml would unpack to more than 1024 MB, far more than any dataset sheet; it was not read"])
        let bomb = hostile("bomb-ratio")
        #expect(TestSupport.load(bomb).diagnostics.map(\.description) == [
            "activities.xlsx: error: cannot be read: xl/worksheets/sheet1.xml unpacks to more than 100 times its packed size, as only a zip bomb does; it was not read",
        ])
        // Peak memory of a whole check of the 960 MB sheet, measured by GNU time.
        guard FileManager.default.isExecutableFile(atPath: Self.time.path) else {
            print("SKIP zipBombsAreRefusedInBoundedMemory memory: /usr/bin/time is not installed (scripts/setup installs it)")
            return
        }
        let kilobytes = try Self.peakKilobytes(check: bomb)
        #expect(kilobytes > 0 && kilobytes < 150_000, "peak \(kilobytes) KB")
    }

    static let time = URL(fileURLWithPath: "/usr/bin/time")

    /// The peak memory of `pacreport check FOLDER` in kilobytes, by GNU time (0 when it says none).
    static func peakKilobytes(check folder: URL) throws -> Int {
        let process = Process()
        process.executableURL = time
        process.arguments = ["-f", "%M", CLIRunner.binary.path, "check", folder.path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Int(text.split(separator: "\n").last.map(String.init) ?? "") ?? 0
    }

    @Test(arguments: ["repeats-ods", "repeats-xlsx"])
    func calcsRepeatedRowsAndColumnsCostNothing(_ name: String) throws {
        let dataset = hostile(name)
        let started = Date()
        let result = TestSupport.load(dataset)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.dataset?.activities.count == 4)
        // Not a timing test: a loader that expanded the million rows would take minutes, not this.
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func aFileThatIsNotAWorkbook() {
        let dataset = TestSupport.copy(TestSupport.base)
        try! FileManager.default.removeItem(at: dataset.appendingPathComponent("plan.csv"))
        TestSupport.write("id,year\n", to: dataset.appendingPathComponent("plan.xlsx"))
        // The plan cannot be read, so plan_item values are not checked against it.
        #expect(TestSupport.load(dataset).diagnostics.map(\.description) == [
            "plan.xlsx: error: is not a readable Excel workbook (.xlsx): the file is damaged, or is another kind of file renamed (an .xls or a CSV file); open it in your spreadsheet program and save it as Excel Workbook (.xlsx)",
        ])
    }
}

/// Workbooks written part by part, for the cell types Calc never writes
/// (inline strings, the 1904 date system, cached formula strings, rich
/// text with phonetic runs) and the ODF text elements.
@Suite struct WorkbookCellTests {
    /// A zip file of `parts`, in a temporary folder.
    static func zip(_ parts: [(String, String)]) throws -> String {
        let path = TestSupport.temporaryFolder().appendingPathComponent("book.zip")
        let archive = try Archive(url: path, accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                                 provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return path.path
    }

    static func records(_ workbook: Workbook, sheet: Int = 0) throws -> [CSVRecord] {
        let source = try workbook.records(ofSheet: sheet)
        var records: [CSVRecord] = []
        var problems: [CSVSyntaxProblem] = []
        while let r = source.next({ problems.append($0) }) { records.append(r) }
        #expect(problems.isEmpty, "\(problems)")
        return records
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func xlsx(sheet: String, strings: String = "<sst/>", date1904: Bool = false, styles: String) throws -> Workbook {
        try Workbook(path: zip(xlsxParts(sheet: sheet, strings: strings, date1904: date1904, styles: styles)), kind: .xlsx)
    }

    static func xlsxParts(sheet: String, strings: String = "<sst/>", date1904: Bool = false, styles: String) -> [(String, String)] {
        [
            ("_rels/.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="r1" Type="\(rels)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rS" Type="\(rels)/worksheet" Target="worksheets/data.xml"/>\
                <Relationship Id="rT" Type="\(rels)/sharedStrings" Target="/xl/strings.xml"/>\
                <Relationship Id="rY" Type="\(rels)/styles" Target="styles.xml"/></Relationships>
                """),
            ("xl/workbook.xml", """
                <workbook xmlns="\(main)" xmlns:r="\(rels)"><workbookPr date1904="\(date1904 ? "true" : "false")"/>\
                <sheets><sheet name="Activities" sheetId="1" r:id="rS"/></sheets></workbook>
                """),
            ("xl/strings.xml", strings),
            ("xl/styles.xml", styles),
            ("xl/worksheets/data.xml", "<worksheet xmlns=\"\(main)\"><sheetData>\(sheet)</sheetData></worksheet>"),
        ]
    }

    @Test func xlsxCellTypes() throws {
        let styles = """
            <styleSheet xmlns="\(Self.main)"><numFmts count="2">\
            <numFmt numFmtId="164" formatCode="[$-409]d\\-mmm\\-yy;@"/>\
            <numFmt numFmtId="165" formatCode="&quot;day&quot; 0.00"/></numFmts>\
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs></styleSheet>
            """
        let strings = """
            <sst xmlns="\(Self.main)"><si><t>id</t></si><si><r><t>Semi</t></r><r><t xml:space="preserve">nar </t></r>\
            <rPh sb="0" eb="1"><t>ignored</t></rPh></si><si><t>line_x000D_
            two</t></si></sst>
            """
        let sheet = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>date</t></is></c></row>\
            <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>43892</v></c><c r="C3" s="2"><v>24.0</v></c>\
            <c r="D3" t="b"><v>1</v></c><c r="E3" t="str"><f>A3&amp;"!"</f><v>x!</v></c><c r="F3" t="e"><v>#N/A</v></c>\
            <c r="H3" s="3"><v>44245.75</v></c><c r="I3"><v>0.30000000000000004</v></c><c r="J3" t="s"><v>2</v></c>\
            <c r="K3" t="d"><v>2020-03-17T00:00:00</v></c></row>\
            <row><c t="inlineStr"><is><t>  padded  </t></is></c></row>
            """
        let workbook = try Self.xlsx(sheet: sheet, strings: strings, styles: styles)
        #expect(try workbook.sheetNames() == ["Activities"])
        let records = try Self.records(workbook)
        #expect(records == [
            CSVRecord(line: 1, fields: ["id", "date"]),
            CSVRecord(line: 3, fields: ["Seminar", "2020-03-02", "24", "true", "x!", "#N/A", "", "2021-02-18", "0.3", "line\ntwo", "2020-03-17"]),
            CSVRecord(line: 4, fields: ["padded"]),
        ])
    }

    @Test func the1904DateSystem() throws {
        let styles = "<styleSheet xmlns=\"\(Self.main)\"><cellXfs><xf numFmtId=\"14\"/></cellXfs></styleSheet>"
        let workbook = try Self.xlsx(sheet: "<row r=\"2\"><c r=\"B2\" s=\"0\"><v>42783</v></c></row>", date1904: true, styles: styles)
        #expect(try Self.records(workbook) == [CSVRecord(line: 2, fields: ["", "2021-02-18"])])
    }

    @Test func dateFormatsAreRecognised() {
        for code in ["yyyy\\-mm\\-dd", "DD.MM.YYYY", "[$-419]D MMMM YYYY", "m/d/yy", "d-mmm", "mmm yyyy", "[Red]dd/mm/yyyy;@"] {
            #expect(XLSXParts.isDateFormat(code), "\(code)")
        }
        for code in ["General", "0.00", "\"days\" 0", "h:mm", "[h]:mm:ss", "mm:ss", "#,##0\\ \"d\""] {
            #expect(!XLSXParts.isDateFormat(code), "\(code)")
        }
        #expect(XLSXParts.isBuiltInDateFormat(14) && XLSXParts.isBuiltInDateFormat(22) && !XLSXParts.isBuiltInDateFormat(20))
    }

    @Test func spreadsheetDateNumbers() {
        #expect(ISODate(spreadsheetSerial: 1)?.description == "1900-01-01")
        #expect(ISODate(spreadsheetSerial: 59)?.description == "1900-02-28")
        #expect(ISODate(spreadsheetSerial: 60) == nil)  // Excel's 29 February 1900
        #expect(ISODate(spreadsheetSerial: 61)?.description == "1900-03-01")
        #expect(ISODate(spreadsheetSerial: 44245.99)?.description == "2021-02-18")
        #expect(ISODate(spreadsheetSerial: 0, date1904: true)?.description == "1904-01-01")
        #expect(ISODate(spreadsheetSerial: 2_958_465)?.description == "9999-12-31")
    }

    static let odsNamespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
        """

    @Test func odsCellsAndText() throws {
        let content = """
            <office:document-content \(Self.odsNamespaces)><office:body><office:spreadsheet>\
            <table:table table:name="Other"><table:table-row><table:table-cell office:value-type="string"><text:p>no</text:p></table:table-cell></table:table-row></table:table>\
            <table:table table:name="participation"><table:table-column table:number-columns-repeated="16384"/>\
            <table:table-header-rows><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell>\
            <table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>b</text:p></table:table-cell></table:table-row></table:table-header-rows>\
            <table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>\
            <table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="24"><text:p>24.00</text:p></table:table-cell>\
            <table:table-cell office:value-type="date" office:date-value="2020-03-17T10:30:00"><text:p>17.03.20</text:p></table:table-cell>\
            <table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSE</text:p></table:table-cell>\
            <table:table-cell table:number-columns-spanned="2" office:value-type="string"><office:annotation><text:p>a comment</text:p></office:annotation>\
            <text:p>one<text:s text:c="3"/>two<text:tab/>three</text:p><text:p>second <text:span>para</text:span><text:line-break/>graph</text:p></table:table-cell>\
            <table:covered-table-cell office:value-type="string"><text:p>hidden</text:p></table:covered-table-cell>\
            <table:table-cell office:value-type="percentage" office:value="0.125"><text:p>12.5%</text:p></table:table-cell>\
            </table:table-row></table:table></office:spreadsheet></office:body></office:document-content>
            """
        let workbook = try Workbook(path: Self.zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                                                    ("content.xml", content)]), kind: .ods)
        #expect(try workbook.sheetNames() == ["Other", "participation"])
        let row = ["24", "2020-03-17", "false", "one   two\tthree\nsecond para\ngraph", "", "0.125"]
        #expect(try Self.records(workbook, sheet: 1) == [
            CSVRecord(line: 1, fields: ["a", "b", "b"]),
            CSVRecord(line: 1_000_002, fields: row),
            CSVRecord(line: 1_000_003, fields: row),
        ])
    }

    @Test func damagedXMLIsAnErrorWithItsPlace() throws {
        let workbook = try Self.xlsx(sheet: "<row r=\"1\"><c t=\"inlineStr\"><is><t>id</t></is></c></row><row r=\"2\"><c><v>1</c></row>",
                                     styles: "<styleSheet xmlns=\"\(Self.main)\"/>")
        let source = try workbook.records(ofSheet: 0)
        var problems: [CSVSyntaxProblem] = []
        while source.next({ problems.append($0) }) != nil {}
        #expect(source.truncated)
        guard case .unreadable(let why)? = problems.first?.kind else { Issue.record("no problem: \(problems)"); return }
        #expect(why.hasPrefix("xl/worksheets/data.xml is not well-formed XML (line 1: "), "\(why)")
    }
}

/// What a cold review found, each kept fixed by a test.
@Suite struct WorkbookReviewTests {
    static func ods(_ rows: String, name: String = "activities.ods") throws -> URL {
        let content = """
            <office:document-content \(WorkbookCellTests.odsNamespaces)><office:body><office:spreadsheet>\
            <table:table table:name="Sheet1">\(rows)</table:table></office:spreadsheet></office:body></office:document-content>
            """
        let dataset = TestSupport.copy(TestSupport.base)
        try FileManager.default.removeItem(at: dataset.appendingPathComponent("activities.csv"))
        try FileManager.default.moveItem(atPath: try WorkbookCellTests.zip([("content.xml", content)]),
                                         toPath: dataset.appendingPathComponent(name).path)
        return dataset
    }

    static let header = ["id", "date", "end_date", "centres", "role", "kind", "format", "title", "host", "hours", "plan_item"]
        .map { "<table:table-cell office:value-type=\"string\"><text:p>\($0)</text:p></table:table-cell>" }.joined()

    static func row(_ cells: [String], repeated: Int = 1) -> String {
        "<table:table-row table:number-rows-repeated=\"\(repeated)\">" + cells.map {
            $0.hasPrefix("<") ? $0 : "<table:table-cell office:value-type=\"string\"><text:p>\($0)</text:p></table:table-cell>"
        }.joined() + "</table:table-row>"
    }

    @Test func craftedTextAndRepeatCountsStopTheReading() throws {
        let spaces = "<table:table-cell office:value-type=\"string\"><text:p>" + String(repeating: "<text:s text:c=\"9999\"/>", count: 500) + "</text:p></table:table-cell>"
        let long = try Self.ods("<table:table-row>\(Self.header)</table:table-row>" + Self.row(["A1", "2020-01-15", "", "alpha", "", "meeting", "online", spaces]))
        #expect(TestSupport.load(long).errors.map(\.description) == [
            "activities.ods: error: cannot be read to its end: content.xml: row 2 has a cell with more than 4 MB of text, which only a damaged or crafted file has; save the workbook again from your spreadsheet program",
        ])
        let repeated = try Self.ods("<table:table-row>\(Self.header)</table:table-row>"
                                    + Self.row(["A1", "2020-01-15", "", "alpha", "", "meeting", "online", "x"], repeated: 999_999_999))
        #expect(TestSupport.load(repeated).errors.map(\.description) == [
            "activities.ods: error: cannot be read to its end: content.xml: row 2 is repeated 999999999 times with the same values (table:number-rows-repeated), which only a damaged or crafted file has; save the workbook again from your spreadsheet program",
        ])
    }

    @Test func odfWhiteSpaceIsCollapsed() throws {
        let title = "<table:table-cell office:value-type=\"string\"><text:p>  First\n      meeting\tnow<text:s text:c=\"2\"/>end</text:p></table:table-cell>"
        let spanned = "<table:table-cell office:value-type=\"string\"><text:p>A round <text:span> table,</text:span> part two</text:p></table:table-cell>"
        let dataset = try Self.ods("<table:table-row>\(Self.header)</table:table-row>"
                                   + Self.row(["A1", "2020-01-15", "", "alpha", "", "meeting", "online", title, "", "2", "P1"])
                                   + Self.row(["A2", "2020-03-02", "2020-03-04", "alpha;beta", "co-organizer", "training", "onsite", "Training days", "Host Library", "12.5", ""])
                                   + Self.row(["A3", "2020-03-02", "", "beta", "participant", "conference", "hybrid", spanned])
                                   + Self.row(["A4", "2020-07-01", "", "beta", "", "publication", "online", "A booklet"]))
        let loaded = try TestSupport.dataset(dataset)
        #expect(loaded.activities[0].title == "First meeting now  end")
        // A space that ends one piece of text and one that starts the next are one.
        #expect(loaded.activities[2].title == "A round table, part two")
    }

    @Test func tableFilesInAnyCaseAndOldWorkbooks() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try FileManager.default.moveItem(at: dataset.appendingPathComponent("activities.csv"), to: dataset.appendingPathComponent("Activities.CSV"))
        TestSupport.write("not a workbook", to: dataset.appendingPathComponent("budget 2020.xlsx"))
        TestSupport.write("old", to: dataset.appendingPathComponent("records.xls"))
        TestSupport.write("   \t\n", to: dataset.appendingPathComponent("notes.txt"))
        let result = TestSupport.load(dataset)
        #expect(result.dataset?.activities.count == 4)
        #expect(result.diagnostics.map(\.description) == [
            "records.xls: warning: is an Excel 97-2003 workbook (.xls), which pacreport does not read; save it as Excel Workbook (.xlsx)",
            "budget 2020.xlsx: warning: is not a readable Excel workbook (.xlsx): the file is damaged, or is another kind of file renamed (an .xls or a CSV file); open it in your spreadsheet program and save it as Excel Workbook (.xlsx); no table of the dataset is taken from it",
        ])
    }

    @Test func elapsedTimeIsNotADateAnd1904Hints() {
        #expect(!XLSXParts.isDateFormat("[h]:mm"))
        #expect(!XLSXParts.isDateFormat("[mm]:ss"))
        #expect(XLSXParts.isDateFormat("[$-409]mmm yy"))
        #expect(ValueHints.dateMessage("42383", date1904: true)?.contains("write 2020-01-15") == true)
    }

    @Test func aBlankFirstLineWithATabKeepsTheComma() {
        #expect(CSVDialect.delimiter(ofHeaderIn: Array(" \t\nid,date,title\n".utf8), from: 0) == UInt8(ascii: ","))
    }
}

/// What a trial as a librarian found, each kept fixed by a test.
@Suite struct LibrarianTrialTests {
    @Test func aValueWithAnUnquotedCommaIsAnError() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "activities.csv") { $0.replacingOccurrences(of: ",12.5,", with: ",12,5,") }
        #expect(TestSupport.load(dataset).errors.map(\.description) == [
            "activities.csv:3:column 12: error: this row has 12 fields but the header has 11, so its values are in the wrong columns; put a value that contains ',' in double quotes (\"1,5\", \"Seminar, part 2\")",
            "activities.csv:3:plan_item: error: '5' is not a plan item of plan.csv; items for 2020: P1, P2",  // what followed from it
        ])
    }

    @Test func headersAsPeopleWriteThem() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "activities.csv") { $0.replacingOccurrences(of: "id,date,end_date,", with: "id,date,End date,") }
        try TestSupport.edit(dataset, "participation.csv") { $0.replacingOccurrences(of: ",participants,", with: ",Participants (number),") }
        let result = TestSupport.load(dataset)
        #expect(result.diagnostics.map(\.description) == [
            "participation.csv:1:Participants (number): warning: unknown column 'Participants (number)' ignored, and with it its values; did you mean 'participants'? Name the column exactly so",
        ])
        #expect(result.dataset?.activities[1].endDate?.description == "2020-03-04")  // "End date" is end_date
    }

    @Test func invisibleSpacesAroundValuesAreTrimmed() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "participation.csv") { $0.replacingOccurrences(of: "A1,KZ,,10", with: "\u{200B}A1,KZ\u{00A0},,10") }
        let result = TestSupport.load(dataset)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func idsTurnedIntoDatesAreNamed() throws {
        let styles = "<styleSheet xmlns=\"\(WorkbookCellTests.main)\"><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"17\"/></cellXfs></styleSheet>"
        let header = ["id", "date", "centres", "kind", "format", "title"].map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined()
        let row = "<c s=\"1\"><v>43831</v></c><c s=\"1\"><v>43845</v></c>" + ["alpha", "meeting", "online", "First"].map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined()
        let dataset = TestSupport.copy(TestSupport.base)
        try FileManager.default.removeItem(at: dataset.appendingPathComponent("activities.csv"))
        try FileManager.default.removeItem(at: dataset.appendingPathComponent("plan.csv"))
        TestSupport.write("activity,country,participants\n2020-01-01,KZ,3\n", to: dataset.appendingPathComponent("participation.csv"))
        let parts: [(String, String)] = WorkbookCellTests.xlsxParts(sheet: "<row r=\"1\">\(header)</row><row r=\"2\">\(row)</row>", styles: styles)
        try FileManager.default.moveItem(atPath: try WorkbookCellTests.zip(parts), toPath: dataset.appendingPathComponent("activities.xlsx").path)
        #expect(TestSupport.load(dataset).diagnostics.map(\.description) == [
            "activities.xlsx:2:id: warning: cell A2: the id '2020-01-01' is a date; if it was typed otherwise (2020-01), the spreadsheet turned it into a date: format the id columns as Text, type the ids again and check the ids that refer to them",
        ])
    }

    @Test func aTitleAboveTheHeaderIsOneError() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "activities.csv") { "Activities 2020\n\n" + $0 }
        #expect(TestSupport.load(dataset).diagnostics.map(\.description) == [
            "activities.csv:1:id: error: the first line holds only 'Activities 2020', which looks like a title, not the header; the header (id, date, centres, kind, format, title, ...) must come first: delete the rows above it",
        ])
    }

    @Test func filesAndSheetsMeantForATableAreNamed() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try FileManager.default.moveItem(at: dataset.appendingPathComponent("activities.csv"), to: dataset.appendingPathComponent("activities.txt"))
        let errors = TestSupport.load(dataset).errors.map(\.description)
        #expect(errors.first?.hasSuffix("; not read as the table: activities.txt (rename a file to activities.csv, .xlsx or .ods, or name a workbook's sheet 'activities')") == true, "\(errors)")
    }
}
