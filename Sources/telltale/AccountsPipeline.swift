import Foundation
import TelltaleIO

/// Runs `telltale accounts`'s work in two overlapping stages: the workers parse, score and sign
/// batch k+1 while the calling thread reads the batch after it and aggregates batch k. Batches and
/// their outputs are double-buffered; `consume` sees every batch's chunks in input order, so
/// results do not depend on the thread count.
///
/// Workers are dedicated threads fed through semaphores, not GCD: on Linux,
/// `DispatchQueue.concurrentPerform` sometimes runs every iteration on one thread (see
/// Sources/Train/ParallelChunks.swift).
final class AccountsPipeline {
    private let workers: [WorkerThread]
    private let done = DispatchSemaphore(value: 0)
    private let batches = [LineBatch(), LineBatch()]
    private let chunks: [[AccountsChunk]]
    private let batchLines: Int

    init(workers: [AccountsWorker], batchLines: Int = 2048) {
        let done = done
        self.workers = workers.map { WorkerThread($0, done: done) }
        chunks = (0..<2).map { _ in workers.map { _ in AccountsChunk() } }
        self.batchLines = batchLines * workers.count
    }

    deinit {
        for w in workers { w.finish() }
    }

    /// Reads `reader` to the end; `consume(chunks, lines)` gets each batch's chunks and its line count.
    func run(reader: LineReader, consume: ([AccountsChunk], Int) -> Void) {
        var current = 0
        var have = batches[0].fill(from: reader, maxLines: batchLines, maxBytes: 8 << 20)
        if have { start(0) }
        while have {
            let next = 1 - current
            let nextHave = batches[next].fill(from: reader, maxLines: batchLines, maxBytes: 8 << 20)
            for _ in workers { done.wait() }
            let lines = batches[current].count
            if nextHave { start(next) }
            consume(chunks[current], lines)
            current = next
            have = nextHave
        }
    }

    /// Hands each worker its share of batch `b` (output into `chunks[b]`).
    private func start(_ b: Int) {
        let n = batches[b].count, per = (n + workers.count - 1) / workers.count
        for (t, w) in workers.enumerated() {
            let lo = min(t * per, n), hi = min(lo + per, n)
            w.submit(batches[b], lo..<hi, chunks[b][t])
        }
    }

    /// One worker thread: waits for a job, runs it, signals `done`.
    private final class WorkerThread: @unchecked Sendable {
        private let worker: AccountsWorker
        private let go = DispatchSemaphore(value: 0)
        private let done: DispatchSemaphore
        private var job: (batch: LineBatch, range: Range<Int>, out: AccountsChunk)?

        init(_ worker: AccountsWorker, done: DispatchSemaphore) {
            self.worker = worker
            self.done = done
            let thread = Thread { [self] in loop() }
            thread.stackSize = 8 << 20
            thread.start()
        }

        func submit(_ batch: LineBatch, _ range: Range<Int>, _ out: AccountsChunk) {
            job = (batch, range, out)
            go.signal()
        }

        /// Ends the thread (a signal with no job).
        func finish() {
            job = nil
            go.signal()
        }

        private func loop() {
            while true {
                go.wait()
                guard let j = job else { return }
                worker.process(j.batch, range: j.range, into: j.out)
                done.signal()
            }
        }
    }
}
