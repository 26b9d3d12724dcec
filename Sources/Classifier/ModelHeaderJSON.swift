import Foundation

/// How the JSON header of a model file is encoded: sorted keys (two writes of one model are byte
/// for byte identical), shortest round-trip doubles, and non-finite numbers (a metric that could
/// not be computed) as the strings "nan", "inf", "-inf".
enum ModelHeaderJSON {
    static func encode(_ header: ModelHeader) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return Array(try encoder.encode(header))
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> ModelHeader {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(ModelHeader.self, from: Data(bytes))
    }

    /// A one-line reason for a decoding failure (which field, what was wrong).
    static func reason(_ error: any Error) -> String {
        func at(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "at \(path): \(context.debugDescription)"
        }
        switch error as? DecodingError {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): return at(c)
        case .keyNotFound(let key, let c): return "missing field `\(key.stringValue)` " + at(c)
        default: return String(describing: error)
        }
    }
}
