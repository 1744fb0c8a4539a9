// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import Foundation
import Yams

/// Reads `report.yaml` through Yams' node tree, so that every value keeps
/// its place (line and column) and text stays text: `country: NO` is
/// Norway, `id: 2020` is the text "2020".
package enum ReportYAMLLoader {
    package static let file = DatasetLoader.reportFile
    package static let topKeys = ["year", "language", "title", "contract", "centres", "prepared_by"]
    package static let contractKeys = ["id", "title", "parties", "concluded", "ends"]
    package static let centreKeys = ["id", "name", "short", "role", "country", "city", "phone", "email", "web"]

    /// What report.yaml gave: the whole `ReportInfo` when it has no errors,
    /// and otherwise whatever parts are sound (the year, the declared centre
    /// ids), so that the CSV files are still checked against them.
    package struct Loaded {
        package var info: ReportInfo?
        package var year: Int?
        package var centreIds: [String]?
    }

    package static func load(_ bytes: [UInt8], log: DiagnosticLog) -> Loaded {
        let reader = Reader(log: log)
        let info = read(bytes, reader: reader)
        return Loaded(info: info, year: info?.year ?? reader.year, centreIds: info?.centres.map(\.id) ?? reader.declaredIds)
    }

    private static func read(_ bytes: [UInt8], reader: Reader) -> ReportInfo? {
        let log = reader.log
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = 1 + CSVReader.lineOffsetOfFirstInvalidByte(bytes)
            log.error(file, line: line, column: "1", "this line is not valid UTF-8 text; save report.yaml as UTF-8")
            return nil
        }
        let root: Node
        do {
            guard let node = try YAMLCompose.compose(text) else {
                log.error(file, line: 1, column: "1", "report.yaml is empty; it needs at least year, contract and centres (see 'pacreport init')")
                return nil
            }
            root = node
        } catch let error as YamlError {
            report(error, text: text, log: log)
            return nil
        } catch {
            log.error(file, line: 1, column: "1", "cannot be read as YAML: \(error)")
            return nil
        }
        return reader.info(root)
    }

    private static func report(_ error: YamlError, text: String, log: DiagnosticLog) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if let (line, column, message) = explain(text: text, line: mark.line) {
                log.error(file, line: line, column: String(column), message)
                return
            }
            let while_ = context.map { " (\($0.text))" } ?? ""
            log.error(file, line: mark.line, column: String(mark.column), "YAML syntax error: \(problem)\(while_)")
        case let .duplicatedKeysInMapping(duplicates, context):
            log.error(file, line: context.mark.line, column: String(context.mark.column),
                      "key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears twice in the same mapping")
        case let .reader(problem, _, _, _):
            log.error(file, line: 1, column: "1", "cannot be read: \(problem)")
        default:
            log.error(file, line: 1, column: "1", "cannot be read as YAML: \(error)")
        }
    }

    /// The two syntax errors people make in report.yaml, in plain words with
    /// the fix, instead of libyaml's text: a tab in a line's indentation (on
    /// or before the line where the parser stopped), and a value with an
    /// unquoted `: ` inside it (on that line).
    package static func explain(text: String, line errorLine: Int) -> (line: Int, column: Int, message: String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        guard errorLine >= 1, errorLine <= lines.count else { return nil }
        // The parser stops on the tab's line or just after it (a tab inside a
        // block of text further up is fine YAML, and not the problem).
        for number in max(1, errorLine - 1)...errorLine {
            let line = lines[number - 1]
            let indentation = line.prefix { $0 == " " || $0 == "\t" }
            if let tab = indentation.firstIndex(of: "\t"), indentation.count < line.count {
                let column = line.distance(from: line.startIndex, to: tab) + 1
                // Line it up with the key of the line above (after its "- ", if any).
                var width = indentation.count * 2
                if let above = lines[..<(number - 1)].last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.contains("\t") }) {
                    let spaces = above.prefix { $0 == " " }.count
                    width = above.dropFirst(spaces).hasPrefix("- ") ? spaces + 2 : spaces
                    if above.trimmingCharacters(in: .whitespaces).hasSuffix(":") { width += 2 }
                }
                let fixed = String(repeating: " ", count: width) + line.dropFirst(indentation.count)
                return (number, column, "this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces, '\(fixed)'")
            }
        }
        // key: value: more  →  key: "value: more"
        let line = lines[errorLine - 1]
        let indentation = line.prefix { $0 == " " }
        var rest = line.dropFirst(indentation.count)
        var listMark = ""
        if rest.hasPrefix("- ") { listMark = "- "; rest = rest.dropFirst(2) }
        if let colon = rest.range(of: ": ") {
            let key = rest[..<colon.lowerBound]
            var value = rest[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            if !key.isEmpty, !key.contains(" "), value.contains(": ") || value.hasSuffix(":"),
               !value.hasPrefix("\""), !value.hasPrefix("'"), !value.hasPrefix("{"), !value.hasPrefix("[") {
                if let hash = value.range(of: " #") {  // a comment stays outside the quotes
                    value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
                }
                let quoted = "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
                let column = indentation.count + listMark.count + key.count + 3
                return (errorLine, column,
                        "the value of '\(key)' has a ': ' inside it, which YAML reads as the start of another key; put the value in quotes: \(listMark)\(key): \(quoted)")
            }
        }
        return nil
    }

    /// Walks the node tree, reporting every problem at its node.
    package final class Reader {
        package let log: DiagnosticLog
        /// Sound parts of a report.yaml that has errors elsewhere.
        package var year: Int?
        package var declaredIds: [String]?

        package init(log: DiagnosticLog) { self.log = log }

        package func place(_ node: Node) -> (Int, String) {
            let mark = node.mark
            return (mark?.line ?? 1, String(mark?.column ?? 1))
        }

        package func error(_ node: Node, _ message: String) {
            let (line, column) = place(node)
            log.error(file, line: line, column: column, message)
        }

        package func warning(_ node: Node, _ message: String) {
            let (line, column) = place(node)
            log.warning(file, line: line, column: column, message)
        }

        /// The mapping of `node`, or an error naming `what` it should be.
        package func mapping(_ node: Node, _ what: String) -> Node.Mapping? {
            if let mapping = node.mapping { return mapping }
            error(node, "\(what) must be a mapping of keys and values")
            return nil
        }

        package func warnUnknownKeys(_ mapping: Node.Mapping, known: [String], in what: String) {
            for key in mapping.keys {
                guard let name = key.scalar?.string, !known.contains(name) else { continue }
                warning(key, "unknown key '\(name)' in \(what) is ignored; known keys: \(known.joined(separator: ", "))")
            }
        }

        /// A text value; nil (with an error when required) when missing.
        package func text(_ mapping: Node.Mapping, _ key: String, owner: Node, in what: String, required: Bool) -> String? {
            guard let node = mapping[key] else {
                if required { error(owner, "\(what) has no '\(key)'; it is required") }
                return nil
            }
            guard let scalar = node.scalar else {
                error(node, "'\(key)' must be a single text value")
                return nil
            }
            if scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                if required { error(node, "'\(key)' is empty; it is required") }
                return nil
            }
            let (line, column) = place(node)
            return TextSafety.clean(scalar.string, file: file, line: line, column: column, log: log)
        }

        package func date(_ mapping: Node.Mapping, _ key: String, owner: Node, in what: String) -> (ok: Bool, value: ISODate?) {
            guard let text = text(mapping, key, owner: owner, in: what, required: false) else { return (true, nil) }
            if let date = ISODate(parsing: text) { return (true, date) }
            error(mapping[key]!, FieldReader.dateProblem(text))
            return (false, nil)
        }

        package func info(_ root: Node) -> ReportInfo? {
            guard let top = mapping(root, "report.yaml") else { return nil }
            warnUnknownKeys(top, known: topKeys, in: "report.yaml")
            var ok = true

            var year: Int?
            if let text = text(top, "year", owner: root, in: "report.yaml", required: true) {
                if text.count == 4, let y = Int(text), text.utf8.allSatisfy({ (48...57).contains($0) }) {
                    year = y
                    self.year = y
                } else {
                    error(top["year"]!, "year '\(text)' is not a year; write the reporting year with four digits, e.g. 2020")
                    ok = false
                }
            } else { ok = false }

            var language: ReportLanguage?
            if let text = text(top, "language", owner: root, in: "report.yaml", required: false) {
                language = ReportLanguage(matching: text)
                if language == nil {
                    error(top["language"]!, "'\(text)' is not a report language; use one of: \(ReportLanguage.allowedList)")
                    ok = false
                }
            }
            let title = text(top, "title", owner: root, in: "report.yaml", required: false)
            let preparedBy = text(top, "prepared_by", owner: root, in: "report.yaml", required: false)

            let centres = self.centres(top, root: root)
            if centres == nil { ok = false }
            let contract = self.contract(top, root: root, centres: centres)
            if contract == nil { ok = false }

            guard ok, let year, let contract, let centres else { return nil }
            return ReportInfo(year: year, language: language, title: title, contract: contract,
                              centres: centres, preparedBy: preparedBy)
        }

        package func contract(_ top: Node.Mapping, root: Node, centres: [Centre]?) -> Contract? {
            guard let node = top["contract"] else {
                error(root, "report.yaml has no 'contract'; it is required (id, title, parties)")
                return nil
            }
            guard let map = mapping(node, "contract") else { return nil }
            warnUnknownKeys(map, known: contractKeys, in: "contract")
            var ok = true
            let id = text(map, "id", owner: node, in: "contract", required: true)
            let title = text(map, "title", owner: node, in: "contract", required: true)
            let concluded = date(map, "concluded", owner: node, in: "contract")
            let ends = date(map, "ends", owner: node, in: "contract")
            if let c = concluded.value, let e = ends.value, e < c {
                error(map["ends"]!, "the contract ends (\(e)) before it is concluded (\(c))")
                ok = false
            }
            var parties: [String] = []
            if let partiesNode = map["parties"] {
                if let list = partiesNode.sequence {
                    for item in list {
                        guard let id = item.scalar?.string, !id.isEmpty else {
                            error(item, "each party must be a centre id")
                            ok = false
                            continue
                        }
                        if let centres, !centres.contains(where: { $0.id == id }) {
                            error(item, "party '\(id)' is not a centre declared under 'centres'; declared: \(centres.map(\.id).joined(separator: ", "))")
                            ok = false
                        }
                        parties.append(id)
                    }
                    if list.isEmpty {
                        error(partiesNode, "'parties' is empty; name at least one centre id")
                        ok = false
                    }
                } else if let single = partiesNode.scalar?.string, !single.isEmpty {
                    error(partiesNode, "'parties' must be a list of centre ids, e.g. [\(single)]")
                    ok = false
                } else {
                    error(partiesNode, "'parties' is empty; name at least one centre id")
                    ok = false
                }
            } else {
                error(node, "contract has no 'parties'; it is required (a list of centre ids)")
                ok = false
            }
            guard ok, concluded.ok, ends.ok, let id, let title else { return nil }
            return Contract(id: id, title: title, parties: parties, concluded: concluded.value, ends: ends.value)
        }

        package func centres(_ top: Node.Mapping, root: Node) -> [Centre]? {
            guard let node = top["centres"] else {
                error(root, "report.yaml has no 'centres'; it is required (at least one centre)")
                return nil
            }
            guard let list = node.sequence, !list.isEmpty else {
                error(node, "'centres' must be a list of at least one centre (id, name, country)")
                return nil
            }
            var centres: [Centre] = []
            var ok = true
            var firstLine: [String: Int] = [:]
            defer { declaredIds = Array(firstLine.keys).sorted { firstLine[$0]! < firstLine[$1]! } }
            for item in list {
                guard let map = mapping(item, "each centre") else { ok = false; continue }
                warnUnknownKeys(map, known: centreKeys, in: "a centre")
                let id = text(map, "id", owner: item, in: "centre", required: true)
                if let id {
                    if id.isEmpty || !id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) {
                        error(map["id"]!, "centre id '\(id)' may use only a-z, 0-9, _ and -")
                        ok = false
                    } else if let first = firstLine[id] {
                        error(map["id"]!, "duplicate centre id '\(id)'; it is already used on line \(first)")
                        ok = false
                    } else {
                        firstLine[id] = place(map["id"]!).0
                    }
                } else { ok = false }
                let name = text(map, "name", owner: item, in: "centre", required: true)
                var country: String?
                if let code = text(map, "country", owner: item, in: "centre", required: true) {
                    country = Countries.normalise(code)
                    if country == nil {
                        error(map["country"]!, Countries.unknownCodeMessage(code))
                    }
                }
                guard let id, let name, let country else { ok = false; continue }
                centres.append(Centre(id: id, name: name,
                                      short: text(map, "short", owner: item, in: "centre", required: false),
                                      role: text(map, "role", owner: item, in: "centre", required: false),
                                      country: country,
                                      city: text(map, "city", owner: item, in: "centre", required: false),
                                      phone: text(map, "phone", owner: item, in: "centre", required: false),
                                      email: text(map, "email", owner: item, in: "centre", required: false),
                                      web: text(map, "web", owner: item, in: "centre", required: false)))
            }
            return ok ? centres : nil
        }
    }
}
