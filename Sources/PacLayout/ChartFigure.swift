// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import CPangoCairo

/// A bar chart drawn as vector items: the PDF places them on a page, the
/// ODT paints them once into a PNG. One drawing, two outputs.
package enum ChartFigure {
    package static let barHeight = 13.0
    package static let barGap = 4.0

    /// Height of the title and the bars.
    package static func height(_ chart: Chart, style: DocumentStyle) -> Double {
        style.bodySize * 2 + Double(chart.bars.count) * (barHeight + barGap)
    }

    /// The chart's items with its top-left corner at (`x`, `y`), and their height.
    package static func items(_ chart: Chart, x: Double, y top: Double, width: Double, style: DocumentStyle,
                      shaper: TextShaper) -> ([PageItem], Double) {
        var items: [PageItem] = [.beginTag("Figure")]
        var y = top
        let small = TextStyle(size: style.smallSize, colour: style.textColour)
        let title = shaper.layout(chart.title, style: TextStyle(size: style.bodySize, bold: true, colour: style.textColour),
                                  width: width)
        items.append(.text(title, x: x, y: y, lines: 0..<title.lineCount))
        y += title.height + 5
        let labelWidth = width * 0.30
        let valueWidth = 70.0
        let barArea = width - labelWidth - valueWidth - 12
        let maximum = max(1, chart.bars.map(\.value).max() ?? 1)
        let axisX = x + labelWidth + 6
        let barsTop = y
        for bar in chart.bars {
            var labelStyle = small
            labelStyle.alignment = .end
            let label = shaper.layout(bar.label, style: labelStyle, width: labelWidth)
            let first = label.lines[0]
            items.append(.text(label, x: x, y: y + (barHeight - (first.bottom - first.top)) / 2, lines: 0..<1))
            let length = max(1, barArea * Double(bar.value) / Double(maximum))
            items.append(.fill(x: axisX, y: y, width: length, height: barHeight,
                               colour: bar.atLeast ? style.barAtLeastColour : style.barColour))
            let value = shaper.layout(bar.valueText, style: small, width: nil)
            items.append(.text(value, x: axisX + length + 4, y: y + (barHeight - value.height) / 2, lines: 0..<value.lineCount))
            y += barHeight + barGap
        }
        items.append(.rule(x1: axisX, y1: barsTop - 2, x2: axisX, y2: y - barGap + 2, colour: style.mutedColour, width: 0.6))
        items.append(.endTag("Figure"))
        return (items, y - top)
    }

    /// The chart as a PNG image `width` points wide at `dpi`, on white.
    package static func png(_ chart: Chart, width: Double, style: DocumentStyle, language: ReportLanguage,
                    dpi: Double = 200) -> (bytes: [UInt8], width: Double, height: Double) {
        let shaper = TextShaper(families: style.fontFamilies, language: language)
        let (items, height) = self.items(chart, x: 0, y: 0, width: width, style: style, shaper: shaper)
        let scale = dpi / 72
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((width * scale).rounded(.up)),
                                                 Int32((height * scale).rounded(.up)))
        let cr = cairo_create(surface)
        defer {
            cairo_destroy(cr)
            cairo_surface_destroy(surface)
        }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        let painter = ItemPainter(cr: cr!, shaper: shaper, tags: false)
        for item in items { painter.draw(item) }
        cairo_surface_flush(surface)
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        cairo_surface_write_to_png_stream(surface, { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes
                .append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        return (sink.bytes, width, height)
    }
}
