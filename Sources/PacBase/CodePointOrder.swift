// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation

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
            var sorted = items.sortedByCodePoint()
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

extension String {
    /// The first eight bytes as a number, big-endian, zeros after the end:
    /// two texts whose numbers differ are in the order of their numbers
    /// (equal numbers: compare the texts).
    @inlinable
    public var codePointPrefix: UInt64 {
        var text = self
        return text.withUTF8 { b in
            var key: UInt64 = 0
            for i in 0..<8 { key = key << 8 | (i < b.count ? UInt64(b[i]) : 0) }
            return key
        }
    }
}

/// A text's first eight bytes and its position, as sorted.
public struct CodePointSortEntry {
    public var key: UInt64
    public var index: Int
}

extension Array where Element == String {
    /// The texts in code point order (equal ones kept in their order), by
    /// their first eight bytes as numbers, the texts compared only where
    /// those agree.
    public func sortedByCodePoint() -> [String] {
        sortedIndicesByCodePoint().map { self[$0] }
    }

    /// Each text's place in code point order (the positions of
    /// `sortedIndicesByCodePoint`, turned round).
    public func ranksByCodePoint() -> [Int] {
        var rank = [Int](repeating: 0, count: count)
        for (place, index) in sortedIndicesByCodePoint().enumerated() { rank[index] = place }
        return rank
    }

    /// The positions of the texts in code point order (`sortedByCodePoint`):
    /// pairs of a text's first eight bytes and its position are sorted, and
    /// only texts whose first bytes agree are compared further.
    public func sortedIndicesByCodePoint() -> [Int] {
        var entries = enumerated().map { CodePointSortEntry(key: $0.element.codePointPrefix, index: $0.offset) }
        entries.withUnsafeMutableBufferPointer { buffer in
            buffer.sort { (a: CodePointSortEntry, b: CodePointSortEntry) -> Bool in
                a.key != b.key ? a.key < b.key : a.index < b.index
            }
        }
        // Runs of equal first bytes: ordered by the whole texts (stable).
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].key == entries[start].key { end += 1 }
            if end - start > 1 {
                entries[start..<end].sort { (a: CodePointSortEntry, b: CodePointSortEntry) -> Bool in
                    self[a.index].precedesByCodePoint(self[b.index])
                        || (!self[b.index].precedesByCodePoint(self[a.index]) && a.index < b.index)
                }
            }
            start = end
        }
        return entries.map { $0.index }
    }
}
