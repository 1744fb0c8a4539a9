// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDocument
import CLibXML2
import CPangoCairo

/// Versions of the C libraries pacreport renders with, as linked at run time.
public enum NativeLibraries {
    public static var cairo: String { String(cString: cairo_version_string()) }
    public static var pango: String { String(cString: pango_version_string()) }
    /// libxml2's version, e.g. `2.9.14`.
    public static var libxml2: String {
        let raw = Int(String(cString: __xmlParserVersion().pointee!)) ?? 0
        return "\(raw / 10000).\(raw / 100 % 100).\(raw % 100)"
    }

    /// `cairo 1.16.0, pango 1.50.12, libxml2 2.9.14`.
    public static var summary: String { "cairo \(cairo), pango \(pango), libxml2 \(libxml2)" }
}
