/// MinHash signatures: for each of `MinHash.size` seeded hash functions, the minimum hash over a
/// post's shingles. The share of equal positions in two signatures estimates the Jaccard
/// similarity of the two shingle sets (standard error about sqrt(J(1-J)/64) ≈ 0.06 at J = 0.5).
///
/// The hash functions are `mix(shingle ^ seed_i)` with the SplitMix64 finaliser, truncated to
/// 32 bits (256 bytes per signature; 32-bit collisions are negligible next to the estimate's
/// own error). Seeds are fixed, so signatures are stable across runs and machines.
public enum MinHash {
    /// Hash functions per signature.
    public static let size = 64

    static let seeds: [UInt64] = {
        var state: UInt64 = 0x4D49_4E48_4153_4831 // "MINHASH1"
        return (0..<size).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            return mix(state)
        }
    }()

    @inline(__always)
    static func mix(_ x0: UInt64) -> UInt64 {
        var z = x0
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D1_049B_1331_11EB
        return z ^ (z >> 31)
    }

    /// Writes the signature of `shingles` (non-empty) into `out[0..<size]`.
    public static func signature(of shingles: UnsafeBufferPointer<UInt64>, into out: UnsafeMutableBufferPointer<UInt32>) {
        precondition(out.count >= size)
        seeds.withUnsafeBufferPointer { seeds in
            for i in 0..<size { out[i] = .max }
            for s in shingles {
                for i in 0..<size {
                    let v = UInt32(truncatingIfNeeded: mix(s ^ seeds[i]) >> 32)
                    if v < out[i] { out[i] = v }
                }
            }
        }
    }

    /// The signature of `shingles` as an array (convenience for tests).
    public static func signature(of shingles: [UInt64]) -> [UInt32] {
        var out = [UInt32](repeating: 0, count: size)
        shingles.withUnsafeBufferPointer { s in out.withUnsafeMutableBufferPointer { signature(of: s, into: $0) } }
        return out
    }

    /// Estimated Jaccard similarity of two signatures (share of equal positions).
    @inline(__always)
    public static func similarity(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
        var equal = 0
        for i in 0..<size where a[i] == b[i] { equal += 1 }
        return Double(equal) / Double(size)
    }

    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in similarity(pa, pb) } }
    }
}
