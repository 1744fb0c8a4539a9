// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacLayout
import PacOutput

/// Versions of the C libraries pacreport renders with, as linked at run
/// time (each asked of the stage that wraps it).
public enum NativeLibraries {
    public static var cairo: String { TextShaper.cairoVersion }
    public static var pango: String { TextShaper.pangoVersion }
    /// libxml2's version, e.g. `2.9.14`.
    public static var libxml2: String { XMLWriter.libxml2Version }

    /// `cairo 1.16.0, pango 1.50.12, libxml2 2.9.14`.
    public static var summary: String { "cairo \(cairo), pango \(pango), libxml2 \(libxml2)" }
}
