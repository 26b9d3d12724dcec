/// Turns a post (and optionally the post it replies to) into a hashed `FeatureVector`:
/// normalise → find links/handles/hashtags → segment → profile → hash every family in
/// `FeatureConfig`. Text families (word, chars, han) are scaled to unit norm each; indicator
/// families have value 1. The same extractor feeds training and scoring, so they cannot drift.
///
/// Not thread-safe (it reuses buffers): use one per thread.
public final class FeatureExtractor {
    public let config: FeatureConfig
    public let documentFrequencies: DocumentFrequencies?
    private let normalizer = Normalizer()
    private let segmenter = Segmenter()
    let bucketCount: Int
    /// Buckets reserved for indicator families (0: indicators share the whole space).
    let indicatorRegion: Int
    let wordSeed = FeatureFamily.word.seed
    let charSeed = FeatureFamily.chars.seed
    let hanSeed = FeatureFamily.han.seed
    let skeletonSeed = FeatureFamily.skeleton.seed
    let pairSeed = FeatureFamily.pair.seed
    /// FNV-1a of each span placeholder word (index = `SpanKind.rawValue`).
    static let placeholderHashes: [UInt64] = SpanKind.allCases.map { FeatureHash.hash($0.placeholder) }
    /// Hashes of every script, normalisation and shape indicator key, computed once.
    let keys: IndicatorKeys

    var post = TextAnalysis()
    var parentPost = TextAnalysis()
    var tokenHashes: [UInt64] = []
    /// The skeleton family's token sequence (see `skeletonNgrams`).
    var skeletonHashes = GrowableBuffer<UInt64>(capacity: 256)
    /// The skeleton written as text, for `skelchars` (see `skeletonCharNgrams`).
    var skeletonText = GrowableBuffer<UInt8>(capacity: 1024)
    let skelcharSeed = FeatureFamily.skelchars.seed
    var content: [UInt64] = []
    var stems: [Range<Int>] = []
    var parentContent: [UInt64] = []
    var parentStems: [Range<Int>] = []
    var numbers: [UInt64] = []
    var parentNumbers: [UInt64] = []
    var pairScratch = PairScratch()
    /// `FeatureHash.hash(key, seed: pairSeed)` of every `PairFeatures.indicatorKeys` entry.
    let pairKeyHashes: [UInt64]
    var recordNames = false
    /// With `recordNames`, name only the buckets set in `nameFilter` (see `FeatureExtractor+Naming`).
    var filtering = false
    var nameFilter: [UInt64] = []
    /// FNV-1a of a name's UTF-8 → its index in `nameTable` (filtered naming keeps each name once).
    var nameIDs: [UInt64: Int32] = [:]
    /// The text and parent are those of the previous extraction: their analysis is reused.
    var reuseAnalysis = false
    /// The reply–parent similarity of the last extraction with a parent (reused with the analysis).
    var lastSimilarity = PairSimilarity()
    /// Where the word, chars, han, skeleton and skelchars families start in the vector, and where
    /// they end.
    var familyStarts = (0, 0, 0, 0, 0, 0)
    /// While naming (`extract(namingBuckets:previous:)`): the previous extraction's vector and
    /// family starts, and whether the text has a non-ASCII byte (nil: not naming from a previous one).
    var previousVector: FeatureVector?
    var previousStarts = (0, 0, 0, 0, 0, 0)
    var previousHasNonASCII: Bool?
    /// Bit `i` set: `FeatureFamily.allCases[i]` is in `config.families` (asked several times per post).
    let familyBits: UInt32
    /// Bucket indices of the family being hashed (moved into the vector once per family).
    var indexScratch = GrowableBuffer<UInt32>(capacity: 1024)

    public init(config: FeatureConfig = FeatureConfig(), documentFrequencies: DocumentFrequencies? = nil) {
        self.config = config
        self.documentFrequencies = documentFrequencies
        bucketCount = config.bucketCount
        // A region that does not leave room for text n-grams (an unvalidated config) is ignored.
        indicatorRegion = config.indicatorBits > 0 && config.indicatorBits < config.bucketBits - 1 ? 1 << config.indicatorBits : 0
        keys = IndicatorKeys(seeds: (FeatureFamily.script.seed, FeatureFamily.normalization.seed, FeatureFamily.shape.seed))
        pairKeyHashes = PairFeatures.indicatorKeys.map { FeatureHash.hash($0, seed: FeatureFamily.pair.seed) }
        familyBits = FeatureFamily.allCases.enumerated().reduce(0) { bits, f in config.families.contains(f.element) ? bits | 1 << f.offset : bits }
    }

    deinit {
        indexScratch.deallocate()
        skeletonHashes.deallocate()
        skeletonText.deallocate()
    }

    /// `config.uses(f)` without searching the family list.
    @inline(__always)
    func uses(_ f: FeatureFamily) -> Bool { familyBits & 1 << FeatureExtractor.familyIndex(f) != 0 }

    @inline(__always)
    static func familyIndex(_ f: FeatureFamily) -> Int {
        switch f {
        case .word: 0
        case .chars: 1
        case .han: 2
        case .skeleton: 3
        case .script: 4
        case .normalization: 5
        case .shape: 6
        case .pair: 7
        case .skelchars: 8
        }
    }

    /// The script profile of the text last passed to `extract` (the post, not its parent): what
    /// label gates decide on. Empty before the first extraction.
    public var profile: ScriptProfile { post.profile }

    /// `profile.summary` without copying the profile.
    public var scriptSummary: ScriptSummary { post.profile.summary }

    /// Analyses one text without hashing (for `telltale features` and tests).
    public func analyze(_ text: String) -> TextAnalysis {
        var a = TextAnalysis()
        var s = text
        s.withUTF8 { analyze($0, into: &a) }
        return a
    }

    /// Analyses UTF-8 `text` into `a` (reusing its buffers).
    public func analyze(_ text: UnsafeBufferPointer<UInt8>, into a: inout TextAnalysis) {
        analyze(text, into: &a, shape: true)
    }

    /// With `shape: false`, `a.shape` is left as it was (a parent's shape is never used).
    func analyze(_ text: UnsafeBufferPointer<UInt8>, into a: inout TextAnalysis, shape: Bool) {
        if shape { a.shape = TextShape(text) }
        a.report = normalizer.normalize(text, into: &a.normalized)
        a.normalized.withUnsafeBufferPointer { norm in
            SpecialSpans.find(norm, into: &a.spans)
            segmenter.segment(norm, around: a.spans, into: &a.tokens)
            a.profile = ScriptProfile(text: norm, tokens: a.tokens, spans: a.spans, report: a.report)
        }
    }

    /// Features of `text` replying to `parent` (nil: not a reply). With `names`, `vector.names`
    /// gets a readable name per feature (slower; for explanations).
    public func extract(text: String, parent: String? = nil, into vector: inout FeatureVector, names: Bool = false) {
        var t = text
        t.withUTF8 { tb in
            if var p = parent {
                p.withUTF8 { pb in extract(text: tb, parent: pb, into: &vector, names: names) }
            } else {
                extract(text: tb, parent: nil, into: &vector, names: names)
            }
        }
    }

    /// Convenience: a fresh vector.
    public func extract(text: String, parent: String? = nil, names: Bool = false) -> FeatureVector {
        var v = FeatureVector()
        extract(text: text, parent: parent, into: &v, names: names)
        return v
    }

    /// Features of UTF-8 `text` (replying to `parent` when given) into `vector` (cleared first).
    public func extract(text: UnsafeBufferPointer<UInt8>, parent: UnsafeBufferPointer<UInt8>?,
                        into vector: inout FeatureVector, names: Bool = false) {
        vector.removeAll()
        recordNames = names
        // The text's shape (casing, punctuation habits) is only read by the shape family.
        if !reuseAnalysis { analyze(text, into: &post, shape: uses(.shape)) }
        post.normalized.withUnsafeBufferPointer { norm in
            // Each text family's start in the vector is recorded, so naming can copy a family with
            // nothing to name from the previous extraction instead of hashing it again.
            let copying = previousHasNonASCII != nil
            familyStarts.0 = vector.indices.count
            if uses(.word) && !(copying && copyFamily(0, into: &vector)) { wordNgrams(norm, into: &vector) }
            familyStarts.1 = vector.indices.count
            if uses(.chars) && !(previousHasNonASCII == false && copyFamily(1, into: &vector)) { charNgrams(norm, into: &vector) }
            familyStarts.2 = vector.indices.count
            if uses(.han) && !(copying && copyFamily(2, into: &vector)) { hanNgrams(norm, into: &vector) }
            familyStarts.3 = vector.indices.count
            // skelchars reads the sequence skeleton writes (built once for both).
            let skeleton = uses(.skeleton) && !(copying && copyFamily(3, into: &vector))
            let skelchars = uses(.skelchars)
            if skeleton || skelchars { skeletonNgrams(norm, into: &vector, ngrams: skeleton, asText: skelchars) }
            familyStarts.4 = vector.indices.count
            if skelchars && !(copying && copyFamily(4, into: &vector)) { skeletonCharNgrams(into: &vector) }
            familyStarts.5 = vector.indices.count
            if uses(.script) { scriptIndicators(into: &vector) }
            if uses(.normalization) { normalizationIndicators(into: &vector) }
            if uses(.shape) { shapeIndicators(into: &vector) }
            if let parent, uses(.pair) {
                if reuseAnalysis {
                    parentPost.normalized.withUnsafeBufferPointer { pnorm in
                        PairFeatures.indicators(ids: lastSimilarity, version: config.pairVersion, parentText: pnorm) { id, name in
                            emit(pairKeyHashes[id], name, into: &vector)
                        }
                    }
                    return
                }
                analyze(parent, into: &parentPost, shape: false)
                pairFeatures(norm, into: &vector)
            }
        }
    }

    /// Appends an indicator feature (value 1).
    @inline(__always)
    func emit(_ h: UInt64, _ name: () -> String, into v: inout FeatureVector) {
        v.indices.append(indicatorRegion > 0
            ? FeatureHash.bucket(h, bucketCount: indicatorRegion)
            : FeatureHash.bucket(h, bucketCount: bucketCount))
        v.values.append(1)
        if recordNames {
            // Indicators are few: always named, so names that merge thresholds are complete.
            if filtering { addName(name(), at: v.indices.count - 1, into: &v) } else { v.names.append(name()) }
        }
    }

    /// A writer over `indexScratch` for one text family (no class property is touched per feature).
    func beginFamily() -> IndexWriter {
        IndexWriter(buffer: indexScratch, mask: UInt64(bucketCount - 1), region: UInt64(indicatorRegion))
    }

    /// Moves the family's indices into `v`, each with value 1/sqrt(n), so the family has unit L2
    /// norm when no index repeats.
    func endFamily(_ w: IndexWriter, into v: inout FeatureVector) {
        indexScratch = w.buffer
        guard w.count > 0 else { return }
        let base = w.buffer.base
        v.indices.append(contentsOf: UnsafeBufferPointer(start: base, count: w.count))
        // The values are written over the indices' scratch (a Float is as wide as a UInt32) and
        // copied in one go: cheaper than appending a `repeatElement`.
        let value = 1 / Float(w.count).squareRoot()
        base.withMemoryRebound(to: Float.self, capacity: w.count) { values in
            for i in 0..<w.count { values[i] = value }
            v.values.append(contentsOf: UnsafeBufferPointer(start: values, count: w.count))
        }
    }
}
