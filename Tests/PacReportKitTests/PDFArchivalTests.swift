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

/// The PDF is PDF/A-2b (README.md, "The report"): checked with pikepdf's validator (rules
/// from veraPDF), in the project's .venv made by scripts/setup, and read
/// back with pikepdf and qpdf.
@Suite(.enabled(if: Tool.available("qpdf"), "SKIP: needs qpdf (scripts/setup installs it)"))
struct PDFArchivalTests {
    static let python = TestSupport.repository.appendingPathComponent(".venv/bin/python")
    static var hasValidator: Bool {
        guard FileManager.default.isExecutableFile(atPath: python.path),
              let r = try? Self.python("import pikepdf.pdfa", []) else { return false }
        return r.status == 0
    }

    /// Runs a Python snippet in .venv with the PDF paths as arguments.
    static func python(_ script: String, _ paths: [URL]) throws -> (status: Int32, out: String, err: String) {
        try Tool.run(python.path, ["-c", script] + paths.map(\.path))
    }

    static let validate = """
        import sys, pikepdf.pdfa as a
        bad = 0
        for p in sys.argv[1:]:
            r = a.validate_written(p, '2b')
            if not r.passed:
                bad += 1
                print(p, [str(f) for f in r.findings[:5]])
        sys.exit(1 if bad else 0)
        """

    /// A generated dataset of `n` activities (Benchmarks/generate.py).
    static func generated(_ n: Int) throws -> URL {
        let folder = TestSupport.temporaryFolder("generated")
        let r = try Tool.run("python3", [TestSupport.repository.appendingPathComponent("Benchmarks/generate.py").path,
                                         String(n), folder.path])
        guard r.status == 0 else { throw TestFailure("generate.py: \(r.err)") }
        return folder
    }

    @Test func everyLanguageAndScriptIsPDFA2b() throws {
        var pdfs: [URL] = []
        for lang in ReportLanguage.allCases.map(\.rawValue) { pdfs.append(try PDFTests.render(TestSupport.example, ["--lang", lang]).pdf) }
        pdfs.append(try PDFTests.render(TestSupport.fixtures.appendingPathComponent("multiscript"), ["--lang", "ar"]).pdf)
        pdfs.append(try PDFTests.render(TestSupport.fixtures.appendingPathComponent("multiscript")).pdf)
        pdfs.append(try PDFTests.render(try Self.generated(1000)).pdf)
        for pdf in pdfs {
            let check = try Tool.run("qpdf", ["--check", pdf.path])
            #expect(check.status == 0, "\(pdf.lastPathComponent): \(check.out)")
        }
        guard Self.hasValidator else {
            print("SKIP everyLanguageAndScriptIsPDFA2b validation: .venv with pikepdf[pdfa] is missing (scripts/setup makes it)")
            return
        }
        let r = try Self.python(Self.validate, pdfs)
        #expect(r.status == 0, "\(r.out)\(r.err)")
    }

    @Test func languageAndXMPMatchTheDocument() throws {
        let pdf = try PDFTests.render(TestSupport.example, ["--lang", "ru"]).pdf
        // Readable without any tool: the update is plain text at the end of the file.
        let bytes = try Data(contentsOf: pdf)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("/Lang (ru)"))
        #expect(text.contains("<pdfaid:part>2</pdfaid:part>") && text.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        #expect(text.contains("/CreationDate (D:20201224000000Z)"))
        guard Self.hasValidator else {
            print("SKIP languageAndXMPMatchTheDocument read-back: .venv with pikepdf is missing (scripts/setup makes it)")
            return
        }
        let r = try Self.python("""
            import sys, pikepdf
            pdf = pikepdf.open(sys.argv[1])
            m = pdf.open_metadata()
            info = pdf.docinfo
            print(str(pdf.Root.Lang))
            print(m['dc:title'] == str(info.Title), m['dc:creator'] == [str(info.Author)], m['dc:description'] == str(info.Subject))
            print(m['pdf:Producer'] == str(info.Producer), m['xmp:CreatorTool'] == str(info.Creator), m['pdf:Keywords'] == str(info.Keywords))
            print(m['xmp:CreateDate'], m['xmp:ModifyDate'], m['pdfaid:part'], m['pdfaid:conformance'])
            print(m['dc:title'])
            print(len(bytes(pdf.trailer.ID[0])), bytes(pdf.trailer.ID[0]) == bytes(pdf.trailer.ID[1]))
            print(all(int(a.get('/F', 0)) & 4 for page in pdf.pages for a in page.get('/Annots', [])))
            print(sum(1 for page in pdf.pages for a in page.get('/Annots', [])) > 0)
            """, [pdf])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.split(separator: "\n").map(String.init) == [
            "ru",
            "True True True",
            "True True True",
            "2020-12-24T00:00:00Z 2020-12-24T00:00:00Z 2 B",
            "Отчёт о выполнении договора за 2020 год",  // the title as the template words it
            "16 True",
            "True",
            "True",
        ], "\(r.out)")
    }

    @Test func noneIsCairosFileAndA2bOnlyAppendsToIt() throws {
        let plain = try Data(contentsOf: try PDFTests.render(TestSupport.example, ["--pdf-standard", "none"]).pdf)
        let archival = try Data(contentsOf: try PDFTests.render(TestSupport.example).pdf)
        #expect(archival.count > plain.count)
        #expect(archival.prefix(plain.count) == plain)  // an incremental update: Cairo's bytes stay
        let plainText = String(decoding: plain, as: UTF8.self)
        #expect(!plainText.contains("/Metadata") && !plainText.contains("/Lang") && !plainText.contains("/ID"))
        let update = String(decoding: archival.suffix(from: plain.count), as: UTF8.self)
        #expect(update.contains("/Prev ") && update.contains("/ID [ <") && update.hasSuffix("%%EOF\n"))
        #expect(update.contains("/OutputIntents") && update.contains("/GTS_PDFA1"))
    }

    @Test func theTapFindsPatternsAcrossChunks() {
        let tap = PDFTap()
        let text = Array("1 0 obj\n<< /Type /Annot /Subtype /Link >>\nendobj\n2 0 obj\n<< /Subtype /CIDFontType2 >>\nendobj\n".utf8)
        let link = text.firstRange(of: Array("/Subtype /Link".utf8))!.lowerBound
        let font = text.firstRange(of: Array("/Subtype /CIDFontType2".utf8))!.lowerBound
        // Every split point, so a pattern is cut in every place once.
        for split in 1..<text.count {
            let t = PDFTap()
            text[..<split].withUnsafeBytes { t.observe($0) }
            text[split...].withUnsafeBytes { t.observe($0) }
            #expect(t.offsets[PDFTap.link] == [link] && t.offsets[PDFTap.cidFont] == [font], "split at \(split)")
        }
        text.withUnsafeBytes { tap.observe($0) }
        #expect(tap.length == text.count)
    }
}

extension PDFArchivalTests {
    /// Text that reads like PDF syntax (found by a cold review: "endobj"
    /// cut the document information short, "/Subtype /Link" made it a link)
    /// and web addresses with parentheses stay text.
    @Test func textThatLooksLikePDFSyntaxStaysText() throws {
        let dataset = TestSupport.copy(TestSupport.example)
        try TestSupport.edit(dataset, "report.yaml") {
            $0.replacingOccurrences(of: "prepared_by: \"IFLA PAC Regional Centre for Central Asia, National Library of the Republic of Kazakhstan\"",
                                    with: "prepared_by: \"Backendobjects team /Subtype /Link /CreationDate (x) \\\\ (\"")
              .replacingOccurrences(of: "    phone: \"+7 (727) 267-28-83\"",
                                    with: "    phone: \"+7 (727) 267-28-83\"\n    email: \"info(x@nlrk.kz\"\n    web: \"https://example.org/a_(b\"")
        }
        let pdf = try PDFTests.render(dataset).pdf
        let check = try Tool.run("qpdf", ["--check", pdf.path])
        #expect(check.status == 0 && !check.out.contains("WARNING"), "\(check.out)\(check.err)")
        guard Self.hasValidator else {
            print("SKIP textThatLooksLikePDFSyntaxStaysText validation: .venv with pikepdf is missing (scripts/setup makes it)")
            return
        }
        let r = try Self.python(Self.validate, [pdf])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        let author = try Self.python("import sys, pikepdf\npdf = pikepdf.open(sys.argv[1])\nprint(str(pdf.docinfo.Author))", [pdf])
        #expect(author.out == "Backendobjects team /Subtype /Link /CreationDate (x) \\ (\n", "\(author.out)\(author.err)")
    }
}
