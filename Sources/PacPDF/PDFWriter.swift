// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import PacLayout
import PacOutput
import CPangoCairo
import Foundation

/// What the PDF writer made, and what it noticed.
public struct PDFOutput: Sendable {
    public var pages: Int
    /// Characters no font could show, one line per text.
    public var warnings: [String]
}

/// A Cairo PDF surface streaming into a file as pages are finished, and
/// its drawing context; both freed in `deinit`.
package final class PDFCanvas {
    package let sink: FileSink
    /// Sees every byte on its way into the sink (for the PDF/A update).
    package let tap = PDFTap()
    package let surface: OpaquePointer
    package let cr: OpaquePointer

    package init(width: Double, height: Double, sink: FileSink) {
        self.sink = sink
        let output = Output(sink: sink, tap: tap)
        surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let output = Unmanaged<Output>.fromOpaque(closure).takeUnretainedValue()
            let bytes = UnsafeRawBufferPointer(start: data, count: Int(length))
            output.tap.observe(bytes)
            output.sink.write(bytes)
            return output.sink.failure == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
        }, Unmanaged.passUnretained(output).toOpaque(), width, height)
        self.output = output
        // Cairo from 1.17.6 writes object streams and a cross-reference
        // stream for PDF 1.5, which the PDF/A update does not read: there,
        // ask for PDF 1.4 (PDF/A-2 allows any version up to 1.7). Cairo 1.16
        // writes a plain table either way and keeps its 1.5 header.
        if cairo_version() >= 11_706 { cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_4) }
        cr = cairo_create(surface)
    }

    /// What Cairo's write callback reaches (kept alive with the surface).
    private final class Output {
        package let sink: FileSink
        package let tap: PDFTap
        package init(sink: FileSink, tap: PDFTap) { self.sink = sink; self.tap = tap }
    }

    private let output: Output

    deinit {
        // The surface holds fonts: freed under the lock, like every font.
        FontLock.held {
            cairo_destroy(cr)
            cairo_surface_destroy(surface)
        }
    }

    package func metadata(_ key: cairo_pdf_metadata_t, _ value: String) {
        cairo_pdf_surface_set_metadata(surface, key, value)
    }

    /// Finishes the file; false when Cairo failed.
    package func finish() -> Bool {
        cairo_surface_finish(surface)
        return cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
    }

    package var status: String? {
        let status = cairo_status(cr)
        return status == CAIRO_STATUS_SUCCESS ? nil : String(cString: cairo_status_to_string(status))
    }
}

public struct PDFError: Error, CustomStringConvertible {
    public var description: String
}

/// Serialises a `ReportDocument` as PDF with Cairo and Pango, in two
/// passes over the same `PageLayout`: the first only measures (how many
/// pages, where every heading lands: "page X of Y" and the contents need
/// them), the second lays out again and draws each page as soon as it is
/// complete, so that memory does not grow with the page count. Short
/// texts shaped in the first pass are reused by the second.
public struct PDFWriter {
    /// Table cells the first pass keeps shaped for the second (about 500
    /// bytes each): every row of a report of 10,000 activities.
    public var keptCells: Int

    /// PDF/A-2b (the default) or the file as Cairo writes it.
    public var standard: PDFStandard

    public init(keptCells: Int = 150_000, standard: PDFStandard = .a2b) {
        self.keptCells = keptCells
        self.standard = standard
    }

    /// Streams the PDF into `sink`. `progress` hears each page drawn (page,
    /// pages), called while this thread holds `FontLock`.
    /// Stops early, throwing, when `cancellation` is set or a write fails.
    /// `columns`: the tables' column widths when another writer measured them already.
    /// Another thread's text work waits until the PDF is written (`FontLock`).
    public func write(_ document: ReportDocument, to sink: FileSink, columns: TableColumns? = nil,
                      cancellation: Cancellation? = nil, progress: ((Int, Int) -> Void)? = nil) throws -> PDFOutput {
        try FontLock.held {
            try writeHoldingFonts(document, to: sink, columns: columns, cancellation: cancellation, progress: progress)
        }
    }

    private func writeHoldingFonts(_ document: ReportDocument, to sink: FileSink, columns: TableColumns?,
                                   cancellation: Cancellation?, progress: ((Int, Int) -> Void)?) throws -> PDFOutput {
        let shaper = TextShaper(document)
        let store = RowStore(budget: keptCells)
        let columns = columns ?? TableColumns.measure(document, shaper: shaper)
        let measured = PageLayout(document: document, shaper: shaper, rowStore: store, columns: columns)
        measured.shouldStop = { cancellation?.isCancelled ?? false }
        measured.run()
        if measured.stopped { throw RenderStopped() }
        shaper.notesMissingGlyphs = false  // the second pass meets the same texts again

        let canvas = PDFCanvas(width: measured.pageWidth, height: measured.pageHeight, sink: sink)
        let meta = document.metadata
        canvas.metadata(CAIRO_PDF_METADATA_TITLE, meta.title)
        canvas.metadata(CAIRO_PDF_METADATA_AUTHOR, meta.author)
        canvas.metadata(CAIRO_PDF_METADATA_SUBJECT, meta.subject)
        canvas.metadata(CAIRO_PDF_METADATA_KEYWORDS, meta.keywords.joined(separator: ", "))
        canvas.metadata(CAIRO_PDF_METADATA_CREATOR, meta.creator)
        let date = meta.creationDateTime
        canvas.metadata(CAIRO_PDF_METADATA_CREATE_DATE, date)
        canvas.metadata(CAIRO_PDF_METADATA_MOD_DATE, date)

        let cr = canvas.cr
        let metadata = document.metadata
        let painter = ItemPainter(cr: cr, shaper: shaper, anchorPages: measured.anchorPages, numeral: metadata.numeral)
        let total = measured.pageCount
        func draw(_ page: LaidOutPage, number: Int) {
            progress?(number, total)
            // The running header and footer, outside the structure tree.
            for item in page.furniture { painter.draw(item) }
            // One Document element holds the whole structure tree: with it
            // as the first tag Cairo marks the file as Tagged PDF.
            if number == 1 { cairo_tag_begin(cr, "Document", "") }
            for item in page.items { painter.draw(item) }
            if number == total { cairo_tag_end(cr, "Document") }
            cairo_show_page(cr)
        }
        let drawn = PageLayout(document: document, shaper: shaper, rowStore: store, columns: columns,
                               pageTotal: total,
                               onPage: draw)
        // A failed write (a full disk) or a failure elsewhere ends the drawing early.
        drawn.shouldStop = { sink.failure != 0 || (cancellation?.isCancelled ?? false) }
        drawn.run()
        if drawn.stopped {
            try sink.close()  // throws the write failure, if that was it
            throw RenderStopped()
        }
        guard drawn.pageCount == total else {
            throw PDFError(description: "the layout gave \(drawn.pageCount) pages the second time and \(total) the first")
        }

        // Outline: sections at the root, their parts (centres) below them.
        var parent: Int32 = 0
        for entry in measured.outline {
            let id = cairo_pdf_surface_add_outline(canvas.surface, entry.level == 1 ? 0 : parent, entry.title,
                                                   "dest='\(entry.anchor)'", cairo_pdf_outline_flags_t(0))
            if entry.level == 1 { parent = id }
        }
        if let problem = canvas.status { throw PDFError(description: "Cairo could not draw the report: \(problem)") }
        guard canvas.finish() else {
            try sink.close()  // a write failure says more than Cairo's status
            throw PDFError(description: "Cairo could not finish the PDF")
        }
        if standard == .a2b {
            do {
                try PDFArchival(metadata: meta, isoDate: date).append(to: sink, tap: canvas.tap)
            } catch let failure as PDFArchival.Failure {
                throw PDFError(description: "could not make the PDF a PDF/A-2b file: \(failure); render with --pdf-standard none for a plain PDF")
            }
        }
        let warnings = shaper.missingGlyphs.map { missing in
            let points = missing.codePoints.map { String(format: "U+%04X", $0) }.joined(separator: ", ")
            return "no font has \(points) in \"\(missing.text.prefix(80))\"; it shows as a box (install a font with it and name it in the template's fonts.families)"
        }
        return PDFOutput(pages: total, warnings: warnings)
    }
}
