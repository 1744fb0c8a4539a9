// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDataset
import PacAggregates
import PacDocument
import PacLayout
import PacOutput
import PacPDF
import PacODT
import PacCSV
import Foundation

/// Runs one arbitrary input through the loaders, the aggregation and the
/// CSV exports: the body of the libFuzzer target (Fuzz/) and of the
/// regression tests for what it ever found (Fixtures/crashes).
///
/// The first byte chooses which file of a small valid dataset the rest
/// replaces; with 0x1E (record separator) bytes the input holds several
/// files at once (report.yaml, activities, participation, plan). Workbooks:
/// 0xEF makes the rest a whole workbook (.xlsx, or .ods when it is not
/// one), 0xF0–0xF7 the activities sheet's XML of an .xlsx, 0xF8–0xFF the
/// content.xml of an .ods with sheets named after the tables.
public enum LoaderExercise {
    package static let seed: [[UInt8]] = [
        Array("year: 2020\ncontract: {id: C, title: T, parties: [a]}\ncentres:\n  - {id: a, name: A, country: KZ}\n".utf8),
        Array("id,date,centres,kind,format,title,hours,plan_item\nA1,2020-01-02,a,meeting,online,\"x, y\",1.5,P1\n".utf8),
        Array("activity,country,participants\nA1,KZ,3\nA1,RU,\n".utf8),
        Array("id,year,centres,kind,title\nP1,2020,a,meeting,t\nN1,2021,a,seminar,u\n".utf8),
    ]

    /// Returns the load result, for tests.
    @discardableResult
    public static func run(_ bytes: [UInt8]) -> LoadResult? {
        guard let selector = bytes.first else { return nil }
        let body = Array(bytes.dropFirst())
        if selector >= 0xEF { return runWorkbook(selector, body) }
        _ = CSVReader(bytes: body)
        var files = seed
        let parts = body.split(separator: 0x1E, maxSplits: 3, omittingEmptySubsequences: false).map(Array.init)
        if parts.count > 1 {
            for (i, part) in parts.enumerated() { files[i] = part }
        } else {
            files[Int(selector) % 4] = body
        }
        let result = DatasetLoader.load(reportYAML: files[0], activitiesCSV: files[1], participationCSV: files[2], planCSV: files[3])
        if let dataset = result.dataset {
            let aggregates = Aggregates(dataset)
            for table in ExportTable.allCases { _ = CSVExporter().export(table, of: ExportTables(aggregates)) }
        }
        return result
    }

    package static let xlsxParts: [String: String] = [
        "_rels/.rels": "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        "xl/_rels/workbook.xml.rels": "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"s\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"t\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"y\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>",
        "xl/workbook.xml": "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"activities\" r:id=\"s\"/></sheets></workbook>",
        "xl/sharedStrings.xml": "<sst><si><t>id</t></si><si><t>date</t></si><si><t>centres</t></si><si><t>kind</t></si><si><t>format</t></si><si><t>title</t></si><si><t>A1</t></si><si><t>alpha</t></si><si><t>meeting</t></si><si><t>online</t></si><si><r><t>x</t></r><rPh><t>y</t></rPh></si></sst>",
        "xl/styles.xml": "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>",
    ]

    /// The report of the workbook modes: the centres of the base fixture.
    package static let workbookReport = Array("year: 2020\ncontract: {id: C, title: T, parties: [alpha]}\ncentres:\n  - {id: alpha, name: A, country: KZ}\n  - {id: beta, name: B, country: NO}\n".utf8)

    /// A valid activities sheet for `xlsxParts` (Fuzz/run.sh seeds it).
    public static let xlsxSeedSheet = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c><c t=\"s\"><v>3</v></c><c t=\"s\"><v>4</v></c><c t=\"s\"><v>5</v></c></row><row><c t=\"s\"><v>6</v></c><c s=\"1\"><v>43845</v></c><c t=\"s\"><v>7</v></c><c t=\"s\"><v>8</v></c><c t=\"s\"><v>9</v></c><c t=\"inlineStr\"><is><t>First</t></is></c></row></sheetData></worksheet>"

    /// A workbook made of the input: its tables replace the seed's.
    package static func runWorkbook(_ selector: UInt8, _ body: [UInt8]) -> LoadResult? {
        let workbook: Workbook
        do {
            switch selector {
            case 0xEF:
                // Through a file, as a dataset folder's workbook is read.
                let path = NSTemporaryDirectory() + "pacreport-fuzz-\(getpid()).xlsx"
                defer { unlink(path) }
                guard FileManager.default.createFile(atPath: path, contents: Data(body)) else { return nil }
                workbook = try (try? Workbook(path: path, kind: .xlsx)) ?? Workbook(path: path, kind: .ods)
            case 0xF0...0xF7:
                var parts = xlsxParts.mapValues { Array($0.utf8) }
                parts["xl/worksheets/sheet1.xml"] = body
                workbook = try Workbook(parts: parts, name: "fuzz.xlsx", kind: .xlsx)
            default:
                workbook = try Workbook(parts: ["content.xml": body], name: "fuzz.ods", kind: .ods)
            }
        } catch {
            return nil
        }
        var inputs: [String: TableInput] = [:]
        for (index, sheet) in ((try? workbook.sheetNames()) ?? []).enumerated() where inputs[sheet.lowercased()] == nil {
            inputs[sheet.lowercased()] = TableInput(content: .sheet(workbook, index: index), displayName: "\(workbook.name)[\(sheet)]")
        }
        let order = [DatasetLoader.reportFile] + ["activities", "participation", "plan"].map {
            inputs[$0]?.displayName ?? "\($0).csv"
        }
        let result = DatasetLoader.load(report: workbookReport,
                                        activities: DatasetLoader.Handed(inputs["activities"] ?? .csv(Array("id,date,centres,kind,format,title\nA1,2020-01-15,alpha,meeting,online,x\n".utf8))),
                                        participation: DatasetLoader.Handed(inputs["participation"] ?? .csv(Array("activity,country\nA1,KZ\n".utf8))),
                                        plan: inputs["plan"], fileOrder: order)
        if let dataset = result.dataset {
            let aggregates = Aggregates(dataset)
            for table in ExportTable.allCases { _ = CSVExporter().export(table, of: ExportTables(aggregates)) }
        }
        return result
    }
}
