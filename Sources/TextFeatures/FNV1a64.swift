/// Streaming 64-bit FNV-1a over bytes, unseeded: the one FNV-1a of the project outside feature
/// hashing, with `FeatureHash`'s constants (seed 0 gives the same value as `FeatureHash.hash`). It
/// fingerprints corpus files in model provenance and checksums model files.
public struct FNV1a64: Sendable, Equatable {
    public private(set) var value: UInt64 = FeatureHash.offsetBasis

    public init() {}

    /// FNV-1a-64 of `bytes` in one call.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = FNV1a64()
        h.update(bytes)
        return h.value
    }

    /// Hashes `bytes` after everything hashed so far.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for b in bytes { h = FeatureHash.step(h, b) }
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
