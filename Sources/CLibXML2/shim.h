/* SPDX-FileCopyrightText: 2026 the pacreport developers */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef PACREPORT_CLIBXML2_SHIM_H
#define PACREPORT_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its encoding.h then includes ICU's
   unicode/ucnv.h, whose UErrorCode clashes with the toolchain's
   _FoundationICU on a clean build. pacreport never needs libxml2's ICU
   converters, so switch them off before anything else is included. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#endif
