/// Groups posts into near-duplicate clusters in one streaming pass with bounded memory.
///
/// Each cluster is represented by the signature of its first post. A new post is compared with
/// the representatives that share at least one LSH band with it (`BandTable`) and joins the most
/// similar one if the estimated Jaccard similarity is at least `similarity`; otherwise it starts a
/// new cluster. Clustering "by first representative" is not transitive (A~B and B~C do not put C
/// with A unless C~A) — the price of not keeping every signature.
///
/// Memory is bounded by `maxLiveClusters` (~600 bytes each: signature, band entries, counters).
/// When the limit is reached, single-post clusters in the older half are forgotten (a copy of
/// such a text that arrives later starts a new cluster) and, if clusters with copies still fill
/// more than three quarters, the least recently active ones are *retired*: they are still
/// reported but can no longer grow. So a text is matched against roughly the last
/// `maxLiveClusters / 2` distinct texts at least, which covers a campaign's burst of pastes in
/// time-ordered input.
public final class NearDuplicateIndex {
    /// Clustering settings.
    public struct Config: Sendable {
        /// Minimum estimated Jaccard similarity to the representative.
        public var similarity: Double = 0.6
        /// Clusters held with their signature (older single-post clusters are forgotten beyond it).
        public var maxLiveClusters = 200_000
        /// Distinct author ids remembered per cluster.
        public var authorsPerCluster = 64
        /// Characters of example text kept per cluster.
        public var sampleChars = 280

        public init(similarity: Double = 0.6, maxLiveClusters: Int = 200_000, authorsPerCluster: Int = 64, sampleChars: Int = 280) {
            self.similarity = similarity
            self.maxLiveClusters = max(maxLiveClusters, 2)
            self.authorsPerCluster = max(authorsPerCluster, 2)
            self.sampleChars = sampleChars
        }
    }

    public let config: Config
    /// Live clusters, in creation order (slot = index).
    private(set) var clusters: [DuplicateCluster] = []
    private var signatures: [UInt32] = []
    private var table: BandTable
    /// Clusters with copies that were retired to make room (still reported).
    public private(set) var retired: [DuplicateCluster] = []
    /// Single-post clusters forgotten to make room.
    public private(set) var forgottenSingles = 0
    private var nextID = 0
    private var checked: [Int32] = []

    public init(config: Config = Config()) {
        self.config = config
        table = BandTable(capacity: min(config.maxLiveClusters, 1 << 16) * BandTable.bands)
    }

    /// Live clusters now held.
    public var liveCount: Int { clusters.count }

    /// Finds the cluster of a post with this `signature` (`MinHash.size` values) or starts one.
    /// Returns the cluster's slot (valid until the next call) and whether the post joined an
    /// existing cluster (the cluster's counts already include it).
    public func assign(signature: UnsafeBufferPointer<UInt32>, author: Int32, time: Double?, flagged: Bool, seen: Int) -> (slot: Int, joined: Bool) {
        var keys: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                   UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var best = -1
        var bestSimilarity = config.similarity
        checked.removeAll(keepingCapacity: true)
        withUnsafeMutableBytes(of: &keys) { raw in
            let k = raw.bindMemory(to: UInt32.self)
            signatures.withUnsafeBufferPointer { sigs in
                for band in 0..<BandTable.bands {
                    k[band] = BandTable.key(signature, band: band)
                    table.forEach(key: k[band]) { slot in
                        guard !checked.contains(slot) else { return }
                        checked.append(slot)
                        let rep = UnsafeBufferPointer(rebasing: sigs[Int(slot) * MinHash.size..<(Int(slot) + 1) * MinHash.size])
                        let s = MinHash.similarity(signature, rep)
                        if s >= bestSimilarity { bestSimilarity = s; best = Int(slot) }
                    }
                }
            }
        }
        if best >= 0 {
            clusters[best].record(time: time, flagged: flagged, seen: seen)
            return (best, true)
        }
        if clusters.count >= config.maxLiveClusters {
            makeRoom()
        }
        let slot = clusters.count
        clusters.append(DuplicateCluster(id: nextID, founder: author, time: time, flagged: flagged, seen: seen))
        nextID += 1
        signatures.append(contentsOf: signature.prefix(MinHash.size))
        withUnsafeBytes(of: &keys) { raw in
            let k = raw.bindMemory(to: UInt32.self)
            for band in 0..<BandTable.bands { table.insert(key: k[band], slot: Int32(slot)) }
        }
        return (slot, false)
    }

    /// The live cluster in `slot`, for the caller to update its authors and example text.
    func withCluster<R>(_ slot: Int, _ body: (inout DuplicateCluster) -> R) -> R {
        body(&clusters[slot])
    }

    /// Every cluster with at least `minPosts` posts (live and retired), largest first: more
    /// distinct authors, then more posts, then earlier creation.
    public func clusters(minPosts: Int) -> [DuplicateCluster] {
        (retired + clusters).filter { $0.posts >= minPosts }.sorted {
            ($0.distinctAuthors, $0.posts, -$0.id) > ($1.distinctAuthors, $1.posts, -$1.id)
        }
    }

    /// Forgets the older half's single-post clusters; if clusters with copies still fill more
    /// than three quarters, retires the least recently active of them down to half.
    private func makeRoom() {
        let half = clusters.count / 2
        var keep = [Bool](repeating: true, count: clusters.count)
        var live = clusters.count
        for s in 0..<half where clusters[s].posts == 1 {
            keep[s] = false
            live -= 1
            forgottenSingles += 1
        }
        if live > config.maxLiveClusters * 3 / 4 {
            let withCopies = clusters.indices.filter { keep[$0] && clusters[$0].posts > 1 }
                .sorted { clusters[$0].lastSeen < clusters[$1].lastSeen }
            for s in withCopies where live > config.maxLiveClusters / 2 {
                keep[s] = false
                live -= 1
                retired.append(clusters[s])
            }
            for s in clusters.indices where keep[s] && live > config.maxLiveClusters / 2 {
                keep[s] = false
                live -= 1
                forgottenSingles += 1
            }
        }
        // Compact in place (no second copy of the signatures at the peak).
        var w = 0
        signatures.withUnsafeMutableBufferPointer { sigs in
            for s in clusters.indices where keep[s] {
                if w != s {
                    clusters[w] = clusters[s]
                    (sigs.baseAddress! + w * MinHash.size).update(from: sigs.baseAddress! + s * MinHash.size, count: MinHash.size)
                }
                w += 1
            }
        }
        clusters.removeLast(clusters.count - w)
        signatures.removeLast(signatures.count - w * MinHash.size)
        table.removeAll(keepingCapacityFor: config.maxLiveClusters * BandTable.bands)
        signatures.withUnsafeBufferPointer { sigs in
            for slot in clusters.indices {
                let sig = UnsafeBufferPointer(rebasing: sigs[slot * MinHash.size..<(slot + 1) * MinHash.size])
                for band in 0..<BandTable.bands { table.insert(key: BandTable.key(sig, band: band), slot: Int32(slot)) }
            }
        }
    }
}
