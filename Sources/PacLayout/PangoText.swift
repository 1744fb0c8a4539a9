// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import CPangoCairo
import Foundation

/// Loads `Fonts/fonts.conf` once per process, before Pango's first use,
/// and holds the process's one Pango font map.
package enum FontSetup {
    /// Every `TextShaper`'s font map, made once and never freed. Not
    /// Pango's default one: that is one per thread, freed (with its fonts)
    /// by GLib when the thread ends, outside `FontLock`; this one is used
    /// only by the thread holding the lock.
    nonisolated(unsafe) package static let fontMap: UnsafeMutablePointer<PangoFontMap> = FontLock.held {
        loadConfiguration()
        return pango_cairo_font_map_new()!
    }

    /// Makes `Fonts/fonts.conf` fontconfig's current configuration (once:
    /// only `fontMap`'s one-time initializer calls it).
    private static func loadConfiguration() {
        guard let fonts = try? Resources.folder("Fonts") else { return }
        let file = fonts.appendingPathComponent("fonts.conf").path
        guard FileManager.default.fileExists(atPath: file), let config = FcConfigCreate() else { return }
        if FcConfigParseAndLoad(config, file, 1) != 0, FcConfigBuildFonts(config) != 0 {
            FcConfigSetCurrent(config)
        }
        FcConfigDestroy(config)  // the current config holds its own reference
    }
}

/// The font and colour of a piece of text.
package struct TextStyle: Hashable {
    package var size: Double
    package var bold = false
    package var italic = false
    package var colour: String
    package var alignment: Table.Alignment = .start

    package init(size: Double, bold: Bool = false, italic: Bool = false, colour: String, alignment: Table.Alignment = .start) {
        self.size = size; self.bold = bold; self.italic = italic; self.colour = colour; self.alignment = alignment
    }

    /// A look of the style sheet, aligned.
    package init(_ look: TextLook, alignment: Table.Alignment = .start) {
        self.init(size: look.size, bold: look.bold, italic: look.italic, colour: look.colour, alignment: alignment)
    }
}

/// A Pango context at 72 dpi (one Pango unit per 1/1024 point) with the
/// template's font families; owns the context and frees it in `deinit`.
package final class TextShaper {
    package let context: OpaquePointer
    package let families: String
    package let language: ReportLanguage
    /// Characters no font had, by text (for one warning per text).
    package private(set) var missingGlyphs: [(text: String, codePoints: [UInt32])] = []

    /// Text in a right-to-left document starts at the right: alignments
    /// are physical (`start` is the right edge), whatever the direction
    /// of the text itself.
    package let rightToLeft: Bool

    /// The font map the context's fonts come from.
    package var fontMap: UnsafeMutableRawPointer { UnsafeMutableRawPointer(pango_context_get_font_map(context)) }

    /// Made, used and freed while the current thread holds `FontLock`.
    package init(families: String, language: ReportLanguage, rightToLeft: Bool = false) {
        FontLock.assertHeld("a TextShaper made")
        self.rightToLeft = rightToLeft
        context = pango_font_map_create_context(FontSetup.fontMap)
        self.families = families
        self.language = language
        pango_cairo_context_set_resolution(context, 72)
        // Since Pango 1.44 glyph positions are rounded to whole device units
        // (1 pt here). The gaps that leaves between right-to-left letters make
        // pdftotext split Hebrew words; unrounded positions are also simply
        // right for vector output.
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_language(context, pango_language_from_string(language.textLanguage))
        // Unhinted metrics: line heights as the font says (9.5 pt text gets
        // 12.94 pt lines, not 14 pt rounded to the 72 dpi "pixel"), as
        // LibreOffice lays out the ODT, so both break pages alike.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    deinit {
        // Freeing layouts and the context can free fonts: under the lock too.
        FontLock.held {
            cache.removeAll()
            for font in fonts.values { pango_font_description_free(font) }
            g_object_unref(UnsafeMutableRawPointer(context))
        }
    }

    /// A shaper for `document`: its style sheet's fonts and direction, its language.
    package convenience init(_ document: ReportDocument) {
        self.init(families: document.styleSheet.fontFamilies, language: document.metadata.language,
                  rightToLeft: document.styleSheet.rightToLeft)
    }

    /// The Cairo and Pango this process runs with.
    package static var cairoVersion: String { String(cString: cairo_version_string()) }
    package static var pangoVersion: String { String(cString: pango_version_string()) }

    /// The language Pango should shape `text` in: Han characters take the
    /// Chinese face unless the text has kana (Japanese) or hangul (Korean).
    package static func scriptLanguage(_ text: String) -> String? {
        var han = false, kana = false, hangul = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3040...0x30FF, 0x31F0...0x31FF: kana = true
            case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: hangul = true
            case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF: han = true
            default: continue
            }
        }
        if kana { return "ja" }
        if hangul { return "ko" }
        if han { return "zh-cn" }
        return nil
    }

    /// Shapes `runs` into lines no wider than `width` points.
    /// The family list for text in `scriptLanguage`: Japanese and Korean
    /// text take their own CJK face first, for the right glyph forms.
    package func families(for scriptLanguage: String?) -> String {
        let preferred: String
        switch scriptLanguage {
        case "ja": preferred = "Noto Sans CJK JP"
        case "ko": preferred = "Noto Sans CJK KR"
        default: return families
        }
        var list = families.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let at = list.firstIndex(of: preferred),
              let firstCJK = list.firstIndex(where: { $0.hasPrefix("Noto Sans CJK") }), firstCJK < at else { return families }
        list.remove(at: at)
        list.insert(preferred, at: firstCJK)
        return list.joined(separator: ", ")
    }

    package func layout(_ runs: [Run], style: TextStyle, width: Double?, notingMissing: Bool = true) -> TextLayout {
        TextLayout(shaper: self, runs: runs, style: style, width: width, notingMissing: notingMissing)
    }

    /// Short texts repeat (kinds, formats, dates, country lists, counts):
    /// they are shaped once and the layout is reused, as it never changes.
    private struct CacheKey: Hashable {
        package var text: String
        package var style: TextStyle
        package var width: Double?
    }
    private var cache: [CacheKey: TextLayout] = [:]
    private let cacheLimit = 20_000

    /// `notingMissing` false for a measurement that is not shown (a word
    /// measured alone): its text is warned about where it is shown.
    package func layout(_ text: String, style: TextStyle, width: Double?, notingMissing: Bool = true) -> TextLayout {
        guard text.utf8.count <= 48 else {
            return layout([Run(text)], style: style, width: width, notingMissing: notingMissing)
        }
        let key = CacheKey(text: text, style: style, width: width)
        if let known = cache[key] {
            if notingMissing && !known.missing.isEmpty { noteMissing(text, known.missing) }  // once per text
            return known
        }
        let made = layout([Run(text)], style: style, width: width, notingMissing: notingMissing)
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = made
        return made
    }

    private struct FontKey: Hashable {
        package var scriptLanguage: String?
        package var size: Double
        package var bold: Bool
        package var italic: Bool
    }
    private var fonts: [FontKey: OpaquePointer] = [:]

    /// The font description for a style, made once (freed in `deinit`).
    package func font(_ style: TextStyle, scriptLanguage: String?) -> OpaquePointer {
        let key = FontKey(scriptLanguage: scriptLanguage, size: style.size, bold: style.bold, italic: style.italic)
        if let known = fonts[key] { return known }
        let font = pango_font_description_from_string(families(for: scriptLanguage))!
        pango_font_description_set_absolute_size(font, style.size * Double(PANGO_SCALE))
        if style.bold { pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD) }
        if style.italic { pango_font_description_set_style(font, PANGO_STYLE_ITALIC) }
        fonts[key] = font
        return font
    }

    /// Off for a second pass over texts already noted.
    package var notesMissingGlyphs = true
    private var notedTexts = Set<String>()

    /// Notes characters of `text` no font has, once per text.
    package func noteMissing(_ text: String, _ codePoints: [UInt32]) {
        guard notesMissingGlyphs, notedTexts.insert(text).inserted else { return }
        missingGlyphs.append((text, codePoints))
    }
}

/// A shaped, line-broken piece of text (one PangoLayout, freed in `deinit`),
/// with the geometry of its lines so that it can be split across pages.
package final class TextLayout {
    package let layout: OpaquePointer
    package let style: TextStyle
    package let width: Double
    package let height: Double
    /// Per line, in points from the layout's top: top, bottom, baseline, x.
    package private(set) var lines: [(top: Double, bottom: Double, baseline: Double, x: Double)] = []
    /// Link areas: target and the rectangle in layout coordinates.
    package private(set) var links: [(target: String, x: Double, y: Double, width: Double, height: Double)] = []
    package let text: String
    package let colour: Colour
    /// Characters no font had (their glyphs show as boxes).
    package private(set) var missing: [UInt32] = []

    package init(shaper: TextShaper, runs: [Run], style: TextStyle, width: Double?, notingMissing: Bool = true) {
        FontLock.assertHeld("text shaped")
        self.style = style
        colour = Colour(hex: style.colour) ?? Colour(hex: "#000000")!
        layout = pango_layout_new(shaper.context)
        let text = runs.map(\.text).joined()
        self.text = text
        let scriptLanguage = TextShaper.scriptLanguage(text)
        pango_layout_set_font_description(layout, shaper.font(style, scriptLanguage: scriptLanguage))
        if let width {
            pango_layout_set_width(layout, Int32(max(1, width) * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        // Where lines go in the box, physically: `start` is the left edge
        // of a left-to-right document and the right edge of a right-to-left
        // one, whatever the text's own direction.
        let physical: PangoAlignment
        switch style.alignment {
        case .start: physical = shaper.rightToLeft ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT
        case .end: physical = shaper.rightToLeft ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT
        case .center: physical = PANGO_ALIGN_CENTER
        }
        // Each paragraph takes its direction from its first strong letter,
        // so a Latin title stays left-to-right and readable in an Arabic
        // report, and an Arabic one right-to-left in an English report.
        // Pango would align a paragraph by its own direction; each line is
        // placed here instead (below), by the physical alignment.
        pango_layout_set_auto_dir(layout, 1)
        pango_layout_set_text(layout, text, -1)

        // Styled runs, links and the language of CJK text, as attributes.
        let attributes = pango_attr_list_new()
        var offset = 0
        for run in runs {
            let length = run.text.utf8.count
            func add(_ attribute: UnsafeMutablePointer<PangoAttribute>?) {
                guard let attribute else { return }
                attribute.pointee.start_index = guint(offset)
                attribute.pointee.end_index = guint(offset + length)
                pango_attr_list_insert(attributes, attribute)
            }
            if run.bold && !style.bold { add(pango_attr_weight_new(PANGO_WEIGHT_BOLD)) }
            if run.italic && !style.italic { add(pango_attr_style_new(PANGO_STYLE_ITALIC)) }
            if run.link != nil { add(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE)) }
            offset += length
        }
        if let language = scriptLanguage {
            let attribute = pango_attr_language_new(pango_language_from_string(language))
            attribute?.pointee.start_index = 0
            attribute?.pointee.end_index = guint.max
            pango_attr_list_insert(attributes, attribute)
        }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)

        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        self.width = width ?? Double(logical.width) / Double(PANGO_SCALE)
        height = Double(logical.height) / Double(PANGO_SCALE)

        // Every line where the alignment puts it, whatever its direction.
        var shifts: [Double] = []  // from Pango's place to ours, per line
        let iter = pango_layout_get_iter(layout)
        repeat {
            var rect = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &rect)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / Double(PANGO_SCALE)
            let pangoX = Double(rect.x) / Double(PANGO_SCALE), lineWidth = Double(rect.width) / Double(PANGO_SCALE)
            let x: Double
            switch physical {
            case PANGO_ALIGN_RIGHT: x = self.width - lineWidth
            case PANGO_ALIGN_CENTER: x = (self.width - lineWidth) / 2
            default: x = 0
            }
            shifts.append(x - pangoX)
            lines.append((Double(rect.y) / Double(PANGO_SCALE), Double(rect.y + rect.height) / Double(PANGO_SCALE),
                          baseline, x))
        } while pango_layout_iter_next_line(iter) != 0
        pango_layout_iter_free(iter)

        offset = 0
        for run in runs {
            let length = run.text.utf8.count
            if let target = run.link {
                var a = PangoRectangle(), b = PangoRectangle()
                pango_layout_index_to_pos(layout, Int32(offset), &a)
                pango_layout_index_to_pos(layout, Int32(offset + length - 1), &b)
                var line: Int32 = 0, lineX: Int32 = 0
                pango_layout_index_to_line_x(layout, Int32(offset), 0, &line, &lineX)
                let shift = shifts.indices.contains(Int(line)) ? shifts[Int(line)] : 0
                let x0 = Double(min(a.x, b.x)) / Double(PANGO_SCALE) + shift
                let x1 = Double(max(a.x, b.x + b.width)) / Double(PANGO_SCALE) + shift
                let y0 = Double(a.y) / Double(PANGO_SCALE)
                let y1 = Double(b.y + b.height) / Double(PANGO_SCALE)
                links.append((target, x0, y0, max(1, x1 - x0), max(1, y1 - y0)))
            }
            offset += length
        }

        if pango_layout_get_unknown_glyphs_count(layout) > 0 {
            missing = unknownCodePoints()
            if notingMissing { shaper.noteMissing(text, missing) }
        }
    }

    deinit { FontLock.held { g_object_unref(UnsafeMutableRawPointer(layout)) } }

    /// The characters Pango found no font for: their glyphs carry
    /// PANGO_GLYPH_UNKNOWN_FLAG with the code point in the low bits.
    private func unknownCodePoints() -> [UInt32] {
        var found: [UInt32] = []
        let iter = pango_layout_get_iter(layout)
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iter), let glyphs = run.pointee.glyphs else { continue }
            for i in 0..<Int(glyphs.pointee.num_glyphs) {
                let glyph = glyphs.pointee.glyphs[i].glyph
                if glyph & PANGO_GLYPH_UNKNOWN_FLAG != 0 {
                    let code = glyph & ~PANGO_GLYPH_UNKNOWN_FLAG
                    if !found.contains(code) { found.append(code) }
                }
            }
        } while pango_layout_iter_next_run(iter) != 0
        pango_layout_iter_free(iter)
        return found
    }

    package var lineCount: Int { lines.count }
    package var firstBaseline: Double { lines.first?.baseline ?? 0 }

    /// How many lines from `start` fit into `height` points.
    package func linesFitting(from start: Int, height available: Double) -> Int {
        guard start < lines.count else { return 0 }
        let top = lines[start].top
        var n = 0
        while start + n < lines.count, lines[start + n].bottom - top <= available + 0.01 { n += 1 }
        return n
    }

    /// Height of lines `range`.
    package func height(of range: Range<Int>) -> Double {
        guard !range.isEmpty else { return 0 }
        return lines[range.upperBound - 1].bottom - lines[range.lowerBound].top
    }

    /// Draws lines `range` with their top at `y` (the first line's top).
    package func draw(_ cr: OpaquePointer, x: Double, y: Double, lines range: Range<Int>) {
        FontLock.assertHeld("text drawn")
        cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
        let top = range.isEmpty ? 0 : lines[range.lowerBound].top
        var index = 0
        let iter = pango_layout_get_iter(layout)
        repeat {
            if range.contains(index) {
                let line = lines[index]
                cairo_move_to(cr, x + line.x, y + line.baseline - top)
                pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter))
            }
            index += 1
        } while index < range.upperBound && pango_layout_iter_next_line(iter) != 0
        pango_layout_iter_free(iter)
    }
}
