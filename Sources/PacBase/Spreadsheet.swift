// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0

/// Column letters of spreadsheets, as readers' messages name a cell
/// (`D4`) and writers address one.
public enum SpreadsheetColumn {
    /// The column letters of 0-based column `index` (0 → A, 25 → Z, 26 → AA).
    public static func letters(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}

extension Unicode.Scalar {
    /// A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana,
    /// N'Ko … and their presentation forms).
    public var isRightToLeftLetter: Bool {
        switch value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }
}
