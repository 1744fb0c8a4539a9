// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
/// How a CSV file was saved, found from its bytes: the encoding (UTF-8, or
/// UTF-16 with a byte order mark, as Excel's "Unicode text" writes it) and
/// the delimiter of its header row (comma; semicolon, as Excel and Calc
/// write in a Russian or Kazakh locale; tab).
///
/// `CSVDialect.prepare` turns any accepted file into UTF-8 bytes with the
/// same lines, so the scanner and every diagnostic work unchanged.
package struct CSVDialect: Sendable, Equatable {
    package enum Encoding: Sendable, Equatable {
        case utf8, utf16LittleEndian, utf16BigEndian

        /// How the encoding is named in messages.
        package var name: String {
            switch self {
            case .utf8: return "UTF-8"
            case .utf16LittleEndian, .utf16BigEndian: return "UTF-16"
            }
        }
    }

    package var encoding: Encoding
    package var delimiter: UInt8

    package static let comma = UInt8(ascii: ",")
    package static let semicolon = UInt8(ascii: ";")
    package static let tab = UInt8(ascii: "\t")

    /// In a `;`- or tab-separated file a decimal comma (`1,5`) is a number.
    package var acceptsDecimalComma: Bool { delimiter != Self.comma }

    /// What is wrong with a file's encoding, when it cannot be read at all.
    package enum EncodingProblem: Error, Equatable {
        /// UTF-16 text without a byte order mark, so its byte order is unknown.
        case utf16WithoutByteOrderMark
    }

    /// The file as UTF-8 (a UTF-8 byte order mark kept: the scanner skips
    /// it), its dialect, or why it cannot be read. UTF-16 code units that
    /// are not text (a lone surrogate, an odd last byte) become a byte that
    /// is not UTF-8, so the scanner reports them on their line.
    package static func prepare(_ bytes: [UInt8]) -> Result<(bytes: [UInt8], dialect: CSVDialect), EncodingProblem> {
        var text = bytes
        var encoding = Encoding.utf8
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            encoding = .utf16LittleEndian
            text = transcodeUTF16(bytes, from: 2, bigEndian: false)
        } else if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            encoding = .utf16BigEndian
            text = transcodeUTF16(bytes, from: 2, bigEndian: true)
        } else if looksLikeUTF16WithoutMark(bytes) {
            return .failure(.utf16WithoutByteOrderMark)
        }
        let start = text.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return .success((text, CSVDialect(encoding: encoding, delimiter: delimiter(ofHeaderIn: text, from: start))))
    }

    /// Text in UTF-16 has a zero byte beside nearly every ASCII letter: a
    /// header row of letters so written, with no byte order mark.
    package static func looksLikeUTF16WithoutMark(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(64)
        guard sample.count >= 8 else { return false }
        var zeroEven = 0, zeroOdd = 0
        for (i, b) in sample.enumerated() where b == 0 {
            if i % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
        }
        let half = sample.count / 2
        return (zeroOdd * 4 >= half * 3 && zeroEven == 0) || (zeroEven * 4 >= half * 3 && zeroOdd == 0)
    }

    /// The delimiter of the header row (the first record, up to its first
    /// line break outside quotes): whichever of comma, semicolon and tab it
    /// holds most often outside quotes; comma when it holds none.
    package static func delimiter(ofHeaderIn bytes: [UInt8], from start: Int) -> UInt8 {
        var counts = [0, 0, 0]  // comma, semicolon, tab
        var inQuote = false
        var seenText = false  // on this line: blank lines (spaces and tabs only) before the header do not count
        for b in bytes[start...] {
            if b == UInt8(ascii: "\"") {
                inQuote.toggle()
                seenText = true
                continue
            }
            if inQuote { continue }
            switch b {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if seenText { return choose(counts) }
                counts = [0, 0, 0]
            case comma: counts[0] += 1; seenText = true
            case semicolon: counts[1] += 1; seenText = true
            case tab: counts[2] += 1
            case UInt8(ascii: " "): break
            default: seenText = true
            }
        }
        return choose(counts)
    }

    /// The delimiter counted most often; comma when none was.
    private static func choose(_ counts: [Int]) -> UInt8 {
        let best = counts.max() ?? 0
        if best == 0 || counts[0] == best { return comma }
        return counts[1] == best ? semicolon : tab
    }

    /// UTF-16 code units from `start` as UTF-8 bytes; units that are not
    /// text become 0xFF (never part of UTF-8).
    package static func transcodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count - start) * 3 / 2)
        var i = start
        @inline(__always) func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1]) : UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at])
        }
        @inline(__always) func append(_ v: UInt32) {
            switch v {
            case 0..<0x80: out.append(UInt8(v))
            case 0x80..<0x800:
                out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
            case 0x800..<0x10000:
                out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (v & 0x3F)))
            default:
                out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
                out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
            }
        }
        while i + 1 < bytes.count {
            let u = unit(i)
            i += 2
            if (0xD800..<0xDC00).contains(u) {
                if i + 1 < bytes.count {
                    let low = unit(i)
                    if (0xDC00..<0xE000).contains(low) {
                        i += 2
                        append(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))
                        continue
                    }
                }
                out.append(0xFF)
            } else if (0xDC00..<0xE000).contains(u) {
                out.append(0xFF)
            } else {
                append(u)
            }
        }
        if i < bytes.count { out.append(0xFF) }
        return out
    }
}
