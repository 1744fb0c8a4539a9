/* SPDX-FileCopyrightText: 2026 the pacreport developers */
/* SPDX-License-Identifier: Apache-2.0 */
/* What libxml2 itself needs to read a sheet, without pacreport: the same
 * XML file in memory read through xmlTextReader (every node visited, each
 * text's value taken: the least a sheet reader does) and through the SAX2
 * interface (element starts and text counted), best of five each. For the
 * issue "Loading and exports at native speed": the xmlTextReader figure is
 * the floor of pacreport's workbook loading, which the project's rules
 * read with xmlTextReader.
 *
 *   cc -O2 Benchmarks/xml-reader-floor.c -o /tmp/xml-reader-floor $(pkg-config --cflags --libs libxml-2.0)
 *   unzip -p DATASET/participation.xlsx xl/worksheets/sheet1.xml > /tmp/sheet1.xml
 *   /tmp/xml-reader-floor /tmp/sheet1.xml
 */
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long counted;

static void start(void *context, const xmlChar *localName, const xmlChar *prefix, const xmlChar *uri,
                  int namespaces, const xmlChar **namespaceList, int attributes, int defaulted,
                  const xmlChar **attributeList) {
    (void) context; (void) localName; (void) prefix; (void) uri; (void) namespaces;
    (void) namespaceList; (void) attributes; (void) defaulted; (void) attributeList;
    counted++;
}

static void text(void *context, const xmlChar *characters, int length) {
    (void) context; (void) characters;
    counted += length;
}

static double milliseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s SHEET.xml\n", argv[0]);
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *bytes = malloc(size);
    if (!bytes || fread(bytes, 1, size, file) != (size_t) size) { perror(argv[1]); return 1; }
    fclose(file);

    double reader = 1e9, sax = 1e9;
    long nodes = 0;
    for (int run = 0; run < 5; run++) {
        double t = milliseconds();
        xmlTextReaderPtr r = xmlReaderForMemory(bytes, (int) size, NULL, NULL, XML_PARSE_NONET);
        nodes = 0;
        while (xmlTextReaderRead(r) == 1) {
            if (xmlTextReaderNodeType(r) == XML_READER_TYPE_TEXT) {
                const xmlChar *value = xmlTextReaderConstValue(r);
                nodes += (long) strlen((const char *) value);
            } else {
                nodes++;
            }
        }
        xmlFreeTextReader(r);
        double d = milliseconds() - t;
        if (d < reader) reader = d;

        xmlSAXHandler handler;
        memset(&handler, 0, sizeof handler);
        handler.initialized = XML_SAX2_MAGIC;
        handler.startElementNs = start;
        handler.characters = text;
        counted = 0;
        t = milliseconds();
        xmlSAXUserParseMemory(&handler, NULL, bytes, (int) size);
        d = milliseconds() - t;
        if (d < sax) sax = d;
    }
    printf("%ld bytes: xmlTextReader %.1f ms (%ld), SAX2 %.1f ms (%ld)\n", size, reader, nodes, sax, counted);
    free(bytes);
    return 0;
}
