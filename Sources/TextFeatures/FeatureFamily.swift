/// A family of features. Each family hashes with its own seed (FNV-1a of its raw value), so the
/// same string in two families lands in different buckets. The raw values are part of the model
/// format.
public enum FeatureFamily: String, Codable, Sendable, CaseIterable {
    /// Word 1–3 grams over ICU tokens (links/handles/hashtags/e-mails replaced by placeholders).
    case word
    /// Byte 2–5 grams of Latin words, with `<` `>` marking word boundaries.
    case chars
    /// Han character 1–2 grams.
    case han
    /// Function-word / word-class 1–4 grams: the post's grammar with its topic taken out
    /// (`the ‹w› of ‹-tion›`). See `FeatureExtractor.skeletonNgrams`.
    case skeleton
    /// Script-profile indicators (shares, runs, Han inside English, CJK punctuation...).
    case script
    /// Normalisation indicators (full-width Latin, homoglyphs, invisible characters).
    case normalization
    /// Shape indicators (length, capitalisation, digits, punctuation habits).
    case shape
    /// Reply–parent indicators (similarity, shared words, script match, length ratio).
    case pair
    /// Byte 3–5 grams (`FeatureConfig.minSkelcharNgram...maxSkelcharNgram`) of the skeleton written out as text (function words as themselves, each
    /// other word one class mark, punctuation kept, spaces between): `the ‹w› of`. Off unless
    /// asked for (`FeatureFamily.standard` leaves it out). See `FeatureExtractor.skeletonCharNgrams`.
    case skelchars

    /// The families a `FeatureConfig` uses unless told otherwise: all but the opt-in `skelchars`.
    public static let standard: [FeatureFamily] = allCases.filter { $0 != .skelchars }

    /// The family's hash seed.
    public var seed: UInt64 { FeatureHash.hash(rawValue) }

    /// Indicator families have value 1; text families are scaled to unit norm per family.
    public var isIndicator: Bool {
        switch self {
        case .word, .chars, .han, .skeleton, .skelchars: false
        default: true
        }
    }
}

/// Which features to extract and how many buckets to hash them into. Stored in every model.
public struct FeatureConfig: Codable, Sendable, Equatable {
    /// log2 of the number of hash buckets (18 → 262,144).
    public var bucketBits: Int
    /// Families switched on.
    public var families: [FeatureFamily]
    /// Longest word n-gram.
    public var maxWordNgram: Int
    /// Shortest and longest Latin byte n-gram.
    public var minCharNgram: Int
    public var maxCharNgram: Int
    /// Longest Han character n-gram.
    public var maxHanNgram: Int
    /// Whether function words (`FunctionWords`: the, of, and ...) get character n-grams too. Their
    /// n-grams repeat what the word unigram says, and they are a quarter of all character n-grams.
    public var charsOfFunctionWords: Bool
    /// Shortest and longest skeleton n-gram (models written before the family: 1...4).
    public var minSkeletonNgram: Int
    public var maxSkeletonNgram: Int
    /// Shortest and longest `skelchars` byte n-gram (default 3–5).
    public var minSkelcharNgram: Int
    public var maxSkelcharNgram: Int
    /// log2 of the bucket region reserved for indicator families (script, normalization, shape,
    /// pair): they hash into buckets [0, 2^indicatorBits) and text n-grams never land there, so a
    /// label never inherits an n-gram's weight on an indicator it has not seen (e.g. pair features
    /// for a label trained without parents). 0 = one shared space (models written before this).
    public var indicatorBits: Int
    /// Which pair features a reply gets (`PairFeatures`): 1 = content-word and character
    /// similarity, shared-word counts, script mismatch, length ratio (models written before 2);
    /// 2 = also parent coverage, the parent's key word, word-prefix matches, shared numbers, Han
    /// function words left out and long Han words as bigrams, question type against answer form;
    /// 3 = also parent words answered by a related word (`WordConcepts`, from WordNet);
    /// 4 = also closeness in meaning (`WordVectors`, distilled from a sentence encoder).
    public var pairVersion: Int
    public static let currentPairVersion = 4
    /// From pair version 4: the fingerprints of the compiled-in tables the pair features read
    /// (`WordConcepts`, `WordVectors`) when the model was trained. A telltale built with other
    /// tables would compute other features for the same text, so it refuses the model.
    public var pairTables: String?
    /// The fingerprint of this telltale's pair tables.
    public static let currentPairTables = WordConcepts.tableDigest + "-" + WordVectors.tableDigest

    public init(bucketBits: Int = 18, families: [FeatureFamily] = FeatureFamily.standard,
                maxWordNgram: Int = 3, minCharNgram: Int = 2, maxCharNgram: Int = 5, maxHanNgram: Int = 2,
                indicatorBits: Int? = nil, minSkeletonNgram: Int = 2, maxSkeletonNgram: Int = 4,
                charsOfFunctionWords: Bool = true, pairVersion: Int = FeatureConfig.currentPairVersion,
                minSkelcharNgram: Int = 3, maxSkelcharNgram: Int = 5) {
        self.minSkelcharNgram = minSkelcharNgram
        self.maxSkelcharNgram = maxSkelcharNgram
        self.pairVersion = pairVersion
        self.pairTables = pairVersion >= 4 ? FeatureConfig.currentPairTables : nil
        self.charsOfFunctionWords = charsOfFunctionWords
        self.minSkeletonNgram = minSkeletonNgram
        self.maxSkeletonNgram = maxSkeletonNgram
        self.indicatorBits = indicatorBits ?? FeatureConfig.defaultIndicatorBits(bucketBits: bucketBits)
        self.bucketBits = bucketBits
        self.families = families
        self.maxWordNgram = maxWordNgram
        self.minCharNgram = minCharNgram
        self.maxCharNgram = maxCharNgram
        self.maxHanNgram = maxHanNgram
    }

    public var bucketCount: Int { 1 << bucketBits }

    /// The indicator region's default size: 2^12 buckets (room for the few hundred indicators with
    /// few collisions), a quarter of the space in small test models, at least 2^4.
    public static func defaultIndicatorBits(bucketBits: Int) -> Int { max(4, min(12, bucketBits - 2)) }

    enum CodingKeys: String, CodingKey {
        case bucketBits, families, maxWordNgram, minCharNgram, maxCharNgram, maxHanNgram, indicatorBits
        case minSkeletonNgram, maxSkeletonNgram, charsOfFunctionWords, pairVersion, minSkelcharNgram, maxSkelcharNgram
        case pairTables
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bucketBits = try c.decode(Int.self, forKey: .bucketBits)
        families = try c.decode([FeatureFamily].self, forKey: .families)
        maxWordNgram = try c.decode(Int.self, forKey: .maxWordNgram)
        minCharNgram = try c.decode(Int.self, forKey: .minCharNgram)
        maxCharNgram = try c.decode(Int.self, forKey: .maxCharNgram)
        maxHanNgram = try c.decode(Int.self, forKey: .maxHanNgram)
        indicatorBits = try c.decodeIfPresent(Int.self, forKey: .indicatorBits) ?? 0
        minSkeletonNgram = try c.decodeIfPresent(Int.self, forKey: .minSkeletonNgram) ?? 1
        maxSkeletonNgram = try c.decodeIfPresent(Int.self, forKey: .maxSkeletonNgram) ?? 4
        charsOfFunctionWords = try c.decodeIfPresent(Bool.self, forKey: .charsOfFunctionWords) ?? true
        pairVersion = try c.decodeIfPresent(Int.self, forKey: .pairVersion) ?? 1
        minSkelcharNgram = try c.decodeIfPresent(Int.self, forKey: .minSkelcharNgram) ?? 3
        maxSkelcharNgram = try c.decodeIfPresent(Int.self, forKey: .maxSkelcharNgram) ?? 5
        pairTables = try c.decodeIfPresent(String.self, forKey: .pairTables)
    }
    public func uses(_ f: FeatureFamily) -> Bool { families.contains(f) }

    /// Checks the configuration is usable; the message says what to change.
    public func validate() throws(FeatureConfigError) {
        guard (10...24).contains(bucketBits) else { throw .invalid("bucketBits must be 10...24, got \(bucketBits)") }
        guard indicatorBits == 0 || (4...(bucketBits - 2)).contains(indicatorBits) else {
            throw .invalid("indicatorBits must be 0 or 4...\(bucketBits - 2), got \(indicatorBits)")
        }
        guard (1...4).contains(maxWordNgram) else { throw .invalid("maxWordNgram must be 1...4, got \(maxWordNgram)") }
        guard minCharNgram >= 1, maxCharNgram >= minCharNgram, maxCharNgram <= 8 else {
            throw .invalid("char n-grams must satisfy 1 <= min <= max <= 8, got \(minCharNgram)...\(maxCharNgram)")
        }
        guard minSkeletonNgram >= 1, maxSkeletonNgram >= minSkeletonNgram, maxSkeletonNgram <= 6 else {
            throw .invalid("skeleton n-grams must satisfy 1 <= min <= max <= 6, got \(minSkeletonNgram)...\(maxSkeletonNgram)")
        }
        guard minSkelcharNgram >= 1, maxSkelcharNgram >= minSkelcharNgram, maxSkelcharNgram <= 8 else {
            throw .invalid("skelchars n-grams must satisfy 1 <= min <= max <= 8, got \(minSkelcharNgram)...\(maxSkelcharNgram)")
        }
        guard (1...FeatureConfig.currentPairVersion).contains(pairVersion) else {
            throw .invalid("pairVersion must be 1...\(FeatureConfig.currentPairVersion), got \(pairVersion): a newer telltale wrote this model")
        }
        if pairVersion >= 4 && pairTables != FeatureConfig.currentPairTables {
            throw .invalid("the model's pair features were trained with word tables \(pairTables ?? "(none recorded)"), "
                + "this telltale has \(FeatureConfig.currentPairTables): score it with the telltale that wrote it, "
                + "or retrain it with this one (bash scripts/train-default.sh for the default model)")
        }
        guard (1...3).contains(maxHanNgram) else { throw .invalid("maxHanNgram must be 1...3, got \(maxHanNgram)") }
    }
}

/// A feature configuration that cannot be used.
public enum FeatureConfigError: Error, Equatable, CustomStringConvertible {
    case invalid(String)
    public var description: String { if case .invalid(let m) = self { return "invalid feature configuration: \(m)" }; return "" }
}

/// A sparse vector of hashed features: parallel arrays of bucket indices and values. Indices may
/// repeat (their values add up when scored). `names` is filled only when the extractor was asked
/// for readable names (explanations), with one entry per index. When it was asked to name only
/// some buckets (`FeatureExtractor.extract(..., namingBuckets:)`), `names` stays empty and
/// `namedPositions[i]` (ascending positions in `indices`) is called `nameTable[nameIDs[i]]`.
public struct FeatureVector: Sendable, Equatable {
    public var indices: [UInt32] = []
    public var values: [Float] = []
    public var names: [String] = []
    public var namedPositions: [Int] = []
    public var nameIDs: [Int32] = []
    public var nameTable: [String] = []

    public init() {}
    public init(indices: [UInt32], values: [Float]) {
        self.indices = indices
        self.values = values
    }

    public var count: Int { indices.count }

    public mutating func removeAll() {
        indices.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
        if !namedPositions.isEmpty || !nameTable.isEmpty {
            namedPositions.removeAll(keepingCapacity: true)
            nameIDs.removeAll(keepingCapacity: true)
            nameTable.removeAll(keepingCapacity: true)
        }
    }
}
