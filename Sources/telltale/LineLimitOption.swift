import ArgumentParser
import TelltaleIO

/// `--max-line-bytes`: the one line limit of every command that reads lines (score, features,
/// accounts, train-accounts, train, eval). A longer line is never held in memory: `score` and
/// `features` print an error record for it, the others report and skip it like any bad line.
struct LineLimitOption: ParsableArguments {
    @Option(name: .long, help: "Longest line accepted, in bytes (default 64 MiB); a longer line is a bad line, never held in memory.")
    var maxLineBytes: Int = LineReader.defaultMaxLineBytes

    func validate() throws {
        guard maxLineBytes >= 1 else { throw ValidationError("--max-line-bytes must be positive") }
    }
}
