/// The LSH index: MinHash signatures are cut into `bands` bands of `rows` values; two posts whose
/// signatures agree on every value of at least one band become candidates. With 16 bands of 4
/// rows, a pair with Jaccard similarity s is a candidate with probability 1 − (1 − s⁴)¹⁶:
/// 0.89 at s = 0.6, 0.99 at s = 0.7, 0.07 at s = 0.3.
///
/// Storage is an open-addressing multimap from a 32-bit band key (band index mixed into the hash
/// of its values) to a cluster slot, 8 bytes per entry at ≤ 50 % load. Several slots may share a
/// key; lookups return every one (32-bit key collisions only add candidates, which are checked
/// against the representative signature anyway). There is no delete: the owner rebuilds the
/// table after evicting clusters.
public struct BandTable {
    public static let bands = 16
    /// Rows per band (the key below reads exactly 4).
    public static let rows = 4

    private var keys: [UInt32]
    private var values: [Int32]
    private var mask: Int
    public private(set) var count = 0

    public init(capacity: Int = 1024) {
        var n = 64
        while n < capacity * 2 { n <<= 1 }
        keys = [UInt32](repeating: 0, count: n)
        values = [Int32](repeating: -1, count: n)
        mask = n - 1
    }

    /// The key of band `band` of `signature` (never 0, which marks an empty slot).
    @inline(__always)
    public static func key(_ signature: UnsafeBufferPointer<UInt32>, band: Int) -> UInt32 {
        let base = band * rows
        let lo = UInt64(signature[base]) | UInt64(signature[base + 1]) << 32
        let hi = UInt64(signature[base + 2]) | UInt64(signature[base + 3]) << 32
        let h = MinHash.mix(MinHash.mix(lo ^ UInt64(band) &* 0x9E37_79B9_7F4A_7C15) ^ hi)
        let k = UInt32(truncatingIfNeeded: h >> 32)
        return k == 0 ? 1 : k
    }

    /// Adds `slot` under `key`.
    public mutating func insert(key: UInt32, slot: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = Int(key) & mask
        while keys[i] != 0 { i = (i + 1) & mask }
        keys[i] = key
        values[i] = slot
        count += 1
    }

    /// Calls `body` with every slot stored under `key`.
    @inline(__always)
    public func forEach(key: UInt32, _ body: (Int32) -> Void) {
        var i = Int(key) & mask
        while keys[i] != 0 {
            if keys[i] == key { body(values[i]) }
            i = (i + 1) & mask
        }
    }

    /// Empties the table, keeping room for `capacity` entries.
    public mutating func removeAll(keepingCapacityFor capacity: Int) {
        if keys.count >= capacity * 2 {
            keys.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            count = 0
        } else {
            self = BandTable(capacity: capacity)
        }
    }

    /// Bytes held (for the memory notes).
    public var bytes: Int { keys.count * 8 }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt32](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for i in 0..<oldKeys.count where oldKeys[i] != 0 { insert(key: oldKeys[i], slot: oldValues[i]) }
    }
}
