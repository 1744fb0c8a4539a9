// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation

/// Text is shaped, measured and drawn by one thread at a time, process-wide.
///
/// Why: Cairo shares one FreeType face per font file among all threads and
/// all Pango font maps, and when ten faces are open it closes one that no
/// thread has locked *at that instant* to open the next
/// (`_cairo_ft_unscaled_font_lock_face` in cairo-ft-font.c reads another
/// font's lock count without taking that font's mutex). A thread that takes
/// that font a moment later uses a freed face. A report with more than ten
/// fonts (the multi-script fixture: Latin, Cyrillic, Arabic, Hebrew,
/// Armenian, Georgian, CJK, each regular and bold) crashed about one render
/// in 300 when the ODT's charts were drawn beside the PDF, and the helper
/// shapers of long tables ran the same risk. Waiting on this lock costs
/// nothing a user notices; a crash loses the report.
///
/// Every entry point that uses fonts (`PDFWriter.write`,
/// `TableColumns.measure`, `ChartFigure.png`) holds it; `TextShaper` and
/// `TextLayout` check that it is held, so a new caller that forgets fails
/// at once instead of crashing one run in hundreds. The lock is reentrant
/// on its own thread.
package enum FontLock {
    nonisolated(unsafe) private static let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        return mutex
    }()

    /// How deep the current thread is inside `held` (nil pointer: not at all).
    private static let depthKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private static var depth: Int { Int(bitPattern: pthread_getspecific(depthKey)) }

    /// True when the current thread holds the lock.
    package static var isHeld: Bool { depth > 0 }

    /// Runs `body` holding the lock (waiting for another thread to let go of it).
    package static func held<T>(_ body: () throws -> T) rethrows -> T {
        let outer = depth
        if outer == 0 { pthread_mutex_lock(mutex) }
        pthread_setspecific(depthKey, UnsafeRawPointer(bitPattern: outer + 1))
        defer {
            pthread_setspecific(depthKey, UnsafeRawPointer(bitPattern: outer))
            if outer == 0 { pthread_mutex_unlock(mutex) }
        }
        return try body()
    }

    /// Stops the program when the current thread does not hold the lock:
    /// using fonts without it is the crash described above, made certain.
    package static func assertHeld(_ what: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
        precondition(isHeld, "\(what()) outside FontLock.held: text is shaped and drawn by one thread at a time",
                     file: file, line: line)
    }
}
