// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import ArgumentParser
import Foundation
import PacReportKit

// Values in any letter case (`--lang RU`, `--paper A4`).
extension ExportTable: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
extension DocumentStyle.Paper: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
extension PDFStandard: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
extension ExportFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
extension WorkbookFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
extension ReportLanguage: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// What ArgumentParser would reject, said with a suggestion first ("did
/// you mean ...", as git does): a mistyped command, option, table, format,
/// language, paper or PDF standard. ArgumentParser reports a missing
/// required option before an unknown one (`--tabel by-country` gave
/// "Missing expected argument '--table'"), so this looks first.
enum UsageCheck {
    static let commands: [ParsableCommand.Type] = Pacreport.configuration.subcommands

    static func name(_ command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
    }

    /// The command named `name` on the command line, if any.
    static func command(named name: String) -> ParsableCommand.Type? {
        commands.first { self.name($0) == name }
    }

    /// The option names a command's help lists (`--table`, `-o`).
    static func options(of command: ParsableCommand.Type) -> [String] {
        let help = command.helpMessage(columns: 1000)
        var names: Set<String> = ["--help", "-h", "--help-hidden"]
        for word in help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "[" || $0 == "]" || $0 == "(" || $0 == ")" }) {
            let token = word.split(separator: "=")[0].split(separator: "<")[0]
            if token.hasPrefix("--"), token.count > 2, token.dropFirst(2).allSatisfy({ $0.isLetter || $0 == "-" }) { names.insert(String(token)) }
            else if token.hasPrefix("-"), token.count == 2, token.last!.isLetter { names.insert(String(token)) }
        }
        return names.sorted()
    }

    /// Values each option takes, where they are a fixed set.
    static let values: [String: [String]] = [
        "--table": ExportTable.allCases.map(\.rawValue),
        "--lang": ReportLanguage.allCases.map(\.rawValue),
        "--format": OutputFormat.allCases.map(\.rawValue),
        "--paper": DocumentStyle.Paper.allCases.map(\.rawValue),
        "--pdf-standard": PDFStandard.allCases.map(\.rawValue),
    ]
    static let nouns = ["--table": "table", "--lang": "language", "--format": "format", "--workbook": "workbook format", "--paper": "paper size",
                        "--pdf-standard": "PDF standard"]
    /// Options of `render` whose value is a comma-separated list.
    static let lists: Set<String> = ["--format", "--lang"]

    /// The first problem of `arguments` (without the program name), or nil.
    /// A command line ArgumentParser accepted (`refused` false) has its
    /// command names and its options' values looked at (`help rendr` shows
    /// the overview there; of `render --format pdx --format csv` it reads
    /// only the last), not its option names: they are known good, and
    /// reading them needs the commands' help texts, a few milliseconds of
    /// every run.
    static func problem(_ arguments: [String], refused: Bool) -> String? {
        guard let first = arguments.first else { return nil }
        // ArgumentParser's own machinery (the manual page, shell completions) passes by.
        if arguments.contains(where: { $0.hasPrefix("---") || $0.hasPrefix("--experimental") || $0.hasPrefix("--generate-completion") }) {
            return nil
        }
        if first.hasPrefix("-") {
            let root = ["--help", "-h", "--version"]
            let option = String(first.split(separator: "=")[0])
            return root.contains(option) ? nil
                : "unknown option '\(option)'\(Suggestion.hint(for: option, among: root)) (see 'pacreport --help')"
        }
        let names = commands.map(name)
        if first == "help" {
            guard arguments.count > 1, !names.contains(arguments[1]) else { return nil }
            return "unknown command '\(arguments[1])'\(Suggestion.hint(for: arguments[1], among: names)) (see 'pacreport --help')"
        }
        guard let command = command(named: first) else {
            return "unknown command '\(first)'\(Suggestion.hint(for: first, among: names)) (see 'pacreport --help')"
        }
        let known = refused ? options(of: command) : []
        var i = 1
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if argument == "--" { break }
            guard argument.hasPrefix("-"), argument != "-", Double(argument) == nil else { continue }
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            let option = parts[0]
            guard !refused || known.contains(option) else {
                // A short option is one letter: no spelling to correct, so the valid ones are listed.
                let hint = option.hasPrefix("--") ? Suggestion.hint(for: option, among: known.filter { $0.hasPrefix("--") && $0 != "--help-hidden" })
                                                  : "; use one of: \(known.filter { !$0.hasPrefix("--") }.joined(separator: ", "))"
                return "unknown option '\(option)' for '\(first)'\(hint)"
            }
            guard let allowed = name(command) == "export" && option == "--format" ? ExportFormat.allCases.map(\.rawValue)
                    : name(command) == "init" && option == "--workbook" ? ["xlsx", "ods"] : values[option] else { continue }
            let value = parts.count > 1 ? parts[1] : (i < arguments.count ? arguments[i] : nil)
            // A missing value (the next word is an option): ArgumentParser says so.
            guard let value, parts.count > 1 || !value.hasPrefix("--") else { continue }
            if parts.count == 1 { i += 1 }
            let isList = lists.contains(option) && name(command) == "render"
            let items = isList ? value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : [value]
            for item in items where !item.isEmpty && !allowed.contains(item.lowercased()) {
                return "unknown \(nouns[option] ?? option) '\(item)'\(Suggestion.hint(for: item, among: allowed))"
            }
        }
        return nil
    }
}

/// Turns a command's status into the process's exit code.
func finish(_ status: ExitStatus) throws {
    if status != .done { throw ExitCode(status.rawValue) }
}

/// The commands, writing to the process's standard output and error.
enum CLI {
    static var commands: Commands { Commands(console: StandardConsole()) }
}

struct DatasetArgument: ParsableArguments {
    @Argument(help: "The dataset folder: report.yaml and the tables activities, participation and plan, as CSV files, as .xlsx/.ods files, or as sheets of one workbook.",
              completion: .directory)
    var dataset: String

    var url: URL { URL(fileURLWithPath: dataset) }
}

struct Pacreport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pacreport",
        abstract: "Contract summary reports of IFLA PAC regional centres: PDF, ODT, CSV and workbooks (xlsx, ods).",
        discussion: """
        A dataset is a folder with one reporting year of one contract. Start with
          pacreport init my-2021          (a commented example dataset)
          pacreport check my-2021         (every problem, with file, line and column)
          pacreport summary my-2021       (the key figures on the terminal)
          pacreport export my-2021 --table by-country --excel -o countries.csv
          pacreport render my-2021 --out reports   (PDF and ODT; --format pdf,odt,csv,xlsx,ods)

        Exit status: 0 done (warnings allowed), 1 the dataset has errors (nothing
        written), 2 wrong usage, 3 an output could not be written.
        """,
        version: "pacreport \(PacReportVersion.current) (\(NativeLibraries.summary))",
        subcommands: [Render.self, Export.self, Check.self, Summary.self, Init.self]
    )
}

struct Check: ParsableCommand {
    // Every command names itself: ArgumentParser would otherwise spell the
    // names from the types' names at every start (run-time type lookups,
    // a millisecond of the static binary).
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a dataset and print every problem found.",
        discussion: """
        Problems are printed one per line on standard error as
          FILE:LINE:COLUMN: error: MESSAGE
        (or warning:); in a workbook FILE names the sheet and MESSAGE the
        cell. Warnings do not stop a report; errors do. Ten warnings of a
        kind are shown and the rest counted; --all shows every one.

        Example:
          pacreport check Examples/ifla-pac-2020
        """)

    @OptionGroup var input: DatasetArgument

    @Flag(help: "Show every warning (by default the first ten of each kind, and how many more).")
    var all = false

    func run() throws { try finish(CLI.commands.check(dataset: input.url, all: all)) }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export one table as CSV or as a workbook, to a file or to standard output.",
        discussion: """
        Tables: \(ExportTable.allCases.map(\.rawValue).joined(separator: ", ")).

        A workbook (--format xlsx or ods) has typed cells, headers and words in
        the language, a frozen and filtered header row; --excel, --delimiter
        and --bom are for CSV.

        Examples:
          pacreport export Examples/ifla-pac-2020 --table activities
          pacreport export Examples/ifla-pac-2020 --table by-country \\
            --lang ru --excel -o countries.csv
          pacreport export Examples/ifla-pac-2020 --table activities --format xlsx -o activities.xlsx
        """)

    @OptionGroup var input: DatasetArgument

    @Option(help: "The table to export.")
    var table: ExportTable

    @Option(help: "csv (default), xlsx or ods.")
    var format: ExportFormat = .csv

    @Option(help: "Language of the *_name columns, and of a workbook's headers and words (en, ru, kk, fr, es, de, ar, zh); default from report.yaml.")
    var lang: ReportLanguage?

    @Flag(help: "For spreadsheets: byte order mark, formula guard, and for ru/kk ';' with decimal commas.")
    var excel = false

    @Option(help: "The field delimiter: one character, or 'tab'.")
    var delimiter: String?

    @Flag(help: "Start the file with a UTF-8 byte order mark.")
    var bom = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.", completion: .file())
    var output: String?

    func validate() throws {
        if let delimiter, CSVStyle.delimiter(from: delimiter) == nil {
            throw ValidationError("--delimiter takes one character other than a quote or a line break, or 'tab'; got '\(delimiter)'")
        }
        if format != .csv, excel || delimiter != nil || bom {
            throw ValidationError("--excel, --delimiter and --bom shape CSV files; a workbook (--format \(format.rawValue)) needs none of them")
        }
    }

    func run() throws {
        let options = Commands.ExportOptions(
            table: table, language: lang, excel: excel, delimiter: delimiter.flatMap(CSVStyle.delimiter(from:)),
            byteOrderMark: bom, output: output.map { URL(fileURLWithPath: $0) }, format: format)
        try finish(CLI.commands.export(dataset: input.url, options))
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write the contract summary report.",
        discussion: """
        Writes contract-summary-YEAR-LANG.pdf and .odt, with csv the folder
        contract-summary-YEAR-LANG-csv/ with one file per table, with xlsx or
        ods a workbook with every table as a sheet, into --out;
        with --lang en,ru,kk one set of files per language. Files are written
        completely or not at all.

        Example:
          pacreport render Examples/ifla-pac-2020 --format csv --out reports
        """)

    @Argument(help: "The dataset folder; several folders of one contract (different years, any order) write the contract-term report.",
              completion: .directory)
    var datasets: [String]

    @Option(help: "Formats, separated by commas: pdf, odt, csv, xlsx, ods.")
    var format = "pdf,odt"

    @Option(help: "Report languages, separated by commas (en, ru, kk, fr, es, de, ar, zh; e.g. en,fr,ar writes each); default from report.yaml, else en.")
    var lang: String?

    @Option(help: "The output folder; created when missing.", completion: .directory)
    var out = "out"

    @Option(help: "A template name or a copied template folder (default: contract-summary).", completion: .directory)
    var template: String?

    @Option(help: "Paper size: a4 or letter; default from the template (A4).")
    var paper: DocumentStyle.Paper?

    @Option(name: .customLong("pdf-standard"),
            help: "The PDF's standard: a-2b (PDF/A-2b, for archives and submissions) or none (plain PDF).")
    var pdfStandard: PDFStandard = .a2b

    @Option(help: "A dataset of an earlier year of the same contract: each key figure shows that year's value and the change.",
            completion: .directory)
    var previous: String?

    func formats() throws -> [OutputFormat] {
        var formats: [OutputFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            guard let format = OutputFormat(rawValue: name) else {
                throw ValidationError("unknown format '\(name)'; use pdf, odt, csv, xlsx, ods or several separated by commas")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { throw ValidationError("--format names no format; use pdf, odt, csv, xlsx, ods") }
        return formats
    }

    func languages() throws -> [ReportLanguage] {
        try (lang ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map {
            guard let language = ReportLanguage(argument: $0) else {
                throw ValidationError("unknown language '\($0)'\(Suggestion.hint(for: $0, among: ReportLanguage.allCases.map(\.rawValue)))")
            }
            return language
        }
    }

    func validate() throws {
        _ = try formats()
        _ = try languages()
        guard !datasets.isEmpty else { throw ValidationError("give the dataset folder, e.g. pacreport render Examples/ifla-pac-2020") }
        if datasets.count > 1 && previous != nil {
            throw ValidationError("--previous goes with one dataset; several datasets already give the contract-term report")
        }
    }

    func run() throws {
        var options = Commands.RenderOptions(formats: try formats(), outputFolder: URL(fileURLWithPath: out),
                                             template: template, paper: paper, pdfStandard: pdfStandard)
        options.languages = try languages()
        options.previous = previous.map { URL(fileURLWithPath: $0) }
        let urls = datasets.map { URL(fileURLWithPath: $0) }
        if urls.count == 1 {
            try finish(CLI.commands.render(dataset: urls[0], options))
        } else {
            try finish(CLI.commands.renderTerm(datasets: urls, options))
        }
    }
}

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the key figures and the figures per centre; for several years, each year's.",
        discussion: """
        Examples:
          pacreport summary Examples/ifla-pac-2020
          pacreport summary Examples/ifla-pac-2020 Examples/ifla-pac-2021   (the contract's years side by side)
        """)

    @Argument(help: "The dataset folder; several folders of one contract (different years) give the figures of each year and of the term.",
              completion: .directory)
    var datasets: [String]

    @Option(help: "Language (en, ru, kk, fr, es, de, ar, zh); default from report.yaml.")
    var lang: ReportLanguage?

    func validate() throws {
        guard !datasets.isEmpty else { throw ValidationError("give the dataset folder, e.g. pacreport summary Examples/ifla-pac-2020") }
    }

    func run() throws {
        let urls = datasets.map { URL(fileURLWithPath: $0) }
        if urls.count == 1 {
            try finish(CLI.commands.summary(dataset: urls[0], language: lang))
        } else {
            try finish(CLI.commands.termSummary(datasets: urls, language: lang))
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new, valid, commented dataset to start from.",
        discussion: """
        The folder must be new or empty: nothing is ever overwritten.

        Example:
          pacreport init centre-2021 --year 2021
          pacreport init centre-2021 --year 2021 --workbook xlsx
          pacreport init almaty-2021-book --workbook xlsx --from almaty-2021   (a CSV dataset as one workbook)
        """)

    @Argument(help: "The new dataset folder.", completion: .directory)
    var folder: String

    @Option(help: "The reporting year; default: the current year.")
    var year: Int = Calendar(identifier: .gregorian).component(.year, from: Date())

    @Option(help: "Write the tables as one workbook (xlsx or ods, sheets activities, participation and plan, a note on each header cell) instead of CSV files.")
    var workbook: WorkbookFormat?

    @Option(help: "An existing dataset to write as one workbook (with --workbook): its report.yaml and its tables, not the example's.",
            completion: .directory)
    var from: String?

    func run() throws {
        try finish(CLI.commands.initDataset(URL(fileURLWithPath: folder), year: year, workbook: workbook,
                                            from: from.map { URL(fileURLWithPath: $0) }))
    }
}

// Parse and run; every usage error exits with 2 (docs/data-format.md, "Exit status"), not
// ArgumentParser's default of 64.
func exitForUsage(_ error: Error) -> Never {
    let code = Pacreport.exitCode(for: error)
    if code == .success {
        print(Pacreport.fullMessage(for: error))
        exit(0)
    }
    StandardConsole.writeStandardError(Pacreport.fullMessage(for: error) + "\n")
    exit(ExitStatus.usage.rawValue)
}
func exitIfMistyped(_ arguments: [String], refused: Bool) {
    guard let problem = UsageCheck.problem(arguments, refused: refused) else { return }
    StandardConsole.writeStandardError("Error: \(problem)\n")
    exit(ExitStatus.usage.rawValue)
}
// One command, then the process exits: its dataset need not be freed first.
Commands.ExitKeeper.enable()
let arguments = Array(CommandLine.arguments.dropFirst())
var command: ParsableCommand
// A command line that names a command is parsed by that command alone
// first: ArgumentParser, parsing from the root, reflects every command's
// arguments (for shell completions), 1.5 ms of every run. Whatever that
// refuses or asks for (help, a mistyped option) is parsed again from the
// root, so every message and exit code is ArgumentParser's as before.
do {
    if let first = arguments.first, let named = UsageCheck.command(named: first),
       let parsed = try? named.parseAsRoot(Array(arguments.dropFirst())), type(of: parsed) == named {  // not its help
        command = parsed
    } else {
        command = try Pacreport.parseAsRoot()
    }
} catch {
    // The usage check's message, with its suggestion, comes before
    // ArgumentParser's (also before --help when a word is mistyped).
    exitIfMistyped(arguments, refused: true)
    exitForUsage(error)
}
exitIfMistyped(arguments, refused: false)
do {
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    exitForUsage(error)
}
