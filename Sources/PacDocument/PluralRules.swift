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
    /// The CLDR plural category of the whole number `n`, from ICU's plural
    /// rules: English and Kazakh one/other; Russian one/few/many ("1
    /// мероприятие, 2 мероприятия, 5 мероприятий", and 21 is "one" again);
    /// French 0 and 1 "one"; Arabic zero/one/two/few/many/other.
    public func pluralCategory(_ n: Int) -> PluralCategory {
        LocaleData.of(self).pluralCategory(n)
    }

    /// The categories a strings file must give for counted words.
    public var pluralCategories: [PluralCategory] { LocaleData.of(self).pluralCategories }
}
