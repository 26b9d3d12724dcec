import Foundation

/// Runs `count` independent jobs on up to `threads` threads and returns their results in job
/// order, so the output does not depend on which thread ran which job or when.
///
/// Workers are real threads (the caller plus `threads - 1` started here), not
/// `DispatchQueue.concurrentPerform`: on Linux, GCD sometimes ran every iteration on the calling
/// thread (measured: a 2-thread extraction taking as long as a 1-thread one), and each worker here
/// pulls jobs until none is left, so a late worker simply takes fewer jobs.
enum ParallelChunks {
    static func map<T>(count: Int, threads: Int, _ job: @escaping (Int) -> T) -> [T] {
        if count == 0 { return [] }
        let workers = max(1, min(threads, count))
        if workers == 1 { return (0..<count).map(job) }
        let results = ResultSlots<T>(count: count)
        let nextJob = Counter()
        // `job` escapes into the worker threads (a Thread keeps its block until it exits, which
        // may be after this function returned), so it is @escaping, not withoutActuallyEscaping.
        let box = UncheckedBox(job)
        let work: @Sendable () -> Void = {
            while true {
                let j = nextJob.add(1) - 1
                guard j < count else { return }
                results.set(j, box.value(j))
            }
        }
        let finished = DispatchSemaphore(value: 0)
        for _ in 1..<workers {
            let thread = Thread {
                work()
                finished.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        work()
        for _ in 1..<workers { finished.wait() }
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
