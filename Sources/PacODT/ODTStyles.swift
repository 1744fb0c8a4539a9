// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import PacLayout
import PacOutput
/// `styles.xml`: fonts, the named paragraph and table styles, the page
/// layout with its header (short title) and footer (page X of Y fields).
package struct ODTStyles {
    package let document: ReportDocument
    package var style: DocumentStyle { document.style }

    package static func pt(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded))pt" : "\(rounded)pt"
    }

    package static func mm(_ value: Double) -> String { pt(value * 72 / 25.4) }

    package static func languageTag(_ language: ReportLanguage) -> String {
        switch language {
        case .en: return "en-GB"
        case .ru: return "ru-RU"
        case .kk: return "kk-KZ"
        }
    }

    /// The first family of the template's list: the face the document names.
    package var mainFont: String {
        style.fontFamilies.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "Noto Sans"
    }

    package static func fontFaces(_ x: XMLWriter, families: String) {
        x.start("office:font-face-decls")
        var seen = Set<String>()
        for family in families.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !family.isEmpty {
            guard seen.insert(family).inserted else { continue }
            x.empty("style:font-face", [("style:name", family), ("svg:font-family", "'\(family)'"),
                                         ("style:font-family-generic", "swiss"), ("style:font-pitch", "variable")])
        }
        x.end()
    }

    /// Text properties for every script: office suites keep the size,
    /// weight and style of Asian (CJK) and complex (Arabic, Hebrew) text
    /// apart from the Western ones, so each is set three times.
    package static func allScripts(_ properties: [(String, String)]) -> [(String, String)] {
        var out = properties
        for (key, value) in properties {
            guard let name = ["fo:font-size": "font-size", "fo:font-weight": "font-weight",
                              "fo:font-style": "font-style"][key] else { continue }
            out.append(("style:\(name)-asian", value))
            out.append(("style:\(name)-complex", value))
        }
        return out
    }

    /// The root element of an ODF XML part, with the namespaces, the
    /// version and the font faces every part starts with.
    package static func startPart(_ x: XMLWriter, _ root: String, families: String) {
        x.start(root)
        for (k, v) in ODTWriter.namespaces { x.attribute(k, v) }
        x.attribute("office:version", "1.3")
        fontFaces(x, families: families)
    }

    package func paragraphStyle(_ x: XMLWriter, _ name: String, display: String? = nil, parent: String? = "Standard",
                        paragraph: [(String, String)] = [], text: [(String, String)] = [], outline: Int? = nil) {
        Self.paragraphStyle(x, name, display: display, parent: parent, paragraph: paragraph, text: text, outline: outline)
    }

    /// A paragraph style (named in styles.xml, automatic in content.xml).
    package static func paragraphStyle(_ x: XMLWriter, _ name: String, display: String? = nil, parent: String? = "Standard",
                               paragraph: [(String, String)] = [], text: [(String, String)] = [], outline: Int? = nil) {
        x.start("style:style")
        x.attribute("style:name", name)
        if let display { x.attribute("style:display-name", display) }
        x.attribute("style:family", "paragraph")
        if let parent { x.attribute("style:parent-style-name", parent) }
        if let outline { x.attribute("style:default-outline-level", String(outline)) }
        if !paragraph.isEmpty { x.empty("style:paragraph-properties", paragraph) }
        if !text.isEmpty { x.empty("style:text-properties", allScripts(text)) }
        x.end()
    }

    package func write() -> [UInt8] {
        let x = XMLWriter()
        Self.startPart(x, "office:document-styles", families: style.fontFamilies)

        let (language, country) = { () -> (String, String) in
            let parts = Self.languageTag(document.metadata.language).split(separator: "-")
            return (String(parts[0]), String(parts[1]))
        }()
        x.start("office:styles")
        x.start("style:default-style")
        x.attribute("style:family", "paragraph")
        x.empty("style:paragraph-properties", [("style:writing-mode", "page")])
        x.empty("style:text-properties", [
            ("style:font-name", mainFont), ("fo:font-size", Self.pt(style.bodySize)),
            ("fo:language", language), ("fo:country", country),
            ("style:font-name-asian", "Noto Sans CJK SC"), ("style:font-name-complex", "Noto Sans Arabic"),
            ("style:font-size-asian", Self.pt(style.bodySize)), ("style:font-size-complex", Self.pt(style.bodySize)),
            ("fo:color", style.textColour)])
        x.end()
        paragraphStyle(x, "Standard", parent: nil)
        paragraphStyle(x, "Text_20_body", display: "Text body",
                       paragraph: [("fo:margin-top", "0pt"), ("fo:margin-bottom", Self.pt(style.bodySize * 0.6))])
        paragraphStyle(x, "Lead", parent: "Text_20_body", text: [("fo:font-size", Self.pt(style.bodySize * 1.1)),
                                                              ("fo:color", style.mutedColour)])
        paragraphStyle(x, "Note", parent: "Text_20_body", text: [("fo:font-size", Self.pt(style.smallSize)),
                                                              ("fo:font-style", "italic"), ("fo:color", style.mutedColour)])
        paragraphStyle(x, "Small", parent: "Text_20_body", text: [("fo:font-size", Self.pt(style.smallSize))])
        paragraphStyle(x, "Title", paragraph: [("fo:margin-bottom", "6pt")],
                       text: [("fo:font-size", Self.pt(style.titleSize)), ("fo:font-weight", "bold"),
                              ("fo:color", style.accentColour)])
        paragraphStyle(x, "Heading", paragraph: [("fo:keep-with-next", "always"), ("fo:margin-top", "12pt"),
                                                 ("fo:margin-bottom", "4pt")],
                       text: [("fo:font-weight", "bold"), ("fo:color", style.accentColour)])
        paragraphStyle(x, "Heading_20_1", display: "Heading 1", parent: "Heading",
                       text: [("fo:font-size", Self.pt(style.heading1Size))], outline: 1)
        paragraphStyle(x, "Heading_20_2", display: "Heading 2", parent: "Heading",
                       text: [("fo:font-size", Self.pt(style.heading2Size))], outline: 2)
        paragraphStyle(x, "Table_20_Contents", display: "Table Contents")
        paragraphStyle(x, "Table_20_Contents_20_End", display: "Table Contents End", parent: "Table_20_Contents",
                       paragraph: [("fo:text-align", "end")])
        paragraphStyle(x, "Table_20_Heading", display: "Table Heading", parent: "Table_20_Contents",
                       text: [("fo:font-weight", "bold"), ("fo:font-size", Self.pt(style.smallSize + 0.5))])
        paragraphStyle(x, "Table_20_Heading_20_End", display: "Table Heading End", parent: "Table_20_Heading",
                       paragraph: [("fo:text-align", "end")])
        paragraphStyle(x, "Figure_20_Value", display: "Figure Value",
                       text: [("fo:font-size", Self.pt(style.figureSize)), ("fo:font-weight", "bold"),
                              ("fo:color", style.accentColour)])
        paragraphStyle(x, "Figure_20_Label", display: "Figure Label", text: [("fo:font-weight", "bold")])
        paragraphStyle(x, "Figure_20_Detail", display: "Figure Detail",
                       text: [("fo:font-size", Self.pt(style.smallSize)), ("fo:color", style.mutedColour)])
        paragraphStyle(x, "Figure", paragraph: [("fo:margin-top", "4pt"), ("fo:margin-bottom", "2pt")])
        paragraphStyle(x, "Header", text: [("fo:font-size", Self.pt(style.smallSize)), ("fo:color", style.mutedColour)])
        paragraphStyle(x, "Footer", paragraph: [("fo:text-align", "end")],
                       text: [("fo:font-size", Self.pt(style.smallSize)), ("fo:color", style.mutedColour)])
        paragraphStyle(x, "Contents_20_Heading", display: "Contents Heading", parent: "Heading",
                       text: [("fo:font-size", Self.pt(style.heading1Size))])
        paragraphStyle(x, "Contents_20_1", display: "Contents 1", text: [("fo:font-weight", "bold")])
        paragraphStyle(x, "Contents_20_2", display: "Contents 2", paragraph: [("fo:margin-left", "14pt")])
        x.end()  // office:styles

        let (width, height) = style.paper.size
        x.start("office:automatic-styles")
        x.start("style:page-layout")
        x.attribute("style:name", "pm1")
        x.empty("style:page-layout-properties", [
            ("fo:page-width", Self.pt(width)), ("fo:page-height", Self.pt(height)),
            ("style:print-orientation", "portrait"),
            ("fo:margin-top", Self.mm(max(5, style.marginTop - 10))), ("fo:margin-bottom", Self.mm(max(5, style.marginBottom - 8))),
            ("fo:margin-left", Self.mm(style.marginLeft)), ("fo:margin-right", Self.mm(style.marginRight))])
        x.start("style:header-style")
        x.empty("style:header-footer-properties", [("fo:min-height", "0pt"), ("fo:margin-bottom", "8pt"),
                                                   ("fo:border-bottom", "0.5pt solid \(style.ruleColour)"),
                                                   ("fo:padding-bottom", "2pt")])
        x.end()
        x.start("style:footer-style")
        x.empty("style:header-footer-properties", [("fo:min-height", "0pt"), ("fo:margin-top", "8pt")])
        x.end()
        x.end()  // page-layout
        x.end()  // automatic-styles

        x.start("office:master-styles")
        x.start("style:master-page")
        x.attribute("style:name", "Standard")
        x.attribute("style:page-layout-name", "pm1")
        x.start("style:header")
        x.element("text:p", [("text:style-name", "Header")], text: document.metadata.shortTitle)
        x.end()
        x.start("style:footer")
        x.start("text:p")
        x.attribute("text:style-name", "Footer")
        footer(x)
        x.end()
        x.end()
        x.end()  // master-page
        x.end()  // master-styles
        x.end()
        return x.finish()
    }

    /// The footer wording with its `{page}` and `{pages}` slots as fields.
    package func footer(_ x: XMLWriter) {
        var rest = Substring(document.metadata.pageFooter)
        while !rest.isEmpty {
            if rest.hasPrefix("{page}") {
                x.element("text:page-number", [("text:select-page", "current")], text: "1")
                rest = rest.dropFirst("{page}".count)
            } else if rest.hasPrefix("{pages}") {
                x.element("text:page-count", text: "1")
                rest = rest.dropFirst("{pages}".count)
            } else {
                let next = rest.dropFirst().firstIndex(of: "{") ?? rest.endIndex
                x.text(String(rest[..<next]))
                rest = rest[next...]
            }
        }
    }
}
