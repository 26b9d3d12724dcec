/// Streaming 64-bit FNV-1a over bytes, used to fingerprint training files in model provenance.
/// (Not `FeatureHash`: that one is seeded and part of the feature format; this is plain FNV-1a.)
public struct FNV1a64: Sendable, Equatable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Hashes `bytes` after everything hashed so far.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        value = h
    }

    /// Hashes the UTF-8 bytes of `string`.
    public mutating func update(_ string: String) {
        var s = string
        s.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// 16 lower-case hex digits.
    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
