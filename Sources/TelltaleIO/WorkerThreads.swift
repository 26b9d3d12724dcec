import Foundation

/// The one worker scheme of the project: a fixed set of dedicated threads, each running one task
/// per round (`start` hands thread t the task `body(t)`, `wait` blocks until every thread finished
/// it). Used by the scoring pipeline of `score`/`accounts` (which overlaps a round with reading the
/// next batch), by `eval`'s batch scorer and, through `map`, by training (feature extraction, one
/// label per thread). Results never depend on which thread ran what: callers give each thread its
/// own fixed share or collect results by job index.
///
/// Real threads fed through semaphores, not `DispatchQueue.concurrentPerform`: on Linux GCD
/// sometimes ran every iteration on the calling thread (measured: a 2-thread extraction taking as
/// long as a 1-thread one).
public final class WorkerThreads: @unchecked Sendable {
    /// Number of threads.
    public let count: Int
    private let state: State
    private var running = false

    /// What the threads share with the pool, held by every thread strongly: a thread that starts
    /// late — after a pool that never ran a round was already released, as on an empty input — still
    /// finds its semaphore and the "no task" that ends it. (The threads used to reach the pool
    /// through an unowned reference, which aborted the process in that case.)
    private final class State: @unchecked Sendable {
        let go: [DispatchSemaphore]
        let done = DispatchSemaphore(value: 0)
        /// The current round's task; nil ends the threads. Written before the semaphores are
        /// signalled, read after they are waited for.
        var body: ((Int) -> Void)?

        init(count: Int) {
            go = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        }

        func loop(_ t: Int) {
            while true {
                go[t].wait()
                guard let body else { done.signal(); return }
                body(t)
                done.signal()
            }
        }
    }

    /// Starts `count` (at least 1) threads that wait for work.
    public init(count: Int) {
        self.count = max(count, 1)
        let state = State(count: self.count)
        self.state = state
        for t in 0..<self.count {
            let thread = Thread { state.loop(t) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    deinit {
        // A round with no task ends every thread.
        state.body = nil
        for g in state.go { g.signal() }
        for _ in 0..<count { state.done.wait() }
    }

    /// Starts one round: thread t runs `body(t)`. Returns at once; call `wait()` before the next round.
    public func start(_ body: @escaping (Int) -> Void) {
        precondition(!running, "WorkerThreads.start: the previous round was not waited for")
        state.body = body
        running = true
        for g in state.go { g.signal() }
    }

    /// Blocks until every thread has finished the current round (returns at once when none runs).
    public func wait() {
        guard running else { return }
        for _ in 0..<count { state.done.wait() }
        running = false
        state.body = nil
    }

    /// `start(body)` then `wait()`.
    public func run(_ body: @escaping (Int) -> Void) {
        start(body)
        wait()
    }

    /// Runs `count` independent jobs on up to `threads` threads and returns their results in job
    /// order. Each thread pulls the next job until none is left, so a late thread simply takes
    /// fewer. One thread (or one job): everything runs on the calling thread.
    public static func map<T>(count: Int, threads: Int, _ job: @escaping (Int) -> T) -> [T] {
        if count == 0 { return [] }
        let workers = max(1, min(threads, count))
        if workers == 1 { return (0..<count).map(job) }
        let slots = UncheckedSendable([T?](repeating: nil, count: count))
        let lock = NSLock()
        let nextJob = SharedCounter()
        WorkerThreads(count: workers).run { _ in
            while true {
                let j = nextJob.add(1) - 1
                guard j < count else { return }
                let r = job(j)
                lock.lock()
                slots.value[j] = r
                lock.unlock()
            }
        }
        return slots.value.map { $0! }
    }
}

/// Hands a value to worker threads that use it safely (read-only, or disjoint parts per thread):
/// the one `@unchecked Sendable` box of the project.
public final class UncheckedSendable<T>: @unchecked Sendable {
    public var value: T
    public init(_ value: T) { self.value = value }
}

/// A running total several threads add to (next job, rows done).
public final class SharedCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    public init() {}

    /// Adds `n` and returns the new total.
    public func add(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += n
        return value
    }
}
