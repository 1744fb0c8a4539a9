// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation

/// Texts that repeat down a column (institutions, countries), kept once:
/// each distinct text gets a number and one `String`, found again from
/// its UTF-8 bytes without making a new `String` (an open-addressing table
/// over a byte arena, FNV-1a hashes).
package final class TextInterner {
    package private(set) var strings: [String] = []
    /// Per text, the number of the first text equal to it as `String`
    /// compares (canonically equivalent: "é" composed or not); kept only
    /// when the interner was made `findingEquals`.
    package private(set) var equalTo: [Int] = []
    private var firstOfEach: [String: Int] = [:]
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Entry number + 1 per slot; 0 is free. The size is a power of two.
    private var slots = [Int32](repeating: 0, count: 64)

    /// Whether `equalTo` is kept (it costs a dictionary of the texts).
    private let findingEquals: Bool

    package init(findingEquals: Bool = true) { self.findingEquals = findingEquals }

    package var count: Int { strings.count }

    @inline(__always)
    private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in b { h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// The number of the text spelt by `bytes`, when it was seen before.
    package func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: h) & (slots.count - 1)
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if hashes[entry] == h, matches(entry, bytes) { return entry }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// The number of `text`, given it one when it is new.
    package func intern(_ text: String) -> Int {
        var spelt = text
        return spelt.withUTF8 { bytes in
            if let known = find(bytes) { return known }
            return add(bytes, text)
        }
    }

    /// Gives `text`, spelt by `bytes`, a number (it must be new).
    package func add(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Int {
        if (strings.count + 1) * 4 > slots.count * 3 { grow() }
        let entry = strings.count
        strings.append(text)
        if !findingEquals {
        } else if let equal = firstOfEach[text] {
            equalTo.append(equal)
        } else {
            firstOfEach[text] = entry
            equalTo.append(entry)
        }
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        let h = Self.hash(bytes)
        hashes.append(h)
        place(entry, h)
        return entry
    }

    private func matches(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = entry == 0 ? 0 : ends[entry - 1]
        guard ends[entry] - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            bytes.isEmpty || memcmp(a.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
        }
    }

    private func place(_ entry: Int, _ h: UInt64) {
        var slot = Int(truncatingIfNeeded: h) & (slots.count - 1)
        while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(entry + 1)
    }

    private func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for entry in hashes.indices { place(entry, hashes[entry]) }
    }
}
