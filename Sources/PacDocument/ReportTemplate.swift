// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDataset
import PacAggregates
import Foundation
import Mustache
import Yams

/// A problem with a template folder, named by file, line and key.
public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let key { place += ": \(key)" }
        return "\(place): error: \(message)"
    }
}

/// The sections a template can list, in `template.yaml`'s `sections`.
public enum SectionID: String, CaseIterable, Sendable {
    case title, contents, keyFigures = "key-figures", byKind = "by-kind", centres, countries
    case activityLog = "activity-log", planFulfilment = "plan-fulfilment", workPlan = "work-plan", contacts
}

/// A report template folder (`Templates/contract-summary/`): section order
/// and style from `template.yaml`, wording from `strings/LANG.yaml`.
public struct ReportTemplate: Sendable {
    public var folder: URL
    public var sections: [SectionID]
    public var style: DocumentStyle
    public var strings: TemplateStrings

    public static let defaultName = "contract-summary"

    /// Loads `folder` for `language`.
    public static func load(folder: URL, language: ReportLanguage) throws -> ReportTemplate {
        let templateFile = folder.appendingPathComponent("template.yaml")
        let (root, name) = try yaml(templateFile)
        guard let map = root.mapping else { throw TemplateError(file: name, line: 1, message: "must be a mapping of keys") }
        var sections: [SectionID] = []
        if let list = map["sections"] {
            guard let items = list.sequence else {
                throw TemplateError(file: name, line: list.mark?.line, key: "sections", message: "must be a list of section names")
            }
            for item in items {
                let text = item.scalar?.string ?? ""
                guard let section = SectionID(rawValue: text) else {
                    throw TemplateError(file: name, line: item.mark?.line, key: "sections",
                                        message: "unknown section '\(text)'; known: \(SectionID.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                sections.append(section)
            }
        } else {
            sections = SectionID.allCases
        }
        let style = try StyleReader(file: name, root: map).style()
        let strings = try TemplateStrings.load(folder.appendingPathComponent("strings/\(language.rawValue).yaml"),
                                               displayName: "strings/\(language.rawValue).yaml", language: language)
        return ReportTemplate(folder: folder, sections: sections, style: style, strings: strings)
    }

    package static func yaml(_ url: URL) throws -> (Node, String) {
        let name = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TemplateError(file: url.path, message: "file not found")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(file: url.path, message: "not UTF-8 text")
        }
        do {
            guard let node = try YAMLCompose.compose(text) else { throw TemplateError(file: url.path, line: 1, message: "empty file") }
            return (node, url.path)
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw TemplateError(file: url.path, line: mark.line, message: "YAML syntax error: \(problem)")
            default:
                throw TemplateError(file: url.path, message: "cannot be read as YAML: \(error)")
            }
        } catch {
            _ = name
            throw error
        }
    }
}

/// Reads the `page`, `fonts` and `colours` of `template.yaml`.
package struct StyleReader {
    package let file: String
    package let root: Node.Mapping

    package func number(_ section: String, _ sub: String?, _ key: String, _ current: Double) throws -> Double {
        var node: Node? = root[section]
        if let sub { node = node?.mapping?[sub] }
        guard let value = node?.mapping?[key] else { return current }
        guard let text = value.scalar?.string, let number = Double(text), number >= 0 else {
            throw TemplateError(file: file, line: value.mark?.line, key: "\(section).\(sub.map { $0 + "." } ?? "")\(key)",
                                message: "must be a number")
        }
        return number
    }

    package func colour(_ key: String, _ current: String) throws -> String {
        guard let value = root["colours"]?.mapping?[key] else { return current }
        let text = value.scalar?.string ?? ""
        guard Colour(hex: text) != nil else {
            throw TemplateError(file: file, line: value.mark?.line, key: "colours.\(key)", message: "'\(text)' is not a colour; write it as #RRGGBB")
        }
        return text
    }

    package func style() throws -> DocumentStyle {
        var s = DocumentStyle()
        if let paper = root["page"]?.mapping?["paper"] {
            guard let value = DocumentStyle.Paper(rawValue: paper.scalar?.string.lowercased() ?? "") else {
                throw TemplateError(file: file, line: paper.mark?.line, key: "page.paper", message: "use a4 or letter")
            }
            s.paper = value
        }
        s.marginTop = try number("page", "margins_mm", "top", s.marginTop)
        s.marginBottom = try number("page", "margins_mm", "bottom", s.marginBottom)
        s.marginLeft = try number("page", "margins_mm", "left", s.marginLeft)
        s.marginRight = try number("page", "margins_mm", "right", s.marginRight)
        if let families = root["fonts"]?.mapping?["families"]?.scalar?.string { s.fontFamilies = families }
        s.bodySize = try number("fonts", "sizes_pt", "body", s.bodySize)
        s.smallSize = try number("fonts", "sizes_pt", "small", s.smallSize)
        s.titleSize = try number("fonts", "sizes_pt", "title", s.titleSize)
        s.heading1Size = try number("fonts", "sizes_pt", "heading1", s.heading1Size)
        s.heading2Size = try number("fonts", "sizes_pt", "heading2", s.heading2Size)
        s.figureSize = try number("fonts", "sizes_pt", "figure", s.figureSize)
        s.textColour = try colour("text", s.textColour)
        s.accentColour = try colour("accent", s.accentColour)
        s.mutedColour = try colour("muted", s.mutedColour)
        s.ruleColour = try colour("rule", s.ruleColour)
        s.headerFillColour = try colour("header_fill", s.headerFillColour)
        s.barColour = try colour("bar", s.barColour)
        s.barAtLeastColour = try colour("bar_at_least", s.barAtLeastColour)
        return s
    }
}

/// An sRGB colour from `#RRGGBB`.
public struct Colour: Sendable, Hashable {
    public var red: Double, green: Double, blue: Double

    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        red = Double((value >> 16) & 0xFF) / 255
        green = Double((value >> 8) & 0xFF) / 255
        blue = Double(value & 0xFF) / 255
    }
}

/// The wording of one language: Mustache templates by key. Nested
/// mappings are flattened with dots (`kinds.meeting`); lists keep their
/// items (`months`).
public struct TemplateStrings: Sendable {
    public var file: String
    private var values: [String: String]
    private var lines: [String: Int]
    private var lists: [String: [String]]
    /// Each template parsed once, when the file is checked.
    private var compiled: [String: MustacheTemplate] = [:]
    /// A right-to-left language: a left-to-right value (a Latin title, an
    /// id) is set in its sentence as an isolate (U+2068 … U+2069), so that
    /// the quotes, brackets and punctuation around it stay in place.
    private var isolates = false

    package static func load(_ url: URL, displayName: String, language: ReportLanguage) throws -> TemplateStrings {
        let (root, path) = try ReportTemplate.yaml(url)
        guard let map = root.mapping else { throw TemplateError(file: path, line: 1, message: "must be a mapping of keys") }
        var strings = TemplateStrings(file: path, values: [:], lines: [:], lists: [:])
        strings.isolates = language.isRightToLeft
        func walk(_ map: Node.Mapping, prefix: String) throws {
            for (keyNode, value) in map {
                let key = prefix + (keyNode.scalar?.string ?? "")
                if let scalar = value.scalar {
                    strings.values[key] = scalar.string
                    strings.lines[key] = value.mark?.line
                } else if let nested = value.mapping {
                    try walk(nested, prefix: key + ".")
                } else if let list = value.sequence {
                    strings.lists[key] = list.compactMap { $0.scalar?.string }
                    strings.lines[key] = value.mark?.line
                }
            }
        }
        try walk(map, prefix: "")
        try strings.validate(language)
        for (key, source) in strings.values where source.contains("{{") {
            strings.compiled[key] = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source)
        }
        return strings
    }

    /// Checks the file against `TemplateCatalog`: every string present,
    /// every template well-formed and using only its documented variables.
    package func validate(_ language: ReportLanguage) throws {
        var expected = TemplateCatalog.strings
        for (key, variables) in TemplateCatalog.plurals {
            for category in language.pluralCategories { expected["\(key).\(category.rawValue)"] = variables }
        }
        // Dates, numbers and lists come from CLDR unless the file gives
        // them; a group it gives, it gives whole.
        for group in TemplateCatalog.cldrOverrides {
            let given = group.filter(has)
            if !given.isEmpty, let missing = group.first(where: { !has($0) }) {
                throw TemplateError(file: file, line: lines[given[0]], key: missing,
                                    message: "missing string '\(missing)' for \(language.rawValue): give all of \(group.joined(separator: ", ")) or none (then CLDR's are used)")
            }
            for key in group where !has(key) { expected[key] = nil }
        }
        for key in expected.keys where TemplateCatalog.isWorkbookLabel(key) && !has(key) { expected[key] = nil }
        try validateSheetNames()
        for key in expected.keys.sorted() where values[key] == nil {
            let parent = key.split(separator: ".").dropLast().joined(separator: ".")
            throw TemplateError(file: file, line: lines[key] ?? lines[parent], key: key,
                                message: "missing string '\(key)' for \(language.rawValue)")
        }
        for (key, count) in TemplateCatalog.lists where lists[key] != nil && lists[key]?.count != count {
            throw TemplateError(file: file, line: lines[key], key: key, message: "needs a list of \(count) items")
        }
        for key in expected.keys.sorted() {
            let source = values[key]!
            let used = try Self.variables(in: source, file: file, line: lines[key], key: key)
            if let unknown = used.first(where: { !expected[key]!.contains($0) }) {
                let known = expected[key]!.sorted().map { "{{\($0)}}" }.joined(separator: ", ")
                throw TemplateError(file: file, line: lines[key], key: key,
                                    message: "unknown variable {{\(unknown)}}; this string knows \(known.isEmpty ? "no variables" : known)")
            }
            if key == "page_footer" {
                for slot in TemplateCatalog.footerSlots where !source.contains(slot) {
                    throw TemplateError(file: file, line: lines[key], key: key, message: "must contain \(slot)")
                }
            }
        }
    }

    /// Sheet names as Excel takes them: at most 31 characters (UTF-16
    /// units), none of `[ ] : * ? / \`, no `'` at either end, not
    /// "History", and no two alike whatever the letter case.
    private func validateSheetNames() throws {
        var seen: [String: String] = [:]
        for key in values.keys.sorted() where key.hasPrefix("sheets.") {
            let name = values[key]!
            func fail(_ why: String) throws {
                throw TemplateError(file: file, line: lines[key], key: key, message: "sheet name '\(name)' \(why)")
            }
            if name.isEmpty { try fail("is empty") }
            if name.utf16.count > 31 { try fail("has \(name.utf16.count) characters; a spreadsheet allows 31") }
            if let bad = name.first(where: { "[]:*?/\\".contains($0) }) { try fail("contains '\(bad)', which a sheet name may not") }
            if name.hasPrefix("'") || name.hasSuffix("'") { try fail("starts or ends with an apostrophe, which a sheet name may not") }
            if name.lowercased() == "history" { try fail("is reserved by Excel") }
            if let other = seen[name.lowercased()] { try fail("is also the name of \(other)") }
            seen[name.lowercased()] = key
        }
    }

    /// The variable names a Mustache template uses; an error when it is malformed.
    package static func variables(in source: String, file: String, line: Int?, key: String) throws -> [String] {
        do {
            _ = try MustacheTemplate(string: source)
        } catch let error as MustacheTemplate.ParserError {
            throw TemplateError(file: file, line: line, key: key,
                                message: "malformed template: \(error.error) at character \(error.context.columnNumber) of \"\(source)\"")
        } catch {
            throw TemplateError(file: file, line: line, key: key, message: "malformed template: \(error)")
        }
        var names: [String] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw TemplateError(file: file, line: line, key: key, message: "'{{' is never closed with '}}'")
            }
            var tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if tag.hasPrefix("{") { tag = String(tag.dropFirst()) }
            rest = rest[close.upperBound...]
            if rest.hasPrefix("}") { rest = rest.dropFirst() }
            guard let first = tag.first else { continue }
            if first == "!" || first == "%" || first == "=" || first == ">" { continue }
            if "#^/&".contains(first) { tag = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces) }
            if !tag.isEmpty && tag != "." { names.append(tag) }
        }
        return names
    }

    /// The counted form of `key` for `count` in `language` (CLDR plural rules).
    public func plural(_ key: String, _ count: Int, language: ReportLanguage, _ variables: [String: Any]) throws -> String {
        let category = language.pluralCategory(count)
        let specific = "\(key).\(category.rawValue)"
        return try text(values[specific] != nil ? specific : "\(key).other", variables)
    }

    /// `value` as an isolate when it is text with a left-to-right letter.
    private static func isolated(_ value: Any) -> Any {
        guard let text = value as? String, !text.hasPrefix("\u{2068}"),
              text.unicodeScalars.contains(where: { $0.properties.isAlphabetic && !$0.isRightToLeftLetter }) else { return value }
        return "\u{2068}" + text + "\u{2069}"
    }

    /// Whether the file gives `key` (a string or a list): the CLDR data a
    /// template may override (`months`, `date`, `number_group` …).
    public func has(_ key: String) -> Bool { values[key] != nil || lists[key] != nil }

    /// The raw text of `key`; an error naming the file and key when missing.
    public func raw(_ key: String) throws -> String {
        guard let value = values[key] else {
            throw TemplateError(file: file, key: key, message: "missing string '\(key)'")
        }
        return value
    }

    public func list(_ key: String, count: Int) throws -> [String] {
        guard let list = lists[key], list.count == count else {
            throw TemplateError(file: file, line: lines[key], key: key, message: "needs a list of \(count) items")
        }
        return list
    }

    /// `key` rendered with `variables`; text, not HTML: nothing is escaped.
    public func text(_ key: String, _ variables: [String: Any] = [:]) throws -> String {
        let variables = isolates ? variables.mapValues(Self.isolated) : variables
        if let template = compiled[key] { return template.render(variables) }
        let source = try raw(key)
        guard source.contains("{{") else { return source }
        do {
            let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source)
            return template.render(variables)
        } catch {
            throw TemplateError(file: file, line: lines[key], key: key, message: "malformed template: \(error)")
        }
    }
}
