// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase

/// The font, weight, slant and colour of one kind of text.
public struct TextLook: Sendable, Hashable {
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    /// `#RRGGBB`.
    public var colour: String

    public init(size: Double, bold: Bool = false, italic: Bool = false, colour: String) {
        self.size = size; self.bold = bold; self.italic = italic; self.colour = colour
    }
}

/// The look of a report, resolved once from the template's `DocumentStyle`:
/// every number of the look that a writer or the layout uses is here, and
/// only here (the PDF and the ODT read the same sheet). Lengths are in
/// points, measured from the page's top-left corner.
///
/// The page follows the ODF model, which LibreOffice lays out the same
/// way: the margins run from the paper's edge to the running header and
/// footer; the header's text, a gap, its rule and a spacing come before
/// the body; the footer's spacing and text after it.
public struct StyleSheet: Sendable, Hashable {
    /// Paper size.
    public var pageWidth: Double
    public var pageHeight: Double
    /// Paper edge to the running header (top), the footer (bottom) and the text (sides).
    public var marginTop: Double
    public var marginBottom: Double
    public var marginLeft: Double
    public var marginRight: Double
    /// Font families in fallback order (a fontconfig/Pango family list).
    public var fontFamilies: String

    // Kinds of text.
    public var title: TextLook
    public var heading1: TextLook
    public var heading2: TextLook
    public var body: TextLook
    /// The paragraph under the title and under a centre's heading.
    public var lead: TextLook
    public var small: TextLook
    /// Notes under tables and charts, and what a chart shows.
    public var note: TextLook
    /// A chart's legend.
    public var caption: TextLook
    public var tableHeader: TextLook
    public var tableBody: TextLook
    public var tableTotals: TextLook
    /// Text under a row (an activity's description).
    public var tableDetails: TextLook
    public var figureValue: TextLook
    public var figureLabel: TextLook
    public var figureDetail: TextLook
    public var chartTitle: TextLook
    public var chartLabel: TextLook
    public var runningHeader: TextLook
    public var runningFooter: TextLook
    public var contents1: TextLook
    public var contents2: TextLook

    // Spacing.
    public var titleSpaceAfter: Double
    public var paragraphSpaceAfter: Double
    /// Space above a heading (none at the top of a page) and below it.
    public var heading1SpaceBefore: Double
    public var heading2SpaceBefore: Double
    public var heading1SpaceAfter: Double
    public var heading2SpaceAfter: Double
    /// Space between a table or chart and its note, and after the block.
    public var noteGap: Double
    public var blockSpaceAfter: Double
    /// Lines a paragraph split by a page end leaves at least on either side.
    public var orphans: Int

    // Tables.
    public var cellPaddingX: Double
    public var cellPaddingY: Double
    public var headerFillColour: String
    public var ruleColour: String
    /// Under the header row, under each body row.
    public var headerRuleWidth: Double
    public var bodyRuleWidth: Double
    /// The rule above a totals row, in the text colour.
    public var totalsRuleWidth: Double
    public var totalsRuleColour: String

    // Key figures: boxes in rows.
    public var figuresPerRow: Int
    public var figureGap: Double
    public var figurePadding: Double
    public var figureAccentWidth: Double
    public var figureAccentColour: String
    public var figureFillColour: String
    /// Space between a figure box's value, label and detail.
    public var figureLineGap: Double
    /// Below the last row of boxes.
    public var figuresSpaceAfter: Double

    // Charts (horizontal bars).
    public var barHeight: Double
    public var barGap: Double
    public var barColour: String
    public var barAtLeastColour: String
    public var axisColour: String
    public var axisWidth: Double
    /// Share of the chart's width for the bar labels.
    public var chartLabelShare: Double
    /// Room right of the longest bar for its value.
    public var chartValueWidth: Double
    public var chartTitleGap: Double
    /// Between the labels and the axis; between a bar and its value.
    public var chartAxisGap: Double
    public var chartValueGap: Double

    // Contents.
    public var contentsIndent: Double
    public var contentsEntryGap: Double
    public var contentsTitleSpaceAfter: Double
    /// Room for the page numbers at the right.
    public var contentsNumberWidth: Double

    // Running header and footer.
    /// Between the header's text and its rule.
    public var headerRuleGap: Double
    public var runningHeaderRuleWidth: Double
    public var runningHeaderRuleColour: String
    /// Between the header's rule and the body; between the body and the footer.
    public var headerSpacing: Double
    public var footerSpacing: Double

    public var accentColour: String
    public var textColour: String

    /// The writing direction of the report's language: right to left, the
    /// layout mirrors every page (tables run from the right, text starts at
    /// the right) and the ODT sets its writing mode; no writer asks which
    /// language it is.
    public var rightToLeft: Bool
    /// The side where lines start and end (`left`, `right`): accents,
    /// indents and borders that belong to a side.
    public var startSide: String { rightToLeft ? "right" : "left" }
    public var endSide: String { rightToLeft ? "left" : "right" }

    /// Width of the text area.
    public var contentWidth: Double { pageWidth - marginLeft - marginRight }

    public static func points(mm: Double) -> Double { mm * 72 / 25.4 }

    /// The look of `style` for a report in `language`: its direction, and
    /// upright notes where the script has no italic (Arabic, Chinese).
    public init(_ style: DocumentStyle, language: ReportLanguage = .en) {
        self.rightToLeft = language.isRightToLeft
        let italic = language.hasItalic
        (pageWidth, pageHeight) = style.paper.size
        marginTop = Self.points(mm: style.marginTop)
        marginBottom = Self.points(mm: style.marginBottom)
        marginLeft = Self.points(mm: style.marginLeft)
        marginRight = Self.points(mm: style.marginRight)
        fontFamilies = style.fontFamilies
        accentColour = style.accentColour
        textColour = style.textColour
        let text = style.textColour, muted = style.mutedColour, accent = style.accentColour
        title = TextLook(size: style.titleSize, bold: true, colour: accent)
        heading1 = TextLook(size: style.heading1Size, bold: true, colour: accent)
        heading2 = TextLook(size: style.heading2Size, bold: true, colour: accent)
        body = TextLook(size: style.bodySize, colour: text)
        lead = TextLook(size: style.bodySize * 1.1, colour: muted)
        small = TextLook(size: style.smallSize, colour: text)
        note = TextLook(size: style.smallSize, italic: italic, colour: muted)
        caption = TextLook(size: style.smallSize, colour: muted)
        tableHeader = TextLook(size: style.smallSize + 0.5, bold: true, colour: text)
        tableBody = TextLook(size: style.bodySize, colour: text)
        tableTotals = TextLook(size: style.bodySize, bold: true, colour: text)
        tableDetails = TextLook(size: style.smallSize, colour: muted)
        figureValue = TextLook(size: style.figureSize, bold: true, colour: accent)
        figureLabel = TextLook(size: style.bodySize, bold: true, colour: text)
        figureDetail = TextLook(size: style.smallSize, colour: muted)
        chartTitle = TextLook(size: style.bodySize, bold: true, colour: text)
        chartLabel = TextLook(size: style.smallSize, colour: text)
        runningHeader = TextLook(size: style.smallSize, colour: muted)
        runningFooter = runningHeader
        contents1 = TextLook(size: style.bodySize, bold: true, colour: text)
        contents2 = body

        titleSpaceAfter = 6
        paragraphSpaceAfter = style.bodySize * 0.7
        heading1SpaceBefore = style.heading1Size * 1.1
        heading2SpaceBefore = style.heading2Size * 0.8
        heading1SpaceAfter = style.heading1Size * 0.45
        heading2SpaceAfter = style.heading2Size * 0.45
        noteGap = 2
        blockSpaceAfter = style.bodySize
        orphans = 2

        cellPaddingX = 4
        cellPaddingY = 3
        headerFillColour = style.headerFillColour
        ruleColour = style.ruleColour
        headerRuleWidth = 0.8
        bodyRuleWidth = 0.4
        totalsRuleWidth = 0.8
        totalsRuleColour = text

        figuresPerRow = 3
        figureGap = 8
        figurePadding = 7
        figureAccentWidth = 3
        figureAccentColour = accent
        figureFillColour = style.headerFillColour
        figureLineGap = 1
        figuresSpaceAfter = 12

        barHeight = 13
        barGap = 4
        barColour = style.barColour
        barAtLeastColour = style.barAtLeastColour
        axisColour = muted
        axisWidth = 0.6
        chartLabelShare = 0.30
        chartValueWidth = 70
        chartTitleGap = 5
        chartAxisGap = 6
        chartValueGap = 4

        contentsIndent = 14
        contentsEntryGap = 3
        contentsTitleSpaceAfter = 6
        contentsNumberWidth = 36

        headerRuleGap = 2
        runningHeaderRuleWidth = 0.5
        runningHeaderRuleColour = style.ruleColour
        headerSpacing = 8
        footerSpacing = 8
    }

    /// The look of a paragraph of `role`.
    public func look(_ role: Paragraph.Role) -> TextLook {
        switch role {
        case .body: return body
        case .lead: return lead
        case .small: return small
        case .note: return note
        }
    }

    /// The look of a heading of `level` (1 or 2).
    public func heading(_ level: Int) -> TextLook { level == 1 ? heading1 : heading2 }
    public func headingSpaceBefore(_ level: Int) -> Double { level == 1 ? heading1SpaceBefore : heading2SpaceBefore }
    public func headingSpaceAfter(_ level: Int) -> Double { level == 1 ? heading1SpaceAfter : heading2SpaceAfter }
}
