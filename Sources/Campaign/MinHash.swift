/// MinHash signatures: for each of `MinHash.size` seeded hash functions, the minimum hash over a
/// post's shingles. The share of equal positions in two signatures estimates the Jaccard
/// similarity of the two shingle sets (standard error about sqrt(J(1-J)/64) ≈ 0.06 at J = 0.5).
///
/// Each shingle is mixed once (SplitMix64 finaliser) to x; hash function i is the multiply-add-shift
/// `(a_i · x + b_i) >> 32` (a_i odd) — one multiply per function, computed 8 lanes at a time.
/// Values are 32 bits (256 bytes per signature; 32-bit collisions are negligible next to the
/// estimate's own error). The a_i, b_i are fixed, so signatures are stable across runs and machines.
public enum MinHash {
    /// Hash functions per signature.
    public static let size = 64
    static let groups = size / 8

    static let multipliers: [SIMD8<UInt64>] = constants(seed: 0x4D49_4E48_4153_4831, odd: true)  // "MINHASH1"
    static let addends: [SIMD8<UInt64>] = constants(seed: 0x4D49_4E48_4153_4832, odd: false)

    private static func constants(seed: UInt64, odd: Bool) -> [SIMD8<UInt64>] {
        var state = seed
        return (0..<groups).map { _ in
            var v = SIMD8<UInt64>()
            for lane in 0..<8 {
                state &+= 0x9E37_79B9_7F4A_7C15
                v[lane] = mix(state) | (odd ? 1 : 0)
            }
            return v
        }
    }

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
        multipliers.withUnsafeBufferPointer { a in
            addends.withUnsafeBufferPointer { b in
                withUnsafeTemporaryAllocation(of: SIMD8<UInt32>.self, capacity: groups) { mins in
                    for g in 0..<groups { mins[g] = SIMD8(repeating: .max) }
                    for s in shingles {
                        let x = SIMD8<UInt64>(repeating: mix(s))
                        for g in 0..<groups {
                            let h = SIMD8<UInt32>(truncatingIfNeeded: (x &* a[g] &+ b[g]) &>> 32)
                            mins[g] = pointwiseMin(mins[g], h)
                        }
                    }
                    for g in 0..<groups {
                        for lane in 0..<8 { out[g * 8 + lane] = mins[g][lane] }
                    }
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
