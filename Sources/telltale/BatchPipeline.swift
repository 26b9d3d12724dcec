import Foundation
import TelltaleIO

/// Turns a contiguous range of a batch's lines into one output chunk, on whichever thread calls
/// it. One worker per thread: it owns its parser and scorer buffers.
protocol BatchWorker: AnyObject, Sendable {
    associatedtype Chunk: AnyObject
    func process(_ batch: LineBatch, range: Range<Int>, into out: Chunk)
}

/// Streams lines through workers in input order.
///
/// One worker (unless `overlapSingleWorker`): everything runs on the calling thread (read a batch,
/// process it, consume it), so `--threads 1` really uses one core. Several workers (or one with
/// `overlapSingleWorker`, when consuming is heavy work of its own, as in `telltale accounts`):
/// each gets a dedicated thread and an equal
/// share of every batch, while the calling thread reads the next batch and consumes (writes) the
/// previous one; batches and chunks are double-buffered, and `consume` always sees a batch's chunks
/// in worker order, so the output does not depend on the thread count.
///
/// Dedicated threads fed through semaphores, not GCD: on Linux `DispatchQueue.concurrentPerform`
/// sometimes runs every iteration on one thread (see Sources/Train/ParallelChunks.swift).
final class BatchPipeline<Worker: BatchWorker> {
    private let workers: [Worker]
    private var threads: [WorkerThread] = []
    private let done = DispatchSemaphore(value: 0)
    private let batches = [LineBatch(), LineBatch()]
    private let chunks: [[Worker.Chunk]]
    private let maxLines: Int
    private let maxBytes: Int

    /// Batches of `linesPerWorker` lines per worker, or `maxBytes` bytes, whichever comes first.
    init(workers: [Worker], makeChunk: () -> Worker.Chunk, linesPerWorker: Int = 4096, maxBytes: Int = 8 << 20,
         overlapSingleWorker: Bool = false) {
        self.workers = workers
        chunks = (0..<2).map { _ in workers.map { _ in makeChunk() } }
        maxLines = linesPerWorker * workers.count
        self.maxBytes = maxBytes
        if workers.count > 1 || overlapSingleWorker {
            let done = done
            threads = workers.map { w in WorkerThread(done: done) { batch, range, out in w.process(batch, range: range, into: out) } }
        }
    }

    deinit {
        for t in threads { t.finish() }
    }

    /// Reads `reader` until it ends, `more()` turns false, or `consume(chunks, lineCount)` returns
    /// false (then nothing is left running).
    func run(reader: LineReader, more: () -> Bool, consume: ([Worker.Chunk], Int) -> Bool) {
        if threads.isEmpty {
            let batch = batches[0]
            while more() && batch.fill(from: reader, maxLines: maxLines, maxBytes: maxBytes) {
                workers[0].process(batch, range: 0..<batch.count, into: chunks[0][0])
                if !consume(chunks[0], batch.count) { return }
            }
            return
        }
        var current = 0
        var have = more() && batches[0].fill(from: reader, maxLines: maxLines, maxBytes: maxBytes)
        if have { start(0) }
        while have {
            let next = 1 - current
            if reader.wouldWait() {
                // The input paused: hand over the batch being scored before blocking for more.
                for _ in threads { done.wait() }
                if !consume(chunks[current], batches[current].count) { return }
                let nextHave = more() && batches[next].fill(from: reader, maxLines: maxLines, maxBytes: maxBytes)
                if nextHave { start(next) }
                current = next
                have = nextHave
                continue
            }
            let nextHave = more() && batches[next].fill(from: reader, maxLines: maxLines, maxBytes: maxBytes)
            for _ in threads { done.wait() }
            if nextHave { start(next) }
            if !consume(chunks[current], batches[current].count) {
                if nextHave { for _ in threads { done.wait() } }
                return
            }
            current = next
            have = nextHave
        }
    }

    /// Hands each thread its share of batch `b` (output into `chunks[b]`).
    private func start(_ b: Int) {
        let n = batches[b].count, per = (n + threads.count - 1) / threads.count
        for (t, thread) in threads.enumerated() {
            let lo = min(t * per, n), hi = min(lo + per, n)
            thread.submit(batches[b], lo..<hi, chunks[b][t])
        }
    }

    /// One dedicated thread: waits for a job, runs it, signals `done`.
    private final class WorkerThread: @unchecked Sendable {
        typealias Job = (batch: LineBatch, range: Range<Int>, out: Worker.Chunk)
        private let body: (LineBatch, Range<Int>, Worker.Chunk) -> Void
        private let go = DispatchSemaphore(value: 0)
        private let done: DispatchSemaphore
        private var job: Job?

        init(done: DispatchSemaphore, body: @escaping (LineBatch, Range<Int>, Worker.Chunk) -> Void) {
            self.body = body
            self.done = done
            let thread = Thread { [self] in loop() }
            thread.stackSize = 8 << 20
            thread.start()
        }

        func submit(_ batch: LineBatch, _ range: Range<Int>, _ out: Worker.Chunk) {
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
                body(j.batch, j.range, j.out)
                done.signal()
            }
        }
    }
}
