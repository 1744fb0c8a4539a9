// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing
@testable import PacReportKit
@testable import PacAggregates
@testable import PacDocument
@testable import PacLayout
@testable import PacODT
@testable import PacOutput
@testable import PacPDF

/// Text is shaped and drawn by one thread at a time (`FontLock`): Cairo
/// 1.16 closes a shared font face another thread is about to use when more
/// than ten are open, which crashed about one render in 300 of the
/// multi-script report while its ODT's charts were drawn beside its PDF.
@Suite struct FontLockTests {
    /// The multi-script fixture's document: more than ten fonts.
    static func document() throws -> ReportDocument {
        let dataset = try TestSupport.dataset(TestSupport.fixtures.appendingPathComponent("multiscript"))
        return try Commands.document(Aggregates(dataset), language: .en, template: nil, paper: nil)
    }

    /// Whether `work`, started on another thread while this one holds the
    /// lock, waits until it is let go (and then finishes).
    static func waitsForTheLock(_ work: @escaping @Sendable () throws -> Void) -> (waited: Bool, finished: Bool) {
        final class Flag: @unchecked Sendable {
            private let lock = NSLock()
            private var value = false
            var isSet: Bool { lock.withLock { value } }
            func set() { lock.withLock { value = true } }
        }
        let done = Flag()
        let group = DispatchGroup()
        let waited = FontLock.held {
            DispatchQueue.global().async(group: group) {
                try? work()
                done.set()
            }
            // Far longer than any of this work takes when it does not wait.
            Thread.sleep(forTimeInterval: 1.5)
            return !done.isSet
        }
        let finished = group.wait(timeout: .now() + 60) == .success && done.isSet
        return (waited, finished)
    }

    @Test func everyWayIntoTheFontsWaitsForTheThreadHoldingThem() throws {
        let document = try Self.document()
        let folder = TestSupport.temporaryFolder()
        let entries: [(String, @Sendable () throws -> Void)] = [
            ("the PDF", {
                let sink = try FileSink(path: folder.appendingPathComponent("a.pdf").path)
                _ = try PDFWriter().write(document, to: sink)
                try sink.close()
            }),
            ("the column widths", { _ = TableColumns.measure(document) }),
            ("the charts' pictures", { _ = ChartPictures.draw(document) }),
            ("the ODT (its columns and charts)", {
                try ODTWriter().write(document, toPath: folder.appendingPathComponent("a.odt").path, shownAs: "a.odt")
            }),
        ]
        for (name, work) in entries {
            let (waited, finished) = Self.waitsForTheLock(work)
            #expect(waited, "\(name) used the fonts while another thread held them")
            #expect(finished, "\(name) did not finish once the fonts were free")
        }
    }

    /// The ODT written beside the PDF with the charts drawn before is the
    /// ODT written alone.
    @Test func chartsDrawnBeforeMakeTheSameODT() throws {
        let document = try Self.document()
        let folder = TestSupport.temporaryFolder()
        let alone = folder.appendingPathComponent("alone.odt").path
        let beside = folder.appendingPathComponent("beside.odt").path
        try ODTWriter().write(document, toPath: alone, shownAs: "alone.odt")
        let charts = ChartPictures.draw(document)
        #expect(charts.pictures.count == document.blocks.filter { if case .chart = $0 { true } else { false } }.count)
        #expect(charts.pictures.allSatisfy { $0.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && $0.width > 0 })
        try ODTWriter().write(document, toPath: beside, shownAs: "beside.odt", columns: TableColumns.measure(document),
                              charts: charts)
        #expect(try Data(contentsOf: URL(fileURLWithPath: alone)) == Data(contentsOf: URL(fileURLWithPath: beside)))
    }

    @Test func theLockIsReentrantAndKnowsItsThread() {
        #expect(!FontLock.isHeld)
        FontLock.held {
            #expect(FontLock.isHeld)
            FontLock.held { #expect(FontLock.isHeld) }
            #expect(FontLock.isHeld)
            // (Not DispatchQueue.sync, which may run on this very thread.)
            final class Seen: @unchecked Sendable { var held = true }
            let seen = Seen(), finished = DispatchSemaphore(value: 0)
            Thread {
                seen.held = FontLock.isHeld
                finished.signal()
            }.start()
            finished.wait()
            #expect(!seen.held, "held by this thread, not by every thread")
        }
        #expect(!FontLock.isHeld)
    }

    /// Shaping text without the lock stops the program at once, instead of
    /// crashing one run in hundreds.
    @Test func shapingWithoutTheLockStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            _ = TextShaper(families: "Noto Sans", language: .en)
        }
    }
}
