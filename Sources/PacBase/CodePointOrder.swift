// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Ordering by Unicode code point, as the exports promise. UTF-8 byte
    /// order is code point order, and unlike `<` it ignores canonical
    /// equivalence, so the result is the same on every platform. Compared
    /// as bytes (`memcmp`), the way the sorts of every table need it fast.
    @inlinable
    public func precedesByCodePoint(_ other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = Swift.min(x.count, y.count)
                if n > 0 {
                    let c = memcmp(x.baseAddress!, y.baseAddress!, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
    }
}

extension Sequence where Element == String {
    /// The distinct elements, in code point order.
    public func distinctSortedByCodePoint() -> [String] {
        let items = Array(self)
        // Lists of a few (a row's centres or countries): the first of each
        // (equal as `Set` judges), then sorted in place.
        if items.count <= 16 {
            var distinct: [String] = []
            distinct.reserveCapacity(items.count)
            for item in items where !distinct.contains(item) { distinct.append(item) }
            for i in distinct.indices.dropFirst() {
                var j = i
                let item = distinct[i]
                while j > 0, item.precedesByCodePoint(distinct[j - 1]) {
                    distinct[j] = distinct[j - 1]
                    j -= 1
                }
                distinct[j] = item
            }
            return distinct
        }
        // ASCII texts are equal exactly when their bytes are: sorted, then
        // each run of equal ones kept once (no hashing).
        if items.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            var sorted = items.sorted { $0.precedesByCodePoint($1) }
            var kept = 0
            for i in sorted.indices where kept == 0 || sorted[i] != sorted[kept - 1] {
                sorted.swapAt(kept, i)
                kept += 1
            }
            sorted.removeLast(sorted.count - kept)
            return sorted
        }
        return Array(Set(items)).sorted { $0.precedesByCodePoint($1) }
    }
}
