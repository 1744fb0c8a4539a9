// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
extension String {
    /// Ordering by Unicode code point, as the exports promise. UTF-8 byte
    /// order is code point order, and unlike `<` it ignores canonical
    /// equivalence, so the result is the same on every platform.
    @inlinable
    public func precedesByCodePoint(_ other: String) -> Bool {
        self.utf8.lexicographicallyPrecedes(other.utf8)
    }
}

extension Sequence where Element == String {
    /// The distinct elements, in code point order.
    public func distinctSortedByCodePoint() -> [String] {
        Array(Set(self)).sorted { $0.precedesByCodePoint($1) }
    }
}
