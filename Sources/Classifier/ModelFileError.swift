/// The parts of a model file, in file order (see `ModelFileLayout`), named in truncation errors.
public enum ModelFileSection: String, Sendable, Equatable, CaseIterable {
    case magic = "magic number"
    case preamble = "fixed header"
    case header = "JSON header"
    case weights = "weights"
    case bias = "bias"
    case documentFrequencies = "document frequencies"
    case checksum = "checksum"
}

/// Why a model file could not be loaded or written. Every message names the file and says what to do.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
    /// No file at `path`.
    case notFound(path: String)
    /// `path` is a directory.
    case isDirectory(path: String)
    /// The file exists but cannot be opened, mapped or is not a regular file (`reason` from the OS).
    case unreadable(path: String, reason: String)
    /// The file has zero bytes.
    case empty(path: String)
    /// The file does not start with `TTLMODEL`.
    case notAModel(path: String)
    /// The file was written by a newer Telltale.
    case newerVersion(path: String, version: UInt32, supported: UInt32)
    /// The file ends inside `section`: it should have `expectedBytes` bytes but has `actualBytes`.
    case truncated(path: String, section: ModelFileSection, expectedBytes: Int, actualBytes: Int)
    /// The stored FNV-1a-64 checksum does not match the bytes.
    case corrupted(path: String, stored: UInt64, computed: UInt64)
    /// The JSON header cannot be decoded.
    case invalidHeader(path: String, reason: String)
    /// Sizes or fields disagree with each other (header vs sections, bad counts, non-finite weights).
    case inconsistent(path: String, reason: String)
    /// Writing failed (`reason` from the OS, or the model cannot be stored as it is).
    case cannotWrite(path: String, reason: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .notFound(let p), .isDirectory(let p), .unreadable(let p, _), .empty(let p), .notAModel(let p),
             .newerVersion(let p, _, _), .truncated(let p, _, _, _), .corrupted(let p, _, _), .invalidHeader(let p, _),
             .inconsistent(let p, _), .cannotWrite(let p, _):
            return p
        }
    }

    public var description: String {
        let file = "model file '\(path)'"
        switch self {
        case .notFound:
            return "\(file) does not exist: check the path given to --model"
        case .isDirectory:
            return "\(file) is a directory, not a model file: give the path of the model file inside it"
        case .unreadable(_, let reason):
            return "\(file) cannot be read (\(reason)): check its permissions and that it is a regular file"
        case .empty:
            return "\(file) is empty (0 bytes): it was not written completely; copy it again or retrain with `telltale train`"
        case .notAModel:
            return "\(file) is not a Telltale model (it does not start with TTLMODEL): check the path given to --model"
        case .newerVersion(_, let v, let s):
            return "\(file): model format version \(v) is newer than this telltale supports (\(s)): upgrade telltale"
        case .truncated(_, let section, let expected, let actual):
            return "\(file) is truncated in its \(section.rawValue) section: expected \(expected) bytes, found \(actual); "
                + "it was cut short while copying or downloading: copy it again or retrain with `telltale train`"
        case .corrupted(_, let stored, let computed):
            return "\(file) is corrupted: checksum mismatch (stored \(hex(stored)), computed \(hex(computed))); "
                + "copy it again or retrain with `telltale train`"
        case .invalidHeader(_, let reason):
            return "\(file) has an unreadable JSON header (\(reason)): it was not written by telltale; retrain with `telltale train`"
        case .inconsistent(_, let reason):
            return "\(file) is inconsistent: \(reason); retrain with `telltale train`"
        case .cannotWrite(_, let reason):
            return "cannot write \(file): \(reason)"
        }
    }

    private func hex(_ x: UInt64) -> String {
        let digits = String(x, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
