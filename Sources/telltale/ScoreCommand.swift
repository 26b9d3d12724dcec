import ArgumentParser
import Classifier
import TelltaleIO

/// `telltale score`: streams posts (JSONL or plain text, auto-detected per line) and writes one
/// JSON line per input line, in order. A line it cannot read becomes {"line":N,"error":"..."} and
/// scoring goes on; --strict stops at the first one with exit status 2.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score posts from a file or standard input.",
        discussion: """
        Each input line is a JSON object {"text": ..., "parent": ... (optional), "id": ... (optional)} or \
        plain text. Output: one JSON line per input line, in order:
          {"id":"t-1","scores":{"non_idiomatic":0.93,"mixed_zh_en":0.02,"off_topic":null},"flags":["non_idiomatic"]}
        off_topic is null without a parent. A label outside its gate (model header `gates`) scores 0 \
        (mixed_zh_en on Japanese, Korean, pure Chinese or pure English) or null (non_idiomatic on text \
        that is not mostly English); --explain says why ("gate: Korean (hangul) text is not Mandarin"). \
        Unreadable lines give {"line":N,"error":"..."}.
        """
    )

    @Option(name: .long, help: "Model file (default: the model in Models/, or $TELLTALE_MODEL).")
    var model: String?

    @Option(name: .long, help: "Input file, or - for standard input.")
    var input: String = "-"

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Flag threshold for a label (probability), e.g. non_idiomatic=0.7. Repeatable.", valueName: "label=p"))
    var threshold: [String] = []

    @Flag(name: .long, help: "Add the reasons for each flag, and why a gated label does not apply.")
    var explain = false

    @Option(name: .long, help: "Reasons per flagged label with --explain.")
    var reasons: Int = 3

    @Option(name: .long, help: "Scoring threads (output order is kept).")
    var threads: Int = ThreadsDefault.value

    @Flag(name: .long, help: "Stop at the first unreadable line (exit status 2).")
    var strict = false

    @OptionGroup var lineLimit: LineLimitOption

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1...64, got \(threads)") }
        guard reasons >= 1 else { throw ValidationError("--reasons must be at least 1") }
    }

    func run() throws {
        OutputWriter.ignoreSIGPIPE()
        let loaded = try loadModel(model)
        let thresholds = try parseThresholds(threshold)
        let reader: LineReader
        do { reader = try LineReader.open(input, maxLineBytes: lineLimit.maxLineBytes) } catch { throw ValidationErrorMessage("\(error)") }
        Interrupt.install()
        reader.isInterrupted = { Interrupt.requested }
        let out = OutputWriter()
        let scorers = try (0..<threads).map { _ in try LineScorer(model: loaded, thresholds: thresholds, explain: explain, reasons: reasons, maxLineBytes: lineLimit.maxLineBytes) }
        let pipeline = BatchPipeline(workers: scorers, makeChunk: { ChunkOutput() })
        let progress = Progress(label: "scored", unit: "posts")
        var errors = 0
        var firstError: String?
        var total = 0
        var strictStop = false
        pipeline.run(reader: reader, more: { !out.isClosed && !Interrupt.requested }) { outputs, n in
            for o in outputs {
                if strict, let end = o.firstErrorEnd {
                    out.write(Array(o.bytes[0..<end]))
                    firstError = o.firstError
                    strictStop = true
                    return false
                }
                out.write(o.bytes)
                errors += o.errorLines.count
                if firstError == nil { firstError = o.firstError }
            }
            total += n
            progress.update(total)
            // Nothing more has arrived: show what is scored now rather than when a buffer fills.
            if reader.wouldWait() { out.flush() }
            return true
        }
        if strictStop {
            out.flush()
            printError("telltale: \(firstError ?? "unreadable line") (--strict: stopping)")
            throw ExitCode(2)
        }
        out.flush()
        progress.finish(total)
        if Interrupt.requested {
            printError("telltale: interrupted: the output holds the \(total) line\(total == 1 ? "" : "s") read so far, each complete")
            throw ExitCode(130)
        }
        if let e = reader.readError { printError("telltale: reading '\(input)' failed after line \(total): \(e)") }
        if let e = out.writeError { printError("telltale: writing output failed: \(e)"); throw ExitCode(1) }
        if errors > 0 && !out.isClosed {
            printError("telltale: \(errors) of \(total) lines could not be scored (first: \(firstError ?? "?")); their output lines are {\"line\":N,\"error\":...}")
        }
        if reader.readError != nil { throw ExitCode(1) }
    }
}
