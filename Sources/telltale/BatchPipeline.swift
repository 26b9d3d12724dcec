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
/// each gets a thread of a `WorkerThreads` pool and an equal share of every batch, while the
/// calling thread reads the next batch and consumes (writes) the previous one; batches and chunks
/// are double-buffered, and `consume` always sees a batch's chunks in worker order, so the output
/// does not depend on the thread count.
final class BatchPipeline<Worker: BatchWorker> {
    private let workers: [Worker]
    private let pool: WorkerThreads?
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
        pool = workers.count > 1 || overlapSingleWorker ? WorkerThreads(count: workers.count) : nil
    }

    /// Reads `reader` until it ends, `more()` turns false, or `consume(chunks, lineCount)` returns
    /// false (then nothing is left running).
    func run(reader: LineReader, more: () -> Bool, consume: ([Worker.Chunk], Int) -> Bool) {
        guard let pool else {
            let batch = batches[0]
            while more() && batch.fill(from: reader, maxLines: maxLines, maxBytes: maxBytes) {
                workers[0].process(batch, range: 0..<batch.count, into: chunks[0][0])
                if !consume(chunks[0], batch.count) { return }
            }
            return
        }
        var current = 0
        var have = more() && batches[0].fill(from: reader, maxLines: maxLines, maxBytes: maxBytes)
        if have { start(0, on: pool) }
        while have {
            let next = 1 - current
            if reader.wouldWait() {
                // The input paused: hand over the batch being scored before blocking for more.
                pool.wait()
                if !consume(chunks[current], batches[current].count) { return }
                let nextHave = more() && batches[next].fill(from: reader, maxLines: maxLines, maxBytes: maxBytes)
                if nextHave { start(next, on: pool) }
                current = next
                have = nextHave
                continue
            }
            let nextHave = more() && batches[next].fill(from: reader, maxLines: maxLines, maxBytes: maxBytes)
            pool.wait()
            if nextHave { start(next, on: pool) }
            if !consume(chunks[current], batches[current].count) {
                pool.wait()
                return
            }
            current = next
            have = nextHave
        }
    }

    /// Hands each thread its share of batch `b` (output into `chunks[b]`).
    private func start(_ b: Int, on pool: WorkerThreads) {
        let batch = batches[b], out = chunks[b], workers = workers
        let n = batch.count, per = (n + workers.count - 1) / workers.count
        pool.start { t in
            let lo = min(t * per, n), hi = min(lo + per, n)
            workers[t].process(batch, range: lo..<hi, into: out[t])
        }
    }
}
