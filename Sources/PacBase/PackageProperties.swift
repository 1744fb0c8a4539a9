// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0

/// What an office document says of itself (ODF `meta.xml`, OOXML
/// `docProps/core.xml`): the document stage fills it in, the packages
/// write it.
public struct PackageProperties: Sendable, Hashable {
    public var title: String
    public var subject: String
    public var keywords: [String]
    public var author: String
    /// The program, `pacreport VERSION`.
    public var generator: String
    /// `YYYY-MM-DDThh:mm:ssZ`.
    public var created: String
    /// BCP 47, e.g. `ru-RU`.
    public var language: String

    public init(title: String, subject: String, keywords: [String], author: String, generator: String, created: String,
                language: String) {
        self.title = title; self.subject = subject; self.keywords = keywords; self.author = author
        self.generator = generator; self.created = created; self.language = language
    }
}
