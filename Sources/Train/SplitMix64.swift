/// SplitMix64, a tiny seeded pseudo-random generator (Steele, Lea & Flood 2014). Training uses it
/// instead of the system generator so that the same seed gives the same shuffles on every
/// platform and Swift version (`shuffle(using:)` is avoided for the same reason: its algorithm is
/// not part of the language's promises).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (bound > 0), by Lemire's multiply-high (bias below 2⁻³² for the
    /// sizes used here; deterministic, which is what matters).
    public mutating func next(below bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A Double in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Fisher–Yates shuffle of `array` in place.
    public mutating func shuffle<T>(_ array: inout [T]) {
        var i = array.count - 1
        while i > 0 {
            let j = next(below: i + 1)
            array.swapAt(i, j)
            i -= 1
        }
    }

    /// A generator derived from `seed` and a stream number (e.g. a label index), so each stream
    /// gets independent numbers from one user seed.
    public static func derived(seed: UInt64, stream: UInt64) -> SplitMix64 {
        var g = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        _ = g.next()
        return SplitMix64(seed: g.next())
    }
}
