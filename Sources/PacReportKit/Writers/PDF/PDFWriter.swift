import CPangoCairo

/// The PDF as it came out of Cairo, with what the writer noticed.
public struct PDFOutput: Sendable {
    public var bytes: [UInt8]
    public var pages: Int
    /// Characters no font could show, one line per text.
    public var warnings: [String]
}

/// A Cairo PDF surface writing into memory, and its drawing context; both
/// freed in `deinit`.
final class PDFCanvas {
    final class Sink {
        var bytes: [UInt8] = []
    }

    let sink = Sink()
    let surface: OpaquePointer
    let cr: OpaquePointer

    init(width: Double, height: Double) {
        let unmanaged = Unmanaged.passUnretained(sink)
        surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<PDFCanvas.Sink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, unmanaged.toOpaque(), width, height)
        cr = cairo_create(surface)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    func metadata(_ key: cairo_pdf_metadata_t, _ value: String) {
        cairo_pdf_surface_set_metadata(surface, key, value)
    }

    /// Finishes the file and returns its bytes; nil when Cairo failed.
    func finish() -> [UInt8]? {
        cairo_surface_finish(surface)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return nil }
        return sink.bytes
    }

    var status: String? {
        let status = cairo_status(cr)
        return status == CAIRO_STATUS_SUCCESS ? nil : String(cString: cairo_status_to_string(status))
    }
}

public struct PDFError: Error, CustomStringConvertible {
    public var description: String
}

/// Serialises a `ReportDocument` as PDF with Cairo and Pango: layout
/// first (`PageLayout`), then every page is drawn with its running header
/// and its "page X of Y" footer, the outline added and the metadata set.
public struct PDFWriter {
    public init() {}

    /// `progress` hears "laying out" and then each page drawn (page, pages).
    public func write(_ document: ReportDocument, progress: ((Int, Int) -> Void)? = nil) throws -> PDFOutput {
        let shaper = TextShaper(families: document.style.fontFamilies, language: document.metadata.language)
        let layout = PageLayout(document: document, shaper: shaper)
        layout.run()

        let canvas = PDFCanvas(width: layout.pageWidth, height: layout.pageHeight)
        let meta = document.metadata
        canvas.metadata(CAIRO_PDF_METADATA_TITLE, meta.title)
        canvas.metadata(CAIRO_PDF_METADATA_AUTHOR, meta.author)
        canvas.metadata(CAIRO_PDF_METADATA_SUBJECT, meta.subject)
        canvas.metadata(CAIRO_PDF_METADATA_KEYWORDS, meta.keywords.joined(separator: ", "))
        canvas.metadata(CAIRO_PDF_METADATA_CREATOR, meta.creator)
        let date = Self.isoDateTime(meta.creationDate)
        canvas.metadata(CAIRO_PDF_METADATA_CREATE_DATE, date)
        canvas.metadata(CAIRO_PDF_METADATA_MOD_DATE, date)

        let cr = canvas.cr
        let style = document.style
        let painter = ItemPainter(cr: cr, shaper: shaper, anchorPages: layout.anchorPages)
        let total = layout.pages.count
        let headerStyle = TextStyle(size: style.smallSize, colour: style.mutedColour)
        for (index, page) in layout.pages.enumerated() {
            progress?(index + 1, total)
            // Running header and footer: page furniture, outside the structure tree.
            let header = shaper.layout(meta.shortTitle, style: headerStyle, width: layout.contentWidth)
            let headerTop = PageLayout.points(mm: style.marginTop) - header.height
            header.draw(cr, x: layout.left, y: headerTop, lines: 0..<min(1, header.lineCount))
            painter.rule(layout.left, headerTop + header.height + 3, layout.right, headerTop + header.height + 3,
                         style.ruleColour, 0.5)
            var footerStyle = headerStyle
            footerStyle.alignment = .end
            let footer = shaper.layout(meta.footer(page: index + 1, of: total), style: footerStyle, width: layout.contentWidth)
            footer.draw(cr, x: layout.left, y: layout.pageHeight - PageLayout.points(mm: style.marginBottom) - footer.height + 2,
                        lines: 0..<footer.lineCount)

            // One Document element holds the whole structure tree: with it
            // as the first tag Cairo marks the file as Tagged PDF.
            if index == 0 { cairo_tag_begin(cr, "Document", "") }
            for item in page.items { painter.draw(item) }
            if index == total - 1 { cairo_tag_end(cr, "Document") }
            cairo_show_page(cr)
        }

        // Outline: sections at the root, their parts (centres) below them.
        var parent: Int32 = 0
        for entry in layout.outline {
            let id = cairo_pdf_surface_add_outline(canvas.surface, entry.level == 1 ? 0 : parent, entry.title,
                                                   "dest='\(entry.anchor)'", cairo_pdf_outline_flags_t(0))
            if entry.level == 1 { parent = id }
        }
        if let problem = canvas.status { throw PDFError(description: "Cairo could not draw the report: \(problem)") }
        guard let bytes = canvas.finish() else { throw PDFError(description: "Cairo could not finish the PDF") }
        let warnings = shaper.missingGlyphs.map { missing in
            let points = missing.codePoints.map { String(format: "U+%04X", $0) }.joined(separator: ", ")
            return "no font has \(points) in \"\(missing.text.prefix(80))\"; it shows as a box (install a font with it and name it in the template's fonts.families)"
        }
        return PDFOutput(bytes: bytes, pages: total, warnings: warnings)
    }

    /// `YYYY-MM-DDThh:mm:ssZ`, which Cairo turns into the PDF date.
    static func isoDateTime(_ seconds: Int64) -> String {
        let date = ISODate(unixSeconds: seconds)
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(date)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }
}
