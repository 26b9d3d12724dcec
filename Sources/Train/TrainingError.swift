import Corpus

/// Why training could not produce a model; the message says what to change.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A corpus file could not be read, or (strict mode) a line was bad.
    case corpus(CorpusError)
    /// The options cannot be used.
    case invalidOptions(String)
    /// No usable rows, or a label without any labelled row.
    case noData(String)

    public var description: String {
        switch self {
        case .corpus(let e): return e.description
        case .invalidOptions(let m): return "invalid training options: \(m)"
        case .noData(let m): return m
        }
    }
}
