// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import CPangoCairo

/// A bar chart drawn as vector items: the PDF places them on a page, the
/// ODT paints them once into a PNG. One drawing, two outputs.
package enum ChartFigure {
    /// The chart's items with its top-left corner at (0, 0), and their height:
    /// the title, then a bar per value with its label left of the axis and
    /// its value after the bar.
    package static func items(_ chart: Chart, width: Double, sheet: StyleSheet, shaper: TextShaper) -> ([PageItem], Double) {
        var items: [PageItem] = [.beginTag("Figure")]
        var y = 0.0
        let title = shaper.layout(chart.title, style: TextStyle(sheet.chartTitle), width: width)
        items.append(.text(title, x: 0, y: y, lines: 0..<title.lineCount))
        y += title.height + sheet.chartTitleGap
        let labelWidth = width * sheet.chartLabelShare
        let barArea = width - labelWidth - sheet.chartAxisGap - sheet.chartValueGap - sheet.chartValueWidth
        let maximum = max(1, chart.bars.map(\.value).max() ?? 1)
        let axisX = labelWidth + sheet.chartAxisGap
        let barsTop = y
        let barHeight = sheet.barHeight
        for bar in chart.bars {
            let label = shaper.layout(bar.label, style: TextStyle(sheet.chartLabel, alignment: .end), width: labelWidth)
            let first = label.lines[0]
            items.append(.text(label, x: 0, y: y + (barHeight - (first.bottom - first.top)) / 2, lines: 0..<1))
            let length = max(1, barArea * Double(bar.value) / Double(maximum))
            items.append(.fill(x: axisX, y: y, width: length, height: barHeight,
                               colour: bar.atLeast ? sheet.barAtLeastColour : sheet.barColour))
            let value = shaper.layout(bar.valueText, style: TextStyle(sheet.chartLabel), width: nil)
            items.append(.text(value, x: axisX + length + sheet.chartValueGap, y: y + (barHeight - value.height) / 2,
                               lines: 0..<value.lineCount))
            y += barHeight + sheet.barGap
        }
        items.append(.rule(x1: axisX, y1: barsTop - sheet.barGap / 2, x2: axisX, y2: y - sheet.barGap / 2,
                           colour: sheet.axisColour, width: sheet.axisWidth))
        items.append(.endTag("Figure"))
        return (items, y)
    }

    /// The chart as a PNG image `width` points wide at `dpi`, on white
    /// (waiting for any other thread's text work: `FontLock`).
    package static func png(_ chart: Chart, width: Double, sheet: StyleSheet, language: ReportLanguage,
                            dpi: Double = 200) -> (bytes: [UInt8], width: Double, height: Double) {
        FontLock.held { drawnPNG(chart, width: width, sheet: sheet, language: language, dpi: dpi) }
    }

    private static func drawnPNG(_ chart: Chart, width: Double, sheet: StyleSheet, language: ReportLanguage,
                                 dpi: Double) -> (bytes: [UInt8], width: Double, height: Double) {
        let shaper = TextShaper(families: sheet.fontFamilies, language: language, rightToLeft: sheet.rightToLeft)
        let (items, height) = self.items(chart, width: width, sheet: sheet, shaper: shaper)
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
        // A right-to-left report's chart as its page shows it: reflected.
        for item in items { painter.draw(sheet.rightToLeft ? item.mirrored(width) : item) }
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

/// A document's charts as the ODT shows them: PNG pictures the text width
/// wide, in document order. Drawn all at once (text work: `FontLock`), so
/// that an ODT written on another thread beside the PDF never waits for
/// the PDF's hold on the fonts.
public struct ChartPictures: Sendable {
    public struct Picture: Sendable {
        public var bytes: [UInt8]
        /// In points.
        public var width: Double
        public var height: Double
    }

    /// One per chart, in document order.
    public private(set) var pictures: [Picture]

    public static func draw(_ document: ReportDocument) -> ChartPictures {
        let sheet = document.styleSheet
        return ChartPictures(pictures: FontLock.held {
            document.blocks.compactMap { block in
                guard case .chart(let chart) = block else { return nil }
                let image = ChartFigure.png(chart, width: sheet.contentWidth, sheet: sheet, language: document.metadata.language)
                return Picture(bytes: image.bytes, width: image.width, height: image.height)
            }
        })
    }
}
