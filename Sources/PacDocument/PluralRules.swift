// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PacBase
import PacDataset
import PacAggregates
/// CLDR plural categories of whole numbers for the report languages.
public enum PluralCategory: String, CaseIterable, Sendable {
    case zero, one, two, few, many, other
}

extension ReportLanguage {
    /// The CLDR plural category of the whole number `n`: English and
    /// Kazakh have one/other; Russian one/few/many ("1 мероприятие,
    /// 2 мероприятия, 5 мероприятий", and 21 is "one" again).
    public func pluralCategory(_ n: Int) -> PluralCategory {
        let n = n.magnitude
        switch self {
        case .en, .kk:
            return n == 1 ? .one : .other
        case .ru:
            let (mod10, mod100) = (n % 10, n % 100)
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        }
    }

    /// The categories a strings file must give for counted words.
    public var pluralCategories: [PluralCategory] {
        switch self {
        case .en, .kk: return [.one, .other]
        case .ru: return [.one, .few, .many, .other]
        }
    }
}
