// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Yams

/// Composes a YAML file into Yams' node tree as `Yams.compose(yaml:)` does,
/// without the cost of its default resolver where that cannot matter.
///
/// Every value here is read as text, so a node's type (int, bool, null …)
/// is never asked for; but Yams tells mapping keys apart by their type as
/// well as their text (`1:` and `"1":` are two keys, `!!int 1:` and `1:`
/// one), and that decides which keys are duplicates. The default resolver
/// compiles seven ICU regular expressions at its first use (1–2 ms of each
/// run). So the file is composed with no rules first, and that tree is
/// taken when every key in it resolves alike either way: a quoted key, a
/// plain one tagged other than text, or a plain key that starts with a
/// letter or `_` and is no YAML 1.1 boolean or null word (the default
/// rules only match text that starts with a digit, a sign, `.`, `~`, `<`,
/// `=`, or one of those words).
/// Otherwise, and on any error, the file is composed again with the
/// default resolver, so every key, duplicate and message is as before.
///
/// A tree from the first way is not Yams' in two things no caller here
/// reads, and none may start to: a node's `tag` (a plain `2020` is text in
/// it, not an integer), and `mapping["…"]` for a text a default rule would
/// type (`"1"`, `"yes"`, `""`), since the lookup takes the tree's resolver.
/// Look keys up by words (`year`, `title`) and read values as text.
package enum YAMLCompose {
    package static func compose(_ text: String) throws -> Node? {
        if let node = try? Yams.compose(yaml: text, .basic), keysResolveAlike(node) { return node }
        return try Yams.compose(yaml: text)
    }

    /// Whether every mapping key in `node` resolves to the same type under
    /// the default resolver as under none.
    package static func keysResolveAlike(_ node: Node) -> Bool {
        switch node {
        case .scalar:
            return true
        case .sequence(let sequence):
            return sequence.allSatisfy(keysResolveAlike)
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key, resolvesAlike(scalar), keysResolveAlike(value) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// A quoted key is text under either resolver; a plain one tagged
    /// other than text (`!!int 1`) is what its tag says under either; a
    /// plain key taken as text (no tag, or the one the rule-less resolver
    /// gave it, which Yams writes into the tag) only when no default rule
    /// matches it.
    private static func resolvesAlike(_ key: Node.Scalar) -> Bool {
        if key.style != .plain { return true }
        let tag = key.tag.rawValue
        if !tag.isEmpty && tag != Tag.Name.str.rawValue { return true }
        return isPlainText(key.string)
    }

    private static let typedWords: Set<String> = ["yes", "no", "true", "false", "on", "off", "null"]

    /// A plain scalar that no default rule can match.
    package static func isPlainText(_ text: String) -> Bool {
        guard let first = text.utf8.first,
              (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
                || first == UInt8(ascii: "_") else { return false }
        return !typedWords.contains(text.lowercased())
    }
}
