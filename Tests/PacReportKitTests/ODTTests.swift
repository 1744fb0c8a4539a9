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

/// Renders ODT with the real binary and checks it as an office suite and
/// an archive would: the container, the ODF 1.3 schema, LibreOffice.
@Suite struct ODTTests {
    static let schemas = TestSupport.repository.deletingLastPathComponent().appendingPathComponent("shared/schemas/odf1.3")

    static func render(_ dataset: URL, _ extra: [String] = []) throws -> URL {
        let out = TestSupport.temporaryFolder("odt")
        let r = try CLIRunner.run(["render", dataset.path, "--format", "odt", "--out", out.path] + extra,
                                  environment: ["SOURCE_DATE_EPOCH": PDFTests.epoch])
        guard r.status == 0 else { throw TestFailure("render failed (\(r.status)): \(r.stderr)") }
        let name = try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".odt") }!
        return out.appendingPathComponent(name)
    }

    static func parts(_ odt: URL) throws -> [String: Data] {
        let archive = try Archive(url: odt, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = data
        }
        return parts
    }

    static func string(_ data: Data?) -> String { String(decoding: data ?? Data(), as: UTF8.self) }

    @Test func containerHasStoredMimetypeFirstAndEveryPart() throws {
        let odt = try Self.render(TestSupport.example)
        let raw = [UInt8](try Data(contentsOf: odt))
        #expect(Array(raw[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        #expect(String(decoding: raw[30..<38], as: UTF8.self) == "mimetype")
        #expect(raw[8] == 0 && raw[9] == 0, "stored")
        #expect(raw[28] == 0 && raw[29] == 0, "no extra field")
        let parts = try Self.parts(odt)
        #expect(Self.string(parts["mimetype"]) == "application/vnd.oasis.opendocument.text")
        for name in ["content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml", "Pictures/chart-1.png"] {
            #expect(parts[name] != nil, "\(name)")
        }
        let manifest = Self.string(parts["META-INF/manifest.xml"])
        for name in parts.keys where name != "mimetype" && name != "META-INF/manifest.xml" {
            #expect(manifest.contains("manifest:full-path=\"\(name)\""), "\(name) in manifest")
        }
    }

    @Test func contentStructureAndMetadata() throws {
        let odt = try Self.render(TestSupport.example)
        let parts = try Self.parts(odt)
        let content = Self.string(parts["content.xml"])
        #expect(content.contains("<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\"><text:bookmark text:name=\"sec-key-figures\"/>Key figures</text:h>"))
        #expect(content.contains("text:outline-level=\"2\"><text:bookmark text:name=\"centre-1\"/>National Library of the Republic of Kazakhstan</text:h>"))
        // Contents entries link to the heading and show its page, a field LibreOffice fills in.
        #expect(content.contains("<text:a xlink:type=\"simple\" xlink:href=\"#sec-activity-log\">Activity log<text:tab/><text:bookmark-ref text:reference-format=\"page\" text:ref-name=\"sec-activity-log\"/></text:a>"))
        #expect(content.components(separatedBy: "<table:table-header-rows>").count - 1 >= 5)
        #expect(content.contains("<svg:title>Activities by kind</svg:title>"))
        let styles = Self.string(parts["styles.xml"])
        #expect(styles.contains("page <text:page-number text:select-page=\"current\">1</text:page-number> of <text:page-count>1</text:page-count>"))
        #expect(styles.contains("fo:language=\"en\" fo:country=\"GB\""))
        #expect(styles.contains("fo:page-width=\"595.28pt\" fo:page-height=\"841.89pt\""))
        let meta = Self.string(parts["meta.xml"])
        #expect(meta.contains("<meta:generator>pacreport \(PacReportVersion.current)</meta:generator>"))
        #expect(meta.contains("<dc:title>Contract summary report 2020</dc:title>"))
        #expect(meta.contains("<meta:creation-date>2020-12-24T00:00:00</meta:creation-date>"))
        #expect(meta.contains("<meta:initial-creator>IFLA PAC Regional Centre for Central Asia"))
        #expect(meta.contains("<meta:keyword>IFLA PAC</meta:keyword>"))
    }

    @Test func rightToLeftTextIsMarkedAndSpecialCharactersEscaped() throws {
        let odt = try Self.render(TestSupport.fixtures.appendingPathComponent("multiscript"))
        let content = Self.string(try Self.parts(odt)["content.xml"])
        #expect(content.contains("text:style-name=\"R_Heading_20_2\" text:outline-level=\"2\"><text:bookmark text:name=\"centre-4\"/>הספרייה הלאומית של ישראל</text:h>"))
        #expect(content.contains("<text:p text:style-name=\"R_Table_20_Contents\">שימור ספרים עתיקים</text:p>"))
        #expect(content.contains("style:writing-mode=\"rl-tb\""))
        #expect(content.contains("Titles with &amp; &lt; &gt; &quot; ' and =SUM(A1)"))
        // The partner institutions are listed, a line break in a name kept as one.
        #expect(content.contains("Национальная академическая библиотека<text:line-break/>Астана"))
    }

    @Test func reRenderIsByteIdentical() throws {
        let a = try Self.render(TestSupport.example)
        let b = try Self.render(TestSupport.example)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    }

    @Test(.enabled(if: Tool.available("jing") || Tool.available("xmllint"), "SKIP: needs jing or xmllint (libxml2-utils)"),
          .enabled(if: FileManager.default.fileExists(atPath: ODTTests.schemas.path), "SKIP: shared/schemas/odf1.3 is not beside this checkout"),
          arguments: ["example", "multiscript"])
    func everyPartIsValidODF13(_ which: String) throws {
        let dataset = which == "example" ? TestSupport.example : TestSupport.fixtures.appendingPathComponent(which)
        let parts = try Self.parts(try Self.render(dataset))
        let folder = TestSupport.temporaryFolder("odf")
        for name in ["content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"] {
            let file = folder.appendingPathComponent(name.replacingOccurrences(of: "/", with: "_"))
            try parts[name]!.write(to: file)
            let schema = Self.schemas.appendingPathComponent(name.hasPrefix("META-INF")
                ? "OpenDocument-v1.3-manifest-schema.rng" : "OpenDocument-v1.3-schema.rng")
            let r = Tool.available("jing")
                ? try Tool.run("jing", ["-i", schema.path, file.path])
                : try Tool.run("xmllint", ["--noout", "--relaxng", schema.path, file.path])
            #expect(r.status == 0, "\(name): \(r.out) \(r.err)")
        }
    }

    /// LibreOffice opens the file, gives back all the text, repeats header
    /// rows on continuation pages and fills the page fields.
    @Test(.enabled(if: Tool.available("soffice") && Tool.available("pdftotext"),
                   "SKIP: needs LibreOffice (libreoffice-writer-nogui) and poppler-utils"))
    func libreOfficeReadsItAsWritten() throws {
        let dataset = TestSupport.example
        let odt = try Self.render(dataset)
        let folder = TestSupport.temporaryFolder("lo")
        let profile = "-env:UserInstallation=file://\(folder.path)/profile"
        for target in ["txt:Text (encoded):UTF8", "pdf"] {
            let r = try Tool.run("soffice", [profile, "--headless", "--convert-to", target, "--outdir", folder.path, odt.path])
            #expect(r.status == 0, "\(r.err)")
        }
        let base = odt.deletingPathExtension().lastPathComponent
        let text = PDFTests.folded(try String(contentsOf: folder.appendingPathComponent(base + ".txt"), encoding: .utf8))
        let data = try TestSupport.dataset(dataset)
        for centre in data.info.centres { #expect(text.contains(centre.name), "\(centre.name)") }
        for activity in data.activities { #expect(text.contains(PDFTests.folded(activity.title)), "\(activity.title)") }

        _ = try PDFTests.assertHeaderAndFooterOnEveryPage(folder.appendingPathComponent(base + ".pdf"))

        // A table that crosses a page shows its header row again on the next
        // page (sixty activities: the log crosses pages).
        let generated = TestSupport.temporaryFolder("lo-long").appendingPathComponent("data")
        let made = try Tool.run("python3", [TestSupport.repository.appendingPathComponent("Benchmarks/generate.py").path,
                                            "60", generated.path])
        try #require(made.status == 0, "python3 could not generate a dataset: \(made.err)")
        let long = try Self.render(generated)
        let r = try Tool.run("soffice", [profile, "--headless", "--convert-to", "pdf", "--outdir", folder.path, long.path])
        #expect(r.status == 0, "\(r.err)")
        let pdf = folder.appendingPathComponent(long.deletingPathExtension().lastPathComponent + ".pdf")
        let pages = Int(try PDFTests.info(pdf)["Pages"] ?? "0") ?? 0
        try #require(pages >= 3)
        var repeated = false
        for page in 2...pages {
            let previous = try PDFTests.text(pdf, page: page - 1)
            let lines = try PDFTests.text(pdf, page: page).split(separator: "\n").map(String.init)
            if let first = lines.dropFirst().first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
               first.hasPrefix("Date") || first.hasPrefix("Kind") || first.hasPrefix("Code"),
               !previous.contains("Contacts") {
                repeated = true
            }
        }
        #expect(repeated, "no continuation page starts with a repeated header row")
    }
}
