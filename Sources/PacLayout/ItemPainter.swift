// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import CPangoCairo

/// Draws page items on a Cairo context. `tags` off for image surfaces.
package final class ItemPainter {
    package let cr: OpaquePointer
    package let shaper: TextShaper
    package var tags = true
    /// Page of each anchor, for the contents' page numbers.
    package var anchorPages: [String: Int] = [:]
    private var colours: [String: Colour] = [:]

    /// Page numbers in the document's digits (`metadata.numeral`).
    package var numeral: (Int) -> String = { String($0) }

    package init(cr: OpaquePointer, shaper: TextShaper, tags: Bool = true, anchorPages: [String: Int] = [:],
                 numeral: @escaping (Int) -> String = { String($0) }) {
        self.numeral = numeral
        self.cr = cr
        self.shaper = shaper
        self.tags = tags
        self.anchorPages = anchorPages
    }

    private func colour(_ hex: String) -> Colour {
        if let known = colours[hex] { return known }
        let parsed = Colour(hex: hex) ?? Colour(hex: "#000000")!
        colours[hex] = parsed
        return parsed
    }

    package static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }

    package func rule(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ colour: String, _ width: Double) {
        let c = self.colour(colour)
        cairo_set_source_rgb(cr, c.red, c.green, c.blue)
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, x1, y1)
        cairo_line_to(cr, x2, y2)
        cairo_stroke(cr)
    }

    package func draw(_ item: PageItem) {
        switch item {
        case let .text(text, x, y, lines):
            text.draw(cr, x: x, y: y, lines: lines)
        case let .fill(x, y, width, height, colour):
            let c = self.colour(colour)
            cairo_set_source_rgb(cr, c.red, c.green, c.blue)
            cairo_rectangle(cr, x, y, width, height)
            cairo_fill(cr)
        case let .rule(x1, y1, x2, y2, colour, width):
            rule(x1, y1, x2, y2, colour, width)
        case .beginTag(let name):
            if tags { cairo_tag_begin(cr, name, "") }
        case .endTag(let name):
            if tags { cairo_tag_end(cr, name) }
        case let .beginLink(target, x, y, width, height, _):
            guard tags else { return }
            let area = "rect=[\(x) \(y) \(width) \(height)]"
            if target.hasPrefix("#") {
                cairo_tag_begin(cr, CAIRO_TAG_LINK, "dest='\(Self.quoted(String(target.dropFirst())))' \(area)")
            } else {
                cairo_tag_begin(cr, CAIRO_TAG_LINK, "uri='\(Self.quoted(target))' \(area)")
            }
        case .endLink:
            if tags { cairo_tag_end(cr, CAIRO_TAG_LINK) }
        case let .destination(anchor, x, y):
            guard tags else { return }
            cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='\(Self.quoted(anchor))' x=\(x) y=\(y)")
            cairo_tag_end(cr, CAIRO_TAG_DEST)
        case let .pageNumber(anchor, x, width, y, style):
            let number = shaper.layout(numeral(anchorPages[anchor] ?? 0), style: style, width: width)
            number.draw(cr, x: x, y: y, lines: 0..<number.lineCount)
        }
    }
}
