// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
/// A non-negative decimal as written in the data (`1.5`, `24`), kept exact:
/// an integer count of 10^-scale units. Sums stay exact and print without
/// trailing zeros, which binary floating point cannot promise.
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Value × 10^scale.
    public private(set) var units: Int64
    public private(set) var scale: Int

    public static let zero = DecimalNumber(units: 0, scale: 0)

    public init(units: Int64, scale: Int) {
        self.units = units
        self.scale = scale
        normalise()
    }

    public init(_ integer: Int) { self.init(units: Int64(integer), scale: 0) }

    /// Parses `digits[.digits]`; nil for anything else (signs, exponents,
    /// grouping, more than 12 decimals or values too large to add up safely).
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var units: Int64 = 0
        var scale = 0
        var seenPoint = false
        var digits = 0
        for b in bytes {
            if b == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard (48...57).contains(b) else { return nil }
            digits += 1
            if seenPoint { scale += 1 }
            let (m, o1) = units.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(b - 48))
            guard !o1, !o2, s < 1_000_000_000_000_000 else { return nil }
            units = s
        }
        guard digits > 0, scale <= 12, bytes.first != UInt8(ascii: "."), bytes.last != UInt8(ascii: ".") else { return nil }
        self.init(units: units, scale: scale)
    }

    private mutating func normalise() {
        while scale > 0 && units % 10 == 0 {
            units /= 10
            scale -= 1
        }
    }

    private static func pow10(_ n: Int) -> Int64 { (0..<n).reduce(Int64(1)) { r, _ in r * 10 } }

    private static func aligned(_ a: DecimalNumber, _ b: DecimalNumber) -> (Int64, Int64, Int) {
        let scale = max(a.scale, b.scale)
        return (a.units * pow10(scale - a.scale), b.units * pow10(scale - b.scale), scale)
    }

    public static func + (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber {
        let (x, y, s) = aligned(a, b)
        return DecimalNumber(units: x + y, scale: s)
    }

    public static func < (a: DecimalNumber, b: DecimalNumber) -> Bool {
        let (x, y, _) = aligned(a, b)
        return x < y
    }

    /// The value with `separator` as decimal mark, no grouping, no trailing zeros.
    public func formatted(decimalSeparator separator: String = ".") -> String {
        let sign = units < 0 ? "-" : ""
        let magnitude = units.magnitude
        guard scale > 0 else { return sign + String(magnitude) }
        let p = UInt64(DecimalNumber.pow10(scale))
        let whole = magnitude / p
        var fraction = String(magnitude % p)
        fraction = String(repeating: "0", count: scale - fraction.count) + fraction
        return "\(sign)\(whole)\(separator)\(fraction)"
    }

    public var description: String { formatted() }
}
