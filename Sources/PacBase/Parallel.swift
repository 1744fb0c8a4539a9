// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation

/// Work shared by the cores: items taken in order, the failures kept.
private final class WorkQueue: @unchecked Sendable {
    let lock = NSLock()
    var next = 0
    var failures: [(rank: Int, error: Error)] = []
}

/// Does `work` for each item on as many threads as there are cores, the
/// items taken in order (put the longest first). Every item is done even
/// when one fails; then the failure of the item with the lowest `rank`
/// is rethrown (the one a sequential run in that order would have met
/// first), so which error is reported does not depend on timing.
public func onEveryCore<Item: Sendable>(_ items: [Item], rank: @escaping @Sendable (Item) -> Int,
                                        _ work: @escaping @Sendable (Item) throws -> Void) throws {
    let queue = WorkQueue()
    let workers = max(1, min(items.count, ProcessInfo.processInfo.activeProcessorCount))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index: Int? = queue.lock.withLock {
                guard queue.next < items.count else { return nil }
                queue.next += 1
                return queue.next - 1
            }
            guard let index else { return }
            do {
                try work(items[index])
            } catch {
                queue.lock.withLock { queue.failures.append((rank(items[index]), error)) }
            }
        }
    }
    if let first = queue.failures.min(by: { $0.rank < $1.rank }) { throw first.error }
}

/// A value handed to another thread by one that no longer touches it
/// until that thread is done (the caller's promise, not the compiler's).
public struct UncheckedSendable<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

/// A value made on another core from the moment this is created; `value`
/// waits for it.
public final class Later<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async(group: group) { [self] in result = work() }
    }

    public var value: Value {
        group.wait()
        return result!
    }
}

/// A value another thread hands over once (`fulfil`); `value` waits for it.
public final class Promise<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Value?

    public init() {}

    public func fulfil(_ value: Value) {
        condition.lock()
        result = value
        condition.broadcast()
        condition.unlock()
    }

    public var value: Value {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
