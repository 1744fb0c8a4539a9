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

    package static func pt(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded))pt" : "\(rounded)pt"
    }

    /// The template's font families, in order.
    private var families: [String] {
        document.styleSheet.fontFamilies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// The first family of the template's list: the face the document names.
    package var mainFont: String { families.first ?? "" }

    /// The faces office suites take for Asian (CJK) and complex (Arabic,
    /// Hebrew ...) text: the template's first CJK and first Arabic family,
    /// as Pango takes them for the PDF.
    package var asianFont: String { families.first { $0.contains("CJK") } ?? mainFont }
    package var complexFont: String { families.first { $0.contains("Arabic") || $0.contains("Naskh") } ?? mainFont }

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

    /// Text properties of a look of the style sheet.
    static func text(_ look: TextLook) -> [(String, String)] {
        var properties = [("fo:font-size", pt(look.size)), ("fo:color", look.colour)]
        properties.append(("fo:font-weight", look.bold ? "bold" : "normal"))
        properties.append(("fo:font-style", look.italic ? "italic" : "normal"))
        return properties
    }

    /// Page numbers in the language's digits, as LibreOffice names the
    /// numbering: `1`, or `١, ٢, ٣, ...` for Arabic-Indic digits.
    package static func numberFormat(_ m: DocumentMetadata) -> String {
        let one = m.numeral(1)
        return one == "1" ? "1" : "\(one), \(m.numeral(2)), \(m.numeral(3)), ..."
    }

    /// The page's and the tables' writing mode: the document's direction.
    package static func writingMode(_ sheet: StyleSheet) -> String { sheet.rightToLeft ? "rl-tb" : "lr-tb" }

    package func write() -> [UInt8] {
        let x = XMLWriter()
        let sheet = document.styleSheet
        Self.startPart(x, "office:document-styles", families: sheet.fontFamilies)

        let (language, country) = { () -> (String, String) in
            let parts = document.metadata.language.regionalTag.split(separator: "-")
            return (String(parts[0]), String(parts[1]))
        }()
        x.start("office:styles")
        x.start("style:default-style")
        x.attribute("style:family", "paragraph")
        // No extra space between Chinese and Latin letters or digits
        // (LibreOffice's default for Asian text): the PDF has none, and
        // columns sized for "2020年12月24日" keep it on one line.
        // Alignment by side, not "start"/"end": LibreOffice takes "start" as
        // the left whatever a paragraph's direction, so a right-to-left
        // report names the right.
        x.empty("style:paragraph-properties", [("style:writing-mode", Self.writingMode(sheet)), ("fo:text-align", sheet.startSide),
                                               ("style:text-autospace", "none")])
        // The report's language in the slot of its script (ODF keeps
        // Western, Asian and complex-script text apart).
        let slot: String
        switch document.metadata.language.scriptClass {
        case .western: slot = ""
        case .asian: slot = "-asian"
        case .complex: slot = "-complex"
        }
        let languageSlots = slot.isEmpty ? [("fo:language", language), ("fo:country", country)]
            : [("style:language\(slot)", language), ("style:country\(slot)", country)]
        x.empty("style:text-properties", [
            ("style:font-name", mainFont), ("fo:font-size", Self.pt(sheet.body.size))] + languageSlots + [
            ("style:font-name-asian", asianFont), ("style:font-name-complex", complexFont),
            ("style:font-size-asian", Self.pt(sheet.body.size)), ("style:font-size-complex", Self.pt(sheet.body.size)),
            ("fo:color", sheet.body.colour)])
        x.end()
        paragraphStyle(x, "Standard", parent: nil)
        // Never one line alone at a page's foot or head, as in the PDF.
        paragraphStyle(x, "Text_20_body", display: "Text body",
                       paragraph: [("fo:margin-top", "0pt"), ("fo:margin-bottom", Self.pt(sheet.paragraphSpaceAfter)),
                                   ("fo:orphans", String(sheet.orphans)), ("fo:widows", String(sheet.orphans))],
                       text: Self.text(sheet.body))
        paragraphStyle(x, "Lead", parent: "Text_20_body", text: Self.text(sheet.lead))
        paragraphStyle(x, "Note", parent: "Text_20_body", text: Self.text(sheet.note))
        // Under a table or a chart: a small gap above, the block's space below.
        paragraphStyle(x, "Block_20_Note", display: "Block Note", parent: "Note",
                       paragraph: [("fo:margin-top", Self.pt(sheet.noteGap)), ("fo:margin-bottom", Self.pt(sheet.blockSpaceAfter))])
        // A chart's legend, between the chart and its description.
        paragraphStyle(x, "Caption", parent: "Note",
                       paragraph: [("fo:margin-top", Self.pt(sheet.noteGap)), ("fo:margin-bottom", "0pt")],
                       text: Self.text(sheet.caption))
        paragraphStyle(x, "Small", parent: "Text_20_body", text: Self.text(sheet.small))
        paragraphStyle(x, "Title", paragraph: [("fo:margin-bottom", Self.pt(sheet.titleSpaceAfter))],
                       text: Self.text(sheet.title))
        paragraphStyle(x, "Heading", paragraph: [("fo:keep-with-next", "always"), ("fo:keep-together", "always")],
                       text: Self.text(sheet.heading1))
        for level in 1...2 {
            paragraphStyle(x, "Heading_20_\(level)", display: "Heading \(level)", parent: "Heading",
                           paragraph: [("fo:margin-top", Self.pt(sheet.headingSpaceBefore(level))),
                                       ("fo:margin-bottom", Self.pt(sheet.headingSpaceAfter(level)))],
                           text: Self.text(sheet.heading(level)), outline: level)
        }
        paragraphStyle(x, "Table_20_Contents", display: "Table Contents", text: Self.text(sheet.tableBody))
        paragraphStyle(x, "Table_20_Contents_20_End", display: "Table Contents End", parent: "Table_20_Contents",
                       paragraph: [("fo:text-align", sheet.endSide)])
        paragraphStyle(x, "Table_20_Details", display: "Table Details", parent: "Table_20_Contents",
                       text: Self.text(sheet.tableDetails))
        paragraphStyle(x, "Table_20_Heading", display: "Table Heading", parent: "Table_20_Contents",
                       text: Self.text(sheet.tableHeader))
        paragraphStyle(x, "Table_20_Heading_20_End", display: "Table Heading End", parent: "Table_20_Heading",
                       paragraph: [("fo:text-align", sheet.endSide)])
        paragraphStyle(x, "P_Total", display: "Table Total", parent: "Table_20_Contents", text: Self.text(sheet.tableTotals))
        paragraphStyle(x, "P_Total_End", display: "Table Total End", parent: "Table_20_Contents_20_End",
                       text: Self.text(sheet.tableTotals))
        // A contact block is never split; an intro stays with what it introduces.
        paragraphStyle(x, "P_Keep", display: "Text body kept together", parent: "Text_20_body",
                       paragraph: [("fo:keep-together", "always")])
        paragraphStyle(x, "K_Text_20_body", display: "Text body kept with next", parent: "Text_20_body",
                       paragraph: [("fo:keep-with-next", "always")])
        paragraphStyle(x, "K_Lead", display: "Lead kept with next", parent: "Lead", paragraph: [("fo:keep-with-next", "always")])
        paragraphStyle(x, "Figure_20_Value", display: "Figure Value",
                       paragraph: [("fo:margin-bottom", Self.pt(sheet.figureLineGap))], text: Self.text(sheet.figureValue))
        paragraphStyle(x, "Figure_20_Label", display: "Figure Label",
                       paragraph: [("fo:margin-bottom", Self.pt(sheet.figureLineGap))], text: Self.text(sheet.figureLabel))
        paragraphStyle(x, "Figure_20_Detail", display: "Figure Detail", text: Self.text(sheet.figureDetail))
        paragraphStyle(x, "Figure", paragraph: [("fo:margin-top", "0pt"), ("fo:margin-bottom", "0pt"),
                                                ("fo:keep-with-next", "always")])
        // The running header at the start side, the footer at the end side.
        paragraphStyle(x, "Header", paragraph: [("fo:text-align", sheet.startSide)], text: Self.text(sheet.runningHeader))
        paragraphStyle(x, "Footer", paragraph: [("fo:text-align", sheet.endSide)], text: Self.text(sheet.runningFooter))
        paragraphStyle(x, "Contents_20_Heading", display: "Contents Heading", parent: "Heading",
                       paragraph: [("fo:margin-top", Self.pt(sheet.heading1SpaceBefore)),
                                   ("fo:margin-bottom", Self.pt(sheet.contentsTitleSpaceAfter))],
                       text: Self.text(sheet.heading1))
        for level in 1...2 {
            // The page number at the right, after a dotted leader.
            let indent = level == 1 ? 0 : sheet.contentsIndent
            x.start("style:style")
            x.attribute("style:name", "Contents_20_\(level)")
            x.attribute("style:display-name", "Contents \(level)")
            x.attribute("style:family", "paragraph")
            x.attribute("style:parent-style-name", "Standard")
            x.start("style:paragraph-properties")
            x.attribute("fo:margin-\(sheet.startSide)", Self.pt(indent))
            x.attribute("fo:margin-bottom", Self.pt(sheet.contentsEntryGap))
            x.start("style:tab-stops")
            x.empty("style:tab-stop", [("style:position", Self.pt(sheet.contentWidth - indent)), ("style:type", "right"),
                                       ("style:leader-style", "dotted"), ("style:leader-text", ".")])
            x.end()
            x.end()
            x.empty("style:text-properties", Self.allScripts(Self.text(level == 1 ? sheet.contents1 : sheet.contents2)))
            x.end()
        }
        x.end()  // office:styles

        // The page: margins to the running header and footer; the header's
        // text, gap and rule, and a spacing before the body (the PDF's layout
        // reads the same numbers).
        x.start("office:automatic-styles")
        x.start("style:page-layout")
        x.attribute("style:name", "pm1")
        x.empty("style:page-layout-properties", [
            ("fo:page-width", Self.pt(sheet.pageWidth)), ("fo:page-height", Self.pt(sheet.pageHeight)),
            ("style:print-orientation", "portrait"), ("style:writing-mode", Self.writingMode(sheet)),
            ("style:num-format", Self.numberFormat(document.metadata)),
            ("fo:margin-top", Self.pt(sheet.marginTop)), ("fo:margin-bottom", Self.pt(sheet.marginBottom)),
            ("fo:margin-left", Self.pt(sheet.marginLeft)), ("fo:margin-right", Self.pt(sheet.marginRight))])
        x.start("style:header-style")
        x.empty("style:header-footer-properties", [
            ("fo:min-height", "0pt"), ("fo:margin-bottom", Self.pt(sheet.headerSpacing)),
            ("fo:border-bottom", "\(Self.pt(sheet.runningHeaderRuleWidth)) solid \(sheet.runningHeaderRuleColour)"),
            ("fo:padding-bottom", Self.pt(sheet.headerRuleGap))])
        x.end()
        x.start("style:footer-style")
        x.empty("style:header-footer-properties", [("fo:min-height", "0pt"), ("fo:margin-top", Self.pt(sheet.footerSpacing))])
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
