import Classifier
import Foundation
import Testing
import TextFeatures
@testable import Train
import TelltaleIO
import Corpus

/// A hand-made 4-bucket matrix with one label.
private func tinyMatrix() -> FeatureMatrix {
    var m = FeatureMatrix(bucketCount: 4, labels: ["x"])
    m.appendRow(indices: [0, 1], values: [1, 1], targets: [1])
    m.appendRow(indices: [0, 0], values: [1, 1], targets: [1])   // duplicates sum to 2
    m.appendRow(indices: [3, 2], values: [1, 1], targets: [0])
    m.appendRow(indices: [1], values: [5], targets: [-1])          // unknown: must be ignored
    return m
}

/// Posts that mention a fruit (label 1) or not (0), written for these tests.
private let fruitPosts: [(String, Int)] = [
    ("I ate a banana for breakfast", 1), ("banana bread is the best", 1), ("the banana was too ripe", 1),
    ("she bought a banana at the market", 1), ("my dog stole a banana", 1), ("banana smoothie after the gym", 1),
    ("a banana a day keeps me happy", 1), ("green banana tastes odd", 1), ("we shared one banana", 1),
    ("banana pancakes on sunday", 1),
    ("I ate toast for breakfast", 0), ("rye bread is the best", 0), ("the tomato was too ripe", 0),
    ("she bought a lamp at the market", 0), ("my dog stole a sock", 0), ("protein shake after the gym", 0),
    ("a walk a day keeps me happy", 0), ("green tea tastes odd", 0), ("we shared one taxi", 0),
    ("waffles on sunday", 0),
]

private func fruitMatrix(threads: Int = 1) -> FeatureMatrix {
    let records = fruitPosts.map { CorpusRecord(text: $0.0, labels: ["fruit": $0.1]) }
    return FeatureMatrixBuilder(config: FeatureConfig(bucketBits: 12), threads: threads, chunkSize: 3)
        .matrix(records, labels: ["fruit"], documentFrequencies: nil)
}

private func score(_ w: LinearWeights, _ text: String) -> Float {
    let v = FeatureExtractor(config: FeatureConfig(bucketBits: 12)).extract(text: text)
    var z = w.bias[0]
    for (i, x) in zip(v.indices, v.values) { z += w.weight(bucket: Int(i), label: 0) * x }
    return z
}

struct FeatureMatrixTests {
    @Test func duplicatesAreSummedAndUnknownTargetsKept() {
        let m = tinyMatrix()
        #expect(m.rowCount == 4)
        #expect(m.rowOffsets == [0, 2, 3, 5, 6])
        #expect(Array(m.indices[m.range(ofRow: 1)]) == [0])
        #expect(Array(m.values[m.range(ofRow: 1)]) == [2])
        #expect(m.targets == [[1, 1, 0, -1]])
        #expect(m.knownRows(label: 0) == [0, 1, 2])
        #expect(m.knownRows(label: 0, among: [1, 3]) == [1])
    }

    @Test func extractionIsIdenticalWithOneOrTwoThreads() {
        let one = fruitMatrix(threads: 1), two = fruitMatrix(threads: 2)
        #expect(one == two)
        #expect(one.rowCount == fruitPosts.count)
        // Each row's indices are distinct.
        for r in 0..<one.rowCount {
            let idx = one.indices[one.range(ofRow: r)]
            #expect(Set(idx).count == idx.count)
        }
    }

    @Test func rowsMatchTheExtractorAfterMergingDuplicates() {
        let m = fruitMatrix()
        let v = FeatureExtractor(config: FeatureConfig(bucketBits: 12)).extract(text: fruitPosts[4].0)
        var expected: [UInt32: Float] = [:]
        for (i, x) in zip(v.indices, v.values) { expected[i, default: 0] += x }
        let range = m.range(ofRow: 4)
        let got = Dictionary(uniqueKeysWithValues: zip(m.indices[range], m.values[range]))
        #expect(got == expected)
    }

    @Test func documentFrequenciesCountTextsAndDistinctParentsOnce() {
        let records = [
            CorpusRecord(text: "symptoms of flu", parent: "What are the symptoms of flu?", labels: [:]),
            CorpusRecord(text: "flu shots help", parent: "What are the symptoms of flu?", labels: [:]),
        ]
        let single = FeatureMatrixBuilder(threads: 1, chunkSize: 1).documentFrequencies(records)
        let double = FeatureMatrixBuilder(threads: 2, chunkSize: 1).documentFrequencies(records)
        #expect(single == double)
        #expect(single.documents == 3) // two texts + one distinct parent
        var hashes: [UInt64] = [], stems: [Range<Int>] = []
        let a = FeatureExtractor().analyze("flu")
        a.normalized.withUnsafeBufferPointer { ContentWords.collect($0, tokens: a.tokens, spans: a.spans, into: &hashes, stems: &stems) }
        let fluSlot = Int(FeatureHash.bucket(hashes[0], bucketCount: 1 << single.bits))
        #expect(single.counts[fluSlot] == 3)
    }
}

struct NaiveBayesTests {
    @Test func matchesHandComputedLogCountRatios() {
        // α = 1, V = 4. Positive rows: c₁ = [3, 1, 0, 0], S₁ = 4. Negative: c₀ = [0, 0, 1, 1], S₀ = 2.
        // w_j = log((1 + c₁ⱼ)/(4 + 4)) − log((1 + c₀ⱼ)/(4 + 2)); bias = log(2/1).
        let t = NaiveBayesTrainer(alpha: 1).train(tinyMatrix())
        let expected: [Double] = [log(4.0 / 8) - log(1.0 / 6), log(2.0 / 8) - log(1.0 / 6), log(1.0 / 8) - log(2.0 / 6),
                                  log(1.0 / 8) - log(2.0 / 6)]
        for b in 0..<4 { #expect(abs(Double(t.weights.weight(bucket: b, label: 0)) - expected[b]) < 1e-6) }
        #expect(abs(Double(t.weights.bias[0]) - log(2.0)) < 1e-6)
        #expect(t.weights.stride == 4)
        #expect(t.reports[0].trainingRows == 3 && t.reports[0].positives == 2)
        // Balanced class weights = equal priors.
        #expect(NaiveBayesTrainer(alpha: 1, classWeighting: .balanced).train(tinyMatrix()).weights.bias[0] == 0)
    }

    @Test func singleClassLabelGetsConstantScoreAndNote() {
        var m = FeatureMatrix(bucketCount: 4, labels: ["x"])
        m.appendRow(indices: [0], values: [1], targets: [1])
        let t = NaiveBayesTrainer().train(m)
        #expect(t.weights.weights.allSatisfy { $0 == 0 })
        #expect(abs(Double(t.weights.bias[0]) - log(2.0)) < 1e-6)
        #expect(t.reports[0].notes.first?.contains("no negative rows") == true)
    }
}

struct LogisticTrainerTests {
    static let trainers: [any LinearTrainer] = [
        LogisticRegressionTrainer(options: LogisticRegressionOptions(epochs: 30, earlyStopping: false)),
        LogisticRegressionTrainer(options: LogisticRegressionOptions(epochs: 60, learningRate: 0.5, optimizer: .sgd, earlyStopping: false)),
        NBLogisticTrainer(options: LogisticRegressionOptions(epochs: 30, classWeighting: .balanced, earlyStopping: false)),
        NaiveBayesTrainer(),
    ]

    @Test(arguments: trainers.indices)
    func learnsTheWordThatSeparatesTheClasses(_ i: Int) {
        let trainer = Self.trainers[i]
        let m = fruitMatrix()
        let t = trainer.train(m)
        // Every training row on the right side of 0.
        let w = t.weights
        for r in 0..<m.rowCount {
            var z = w.bias[0]
            for k in m.range(ofRow: r) { z += w.weight(bucket: Int(m.indices[k]), label: 0) * m.values[k] }
            #expect((z > 0) == (m.targets[0][r] == 1), "\(trainer.algorithm): row \(r) scored \(z)")
        }
        // Unseen posts move the right way.
        #expect(score(w, "one banana please") > score(w, "one coffee please"), "\(trainer.algorithm)")
        #expect(score(w, "banana") > 0, "\(trainer.algorithm)")
        // The word's bucket has a positive weight.
        let banana = FeatureExtractor(config: FeatureConfig(bucketBits: 12)).extract(text: "banana", names: true)
        let wordBucket = Int(banana.indices[banana.names.firstIndex(of: "word `banana`")!])
        #expect(w.weight(bucket: wordBucket, label: 0) > 0, "\(trainer.algorithm)")
    }

    @Test func lossFallsOverEpochs() {
        let t = LogisticRegressionTrainer(options: LogisticRegressionOptions(epochs: 5, earlyStopping: false)).train(fruitMatrix())
        let losses = t.reports[0].epochs.map(\.trainingLoss)
        #expect(losses.count == 5)
        #expect(losses.last! < losses.first!)
    }

    @Test(arguments: ["lr", "nblr", "nb"])
    func sameSeedSameWeightsBitForBit(_ algorithm: String) {
        var o = TrainingOptions()
        o.algorithm = TrainingOptions.Algorithm(rawValue: algorithm)!
        o.seed = 42
        o.epochs = 4
        let m = fruitMatrix()
        let a = o.trainer().train(m, threads: 1), b = o.trainer().train(m, threads: 2)
        #expect(a.weights.weights.map(\.bitPattern) == b.weights.weights.map(\.bitPattern))
        #expect(a.weights.bias.map(\.bitPattern) == b.weights.bias.map(\.bitPattern))
        if algorithm != "nb" {
            o.seed = 43
            #expect(o.trainer().train(m).weights != a.weights, "another seed shuffles differently")
        }
    }

    @Test func earlyStoppingKeepsTheBestValidationEpoch() {
        // Validation rows whose labels contradict the training data: validation loss rises from epoch 1.
        let m = fruitMatrix()
        var flipped = FeatureMatrix(bucketCount: m.bucketCount, labels: m.labels)
        for r in 0..<m.rowCount {
            let range = m.range(ofRow: r)
            flipped.appendRow(indices: Array(m.indices[range]), values: Array(m.values[range]), targets: [1 - m.targets[0][r]])
        }
        let options = LogisticRegressionOptions(epochs: 20, earlyStopping: true, patience: 2)
        let t = LogisticRegressionTrainer(options: options).train(m, validation: ValidationSet(matrix: flipped))
        let report = t.reports[0]
        #expect(report.stoppedEarly)
        #expect(report.epochs.count == 3)
        #expect(report.bestEpoch == 1)
        #expect(report.validationRows == m.rowCount)
        // The kept weights are epoch 1's: re-training one epoch gives the same.
        let one = LogisticRegressionTrainer(options: LogisticRegressionOptions(epochs: 1, earlyStopping: false)).train(m)
        #expect(one.weights == t.weights)
    }

    @Test func perLabelTrainingUsesOnlyKnownRowsAndInterleavesLanes() {
        var m = FeatureMatrix(bucketCount: 8, labels: ["a", "b"])
        m.appendRow(indices: [1], values: [1], targets: [1, -1])
        m.appendRow(indices: [2], values: [1], targets: [0, 1])
        m.appendRow(indices: [3], values: [1], targets: [-1, 0])
        let t = NaiveBayesTrainer().train(m, threads: 2)
        #expect(t.reports.map(\.trainingRows) == [2, 2])
        #expect(t.weights.weights.count == 8 * 4)
        // Lane b never saw bucket 1 (a's only positive), lane a never saw bucket 3.
        #expect(t.weights.weight(bucket: 2, label: 1) > t.weights.weight(bucket: 1, label: 1))
        #expect(t.weights.weight(bucket: 1, label: 0) > t.weights.weight(bucket: 3, label: 0))
        #expect(t.weights.weights[1 * 4 + 2] == 0 && t.weights.weights[1 * 4 + 3] == 0) // padding lanes
    }
}

@Test func balancedSourceWeightsGiveEverySourceOfAClassTheSameTotal() {
    var m = FeatureMatrix(bucketCount: 4, labels: ["x"])
    // Class 1: 3 rows of source a, 1 row of b. Class 0: 2 rows of c.
    for (t, s) in [(1, "a"), (1, "a"), (1, "a"), (1, "b"), (0, "c"), (0, "c")] {
        m.appendRow(indices: [0], values: [1], targets: [Int8(t)], source: s)
    }
    m.appendRow(indices: [1], values: [1], targets: [-1], source: "d")  // unknown: not in rows
    let rows = m.knownRows(label: 0)
    let w = m.balancedSourceWeights(label: 0, rows: rows)
    // 4 positives from 2 sources: each source totals 2.
    #expect(abs(w[0] * 3 - 2) < 1e-6 && abs(w[3] - 2) < 1e-6)
    #expect(w[4] == 1 && w[5] == 1)
    #expect(w[6] == 1)
}

@Test func balancedSourceWeightsLetASmallSourceBeLearnt() {
    // Positives: 12 rows about bananas (source "big"), 2 about kiwis (source "small"); negatives
    // mention neither. Weighed by source, the kiwi rows count as much as the banana rows.
    var records: [CorpusRecord] = []
    for i in 0..<12 { records.append(CorpusRecord(text: "banana number \(i) today", labels: ["fruit": 1], source: "big")) }
    for i in 0..<2 { records.append(CorpusRecord(text: "kiwi number \(i) today", labels: ["fruit": 1], source: "small")) }
    for i in 0..<14 { records.append(CorpusRecord(text: "lamp number \(i) today", labels: ["fruit": 0], source: "neg")) }
    let config = FeatureConfig(bucketBits: 12, families: [.word])
    let m = FeatureMatrixBuilder(config: config, threads: 1).matrix(records, labels: ["fruit"], documentFrequencies: nil)
    func kiwi(_ weighting: SourceWeighting) -> Float {
        let nb = NaiveBayesTrainer(alpha: 1, sourceWeighting: weighting)
        let w = nb.trainLabel(m, label: 0, rows: m.knownRows(label: 0), validation: nil, progress: ProgressReporter(enabled: false))
        let v = FeatureExtractor(config: config).extract(text: "kiwi")
        return v.indices.map { w.weights[Int($0)] }.reduce(0, +)
    }
    #expect(kiwi(.balanced) > kiwi(.none) + 0.5)
}

@Test func sourceScalesMultiplyTheirRowsForTheirLabelOnly() {
    var m = FeatureMatrix(bucketCount: 4, labels: ["x", "y"])
    for (t, s) in [(1, "a"), (1, "a"), (0, "native-answer"), (0, "c")] {
        m.appendRow(indices: [0], values: [1], targets: [Int8(t), Int8(t)], source: s)
    }
    let rows = m.knownRows(label: 0)
    let scales = [SourceScale(parsing: "x:answer=0.25")!]
    let x = m.sourceRowWeights(label: 0, rows: rows, weighting: .none, scales: scales)
    #expect(x == [1, 1, 0.25, 1])
    // Balanced first (2 negative sources: each row weighs 1), then the scale.
    #expect(m.sourceRowWeights(label: 0, rows: rows, weighting: .balanced, scales: scales) == [1, 1, 0.25, 1])
    // Another label is untouched; nothing to do gives nil (every row counts once).
    #expect(m.sourceRowWeights(label: 1, rows: rows, weighting: .none, scales: scales) == nil)
    #expect(SourceScale(parsing: "answer=0.5") == SourceScale(pattern: "answer", factor: 0.5))
    for bad in ["answer", "answer=-1", "answer=nan", "=2", ":answer=1", "x:=1"] { #expect(SourceScale(parsing: bad) == nil, "\(bad)") }
}

@Test func aSourceScaledDownTeachesItsWordsLess() {
    // Negatives of source "answers" all say "dosage"; scaled down, "dosage" weighs less against.
    var records: [CorpusRecord] = []
    for i in 0..<20 {
        records.append(CorpusRecord(text: "grave item \(i)", labels: ["x": 1], source: "pos"))
        records.append(CorpusRecord(text: "calm item \(i)", labels: ["x": 0], source: "neg"))
        records.append(CorpusRecord(text: "dosage item \(i)", labels: ["x": 0], source: "answers"))
    }
    let config = FeatureConfig(bucketBits: 12, families: [.word])
    let m = FeatureMatrixBuilder(config: config, threads: 1).matrix(records, labels: ["x"], documentFrequencies: nil)
    func dosage(_ scales: [SourceScale]) -> Float {
        var nb = NaiveBayesTrainer(alpha: 1, sourceWeighting: .balanced)
        nb.sourceScales = scales
        let w = nb.trainLabel(m, label: 0, rows: m.knownRows(label: 0), validation: nil, progress: ProgressReporter(enabled: false))
        let v = FeatureExtractor(config: config).extract(text: "dosage")
        return v.indices.map { w.weights[Int($0)] }.reduce(0, +)
    }
    #expect(dosage([SourceScale(pattern: "answers", factor: 0.1)]) > dosage([]) + 0.5)
}

@Test func confoundersAbsorbWhatTheGenreAloneSaysAndStayOutOfTheModel() {
    // Genre "tweet" is all negative and its rows say "lol"; genre "news" has both classes, told
    // apart by "grave" (1) / "calm" (0). Adjusted for genre, "lol" should carry far less weight.
    var records: [CorpusRecord] = []
    for i in 0..<20 {
        records.append(CorpusRecord(text: "grave news item \(i)", labels: ["x": 1], source: "news-a"))
        records.append(CorpusRecord(text: "calm news item \(i)", labels: ["x": 0], source: "news-b"))
        records.append(CorpusRecord(text: "lol post \(i)", labels: ["x": 0], source: "tweets"))
    }
    let config = FeatureConfig(bucketBits: 12, families: [.word])
    let m = FeatureMatrixBuilder(config: config, threads: 1).matrix(records, labels: ["x"], documentFrequencies: nil)
    func weight(_ word: String, confounders: [SourceGroup]) -> Float {
        var o = LogisticRegressionOptions(epochs: 20, learningRate: 0.2, l2: 1e-4, earlyStopping: false)
        o.confounders = confounders
        o.confounderValue = 5
        let w = LogisticRegressionTrainer(options: o).trainLabel(m, label: 0, rows: m.knownRows(label: 0), validation: nil,
                                                                 progress: ProgressReporter(enabled: false))
        #expect(w.weights.count == config.bucketCount)  // no extra weights for the groups
        let v = FeatureExtractor(config: config).extract(text: word)
        return v.indices.map { w.weights[Int($0)] }.reduce(0, +)
    }
    let groups = [SourceGroup(group: "news", pattern: "news"), SourceGroup(group: "tweet", pattern: "tweet")]
    let plain = weight("lol", confounders: []), adjusted = weight("lol", confounders: groups)
    #expect(plain < -0.5)
    #expect(abs(adjusted) < abs(plain) / 2, "lol: \(plain) plain, \(adjusted) adjusted")
    #expect(weight("grave", confounders: groups) > 0.5)
    #expect(SourceGroup(parsing: "news=wmt") == SourceGroup(group: "news", pattern: "wmt"))
    #expect(SourceGroup(parsing: "news") == nil && SourceGroup(parsing: "=wmt") == nil)
}

@Test func aConfounderGroupMayHaveSeveralPatterns() {
    let groups = [SourceGroup(group: "tweet", pattern: "tweeteval"), SourceGroup(group: "news", pattern: "wmt"),
                  SourceGroup(group: "tweet", pattern: "verified")]
    #expect(SourceGroup.names(groups) == ["tweet", "news"])
    #expect(SourceGroup.index(of: "verified-user-tweets", in: groups) == 0)
    #expect(SourceGroup.index(of: "tweeteval", in: groups) == 0)
    #expect(SourceGroup.index(of: "wmt22-en-orig", in: groups) == 1)
    #expect(SourceGroup.index(of: "fce-zh-l1", in: groups) == -1 && SourceGroup.index(of: nil, in: groups) == -1)
}
