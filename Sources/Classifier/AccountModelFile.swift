import Foundation

/// The account model file, format version 1 (all integers little-endian):
///
/// ```
/// offset  bytes  field
///      0      8  magic "TTLACCTS"
///      8      4  format version, UInt32 (= 1)
///     12      4  JSON length n, UInt32
///     16      n  JSON: `AccountModel`, sorted keys, shortest round-trip doubles
///   16+n      8  checksum: FNV-1a-64 of every preceding byte (as the post model file)
/// ```
///
/// Two writes of the same model are byte-identical; any changed byte fails the checksum, and a cut
/// file is reported with the bytes expected and found.
public enum AccountModelFile {
    static let magic: [UInt8] = Array("TTLACCTS".utf8)
    public static let formatVersion: UInt32 = 1
    static let maxJSONLength = 1 << 24

    /// The file's bytes for `model`.
    public static func bytes(_ model: AccountModel, path: String) throws(AccountModelError) -> [UInt8] {
        if let p = model.problem { throw .cannotWrite(path: path, reason: p) }
        let json: [UInt8]
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            json = Array(try encoder.encode(model))
        } catch {
            throw .cannotWrite(path: path, reason: "cannot encode the model: \(error)")
        }
        var out = magic
        out.appendLittleEndian(formatVersion)
        out.appendLittleEndian(UInt32(json.count))
        out.append(contentsOf: json)
        let sum = out.withUnsafeBytes { ModelChecksum.fnv1a64($0) }
        out.appendLittleEndian(sum)
        return out
    }

    /// Writes `model` to `path` atomically (temporary file, fsync, rename).
    public static func write(_ model: AccountModel, to path: String) throws(AccountModelError) {
        let b = try bytes(model, path: path)
        do throws(ModelFileError) { try AtomicFileWriter.replace(path, with: b) } catch {
            if case .cannotWrite(_, let reason) = error { throw .cannotWrite(path: path, reason: reason) }
            throw .cannotWrite(path: path, reason: error.description)
        }
    }

    /// Loads and checks the account model at `path`: magic, version, length, checksum, JSON, and
    /// that its fields agree. Every failure names the file and says what to do.
    public static func load(path: String) throws(AccountModelError) -> AccountModel {
        let file: MappedFile
        do throws(ModelFileError) { file = try MappedFile(path: path) } catch {
            switch error {
            case .notFound: throw .notFound(path: path)
            case .empty: throw .truncated(path: path, expected: 24, found: 0)
            default: throw .unreadable(path: path, reason: error.description)
            }
        }
        let b = file.bytes
        let size = b.count
        if b.prefix(8).elementsEqual(ModelFileLayout.magic.prefix(size)) && size >= 8 { throw .postModel(path: path) }
        guard b.prefix(magic.count).elementsEqual(magic.prefix(size)) else { throw .notAnAccountModel(path: path) }
        guard size >= 16 else { throw .truncated(path: path, expected: 24, found: size) }
        let version = b.readUInt32(at: 8)
        guard version <= formatVersion else { throw .newerVersion(path: path, version: version) }
        guard version == formatVersion else { throw .invalid(path: path, reason: "format version \(version) does not exist") }
        let length = Int(b.readUInt32(at: 12))
        guard length <= maxJSONLength else { throw .invalid(path: path, reason: "JSON length \(length) is over \(maxJSONLength) bytes") }
        let expected = 16 + length + 8
        guard size >= expected else { throw .truncated(path: path, expected: expected, found: size) }
        guard size == expected else {
            throw .invalid(path: path, reason: "\(size - expected) unexpected bytes after the checksum (expected \(expected) bytes, found \(size))")
        }
        let stored = b.readUInt64(at: 16 + length)
        let computed = ModelChecksum.fnv1a64(UnsafeRawBufferPointer(rebasing: b[..<(16 + length)]))
        guard stored == computed else { throw .corrupted(path: path) }
        let model: AccountModel
        do {
            model = try JSONDecoder().decode(AccountModel.self, from: Data(UnsafeRawBufferPointer(rebasing: b[16..<(16 + length)])))
        } catch {
            throw .invalid(path: path, reason: "its JSON cannot be read: \(ModelHeaderJSON.reason(error))")
        }
        if let p = model.problem { throw .invalid(path: path, reason: p) }
        return model
    }
}

/// Why an account model file could not be loaded or written.
public enum AccountModelError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    /// A post model (`TTLMODEL`) given where an account model was expected.
    case postModel(path: String)
    case notAnAccountModel(path: String)
    case newerVersion(path: String, version: UInt32)
    case truncated(path: String, expected: Int, found: Int)
    case corrupted(path: String)
    case invalid(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        let retrain = "copy it again or rebuild it with `telltale train-accounts` (scripts/train-accounts.sh for the shipped one)"
        switch self {
        case .notFound(let p):
            return "account model file '\(p)' does not exist: check the path given to --account-model"
        case .unreadable(let p, let r):
            return "account model file '\(p)' cannot be read (\(r))"
        case .postModel(let p):
            return "'\(p)' is a post model (TTLMODEL), not an account model: pass it with --model, and the account model with --account-model"
        case .notAnAccountModel(let p):
            return "account model file '\(p)' is not a Telltale account model (it does not start with TTLACCTS): check the path given to --account-model"
        case .newerVersion(let p, let v):
            return "account model file '\(p)': format version \(v) is newer than this telltale reads (\(AccountModelFile.formatVersion)): upgrade telltale"
        case .truncated(let p, let e, let f):
            return "account model file '\(p)' is truncated: expected \(e) bytes, found \(f); \(retrain)"
        case .corrupted(let p):
            return "account model file '\(p)' is corrupted (checksum mismatch); \(retrain)"
        case .invalid(let p, let r):
            return "account model file '\(p)' is not valid: \(r); \(retrain)"
        case .cannotWrite(let p, let r):
            return "cannot write account model file '\(p)': \(r)"
        }
    }
}
