// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing
@testable import PacReportKit
@testable import PacAggregates
@testable import PacBase
@testable import PacDataset
@testable import PacDocument

/// The report tells the year as a reader trusts it: partner institutions by
/// the rule, "not recorded" where nothing was, the title from the template.
@Suite struct StoryTests {
    /// The base fixture with a centre named as a host and two institutions
    /// each written a second way.
    static func partnersDataset() throws -> URL {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "activities.csv") {
            $0.replacingOccurrences(of: "A3,2020-03-02,,beta,participant,conference,hybrid,A conference,,,",
                                    with: "A3,2020-03-02,,beta,participant,conference,hybrid,A conference,beta centre,,")
        }
        try TestSupport.edit(dataset, "participation.csv") {
            $0 + "A3,NO,host library.,2,\nA1,KZ,INST  R,1,\nA3,NO,Alpha Centre,1,\n"
        }
        return dataset
    }

    @Test func partnerInstitutionsFollowTheRule() throws {
        let dataset = try Self.partnersDataset()
        let result = TestSupport.load(dataset)
        let loaded = try #require(result.dataset)
        let partners = Aggregates(loaded).partners
        // The centres (by name, in any case, as a host or an institution) are not partners;
        // "host library." and "INST  R" are the institutions first written "Host Library" and "Inst R".
        #expect(partners.map(\.name) == ["Host Library", "Inst R", "Inst K", "Inst K2"])
        #expect(Aggregates(loaded).keyFigures.partnerInstitutions == 4)
        let host = try #require(partners.first)
        #expect(host.activities == ["A2", "A3"])
        #expect(host.countries == ["NO"])
        #expect(partners[1].countries == ["KZ", "RU"])
        let warnings = result.diagnostics.map(\.description)
        #expect(warnings.contains { $0.contains("participation.csv:7:institution: warning: 'host library.' is taken as 'Host Library' (activities.csv:3)") },
                "\(warnings)")
        #expect(warnings.contains { $0.contains("'INST  R' is taken as 'Inst R' (participation.csv:3)") }, "\(warnings)")
        #expect(!warnings.contains { $0.contains("Alpha Centre") || $0.contains("beta centre") })
    }

    /// The report lists the partners (name, countries by name, activities); the
    /// example, whose institutions are all the contract's centres, says it has none.
    @Test(.enabled(if: Tool.available("pdftotext"), "SKIP: needs poppler-utils"))
    func theReportListsThePartners() throws {
        let (pdf, _) = try PDFTests.render(try Self.partnersDataset(), ["--lang", "ru"])
        let text = PDFTests.folded(try PDFTests.text(pdf))
        #expect(text.contains("Организации-партнёры Организация Страны Мероприятия Host Library Норвегия 2 Inst R Казахстан, Россия 1"),
                "\(text)")
        let (example, _) = try PDFTests.render(TestSupport.example, ["--lang", "ru"])
        #expect(PDFTests.folded(try PDFTests.text(example))
            .contains("В 2020 году других организаций, кроме центров — сторон договора, не указано."))
    }

    @Test func spellingsAreOneInstitutionWhateverTheCaseSpacesOrPunctuation() {
        #expect(PartnerInstitutions.key("Host  Library.") == PartnerInstitutions.key("host library"))
        #expect(PartnerInstitutions.key("Национальная библиотека РК") == PartnerInstitutions.key("национальная  библиотека, РК"))
        #expect(PartnerInstitutions.key("Library 1") != PartnerInstitutions.key("Library 2"))
    }

    /// "at least 0" appears in no report: where nothing was recorded the
    /// report says so, in every language.
    @Test(.enabled(if: Tool.available("pdftotext"), "SKIP: needs poppler-utils"),
          arguments: ["en", "ru", "kk"])
    func noReportSaysAtLeastZero(_ language: String) throws {
        let phrases = ["en": ("at least 0", "not recorded"), "ru": ("не менее 0", "не указано"),
                       "kk": ("кемінде 0", "көрсетілмеген")][language]!
        for dataset in [TestSupport.example, TestSupport.base, TestSupport.fixtures.appendingPathComponent("multiscript")] {
            let (pdf, _) = try PDFTests.render(dataset, ["--lang", language])
            let text = PDFTests.folded(try PDFTests.text(pdf))
            #expect(!text.contains(phrases.0), "\(dataset.lastPathComponent) \(language)")
            if dataset == TestSupport.example { #expect(text.contains(phrases.1)) }
        }
    }
}

/// Date ranges written compactly, as each language writes them.
@Suite struct DateRangeTests {
    static func builder(_ language: ReportLanguage) throws -> ReportBuilder {
        let template = try ReportTemplate.load(folder: TestSupport.repository.appendingPathComponent("Templates/contract-summary"),
                                               language: language)
        return ReportBuilder(aggregates: Aggregates(try TestSupport.dataset(TestSupport.base)), template: template,
                             language: language, creationDate: 0)
    }

    @Test(arguments: [
        (ReportLanguage.en, ["17–19 March 2021", "30 March – 2 April 2021", "30 December 2020 – 2 January 2021"]),
        (.ru, ["17–19 марта 2021 г.", "30 марта – 2 апреля 2021 г.", "30 декабря 2020 г. – 2 января 2021 г."]),
        (.kk, ["2021 жылғы 17–19 наурыз", "2021 жылғы 30 наурыз – 2 сәуір", "2020 жылғы 30 желтоқсан – 2021 жылғы 2 қаңтар"]),
    ])
    func rangesAreCompact(_ language: ReportLanguage, _ expected: [String]) throws {
        let b = try Self.builder(language)
        func d(_ text: String) -> ISODate { ISODate(parsing: text)! }
        #expect(try b.dateRange(d("2021-03-17"), d("2021-03-19")) == expected[0])
        #expect(try b.dateRange(d("2021-03-30"), d("2021-04-02")) == expected[1])
        #expect(try b.dateRange(d("2020-12-30"), d("2021-01-02")) == expected[2])
    }
}
