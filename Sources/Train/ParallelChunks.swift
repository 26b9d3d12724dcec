import Foundation

/// Runs `count` independent jobs on up to `threads` threads and returns their results in job
/// order, so the output does not depend on which thread ran which job or when.
enum ParallelChunks {
    static func map<T>(count: Int, threads: Int, _ job: (Int) -> T) -> [T] {
        if count == 0 { return [] }
        let workers = max(1, min(threads, count))
        if workers == 1 { return (0..<count).map(job) }
        let results = ResultSlots<T>(count: count)
        let nextJob = Counter()
        withoutActuallyEscaping(job) { job in
            let box = UncheckedBox(job)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let j = nextJob.add(1) - 1
                    guard j < count else { return }
                    results.set(j, box.value(j))
                }
            }
        }
        return results.values()
    }
}

/// One slot per job, each written by exactly one thread.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = [T?](repeating: nil, count: count) }
    func set(_ i: Int, _ v: T) {
        lock.lock()
        slots[i] = v
        lock.unlock()
    }
    func values() -> [T] { slots.map { $0! } }
}

/// Hands a non-Sendable value to worker threads that use it safely (read-only or per-index).
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
