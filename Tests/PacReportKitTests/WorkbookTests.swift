// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
import PacReportKit
import Testing
import ZIPFoundation

/// Workbooks out (docs/exports.md): the xlsx as openpyxl reads it, the ods
/// against the ODF 1.3 schema, both through LibreOffice Calc and through
/// our own reader, every value equal to the CSV export of the same table.
@Suite struct WorkbookTests {
    static let python = TestSupport.repository.appendingPathComponent(".venv/bin/python").path
    static var openpyxl: Bool {
        FileManager.default.isExecutableFile(atPath: python) && ((try? Tool.run(python, ["-c", "import openpyxl"]).status) == 0)
    }
    static let checker = TestSupport.fixtures.appendingPathComponent("workbooks/check_xlsx.py")

    /// Renders `datasets` in `formats`; the output folder.
    static func render(_ datasets: [URL], formats: String, lang: String = "en") throws -> URL {
        let out = TestSupport.temporaryFolder("workbook")
        let r = try CLIRunner.run(["render"] + datasets.map(\.path) + ["--format", formats, "--lang", lang, "--out", out.path],
                                  environment: ["SOURCE_DATE_EPOCH": PDFTests.epoch])
        guard r.status == 0 else { throw TestFailure("render failed (\(r.status)): \(r.stderr)") }
        return out
    }

    static func parts(_ file: URL) throws -> [String: Data] {
        var parts: [String: Data] = [:]
        for entry in try Archive(url: file, accessMode: .read) {
            var data = Data()
            _ = try Archive(url: file, accessMode: .read).extract(entry) { data.append($0) }
            parts[entry.path] = data
        }
        return parts
    }

    static func strings(_ language: ReportLanguage) throws -> TemplateStrings {
        try ReportTemplate.load(folder: try Resources.template(nil), language: language).strings
    }

    /// The vocabulary's labels in `language`, by group and name.
    static func labels(_ language: ReportLanguage) throws -> [String: [String: String]] {
        let s = try strings(language)
        var groups: [String: [String: String]] = [:]
        for key in TemplateCatalog.exportLabelKeys {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            guard ["kinds", "formats", "statuses", "roles", "participation_roles"].contains(parts[0]) else { continue }
            groups[parts[0], default: [:]][parts[1]] = try s.text(key)
        }
        return groups
    }

    // MARK: xlsx

    @Test(.enabled(if: WorkbookTests.openpyxl, "SKIP: needs .venv with openpyxl (scripts/setup makes it)"),
          arguments: [("example", "en"), ("example", "ru"), ("multiscript", "kk")])
    func openpyxlReadsTheXLSXAsTheCSV(_ which: String, _ lang: String) throws {
        let dataset = which == "example" ? TestSupport.example : TestSupport.fixtures.appendingPathComponent(which)
        let out = try Self.render([dataset], formats: "xlsx,csv", lang: lang)
        let language = ReportLanguage(rawValue: lang)!
        let year = try TestSupport.dataset(dataset).info.year
        let s = try Self.strings(language)
        let labels = try ExportLabels(strings: s)
        let sheets: [[String: Any]] = try ExportTable.allCases.map { table in
            ["name": try s.text("sheets.\(table.rawValue)"), "table": table.rawValue,
             "headers": table.columns.map { labels.column($0, counted: table == .byCentre) }]
        }
        // The per-centre count of countries has a header of its own.
        #expect(labels.column("countries", counted: true) == (try s.text("columns.country_count")))
        let expected = out.appendingPathComponent("expected.json")
        try JSONSerialization.data(withJSONObject: ["sheets": sheets, "labels": try Self.labels(language)]).write(to: expected)
        let base = out.appendingPathComponent("contract-summary-\(year)-\(lang)")
        let r = try Tool.run(Self.python, [Self.checker.path, base.path + ".xlsx", base.path + "-csv", expected.path])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        // Document properties: the report's title and language, created at SOURCE_DATE_EPOCH.
        #expect(r.out.contains("\"language\": \"\(language.regionalTag)\""), "\(r.out)")
        #expect(r.out.contains("\"created\": \"2020-12-24T00:00:00\""), "\(r.out)")
    }

    /// A title that looks like a formula is text, and no cell anywhere is a formula.
    @Test func formulaLookingTitlesStayText() throws {
        let out = try Self.render([TestSupport.fixtures.appendingPathComponent("multiscript")], formats: "xlsx,ods")
        let xlsxFile = try #require(Self.file(out, ".xlsx"))
        let xlsx = try Self.parts(xlsxFile)
        let sheet1 = try #require(xlsx["xl/worksheets/sheet1.xml"])
        let sheet = String(decoding: sheet1, as: UTF8.self)
        #expect(sheet.contains("t=\"inlineStr\"><is><t>Titles with &amp; &lt; &gt; &quot; ' and =SUM(A1)</t>"), "\(sheet.prefix(3000))")
        for (name, data) in xlsx where name.hasPrefix("xl/worksheets/sheet") {
            #expect(!String(decoding: data, as: UTF8.self).contains("<f>"), "\(name) has a formula")
        }
        let odsFile = try #require(Self.file(out, ".ods"))
        let odsContent = try #require(try Self.parts(odsFile)["content.xml"])
        let ods = String(decoding: odsContent, as: UTF8.self)
        #expect(ods.contains("<text:p>Titles with &amp; &lt; &gt; &quot; ' and =SUM(A1)</text:p>"))
        #expect(!ods.contains("table:formula"))
    }

    static func file(_ folder: URL, _ suffix: String) -> URL? {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted().first { $0.hasSuffix(suffix) }
            .map { folder.appendingPathComponent($0) }
    }

    // MARK: ods

    @Test(.enabled(if: Tool.available("jing"), "SKIP: needs jing"),
          .enabled(if: FileManager.default.fileExists(atPath: ODTTests.schemas.path), "SKIP: shared/schemas/odf1.3 is not beside this checkout"))
    func odsIsValidODF13() throws {
        let year = try Self.render([TestSupport.example], formats: "ods", lang: "ru")
        let term = try Self.render([TestSupport.example, TermTests.example2021], formats: "ods", lang: "kk")
        let starter = TestSupport.temporaryFolder("starter-ods").appendingPathComponent("data")
        #expect(try CLIRunner.run(["init", starter.path, "--year", "2021", "--workbook", "ods"]).status == 0)
        let folder = TestSupport.temporaryFolder("ods-parts")
        for file in [Self.file(year, ".ods"), Self.file(term, ".ods"), Self.file(starter, ".ods")] {
            let parts = try Self.parts(try #require(file))
            #expect(parts["mimetype"] == Data("application/vnd.oasis.opendocument.spreadsheet".utf8))
            for name in ["content.xml", "styles.xml", "meta.xml", "settings.xml", "META-INF/manifest.xml"] {
                let part = folder.appendingPathComponent(name.replacingOccurrences(of: "/", with: "_"))
                try #require(parts[name]).write(to: part)
                let schema = ODTTests.schemas.appendingPathComponent(name.hasPrefix("META-INF")
                    ? "OpenDocument-v1.3-manifest-schema.rng" : "OpenDocument-v1.3-schema.rng")
                let r = try Tool.run("jing", ["-i", schema.path, part.path])
                #expect(r.status == 0, "\(file!.lastPathComponent) \(name): \(r.out)")
            }
        }
    }

    // MARK: LibreOffice

    /// Calc opens both workbooks without complaint and shows what the CSV
    /// holds: dates in the language's format, booleans, the words in English.
    @Test(.enabled(if: Tool.available("soffice"), "SKIP: needs LibreOffice Calc (libreoffice-calc-nogui)"))
    func libreOfficeCalcShowsTheCSVValues() throws {
        let out = try Self.render([TestSupport.example], formats: "xlsx,ods,csv")
        let labels = try Self.labels(.en)
        let s = try Self.strings(.en)
        let months = try s.list("months", count: 12)
        for suffix in [".xlsx", ".ods"] {
            let book = try #require(Self.file(out, suffix))
            let folder = TestSupport.temporaryFolder("calc")
            // All sheets, each to BOOK-SHEET.csv, cells as shown.
            let r = try Tool.run("soffice", ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to",
                                             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                                             "--outdir", folder.path, book.path])
            #expect(r.status == 0, "\(r.err)")
            let base = book.deletingPathExtension().lastPathComponent
            for table in ExportTable.allCases {
                let shown = folder.appendingPathComponent("\(base)-\(try s.text("sheets.\(table.rawValue)")).csv")
                let calc = CSVReader(bytes: Array(try Data(contentsOf: shown))).records.map(\.fields)
                let ours = CSVReader(bytes: Array(try Data(contentsOf: out.appendingPathComponent("\(base)-csv/\(table.fileName)"))))
                    .records.map(\.fields)
                #expect(calc.count == ours.count, "\(suffix) \(table)")
                let exportLabels = try ExportLabels(strings: s)
                #expect(calc.first == table.columns.map { exportLabels.column($0, counted: table == .byCentre) }, "\(suffix) \(table)")
                for (row, (got, want)) in zip(calc, ours).enumerated().dropFirst() {
                    for (i, name) in table.columns.enumerated() {
                        var expected = want[i]
                        if name == "date" || name == "end_date", let date = ISODate(parsing: expected) {
                            expected = "\(date.day) \(months[date.month - 1].prefix(3)) \(date.year)"
                        } else if name == "participants_complete" || name == "fulfilled" {
                            expected = expected.uppercased()
                        } else if let group = ["kind": "kinds", "format": "formats", "status": "statuses",
                                               "role": table == .participation ? "participation_roles" : "roles"][name],
                                  !expected.isEmpty {
                            expected = labels[group]![expected]!
                        }
                        #expect(got.indices.contains(i) && got[i] == expected, "\(suffix) \(table) row \(row) \(name): \(got) vs \(expected)")
                    }
                }
            }
        }
    }

    // MARK: our reader

    /// The reader of "Spreadsheets in" gives back every cell as the CSV
    /// spells it (cells written with the CSV's names, so they compare).
    @Test(arguments: ["xlsx", "ods"])
    func ourReaderReadsTheWorkbookBack(_ format: String) throws {
        let data = try TestSupport.dataset(TestSupport.fixtures.appendingPathComponent("multiscript"))
        let tables = ExportTables(Aggregates(data), language: .ru)
        let book = WorkbookContent(
            metadata: DocumentMetadata(title: "t", shortTitle: "t", author: "a", subject: "s", keywords: [], creator: "c",
                                       creationDate: 0, language: .ru, pageFooter: ""),
            dateFormat: ReportLanguage.ru.sheetDate,
            sheets: ExportTable.allCases.map { table in
                WorkbookContent.Sheet(name: table.rawValue, headers: table.columns, dateFormat: ReportLanguage.ru.sheetDate) {
                    tables.forEachRow(table, $0)
                }
            })
        let path = TestSupport.temporaryFolder("readback").appendingPathComponent("book.\(format)").path
        if format == "xlsx" {
            try XLSXWriter().write(book, toPath: path, shownAs: path)
        } else {
            try ODSWriter().write(book, toPath: path, shownAs: path)
        }
        let workbook = try Workbook(path: path, kind: format == "xlsx" ? .xlsx : .ods)
        #expect(try workbook.sheetNames() == ExportTable.allCases.map(\.rawValue))
        for (index, table) in ExportTable.allCases.enumerated() {
            let records = try workbook.records(ofSheet: index)
            var read: [[String]] = []
            while let record = records.next({ Issue.record("\($0)") }) { read.append(record.fields) }
            let csv = CSVReader(bytes: CSVExporter().export(table, of: tables)).records.map(\.fields)
            #expect(read.count == csv.count, "\(table)")
            for (got, want) in zip(read, csv) {
                // The reader leaves trailing empty cells out.
                #expect(got + Array(repeating: "", count: max(0, want.count - got.count)) == want, "\(table)")
            }
        }
    }

    /// The round trip: a dataset written as one workbook by
    /// `init --workbook --from` (typed cells: dates, numbers) is read back
    /// by `check` as the same dataset: every export table is equal.
    @Test(arguments: [("example", "xlsx"), ("multiscript", "ods"), ("multiscript", "xlsx")])
    func aDatasetWrittenAsAWorkbookLoadsTheSame(_ which: String, _ format: String) throws {
        let source = which == "example" ? TestSupport.example : TestSupport.fixtures.appendingPathComponent(which)
        let folder = TestSupport.temporaryFolder("as-workbook").appendingPathComponent("book")
        let r = try CLIRunner.run(["init", folder.path, "--workbook", format, "--from", source.path])
        #expect(r.status == 0, "\(r.stderr)")
        let year = try TestSupport.dataset(source).info.year
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ["README.md", "pac-\(year).\(format)", "report.yaml"])
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("report.yaml").path)
                == FileManager.default.contents(atPath: source.appendingPathComponent("report.yaml").path))
        let loaded = TestSupport.load(folder)
        #expect(loaded.errors.isEmpty, "\(loaded.diagnostics)")
        let original = try TestSupport.dataset(source)
        let again = try #require(loaded.dataset)
        for table in ExportTable.allCases {
            #expect(CSVExporter().export(table, of: ExportTables(Aggregates(again)))
                    == CSVExporter().export(table, of: ExportTables(Aggregates(original))), "\(table)")
        }
        // The descriptions (not in any export) come back too, line breaks and all.
        #expect(again.activities.map(\.description) == original.activities.map(\.description))
        // --from needs --workbook, and a valid dataset.
        let plain = try CLIRunner.run(["init", TestSupport.temporaryFolder("from").appendingPathComponent("x").path, "--from", source.path])
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("add --workbook xlsx or --workbook ods"), "\(plain.stderr)")
    }

    /// A template copied before the workbooks (no sheet or column names)
    /// still renders every format, the workbook with the shipped names; a
    /// template's sheet names are held to Excel's rules.
    @Test func olderTemplatesStillRenderAndSheetNamesAreChecked() throws {
        let template = TestSupport.temporaryFolder("old-template").appendingPathComponent("mine")
        try FileManager.default.copyItem(at: TestSupport.repository.appendingPathComponent("Templates/contract-summary"), to: template)
        let en = template.appendingPathComponent("strings/en.yaml")
        let text = try String(contentsOf: en, encoding: .utf8)
        let old = String(text[..<text.range(of: "\n# Workbooks")!.lowerBound]) + "\n"
        try old.write(to: en, atomically: true, encoding: .utf8)
        let out = TestSupport.temporaryFolder("old-template-out")
        let r = try CLIRunner.run(["render", TestSupport.example.path, "--template", template.path, "--format", "pdf,csv,xlsx",
                                   "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let xlsx = try Self.parts(out.appendingPathComponent("contract-summary-2020-en.xlsx"))
        let workbookXML = try #require(xlsx["xl/workbook.xml"])
        #expect(String(decoding: workbookXML, as: UTF8.self).contains("name=\"By country\""))

        try (old + "sheets:\n  activities: \"Activities / events\"\n").write(to: en, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["render", TestSupport.example.path, "--template", template.path, "--format", "xlsx",
                                     "--out", out.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("sheet name 'Activities / events' contains '/', which a sheet name may not"), "\(bad.stderr)")
        try (old + "sheets:\n  activities: \"Plan\"\n  plan: \"plan\"\n").write(to: en, atomically: true, encoding: .utf8)
        let twice = try CLIRunner.run(["render", TestSupport.example.path, "--template", template.path, "--format", "xlsx",
                                       "--out", out.path])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("sheet name 'plan' is also the name of sheets.activities"), "\(twice.stderr)")
    }

    /// Letter paper prints on letter paper; a cell with a line break wraps.
    @Test func paperAndLineBreaks() throws {
        let out = TestSupport.temporaryFolder("letter")
        let r = try CLIRunner.run(["render", TestSupport.fixtures.appendingPathComponent("multiscript").path, "--format", "xlsx,ods",
                                   "--paper", "letter", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let xlsxFile = try #require(Self.file(out, ".xlsx"))
        let xlsx = try Self.parts(xlsxFile)
        let sheet2 = try #require(xlsx["xl/worksheets/sheet2.xml"])
        let participation = String(decoding: sheet2, as: UTF8.self)
        #expect(participation.contains("paperSize=\"1\""))
        #expect(participation.contains("s=\"3\" t=\"inlineStr\"><is><t>Национальная академическая библиотека\nАстана</t>"),
                "\(participation.prefix(2000))")
        let odsFile = try #require(Self.file(out, ".ods"))
        let stylesXML = try #require(try Self.parts(odsFile)["styles.xml"])
        let styles = String(decoding: stylesXML, as: UTF8.self)
        #expect(styles.contains("fo:page-width=\"792pt\" fo:page-height=\"612pt\""), "\(styles)")
    }

    // MARK: determinism, commands

    @Test func reRenderIsByteIdentical() throws {
        let a = try Self.render([TestSupport.example], formats: "xlsx,ods", lang: "kk")
        let b = try Self.render([TestSupport.example], formats: "xlsx,ods", lang: "kk")
        for suffix in [".xlsx", ".ods"] {
            let x = try #require(Self.file(a, suffix)), y = try #require(Self.file(b, suffix))
            #expect(try Data(contentsOf: x) == Data(contentsOf: y), "\(suffix)")
        }
        let aFile = try #require(Self.file(a, ".xlsx"))
        let coreXML = try #require(try Self.parts(aFile)["docProps/core.xml"])
        let core = String(decoding: coreXML, as: UTF8.self)
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2020-12-24T00:00:00Z</dcterms:created>"))
        #expect(core.contains("<dc:language>kk-KZ</dc:language>"))
    }

    @Test func exportWritesOneSheet() throws {
        // To standard output, a zip.
        let r = try CLIRunner.run(["export", TestSupport.example.path, "--table", "by-kind", "--format", "xlsx", "--lang", "ru"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.prefix(2) == Data("PK".utf8))
        let file = TestSupport.temporaryFolder("export-ods").appendingPathComponent("kinds.ods")
        let o = try CLIRunner.run(["export", TestSupport.example.path, "--table", "by-kind", "--format", "ods", "-o", file.path])
        #expect(o.status == 0, "\(o.stderr)")
        let contentXML = try #require(try Self.parts(file)["content.xml"])
        let content = String(decoding: contentXML, as: UTF8.self)
        #expect(content.components(separatedBy: "<table:table ").count == 2)  // one sheet
        #expect(content.contains("table:name=\"By kind\""))
        // CSV options with a workbook, and a mistyped format.
        let excel = try CLIRunner.run(["export", TestSupport.example.path, "--table", "by-kind", "--format", "xlsx", "--excel"])
        #expect(excel.status == 2)
        #expect(excel.stderr.contains("--excel, --delimiter and --bom shape CSV files"), "\(excel.stderr)")
        let typo = try CLIRunner.run(["export", TestSupport.example.path, "--table", "by-kind", "--format", "xslx"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean 'xlsx'"), "\(typo.stderr)")
        let pdf = try CLIRunner.run(["export", TestSupport.example.path, "--table", "by-kind", "--format", "pdf"])
        #expect(pdf.status == 2, "export writes tables, not the report")
    }

    /// An Arabic workbook's sheets run from the right, in both formats.
    @Test func arabicSheetsRunFromTheRight() throws {
        let out = try Self.render([TestSupport.example], formats: "xlsx,ods", lang: "ar")
        let xlsxFile = try #require(Self.file(out, ".xlsx")), odsFile = try #require(Self.file(out, ".ods"))
        let sheet = try #require(try Self.parts(xlsxFile)["xl/worksheets/sheet1.xml"])
        #expect(String(decoding: sheet, as: UTF8.self).contains("<sheetView rightToLeft=\"1\""))
        let content = try #require(try Self.parts(odsFile)["content.xml"])
        #expect(String(decoding: content, as: UTF8.self).contains("style:writing-mode=\"rl-tb\""))
        let english = try Self.render([TestSupport.example], formats: "xlsx", lang: "en")
        let englishFile = try #require(Self.file(english, ".xlsx"))
        let englishSheet = try #require(try Self.parts(englishFile)["xl/worksheets/sheet1.xml"])
        #expect(!String(decoding: englishSheet, as: UTF8.self).contains("rightToLeft"))
    }

    @Test func theTermReportHasAWorkbook() throws {
        let out = try Self.render([TestSupport.example, TermTests.example2021], formats: "xlsx", lang: "ru")
        let xlsx = try #require(Self.file(out, ".xlsx"))
        #expect(xlsx.lastPathComponent == "contract-term-2020-2021-ru.xlsx")
        let workbookXML = try #require(try Self.parts(xlsx)["xl/workbook.xml"])
        let workbook = String(decoding: workbookXML, as: UTF8.self)
        let s = try Self.strings(.ru)
        for table in TermExportTable.allCases {
            #expect(workbook.contains("name=\"\(try s.text("sheets.\(table.rawValue)"))\""), "\(table)")
        }
    }

    /// `init --workbook`: one workbook, a note on every header cell, valid as it is.
    @Test(arguments: ["xlsx", "ods"])
    func initWritesAWorkbookThatChecks(_ format: String) throws {
        let folder = TestSupport.temporaryFolder("init-wb").appendingPathComponent("centre-2021")
        let r = try CLIRunner.run(["init", folder.path, "--year", "2021", "--workbook", format])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["README.md", "pac-2021.\(format)", "report.yaml"])
        let check = try CLIRunner.run(["check", folder.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdoutText.contains("2 activities, 4 participation rows, 1 plan item for 2021, 1 for 2022; 0 errors, 0 warnings"),
                "\(check.stdoutText)")
        let parts = try Self.parts(folder.appendingPathComponent("pac-2021.\(format)"))
        let columns = StarterDataset.tables(year: 2021).map(\.columns.count)
        if format == "xlsx" {
            for (i, count) in columns.enumerated() {
                let commentsXML = try #require(parts["xl/comments\(i + 1).xml"])
                let comments = String(decoding: commentsXML, as: UTF8.self)
                #expect(comments.components(separatedBy: "<comment ").count - 1 == count)
                #expect(parts["xl/drawings/vmlDrawing\(i + 1).vml"] != nil)
            }
        } else {
            let contentXML = try #require(parts["content.xml"])
            let content = String(decoding: contentXML, as: UTF8.self)
            #expect(content.components(separatedBy: "<office:annotation>").count - 1 == columns.reduce(0, +))
        }
    }

    /// Excel's rules for sheet names hold in every language: at most 31
    /// characters, none of [ ] : * ? / \, distinct whatever the letter case.
    @Test(arguments: ReportLanguage.allCases)
    func sheetNamesAreValidInExcel(_ language: ReportLanguage) throws {
        let s = try Self.strings(language)
        let names = try (ExportTable.allCases.map(\.rawValue) + TermExportTable.allCases.map(\.rawValue)).map { try s.text("sheets.\($0)") }
        for name in names {
            #expect(!name.isEmpty && name.count <= 31, "\(name)")
            #expect(!name.contains(where: { "[]:*?/\\".contains($0) }) && !name.hasPrefix("'") && !name.hasSuffix("'"), "\(name)")
        }
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
    }

    @Test func widthsFollowTheContent() {
        #expect(WorkbookContent.width(of: "abc") == 3)
        #expect(WorkbookContent.width(of: "Қазақстан") == 9)
        #expect(WorkbookContent.width(of: "北京") == 4)
        #expect(WorkbookContent.width(of: "short\nlonger line") == 11)
        #expect(WorkbookContent.width(of: "e\u{301}") == 1)
        let sheet = WorkbookContent.Sheet(name: "s", headers: ["id", "title"], dateFormat: ReportLanguage.en.sheetDate) { body in
            body([.text("A1"), .text(String(repeating: "x", count: 30))])
            body([.text("A2"), .text(String(repeating: "y", count: 200))])
        }
        #expect(sheet.rowCount == 2)
        #expect(sheet.columns[0].width == WorkbookContent.widthLimits.lowerBound)  // "id" + filter button fits the narrowest
        #expect(sheet.columns[1].width == WorkbookContent.widthLimits.upperBound)  // a long title: the widest
    }

    @Test func dateFormatsAndSerials() {
        #expect(XLSXWriter.formatCode(ReportLanguage.en.sheetDate, language: .en) == "[$-809]d mmm yyyy")
        #expect(XLSXWriter.formatCode(ReportLanguage.ru.sheetDate, language: .ru) == "dd.mm.yyyy")
        #expect(XLSXWriter.serial(ISODate(year: 1900, month: 3, day: 1)!) == 61)
        #expect(XLSXWriter.serial(ISODate(year: 2020, month: 12, day: 24)!) == 44189)
        #expect(XLSXWriter.escapeOOXML("a_x0041_b") == "a_x005F_x0041_b")
        #expect(XLSXWriter.escapeOOXML("plain_x_text") == "plain_x_text")
        #expect(SpreadsheetColumn.letters(0) == "A" && SpreadsheetColumn.letters(25) == "Z" && SpreadsheetColumn.letters(26) == "AA")
    }
}
