/* SPDX-FileCopyrightText: 2026 the pacreport developers */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef PACREPORT_CPANGOCAIRO_SHIM_H
#define PACREPORT_CPANGOCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>
#endif
