/* SPDX-FileCopyrightText: 2026 the pacreport developers */
/* SPDX-License-Identifier: Apache-2.0 */
/* What cairo's tagged PDF costs by itself, without pacreport: N pages of a
 * 40-row, 7-column table, drawn with and without Table/TR/TD structure
 * tags, into a stream that discards the bytes.
 *
 *   cc -O2 Benchmarks/cairo-tags.c -o /tmp/cairo-tags $(pkg-config --cflags --libs cairo)
 *   /usr/bin/time -f "%e s %M KB" /tmp/cairo-tags 2000 0    # untagged
 *   /usr/bin/time -f "%e s %M KB" /tmp/cairo-tags 2000 1    # tagged
 *
 * Cairo 1.16 keeps every structure element (about 210 bytes each) until
 * the file is finished, so a tagged PDF's memory grows with its cells.
 */
#include <cairo.h>
#include <cairo-pdf.h>
#include <stdlib.h>

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length) {
    (void) closure; (void) data; (void) length;
    return CAIRO_STATUS_SUCCESS;
}

int main(int argc, char **argv) {
    int pages = argc > 1 ? atoi(argv[1]) : 500, tags = argc > 2 ? atoi(argv[2]) : 1;
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(discard, NULL, 595, 842);
    cairo_t *cr = cairo_create(surface);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 8);
    if (tags) cairo_tag_begin(cr, "Document", "");
    for (int p = 0; p < pages; p++) {
        if (tags) cairo_tag_begin(cr, "Table", "");
        for (int r = 0; r < 40; r++) {
            if (tags) cairo_tag_begin(cr, "TR", "");
            for (int c = 0; c < 7; c++) {
                if (tags) cairo_tag_begin(cr, "TD", "");
                cairo_move_to(cr, 20 + c * 80, 20 + r * 20);
                cairo_show_text(cr, "Hello cell text");
                if (tags) cairo_tag_end(cr, "TD");
            }
            if (tags) cairo_tag_end(cr, "TR");
        }
        if (tags) cairo_tag_end(cr, "Table");
        cairo_show_page(cr);
    }
    if (tags) cairo_tag_end(cr, "Document");
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return 0;
}
