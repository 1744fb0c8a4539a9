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
        // Composed and decomposed accents are one spelling; a symbol is not punctuation.
        #expect(PartnerInstitutions.key("Caf\u{E9} Library") == PartnerInstitutions.key("Cafe\u{301} library"))
        #expect(PartnerInstitutions.key("Cafe Library") != PartnerInstitutions.key("Café Library"))
        #expect(PartnerInstitutions.key("C++ Lab") != PartnerInstitutions.key("C Lab"))
        // A name of punctuation only is still a name.
        #expect(PartnerInstitutions.key("—") == "—")
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

/// The narrative's sentences with 0, 1, 2, 5 and 21 of each thing, as a
/// Russian or Kazakh reader expects them.
@Suite struct NarrativeTests {
    static let codes = ["KZ", "RU", "AM", "BY", "FR", "KG", "MD", "TM", "UZ", "DE", "IT", "ES", "PL", "CZ", "SK", "HU",
                        "RO", "BG", "GR", "TR", "GE"]

    static func story(_ n: Int) -> YearStory {
        YearStory(activities: n, online: n, onsite: 0, hybrid: 0, countries: Array(codes.prefix(n)), largest: nil,
                  planned: n, fulfilled: n)
    }

    @Test(arguments: [
        (ReportLanguage.ru, 1, ["Формат проведения: онлайн — 1.", "География участников — 1 страна: Казахстан.",
                                "Из 1 пункта плана на 2020 год выполнено 1 (100 %)."]),
        (.ru, 2, ["Формат проведения: онлайн — 2.", "География участников — 2 страны: Казахстан и Россия.",
                  "Из 2 пунктов плана на 2020 год выполнено 2 (100 %)."]),
        (.ru, 5, ["Формат проведения: онлайн — 5.", "География участников — 5 стран: Казахстан, Россия, Армения, Беларусь и Франция.",
                  "Из 5 пунктов плана на 2020 год выполнено 5 (100 %)."]),
        (.ru, 21, ["Формат проведения: онлайн — 21.", "География участников — 21 страна.",
                   "Из 21 пункта плана на 2020 год выполнено 21 (100 %)."]),
        (.kk, 1, ["Өткізу форматы: онлайн — 1.", "Қатысушылар географиясы — 1 ел: Қазақстан.",
                  "2020 жылғы жоспардағы 1 тармақ ішінен орындалғаны — 1 (100 %)."]),
        (.kk, 2, ["Өткізу форматы: онлайн — 2.", "Қатысушылар географиясы — 2 ел: Қазақстан және Ресей.",
                  "2020 жылғы жоспардағы 2 тармақ ішінен орындалғаны — 2 (100 %)."]),
        (.kk, 5, ["Өткізу форматы: онлайн — 5.",
                  "Қатысушылар географиясы — 5 ел: Қазақстан, Ресей, Армения, Беларусь және Франция.",
                  "2020 жылғы жоспардағы 5 тармақ ішінен орындалғаны — 5 (100 %)."]),
        (.kk, 21, ["Өткізу форматы: онлайн — 21.", "Қатысушылар географиясы — 21 ел.",
                   "2020 жылғы жоспардағы 21 тармақ ішінен орындалғаны — 21 (100 %)."]),
    ])
    func sentencesAgreeWithTheirNumbers(_ language: ReportLanguage, _ n: Int, _ expected: [String]) throws {
        #expect(try DateRangeTests.builder(language).narrative(Self.story(n)) == expected)
    }

    @Test(arguments: [ReportLanguage.en, .ru, .kk])
    func nothingIsToldOfWhatIsNotThere(_ language: ReportLanguage) throws {
        let b = try DateRangeTests.builder(language)
        #expect(try b.narrative(Self.story(0)).isEmpty)
        var story = Self.story(3)
        story.countries = []
        story.planned = 0
        story.fulfilled = 0
        let sentences = try b.narrative(story)
        #expect(sentences.count == 1, "\(sentences)")
    }

    @Test func partnersAndThePlanAreTold() throws {
        var story = Self.story(2)
        story.partners = ["Host Library", "Inst R"]
        story.planned = 200
        story.fulfilled = 199
        let ru = try DateRangeTests.builder(.ru).narrative(story)
        #expect(ru.contains("Партнёры центров — 2 организации: Host Library и Inst R."), "\(ru)")
        #expect(ru.contains("Из 200 пунктов плана на 2020 год выполнено 199 (99 %)."), "\(ru)")
        let en = try DateRangeTests.builder(.en).narrative(story)
        #expect(en.contains("The centres worked with 2 partner institutions: Host Library and Inst R."), "\(en)")
    }

    @Test func theLargestActivityIsNamed() throws {
        var story = Self.story(2)
        story.largest = ("Round table", ISODate(parsing: "2020-10-27")!, ParticipantCount(known: 24, complete: true))
        #expect(try DateRangeTests.builder(.ru).narrative(story)
            .contains("Больше всего участников — 24 — собрало мероприятие «Round table» (27 октября 2020 г.)."))
        #expect(try DateRangeTests.builder(.en).narrative(story)
            .contains("The largest activity was “Round table” (27 October 2020), with 24 participants."))
        story.largest = ("Round table", ISODate(parsing: "2020-10-27")!, ParticipantCount(known: 1, complete: true))
        #expect(try DateRangeTests.builder(.en).narrative(story)
            .contains("The largest activity was “Round table” (27 October 2020), with 1 participant."))
    }
}

/// What the centres wrote reaches both reports: descriptions, hosts, the
/// narrative and the partners, the same in the PDF and the ODT.
@Suite(.enabled(if: Tool.available("pdftotext"), "SKIP: needs poppler-utils"))
struct StoryContentTests {
    /// The ODT's text: content.xml without its markup.
    static func odtText(_ odt: URL) throws -> String {
        let xml = String(decoding: try ODTTests.parts(odt)["content.xml"]!, as: UTF8.self)
        var text = ""
        var inTag = false
        for ch in xml {
            if ch == "<" { inTag = true; text.append(" ") } else if ch == ">" { inTag = false } else if !inTag { text.append(ch) }
        }
        return PDFTests.folded(text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">"))
    }

    @Test(arguments: ["example", "base"])
    func descriptionsHostsAndTheNarrativeAreInBothReports(_ which: String) throws {
        let dataset = which == "example" ? TestSupport.example : TestSupport.base
        let data = try TestSupport.dataset(dataset)
        let (pdf, _) = try PDFTests.render(dataset)
        let pdfText = PDFTests.folded(try PDFTests.text(pdf))
        let odtText = try Self.odtText(try ODTTests.render(dataset))
        var expected = data.activities.compactMap(\.description) + data.activities.compactMap(\.host)
        let template = try ReportTemplate.load(folder: TestSupport.repository.appendingPathComponent("Templates/contract-summary"),
                                               language: .en)
        let builder = ReportBuilder(aggregates: Aggregates(data), template: template, language: .en, creationDate: 0)
        expected += try builder.narrative(YearStory(Aggregates(data)))
        #expect(!expected.isEmpty)
        for text in expected.map(PDFTests.folded) {
            #expect(pdfText.contains(text), "PDF lacks: \(text)")
            #expect(odtText.contains(text), "ODT lacks: \(text)")
        }
    }
}
