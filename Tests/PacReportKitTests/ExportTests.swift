// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing
@testable import PacReportKit
@testable import PacAggregates
@testable import PacBase
@testable import PacCSV
@testable import PacDataset
@testable import PacDocument
@testable import PacLayout
@testable import PacODT
@testable import PacOutput
@testable import PacPDF

/// The eight tables of the base fixture, worked out by hand from its files
/// (Fixtures/base) and the definitions of docs/data-format.md.
@Suite struct ExportTests {
    static func crlf(_ lines: [String]) -> String { lines.map { $0 + "\r\n" }.joined() }

    static let expected: [ExportTable: [String]] = [
        .activities: [
            "id,date,end_date,centres,role,kind,format,title,host,countries,participants,participants_complete,hours,plan_item",
            "A1,2020-01-15,,alpha,organizer,meeting,online,First meeting,,KZ;RU,14,true,2,P1",
            "A2,2020-03-02,2020-03-04,alpha;beta,co-organizer,training,onsite,Training days,Host Library,KZ,7,false,12.5,",
            "A3,2020-03-02,,beta,participant,conference,hybrid,A conference,,NO,3,true,,",
            "A4,2020-07-01,,beta,organizer,publication,online,A booklet,,,0,true,,",
        ],
        .participation: [
            "activity,country_code,country_name,institution,participants,role",
            "A1,KZ,Kazakhstan,,10,attendee",
            "A1,RU,Russia,Inst R,4,speaker",
            "A2,KZ,Kazakhstan,Inst K,7,trainee",
            "A2,KZ,Kazakhstan,Inst K2,,trainee",
            "A3,NO,Norway,,3,attendee",
        ],
        .byCentre: [
            "centre_id,centre_name,activities,organized,participated,online,onsite,hybrid,countries,participants,participants_complete",
            "alpha,Alpha Centre,2,2,0,1,1,0,2,21,false",
            "beta,Beta Centre,3,2,1,1,1,1,2,10,false",
        ],
        .byCountry: [
            "country_code,country_name,activities,participants,participants_complete,centres",
            "KZ,Kazakhstan,2,17,false,alpha;beta",
            "RU,Russia,1,4,true,alpha",
            "NO,Norway,1,3,true,beta",
        ],
        .byKind: [
            "kind,activities,online,onsite,hybrid,participants,participants_complete",
            "conference,1,0,0,1,3,true",
            "meeting,1,1,0,0,14,true",
            "publication,1,1,0,0,0,true",
            "training,1,0,1,0,7,false",
        ],
        .byMonth: [
            "month,activities,participants,participants_complete",
            "2020-01,1,14,true", "2020-02,0,0,true", "2020-03,2,10,false", "2020-04,0,0,true",
            "2020-05,0,0,true", "2020-06,0,0,true", "2020-07,1,0,true", "2020-08,0,0,true",
            "2020-09,0,0,true", "2020-10,0,0,true", "2020-11,0,0,true", "2020-12,0,0,true",
        ],
        .plan: [
            "id,year,quarter,centres,kind,format,title,countries,status",
            "N3,2021,Q1,alpha,other,,First quarter item,,planned",
            "N1,2021,Q2,alpha;beta,master_class,online,Next master class,TR;UZ,planned",
            "N2,2021,,beta,meeting,,Next meeting,,confirmed",
        ],
        .planFulfilment: [
            "id,title,centres,kind,status,fulfilled,fulfilled_by",
            "P1,Planned meeting,alpha,meeting,done,true,A1",
            "P2,Unfulfilled seminar,beta,seminar,planned,false,",
        ],
    ]

    @Test(arguments: ExportTable.allCases)
    func baseTableIsByteExact(_ table: ExportTable) throws {
        #expect(try TestSupport.csv(table, TestSupport.base) == Self.crlf(Self.expected[table]!))
    }

    @Test func keyFiguresOfTheBase() throws {
        let k = Aggregates(try TestSupport.dataset(TestSupport.base)).keyFigures
        #expect(k.activities == 4)
        #expect(k.formats == FormatCounts(online: 2, onsite: 1, hybrid: 1))
        #expect(k.countriesReached == 3)
        #expect(k.participants == ParticipantCount(known: 24, complete: false))
        #expect(k.partnerInstitutions == 4)
        #expect(k.trainingHours.description == "12.5")
        #expect(k.contractYear == 2)
    }

    @Test func excelForRussianUsesSemicolonsDecimalCommaBOMAndFormulaGuard() throws {
        let dataset = TestSupport.copy(TestSupport.base)
        try TestSupport.edit(dataset, "activities.csv") {
            $0.replacingOccurrences(of: "First meeting", with: "=HYPERLINK(\"x\")")
                .replacingOccurrences(of: "Host Library", with: "-Host; Library")
        }
        let exporter = Commands.exporter(language: .ru, excel: true, delimiter: nil, byteOrderMark: false)
        let bytes = exporter.export(.activities, of: ExportTables(Aggregates(try TestSupport.dataset(dataset))))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0] == "id;date;end_date;centres;role;kind;format;title;host;countries;participants;participants_complete;hours;plan_item")
        #expect(lines[1] == "A1;2020-01-15;;alpha;organizer;meeting;online;\"'=HYPERLINK(\"\"x\"\")\";;KZ;RU;14;true;2;P1".replacingOccurrences(of: ";KZ;RU;", with: ";\"KZ;RU\";"))
        #expect(lines[2] == "A2;2020-03-02;2020-03-04;\"alpha;beta\";co-organizer;training;onsite;Training days;\"'-Host; Library\";KZ;7;false;12,5;")
    }

    @Test func excelForEnglishKeepsCommaAndPoint() throws {
        let exporter = Commands.exporter(language: .en, excel: true, delimiter: nil, byteOrderMark: false)
        let text = String(decoding: exporter.export(.activities, of: ExportTables(Aggregates(try TestSupport.dataset(TestSupport.base)))), as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}id,date,"))
        #expect(text.contains(",12.5,"))
    }

    @Test func delimiterAndBOMAloneChangeNothingElse() throws {
        let exporter = Commands.exporter(language: .ru, excel: false, delimiter: UInt8(ascii: "\t"), byteOrderMark: true)
        let bytes = exporter.export(.byKind, of: ExportTables(Aggregates(try TestSupport.dataset(TestSupport.base))))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(text == Self.crlf(Self.expected[.byKind]!).replacingOccurrences(of: ",", with: "\t"))
    }

    @Test func countryNamesFollowTheLanguageOnly() throws {
        let ru = try TestSupport.csv(.byCountry, TestSupport.base, language: .ru)
        #expect(ru.contains("KZ,Казахстан,2,17,false,alpha;beta\r\n"))
        #expect(ru.hasPrefix("country_code,country_name,"))
    }

    @Test func delimiterOption() {
        #expect(CSVStyle.delimiter(from: "tab") == 9)
        #expect(CSVStyle.delimiter(from: ";") == UInt8(ascii: ";"))
        #expect(CSVStyle.delimiter(from: "\"") == nil)
        #expect(CSVStyle.delimiter(from: ";;") == nil)
    }

    /// A dataset written as a new user would: BOM, CRLF, shuffled and
    /// capitalised headers, quoted line breaks and commas, every script.
    @Test func multiScriptDatasetReadsAsWritten() throws {
        let folder = TestSupport.fixtures.appendingPathComponent("multiscript")
        let result = TestSupport.load(folder)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let participation = try TestSupport.csv(.participation, folder)
        #expect(participation.contains("a-01,KZ,Kazakhstan,\"Национальная академическая библиотека\nАстана\",3,speaker\r\n"))
        #expect(participation.contains("a-01,KZ,Kazakhstan,\"Ұлттық кітапхана, Алматы\",12,trainee\r\n"))
        let activities = try TestSupport.csv(.activities, folder)
        #expect(activities.contains("a-02,2021-03-05,,am-centre;kz-centre,co-organizer,master_class,online,Հայկական ձեռագրերի վերականգնում,,AM;KZ,20,false,6.5,\r\n"))
        #expect(activities.contains("a-10,2021-12-31,,kz-centre,organizer,other,online,\"Titles with & < > \"\" ' and =SUM(A1)\",,FR,2,true,,\r\n"))
        #expect(activities.contains("a-04,2021-04-20,2022-01-15,il-centre,organizer,training,onsite,שימור ספרים עתיקים,בית הספר לשימור,IL,7,true,8,\r\n"))
        let k = Aggregates(try TestSupport.dataset(folder)).keyFigures
        #expect(k.trainingHours.description == "57.75")
        #expect(k.participants == ParticipantCount(known: 83, complete: false))
        #expect(k.countriesReached == 10)
    }

    /// The example of the seed story, worked out by hand from the story.
    @Test func exampleFigures() throws {
        let a = Aggregates(try TestSupport.dataset(TestSupport.example))
        let k = a.keyFigures
        #expect(k.activities == 5)
        #expect(k.formats == FormatCounts(online: 5, onsite: 0, hybrid: 0))
        #expect(k.countriesReached == 9)
        #expect(k.participants == ParticipantCount(known: 0, complete: false))
        // Both institutions the example names are its reporting centres: no partners.
        #expect(k.partnerInstitutions == 0)
        #expect(k.contractYear == 1)
        #expect(a.byKind.map(\.kind) == [.meeting, .conference, .round_table])
        #expect(a.byCentre.map { [$0.activities, $0.organized, $0.participated, $0.countries] } == [[5, 4, 1, 9], [4, 4, 0, 9]])
        #expect(a.byCountry.prefix(2).map(\.code) == ["KZ", "RU"])
        #expect(a.nextYearPlan.count == 4)
        #expect(a.planFulfilment.isEmpty)
        let roundTable = a.activities.first { $0.activity.kind == .round_table }!
        #expect(roundTable.countries == ["AM", "BY", "FR", "KG", "KZ", "MD", "RU", "TM", "UZ"])
    }
}
