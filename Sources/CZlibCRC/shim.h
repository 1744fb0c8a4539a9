/* SPDX-FileCopyrightText: 2026 the pacreport developers */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef PACREPORT_CZLIBCRC_SHIM_H
#define PACREPORT_CZLIBCRC_SHIM_H
/* zlib's CRC-32 (vectorised), to check the workbook parts ZIPFoundation
   unpacks: ZIPFoundation's own checksum loop is a tenth of its speed. */
#include <zlib.h>
#endif
