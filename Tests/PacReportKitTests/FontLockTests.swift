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

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    /// Runs `work` on another thread while this one holds the lock: whether
    /// it was still waiting half a second after it started, whether it
    /// finished once the lock was let go, and what it threw.
    static func whileHeld(_ work: @escaping @Sendable () throws -> Void) -> (waited: Bool, finished: Bool, error: String?) {
        final class Failure: @unchecked Sendable { var text: String? }
        let started = DispatchSemaphore(value: 0), done = Flag(), failure = Failure()
        let finished = DispatchSemaphore(value: 0)
        let waited = FontLock.held {
            Thread {
                started.signal()
                do { try work() } catch { failure.text = "\(error)" }
                done.set()
                finished.signal()
            }.start()
            started.wait()
            Thread.sleep(forTimeInterval: 0.5)
            return !done.isSet
        }
        return (waited, finished.wait(timeout: .now() + 120) == .success, failure.text)
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
            let (waited, finished, error) = Self.whileHeld(work)
            #expect(waited, "\(name) used the fonts while another thread held them")
            #expect(finished && error == nil, "\(name) did not finish once the fonts were free: \(error ?? "")")
        }
    }

    /// What the command does beside the PDF: an ODT given its columns and
    /// chart pictures uses no font, so it is written while another thread
    /// holds them; and it is the ODT written alone.
    @Test func anODTWithItsChartsDrawnNeedsNoFonts() throws {
        let document = try Self.document()
        let folder = TestSupport.temporaryFolder()
        let alone = folder.appendingPathComponent("alone.odt").path
        let beside = folder.appendingPathComponent("beside.odt").path
        try ODTWriter().write(document, toPath: alone, shownAs: "alone.odt")
        let columns = TableColumns.measure(document), charts = ChartPictures.draw(document)
        #expect(charts.pictures.count == document.blocks.filter { if case .chart = $0 { true } else { false } }.count)
        #expect(charts.pictures.allSatisfy { $0.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && $0.width > 0 })
        let (waited, finished, error) = Self.whileHeld {
            try ODTWriter().write(document, toPath: beside, shownAs: "beside.odt", columns: columns, charts: charts)
        }
        #expect(!waited, "the ODT waited for the fonts")
        #expect(finished && error == nil, "\(error ?? "")")
        #expect(try Data(contentsOf: URL(fileURLWithPath: alone)) == Data(contentsOf: URL(fileURLWithPath: beside)))
    }

    /// Fonts live in one font map for the whole process, not in a thread's
    /// own (which GLib frees, fonts and all, when the thread ends, outside
    /// the lock).
    @Test func shapersOnEveryThreadShareOneFontMap() {
        final class Seen: @unchecked Sendable { var map: UnsafeMutableRawPointer? }
        let seen = Seen(), finished = DispatchSemaphore(value: 0)
        Thread {
            FontLock.held {
                let shaper = TextShaper(families: "Noto Sans", language: .en)
                seen.map = shaper.fontMap
            }
            finished.signal()
        }.start()
        finished.wait()
        let here = FontLock.held { TextShaper(families: "Noto Sans", language: .en).fontMap }
        #expect(seen.map != nil && seen.map == here)
        #expect(here == UnsafeMutableRawPointer(FontSetup.fontMap))
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
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = TextShaper(families: "Noto Sans", language: .en)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("a TextShaper made outside FontLock.held"), "\(message)")
    }
}
