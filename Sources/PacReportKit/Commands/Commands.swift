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

/// Output formats of `render`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case pdf, odt, csv, xlsx, ods

    /// A workbook: every table a sheet.
    public var workbook: WorkbookFormat? { WorkbookFormat(rawValue: rawValue) }
    public var isWorkbook: Bool { workbook != nil }
}

/// Formats of `export`: one table as CSV, or as a one-sheet workbook.
public enum ExportFormat: String, CaseIterable, Sendable {
    case csv, xlsx, ods

    public var workbook: WorkbookFormat? { WorkbookFormat(rawValue: rawValue) }
}

/// The workbook formats: Office Open XML and OpenDocument spreadsheets.
public enum WorkbookFormat: String, CaseIterable, Sendable {
    case xlsx, ods
}

/// The commands of the `pacreport` tool, free of argument parsing: each
/// reads its dataset, writes to a `Console`, and returns the exit status.
public struct Commands {
    public var console: Console

    public init(console: Console) { self.console = console }

    // MARK: loading

    /// Loads the dataset, prints its diagnostics to standard error, and
    /// returns it when it has no errors.
    package func load(_ folder: URL, warnings: WarningDisplay = .capped) -> Dataset? {
        loadReporting(folder, afterTally: "; nothing was written", warnings: warnings).dataset
    }

    /// How many warnings a command shows: every one (`check --all`), the
    /// first ten of each kind and a line with how many more, or (summary)
    /// one line pointing to `check`. Errors are always shown, every one.
    public enum WarningDisplay: Sendable {
        case all, capped, pointer
    }

    /// Warnings shown of each kind before the rest are counted.
    package static let warningsPerKind = 10

    /// What makes warnings "of one kind": the file, the column and the
    /// message without its quoted values, numbers and codes (words in
    /// capitals: country codes, U+ code points).
    package static func kind(_ d: Diagnostic) -> String {
        var words: [String] = []
        for word in d.message.split(separator: " ") {
            var kept = ""
            var inQuote = false
            for c in word {
                if c == "'" { inQuote.toggle(); kept.append(c); continue }
                if inQuote || c.isNumber { continue }
                kept.append(c)
            }
            let letters = kept.filter(\.isLetter)
            words.append(!letters.isEmpty && letters.allSatisfy(\.isUppercase) ? "#" : kept)
        }
        return "\(d.file)|\(d.column ?? "")|\(words.joined(separator: " "))"
    }

    /// Loads the dataset and prints its diagnostics, then, when it has
    /// errors, the tally followed by `afterTally`.
    package func loadReporting(_ folder: URL, afterTally: String, warnings display: WarningDisplay = .capped,
                               keepingRows: Bool = true) -> LoadResult {
        let result = DatasetLoader.load(folder: folder, keepingRows: keepingRows)
        var shown: [String: Int] = [:]
        var hidden: [(kind: String, example: Diagnostic, count: Int)] = []
        for diagnostic in result.diagnostics {
            guard diagnostic.severity == .warning, display != .all else { console.errLine(diagnostic.description); continue }
            if display == .pointer { continue }
            let kind = Self.kind(diagnostic)
            let count = shown[kind, default: 0]
            shown[kind] = count + 1
            if count < Self.warningsPerKind {
                console.errLine(diagnostic.description)
            } else if let i = hidden.firstIndex(where: { $0.kind == kind }) {
                hidden[i].count += 1
            } else {
                hidden.append((kind, diagnostic, 1))
            }
        }
        let path = folder.path.contains(" ") ? "'\(folder.path)'" : folder.path
        for (_, example, count) in hidden {
            let like = example.message.count > 90 ? example.message.prefix(89) + "…" : Substring(example.message)
            console.errLine("\(example.file): \(Self.count(count, "more warning", "more warnings")) like \"\(like)\" not shown; 'pacreport check --all \(path)' shows every one")
        }
        if display == .pointer, !result.warnings.isEmpty {
            console.errLine("\(folder.lastPathComponent): \(Self.count(result.warnings.count, "warning", "warnings")); 'pacreport check \(path)' lists them")
        }
        if result.hasErrors {
            console.errLine("\(folder.lastPathComponent): \(Self.tally(result))\(afterTally)")
        }
        return result
    }

    package static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    package static func tally(_ result: LoadResult) -> String {
        "\(count(result.errors.count, "error", "errors")), \(count(result.warnings.count, "warning", "warnings"))"
    }

    // MARK: check

    /// Validates the dataset: every diagnostic on standard error, a verdict
    /// on standard output when it is valid.
    public func check(dataset folder: URL, all: Bool = false) -> ExitStatus {
        // Only the diagnostics and the counts: no row is kept.
        let result = loadReporting(folder, afterTally: "", warnings: all ? .all : .capped, keepingRows: false)
        guard let counts = result.counts else { return .datasetErrors }
        console.outLine("\(folder.lastPathComponent): \(counts.year), \(Self.count(counts.activities, "activity", "activities")), "
                        + "\(Self.count(counts.participationRows, "participation row", "participation rows")), "
                        + "\(Self.count(counts.planItems, "plan item", "plan items")) for \(counts.year), \(counts.nextYearPlanItems) for \(counts.year + 1); "
                        + Self.tally(result))
        return outputStatus()
    }

    /// `.cannotWrite`, with a message, when standard output failed.
    package func outputStatus() -> ExitStatus {
        guard let failure = console.outputFailure else { return .done }
        console.errLine("error: standard output could not be written: \(failure)")
        return .cannotWrite
    }

    // MARK: export

    public struct ExportOptions {
        public var table: ExportTable
        public var language: ReportLanguage?
        public var excel = false
        public var delimiter: UInt8?
        public var byteOrderMark = false
        public var output: URL?
        public var format: ExportFormat = .csv

        public init(table: ExportTable, language: ReportLanguage? = nil, excel: Bool = false, delimiter: UInt8? = nil,
                    byteOrderMark: Bool = false, output: URL? = nil, format: ExportFormat = .csv) {
            self.table = table; self.language = language; self.excel = excel; self.delimiter = delimiter
            self.byteOrderMark = byteOrderMark; self.output = output; self.format = format
        }
    }

    package static func exporter(language: ReportLanguage, excel: Bool, delimiter: UInt8?, byteOrderMark: Bool) -> CSVExporter {
        var style = excel ? CSVStyle.excel(for: language) : CSVStyle()
        if let delimiter { style.delimiter = delimiter }
        if byteOrderMark { style.byteOrderMark = true }
        return CSVExporter(style: style)
    }

    /// One table to a file or to standard output.
    public func export(dataset folder: URL, _ options: ExportOptions) -> ExitStatus {
        guard let dataset = load(folder) else { return .datasetErrors }
        let language = options.language ?? dataset.info.language ?? .en
        let aggregates = Aggregates(dataset)
        let transaction = OutputTransaction()
        TemporaryFiles.removeOnInterrupt()
        do {
            if let format = options.format.workbook {
                // Standard output when no file is named, unless it is a terminal: a zip is no text.
                guard options.output != nil || isatty(STDOUT_FILENO) == 0 else {
                    console.errLine("error: a workbook is a binary file, not text for the terminal; name the file with -o FILE (e.g. -o \(options.table.rawValue).\(format.rawValue)) or redirect the output")
                    return .usage
                }
                let book = try WorkbookContent.table(options.table, of: aggregates,
                                                     template: try Self.template(nil, language: language, paper: nil),
                                                     language: language, creationDate: Self.creationDate())
                try transaction.stagePath(to: options.output ?? URL(fileURLWithPath: "/dev/stdout")) { path, shownAs in
                    try Self.writeWorkbook(book, format: format, toPath: path, shownAs: shownAs, cancellation: nil)
                }
            } else {
                let exporter = Self.exporter(language: language, excel: options.excel, delimiter: options.delimiter,
                                             byteOrderMark: options.byteOrderMark)
                let bytes = exporter.export(options.table, of: ExportTables(aggregates, language: language))
                guard let output = options.output else {
                    console.out(bytes)
                    if let failure = console.outputFailure {
                        console.errLine("error: the table could not be written to standard output: \(failure)")
                        return .cannotWrite
                    }
                    return .done
                }
                try transaction.stage(bytes, to: output)
            }
            try transaction.commit()
        } catch let error as OutputError {
            console.errLine("error: \(error)")
            return .cannotWrite
        } catch {
            console.errLine("\(error)")
            return .usage
        }
        return .done
    }

    /// Writes a workbook as xlsx or ods at `path`.
    package static func writeWorkbook(_ book: WorkbookContent, format: WorkbookFormat, toPath path: String, shownAs: String,
                                      cancellation: Cancellation?) throws {
        switch format {
        case .xlsx: try XLSXWriter().write(book, toPath: path, shownAs: shownAs, cancellation: cancellation)
        case .ods: try ODSWriter().write(book, toPath: path, shownAs: shownAs, cancellation: cancellation)
        }
    }

    // MARK: render

    public struct RenderOptions {
        public var formats: [OutputFormat] = [.pdf, .odt]
        /// The report languages, one set of files each; none: report.yaml's, else English.
        public var languages: [ReportLanguage] = []
        public var language: ReportLanguage? {
            get { languages.first }
            set { languages = newValue.map { [$0] } ?? [] }
        }
        public var outputFolder = URL(fileURLWithPath: "out")
        /// A template name or folder; nil for the default.
        public var template: String?
        /// Overrides the template's paper.
        public var paper: DocumentStyle.Paper?
        /// PDF/A-2b unless asked otherwise.
        public var pdfStandard: PDFStandard
        /// A dataset of an earlier year of the same contract (`--previous`).
        public var previous: URL?

        public init(formats: [OutputFormat] = [.pdf, .odt], language: ReportLanguage? = nil,
                    outputFolder: URL = URL(fileURLWithPath: "out"), template: String? = nil,
                    paper: DocumentStyle.Paper? = nil, pdfStandard: PDFStandard = .a2b) {
            self.formats = formats; self.outputFolder = outputFolder
            self.template = template; self.paper = paper; self.pdfStandard = pdfStandard
            self.language = language
        }
    }

    /// `SOURCE_DATE_EPOCH` when set (reproducible output), else now.
    public static func creationDate() -> Int64 {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) {
            return min(max(seconds, 0), 253_402_300_799)  // a date the formats can write: 1970 to 9999
        }
        return Int64(Date().timeIntervalSince1970)
    }

    /// The report document of `dataset` in `language` with a template.
    public static func document(_ aggregates: Aggregates, language: ReportLanguage, template name: String?,
                                paper: DocumentStyle.Paper?, previous: Aggregates? = nil) throws -> ReportDocument {
        let template = try Self.template(name, language: language, paper: paper)
        var builder = ReportBuilder(aggregates: aggregates, template: template, language: language, creationDate: creationDate())
        builder.previous = previous
        return try builder.build()
    }

    /// A template by name or folder in `language`, its paper overridden when asked.
    static func template(_ name: String?, language: ReportLanguage, paper: DocumentStyle.Paper?) throws -> ReportTemplate {
        var template = try ReportTemplate.load(folder: try Resources.template(name), language: language)
        if let paper { template.style.paper = paper }
        return template
    }

    /// The languages of a render: the ones asked for, each once, else the dataset's own.
    static func languages(_ asked: [ReportLanguage], default language: ReportLanguage?) -> [ReportLanguage] {
        var languages: [ReportLanguage] = []
        for language in asked.isEmpty ? [language ?? .en] : asked where !languages.contains(language) {
            languages.append(language)
        }
        return languages
    }

    /// The datasets of a contract's term, every diagnostic printed; nil
    /// (with the count of errors) when any has errors.
    private func loadTerm(_ folders: [URL]) -> [Dataset]? {
        let result = TermLoader.load(folders)
        for diagnostic in result.diagnostics { console.errLine(diagnostic.description) }
        guard let datasets = result.datasets else {
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            console.errLine("\(errors) error\(errors == 1 ? "" : "s"); nothing was written")
            return nil
        }
        return datasets
    }

    /// `--previous`: the earlier year's dataset, its diagnostics named by
    /// its folder; it must be the same contract and an earlier year.
    package func loadPrevious(_ folder: URL, for dataset: Dataset) -> Aggregates? {
        let result = TermLoader.load([folder])
        let name = TermLoader.name(folder, among: [folder])
        for diagnostic in result.diagnostics { console.errLine(diagnostic.description) }
        guard let earlier = result.datasets?.first else {
            console.errLine("the dataset given with --previous has errors; nothing was written")
            return nil
        }
        if earlier.info.contract.id != dataset.info.contract.id {
            console.errLine("\(name)/report.yaml: error: --previous gives the contract '\(earlier.info.contract.id)', not '\(dataset.info.contract.id)'; give an earlier year of the same contract; nothing was written")
            return nil
        }
        if earlier.info.year >= dataset.info.year {
            console.errLine("\(name)/report.yaml: error: --previous gives \(earlier.info.year), not a year before \(dataset.info.year); nothing was written")
            return nil
        }
        return Aggregates(earlier)
    }

    /// Writes the report files; nothing at all when the dataset has errors
    /// or any output fails.
    public func render(dataset folder: URL, _ options: RenderOptions) -> ExitStatus {
        guard let dataset = load(folder) else { return .datasetErrors }
        var previous: Aggregates?
        if let folder = options.previous {
            guard let earlier = loadPrevious(folder, for: dataset) else { return .datasetErrors }
            previous = earlier
        }
        // One load and one aggregation; a document and a set of files per language.
        let languages = Self.languages(options.languages, default: dataset.info.language)
        let aggregates = Aggregates(dataset)
        defer { ExitKeeper.keep(dataset, aggregates) }
        let year = dataset.info.year
        var documents: [ReportLanguage: ReportDocument] = [:]
        var workbooks: [ReportLanguage: WorkbookContent] = [:]
        do {
            for language in languages {
                if options.formats.contains(.pdf) || options.formats.contains(.odt) {
                    let document = try Self.document(aggregates, language: language, template: options.template, paper: options.paper,
                                                     previous: previous)
                    // A warning met in several languages is said once.
                    for warning in document.warnings where !documents.values.contains(where: { $0.warnings.contains(warning) }) {
                        console.errLine("warning: \(warning)")
                    }
                    documents[language] = document
                }
                if options.formats.contains(where: \.isWorkbook) {
                    workbooks[language] = try WorkbookContent.year(
                        aggregates, template: try Self.template(options.template, language: language, paper: options.paper),
                        language: language, creationDate: Self.creationDate())
                }
            }
        } catch {
            console.errLine("\(error)")
            return .usage
        }
        return writeOutputs(languages: languages, documents: documents, workbooks: workbooks, tables: .year(aggregates),
                            options: options) {
            "contract-summary-\(year)-\($0.rawValue)"
        }
    }

    /// `render DS1 DS2 …`: the contract-term report, through the same
    /// document model and writers (files `contract-term-FIRST-LAST-LANG`).
    public func renderTerm(datasets folders: [URL], _ options: RenderOptions) -> ExitStatus {
        guard let datasets = loadTerm(folders) else { return .datasetErrors }
        let term = TermAggregates(datasets)
        defer { ExitKeeper.keep(datasets, term) }
        let languages = Self.languages(options.languages, default: term.info.language)
        var documents: [ReportLanguage: ReportDocument] = [:]
        var workbooks: [ReportLanguage: WorkbookContent] = [:]
        do {
            for language in languages where options.formats.contains(where: { $0 != .csv }) {
                let template = try Self.template(options.template, language: language, paper: options.paper)
                if options.formats.contains(.pdf) || options.formats.contains(.odt) {
                    documents[language] = try TermReportBuilder(term: term, template: template, language: language,
                                                                creationDate: Self.creationDate()).build()
                }
                if options.formats.contains(where: \.isWorkbook) {
                    workbooks[language] = try WorkbookContent.term(term, template: template, language: language,
                                                                   creationDate: Self.creationDate())
                }
            }
        } catch {
            console.errLine("\(error)")
            return .usage
        }
        return writeOutputs(languages: languages, documents: documents, workbooks: workbooks, tables: .term(term),
                            options: options) {
            "contract-term-\(term.firstYear)-\(term.lastYear)-\($0.rawValue)"
        }
    }

    /// The tables a render writes as CSV.
    package enum CSVTables: Sendable {
        case year(Aggregates)
        case term(TermAggregates)
    }

    /// Writes every language's files; nothing at all when any output fails.
    private func writeOutputs(languages: [ReportLanguage], documents: [ReportLanguage: ReportDocument],
                              workbooks: [ReportLanguage: WorkbookContent], tables: CSVTables,
                              options: RenderOptions, baseName: (ReportLanguage) -> String) -> ExitStatus {
        let transaction = OutputTransaction()
        TemporaryFiles.removeOnInterrupt()
        let progress = Progress()
        defer { progress.finish() }
        var written: [String] = []
        /// Printed once the progress line is gone.
        var laterWarnings: [String] = []
        // Folders this run creates are removed again if it fails.
        var created: [URL] = []
        func makeFolder(_ folder: URL) throws {
            var missing: [URL] = []
            var place = folder.standardizedFileURL
            while place.path != "/" && !FileManager.default.fileExists(atPath: place.path) {
                missing.insert(place, at: 0)
                place.deleteLastPathComponent()
            }
            created += missing  // outermost first; removed innermost first
            for folder in missing { TemporaryFiles.registerFolder(folder.path) }
            try OutputTransaction.makeFolder(folder)
        }
        do {
            try makeFolder(options.outputFolder)
            for language in languages {
                let document = documents[language]
                let base = baseName(language)
                // The tables' columns are measured once, for the PDF and the
                // ODT; the ODT's charts are drawn before the PDF holds the
                // fonts (`FontLock`), so that the ODT is written beside it.
                let besideThePDF = options.formats.contains(.pdf) && options.formats.contains(.odt)
                let columns = document.flatMap { besideThePDF ? TableColumns.measure($0) : nil }
                let charts = document.flatMap { besideThePDF ? ChartPictures.draw($0) : nil }
                let outputs = Outputs(formats: options.formats, document: document, columns: columns, charts: charts,
                                      tables: tables,
                                      workbook: workbooks[language], language: language,
                                      pdf: options.outputFolder.appendingPathComponent(base + ".pdf"),
                                      odt: options.outputFolder.appendingPathComponent(base + ".odt"),
                                      csvFolder: options.outputFolder.appendingPathComponent(base + "-csv"),
                                      base: options.outputFolder.appendingPathComponent(base))
                if options.formats.contains(.csv) { try makeFolder(outputs.csvFolder) }
                let named = languages.count > 1 ? "\(language.rawValue): " : ""
                // The ODT and the CSV tables do not need the PDF: with the PDF they
                // are made on the second core while this one lays out and draws it.
                // Every writer streams into its staged file as it goes.
                let side = SideOutputs()
                let group = DispatchGroup()
                // A failure in one output stops the other early.
                let cancellation = Cancellation()
                let withPDF = options.formats.contains(.pdf)
                let besidePDF = withPDF && options.formats.count > 1
                if besidePDF {
                    DispatchQueue.global().async(group: group) {
                        side.result = Result { try outputs.writeOthers(into: transaction, cancellation: cancellation) }
                        if case .failure = side.result { cancellation.cancel() }
                    }
                }
                var pdf: PDFOutput?
                let pdfResult = Result {
                    if withPDF, let document {
                        progress.update("\(named)PDF: laying out pages")
                        try transaction.stageFile(to: outputs.pdf) { sink in
                            pdf = try PDFWriter(standard: options.pdfStandard).write(document, to: sink, columns: outputs.columns,
                                                                             cancellation: cancellation) { page, pages in
                                progress.update("\(named)PDF: page \(page) of \(pages)")
                            }
                        }
                    }
                }
                if case .failure = pdfResult { cancellation.cancel() }
                group.wait()  // also when the PDF failed: nothing may still be writing when the files are removed
                // The failure that stopped the other output is the one to report.
                if case .failure(let error) = pdfResult, !(error is RenderStopped) { throw error }
                try side.result?.get()
                try pdfResult.get()
                if !besidePDF && options.formats.contains(where: { $0 != .pdf }) {
                    progress.update(named + (options.formats.contains(.odt) ? "ODT" : options.formats.contains(.csv) ? "CSV tables" : "workbook"))
                    try outputs.writeOthers(into: transaction, cancellation: nil)
                }
                for format in options.formats {
                    switch format {
                    case .csv: written.append(outputs.csvFolder.path + "/")
                    case .pdf:
                        // A missing character met in several languages is said once.
                        laterWarnings += pdf!.warnings.filter { !laterWarnings.contains($0) }
                        written.append("\(outputs.pdf.path) (\(pdf!.pages) pages)")
                    case .odt: written.append(outputs.odt.path)
                    case .xlsx, .ods: written.append(outputs.workbookURL(format).path)
                    }
                }
            }
            progress.update("writing files")
            try transaction.commit()
            TemporaryFiles.unregisterFolders()
        } catch {
            progress.finish()
            transaction.rollback()
            for folder in created.reversed() { rmdir(folder.path) }  // only if still empty
            console.errLine("error: \(error)")
            return .cannotWrite
        }
        progress.finish()
        for warning in laterWarnings { console.errLine("warning: \(warning)") }
        for path in written { console.errLine("wrote \(path)") }
        return .done
    }

    /// What a render writes, and where.
    private struct Outputs: Sendable {
        package var formats: [OutputFormat]
        package var document: ReportDocument?
        package var columns: TableColumns?
        package var charts: ChartPictures?
        package var tables: CSVTables
        package var workbook: WorkbookContent?
        package var language: ReportLanguage
        package var pdf: URL, odt: URL, csvFolder: URL
        /// The files' path without the extension.
        package var base: URL

        package func workbookURL(_ format: OutputFormat) -> URL {
            base.deletingLastPathComponent().appendingPathComponent(base.lastPathComponent + "." + format.rawValue)
        }

        /// The ODT, the CSV tables and the workbooks, each streamed into its staged file.
        package func writeOthers(into transaction: OutputTransaction, cancellation: Cancellation?) throws {
            if formats.contains(.odt), let document {
                try transaction.stagePath(to: odt) { path, shownAs in
                    try ODTWriter().write(document, toPath: path, shownAs: shownAs, columns: columns, charts: charts,
                                          cancellation: cancellation)
                }
            }
            if formats.contains(.csv) {
                let exporter = CSVExporter()
                switch tables {
                case .year(let aggregates):
                    let tables = ExportTables(aggregates, language: language)
                    // The longest tables first, so that both cores finish together.
                    let order: [ExportTable] = [.participation, .activities]
                        + ExportTable.allCases.filter { $0 != .participation && $0 != .activities }
                    try onEveryCore(order, rank: { ExportTable.allCases.firstIndex(of: $0)! }) { table in
                        if cancellation?.isCancelled ?? false { throw RenderStopped() }
                        try transaction.stageFile(to: csvFolder.appendingPathComponent(table.fileName)) { sink in
                            exporter.export(table, of: tables, to: sink)
                        }
                    }
                case .term(let term):
                    let tables = TermExportTables(term, language: language)
                    try onEveryCore(TermExportTable.allCases, rank: { TermExportTable.allCases.firstIndex(of: $0)! }) { table in
                        if cancellation?.isCancelled ?? false { throw RenderStopped() }
                        try transaction.stageFile(to: csvFolder.appendingPathComponent(table.fileName)) { sink in
                            exporter.export(table, of: tables, to: sink)
                        }
                    }
                }
            }
            for format in formats {
                guard let workbook, let kind = format.workbook else { continue }
                if cancellation?.isCancelled ?? false { throw RenderStopped() }
                try transaction.stagePath(to: workbookURL(format)) { path, shownAs in
                    try Commands.writeWorkbook(workbook, format: kind, toPath: path, shownAs: shownAs, cancellation: cancellation)
                }
            }
        }
    }

    /// Keeps a command's large values (a dataset, its aggregates) until the
    /// process exits, as compilers do with theirs: the system takes the
    /// memory back at once, where freeing a dataset of 100,000 activities
    /// string by string takes longer than some of the work. Only when the
    /// program is about to exit after the command (the `pacreport`
    /// executable turns it on); a library caller's values are freed as usual.
    public enum ExitKeeper {
        private static let lock = NSLock()
        nonisolated(unsafe) private static var kept: [Any] = []
        nonisolated(unsafe) private static var enabled = false

        /// Values handed to `keep` from now on are never freed.
        public static func enable() { lock.withLock { enabled = true } }

        static func keep(_ values: Any...) {
            lock.withLock { if enabled { kept.append(values) } }
        }
    }

    /// The outcome of the outputs made beside the PDF, on another thread.
    private final class SideOutputs: @unchecked Sendable {
        package var result: Result<Void, Error>?
    }

    // MARK: summary

    /// The key figures and the figures per centre, as aligned tables, in
    /// the language's wording (the template's strings).
    public func summary(dataset folder: URL, language: ReportLanguage?) -> ExitStatus {
        guard let dataset = load(folder, warnings: .pointer) else { return .datasetErrors }
        let language = language ?? dataset.info.language ?? .en
        do {
            console.out(try Self.summaryText(Aggregates(dataset), language: language))
        } catch {
            console.errLine("\(error)")
            return .usage
        }
        return outputStatus()
    }

    /// `summary DS1 DS2 …`: the figures of each year of the contract's term
    /// side by side, and the term's (countries and partners counted once).
    public func termSummary(datasets folders: [URL], language: ReportLanguage?) -> ExitStatus {
        guard let datasets = loadTerm(folders) else { return .datasetErrors }
        let term = TermAggregates(datasets)
        let language = language ?? term.info.language ?? .en
        do {
            console.out(try Self.termSummaryText(term, language: language))
        } catch {
            console.errLine("\(error)")
            return .usage
        }
        return outputStatus()
    }

    package static func termSummaryText(_ term: TermAggregates, language: ReportLanguage) throws -> String {
        let template = try ReportTemplate.load(folder: try Resources.template(nil), language: language)
        let b = ReportBuilder(aggregates: term.years.last!, template: template, language: language, creationDate: creationDate())
        let s = template.strings
        let info = term.info
        var text = "\(info.contract.title) (\(info.contract.id)): "
            + (try s.text("term_years", ["first": String(term.firstYear), "last": String(term.lastYear)])) + "\n"
        for year in term.missingYears { text += try s.text("term_missing_year", ["year": String(year)]) + "\n" }
        text += "\n"
        var table = TerminalTable(header: [try s.text("col_year"), try s.text("figure_activities"), try s.text("col_online"),
                                           try s.text("col_onsite"), try s.text("col_hybrid"), try s.text("figure_countries"),
                                           try s.text("figure_participants"), try s.text("figure_institutions"),
                                           try s.text("figure_hours")],
                                  alignments: [.left] + Array(repeating: .right, count: 8))
        func row(_ label: String, _ y: TermAggregates.YearFigures) throws -> [String] {
            [label, try b.number(y.activities), try b.number(y.formats.online), try b.number(y.formats.onsite),
             try b.number(y.formats.hybrid), try b.number(y.countries), try b.count(y.participants),
             try b.number(y.partnerInstitutions), try b.decimal(y.trainingHours)]
        }
        for y in term.byYear { table.add(try row(String(y.year), y)) }
        table.add(try row(try s.text("term_total"), term.total))
        return text + table.render()
    }

    package static func summaryText(_ a: Aggregates, language: ReportLanguage) throws -> String {
        let template = try ReportTemplate.load(folder: try Resources.template(nil), language: language)
        let b = ReportBuilder(aggregates: a, template: template, language: language, creationDate: creationDate())
        let s = template.strings
        let k = a.keyFigures
        let info = a.info
        var text = "\(try b.reportTitle()): \(info.contract.title) (\(info.contract.id))\n"
        if let year = k.contractYear { text += try s.text("summary_contract_year", ["contract_year": String(year)]) + "\n" }
        text += "\n"
        var figures = TerminalTable(header: [try s.text("summary_key_figure"), try s.text("summary_value")],
                                    alignments: [.left, .right])
        figures.add([try s.text("figure_activities"), try b.number(k.activities)])
        for (key, count) in [("col_online", k.formats.online), ("col_onsite", k.formats.onsite), ("col_hybrid", k.formats.hybrid)] {
            figures.add(["  " + (try s.text(key)), try b.number(count)])
        }
        figures.add([try s.text("figure_countries"), try b.number(k.countriesReached)])
        figures.add([try s.text("figure_participants"), try b.count(k.participants)])
        figures.add([try s.text("figure_institutions"), try b.number(k.partnerInstitutions)])
        figures.add([try s.text("figure_hours"), try b.decimal(k.trainingHours)])
        text += figures.render() + "\n"
        var centres = TerminalTable(header: [try s.text("summary_centre"), try s.text("col_activities"),
                                             try s.text("col_organized"), try s.text("col_participated"),
                                             try s.text("col_countries"), try s.text("col_participants")],
                                    alignments: [.left, .right, .right, .right, .right, .right])
        for c in a.byCentre {
            centres.add([c.centre.displayShort, try b.number(c.activities), try b.number(c.organized),
                         try b.number(c.participated), try b.number(c.countries), try b.count(c.participants)])
        }
        text += centres.render()
        if !a.planFulfilment.isEmpty {
            text += "\n" + (try s.text("summary_plan", ["year": String(info.year),
                                                         "fulfilled": try b.number(a.planFulfilment.filter(\.fulfilled).count),
                                                         "count": try b.number(a.planFulfilment.count)])) + "\n"
        }
        if !a.nextYearPlan.isEmpty {
            text += (a.planFulfilment.isEmpty ? "\n" : "")
                + (try s.text("summary_next_plan", ["year": String(info.year + 1), "count": try b.number(a.nextYearPlan.count)])) + "\n"
        }
        return text
    }

    // MARK: init

    /// Creates a new, valid, commented dataset in `folder`, which must be
    /// missing or empty so that nothing is overwritten.
    /// With `workbook`, the tables are one workbook `pac-YEAR.xlsx`/`.ods`;
    /// with `from` (a valid dataset), that dataset's report.yaml and
    /// tables rather than the starter's: a CSV dataset made a workbook.
    public func initDataset(_ folder: URL, year: Int, workbook: WorkbookFormat? = nil, from source: URL? = nil) -> ExitStatus {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            guard isDirectory.boolValue, contents.isEmpty else {
                console.errLine("error: \(folder.path) already exists and is not an empty folder; choose a new folder name so that nothing is overwritten")
                return .usage
            }
        }
        var year = year
        var files = StarterDataset.files(year: year, workbook: workbook)
        var tables = StarterDataset.tables(year: year)
        if let source {
            guard let workbook else {
                console.errLine("error: --from writes a dataset as one workbook; add --workbook xlsx or --workbook ods")
                return .usage
            }
            guard let dataset = load(source) else { return .datasetErrors }
            year = dataset.info.year
            guard let yaml = FileManager.default.contents(atPath: source.appendingPathComponent("report.yaml").path) else {
                console.errLine("error: cannot read \(source.appendingPathComponent("report.yaml").path)")
                return .cannotWrite
            }
            files = StarterDataset.files(year: year, workbook: workbook).map { $0.0 == "report.yaml" ? ($0.0, [UInt8](yaml)) : $0 }
            tables = StarterDataset.tables(of: dataset)
        }
        let transaction = OutputTransaction()
        var names = files.map(\.0)
        do {
            try OutputTransaction.makeFolder(folder)
            for (name, bytes) in files {
                try transaction.stage(bytes, to: folder.appendingPathComponent(name))
            }
            if let workbook {
                let name = "pac-\(year).\(workbook.rawValue)"
                let book = StarterDataset.workbook(tables, year: year, creationDate: Self.creationDate())
                try transaction.stagePath(to: folder.appendingPathComponent(name)) { path, shownAs in
                    try Self.writeWorkbook(book, format: workbook, toPath: path, shownAs: shownAs, cancellation: nil)
                }
                names.insert(name, at: 1)
            }
            try transaction.commit()
        } catch {
            console.errLine("error: \(error)")
            return .cannotWrite
        }
        console.errLine("created \(folder.path): \(names.joined(separator: ", "))")
        console.errLine("next: edit the files, then run 'pacreport check \(folder.path)'")
        return .done
    }
}
