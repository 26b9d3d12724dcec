/// The stable hash behind every feature index. It is part of the model format: changing any
/// constant here changes which bucket a feature lands in, so it needs a new model format version.
///
/// - Bytes are hashed with 64-bit FNV-1a starting from `offsetBasis ^ seed`.
/// - An n-gram's hash combines its tokens' hashes left to right with `combine` (boost-style mix).
/// - A bucket is `(h ^ (h >> 32)) & (bucketCount - 1)`; `bucketCount` is a power of two.
public enum FeatureHash {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a over `bytes`, seeded.
    @inlinable
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        var h = offsetBasis ^ seed
        for b in bytes {
            h ^= UInt64(b)
            h = h &* prime
        }
        return h
    }

    /// FNV-1a of a string's UTF-8 bytes (convenience for tests and names).
    public static func hash(_ string: String, seed: UInt64 = 0) -> UInt64 {
        var s = string
        return s.withUTF8 { hash($0, seed: seed) }
    }

    /// One FNV-1a step, for rolling character n-grams.
    @inlinable
    public static func step(_ h: UInt64, _ byte: UInt8) -> UInt64 {
        (h ^ UInt64(byte)) &* prime
    }

    /// Mixes `value` into `h` (order-sensitive).
    @inlinable
    public static func combine(_ h: UInt64, _ value: UInt64) -> UInt64 {
        h ^ (value &+ 0x9e37_79b9_7f4a_7c15 &+ (h << 6) &+ (h >> 2))
    }

    /// Bucket of a hash in a table of `bucketCount` (a power of two) buckets.
    @inlinable
    public static func bucket(_ h: UInt64, bucketCount: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: (h ^ (h >> 32)) & UInt64(bucketCount - 1))
    }
}
