// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0

/// "Did you mean ...": the closest of a set of valid words to a mistyped
/// one, by edit distance (insertions, deletions, substitutions and swaps of
/// neighbours), as git suggests commands. Letter case does not count.
public enum Suggestion {
    /// The valid word closest to `word`, when it is close enough to be
    /// what was meant: at most two edits, and fewer than half the word's
    /// letters; a word that starts another (`by-count`) counts as close.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let typed = word.lowercased()
        guard !typed.isEmpty else { return nil }
        // The fewest edits; of equals, the one that shares the longest start (odf: odt, not pdf).
        func shared(_ c: String) -> Int { zip(typed, c.lowercased()).prefix { $0 == $1 }.count }
        var best: (word: String, distance: Int)?
        for candidate in candidates {
            let d = distance(typed, candidate.lowercased())
            if best == nil || d < best!.distance || (d == best!.distance && shared(candidate) > shared(best!.word)) {
                best = (candidate, d)
            }
        }
        guard let best else { return nil }
        let limit = min(2, max(1, typed.count / 2))
        if best.distance <= limit { return best.word }
        // A longer or shorter form of a word: most of it written the same (by-countries, by-count).
        let shared = candidates.map { c in (c, zip(typed, c.lowercased()).prefix { $0 == $1 }.count) }
            .filter { $0.1 >= 3 && $0.1 * 4 >= 3 * min($0.0.count, typed.count) }
            .max { $0.1 < $1.1 }
        return shared?.0
    }

    /// "; did you mean 'X'?" or, when nothing is close, "; use one of: ...".
    public static func hint(for word: String, among candidates: [String], quote: String = "'") -> String {
        if let match = closest(to: word, among: candidates) { return "; did you mean \(quote)\(match)\(quote)?" }
        return "; use one of: \(candidates.joined(separator: ", "))"
    }

    /// Optimal string alignment distance between `a` and `b`.
    package static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[t.count]
    }
}
