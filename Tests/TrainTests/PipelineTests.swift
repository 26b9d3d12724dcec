import Classifier
import Foundation
import Testing
import TextFeatures
@testable import Train
import TestSupport
import Corpus

/// The repository's own written examples (Corpus/examples.jsonl).
let examplesPath: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpus/examples.jsonl").path

/// Small, fast options for tests.
func testOptions(_ algorithm: TrainingOptions.Algorithm = .lr) -> TrainingOptions {
    var o = TrainingOptions()
    o.algorithm = algorithm
    o.features = FeatureConfig(bucketBits: 14)
    o.epochs = 5
    o.topFeatures = 5
    o.topFeatureSampleRows = 300
    o.progress = false
    return o
}

struct PipelineTests {
    @Test func trainsAllLabelsFromTheWrittenExamples() throws {
        let r = try TrainingPipeline(options: testOptions()).run(data: [examplesPath])
        let h = r.model.header
        #expect(r.labels == ["mixed_zh_en", "non_idiomatic", "off_topic"])
        #expect(h.labels == r.labels)
        #expect(h.needsParent == ["off_topic"])
        #expect(r.model.documentFrequencies != nil) // replies are present
        #expect(r.reading.map(\.rows) == [245])
        #expect(r.reading[0].skipped == 0)
        // Provenance: file hash = FNV-1a-64 of its bytes, rows, algorithm, seed, a data-derived time.
        var fnv = FNV1a64()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: examplesPath)))
        bytes.withUnsafeBytes { fnv.update($0) }
        #expect(h.provenance.data == [Provenance.DataFile(path: examplesPath, hash: fnv.hex, rows: 245)])
        #expect(h.provenance.algorithm == "lr")
        #expect(h.provenance.seed == 1)
        #expect(h.provenance.trainedAt.hasPrefix("not recorded (data fnv1a64 "))
        #expect(h.provenance.options["epochs"] == "5")
        #expect(h.provenance.software["telltale"] == SoftwareVersions.telltale)
        #expect(h.provenance.software["icu"]?.isEmpty == false)
        // Calibration fitted on the hold-out, thresholds 0.5, named top features for each label.
        #expect(r.calibration.count == 3)
        #expect(h.thresholds == [0.5, 0.5, 0.5])
        for (l, features) in h.topFeatures.enumerated() {
            #expect(!features.isEmpty, "label \(r.labels[l])")
            #expect(features.allSatisfy { !$0.name.isEmpty && $0.weight != 0 })
            #expect(features.allSatisfy { $0.weight == r.model.weights.weight(bucket: Int($0.bucket), label: l) })
        }
        #expect(r.holdout != nil)
        #expect(h.metrics["non_idiomatic"]?["holdout_support"] != nil)
        #expect(r.training.map(\.label) == r.labels)
    }

    @Test func scoresMoveTheRightWayOnUnseenPosts() throws {
        let r = try TrainingPipeline(options: testOptions(.nblr)).run(data: [examplesPath])
        let model = r.model
        let extractor = FeatureExtractor(config: model.header.features, documentFrequencies: model.documentFrequencies)
        func p(_ label: String, _ text: String, parent: String? = nil) -> Double {
            let l = model.labelIndex(label)!
            var s = [Float](repeating: 0, count: model.stride)
            model.scoringCore.score(extractor.extract(text: text, parent: parent), into: &s)
            return model.header.calibration[l].probability(raw: Double(s[l]))
        }
        #expect(p("mixed_zh_en", "这个 weekend 我们去 hiking 吧") > p("mixed_zh_en", "这个周末我们去爬山吧"))
        #expect(p("mixed_zh_en", "这个 weekend 我们去 hiking 吧") > p("mixed_zh_en", "We are going hiking this weekend"))
        let question = "How do I keep my bike chain from rusting?"
        #expect(p("off_topic", "Wipe it dry after rides and oil the chain every few weeks.", parent: question)
            < p("off_topic", "The relevant countries should stop smearing and respect the facts.", parent: question))
    }

    @Test func sameDataSameOptionsGiveAByteIdenticalModelFile() throws {
        let dir = TempDir()
        var o = testOptions(.nblr)
        o.threads = 2
        let a = try TrainingPipeline(options: o).run(data: [examplesPath])
        o.threads = 1
        let b = try TrainingPipeline(options: o).run(data: [examplesPath])
        #expect(a.model.weights == b.model.weights)
        #expect(a.model.header == b.model.header)
        try a.model.write(to: dir.path("a.telltale"))
        try b.model.write(to: dir.path("b.telltale"))
        let fa = try Data(contentsOf: URL(fileURLWithPath: dir.path("a.telltale")))
        let fb = try Data(contentsOf: URL(fileURLWithPath: dir.path("b.telltale")))
        #expect(fa == fb)
        // And the file loads back with the same header.
        #expect(try Model.load(path: dir.path("a.telltale")).header == a.model.header)
        o.seed = 2
        #expect(try TrainingPipeline(options: o).run(data: [examplesPath]).model.weights != a.model.weights)
    }

    @Test func devFilesAreEvaluatedIntoTheHeader() throws {
        let dir = TempDir()
        let dev = dir.write("dev.jsonl", """
        {"text":"The meeting is postponed because of the reason of weather.","labels":{"non_idiomatic":1},"source":"d1"}
        {"text":"We pushed the meeting back because of the storm.","labels":{"non_idiomatic":0},"source":"d1"}
        {"text":"我们 team 下周有个 workshop","labels":{"mixed_zh_en":1},"source":"d2"}
        {"text":"我们下周有个研讨会","labels":{"mixed_zh_en":0},"source":"d2"}
        {"text":"Try the sunny window and water less.","parent":"Why are my plant's leaves yellow?","labels":{"off_topic":0}}
        {"text":"No parent here, so this reply label cannot be scored.","labels":{"off_topic":1}}
        """)
        var o = testOptions()
        o.threshold = .maxF1
        o.earlyStopping = .dev
        o.calibration = .isotonic
        let r = try TrainingPipeline(options: o).run(data: [examplesPath], dev: [dev])
        // Early stopping watched the dev rows of each label; isotonic calibrations are valid.
        #expect(r.training.map(\.validationRows) == [2, 2, 2])
        #expect(r.model.header.calibration.allSatisfy { $0.problem == nil })
        #expect(r.model.header.thresholds.allSatisfy { $0 > 0 && $0 < 1 })
        let report = try #require(r.dev)
        #expect(r.devReading.map(\.rows) == [6])
        let offTopic = try #require(report.labels.first { $0.label == "off_topic" })
        #expect(offTopic.support == 1 && offTopic.unscored == 1)
        let mixed = try #require(report.labels.first { $0.label == "mixed_zh_en" })
        #expect(mixed.support == 2)
        #expect(r.model.header.metrics["mixed_zh_en"]?["support"] == 2)
        #expect(r.model.header.metrics["mixed_zh_en"]?["roc_auc"] != nil)
        #expect(report.bySource.map(\.source) == ["(none)", "d1", "d2"])
        #expect(r.model.header.provenance.options["threshold"] == "max F1 on hold-out")
    }

    @Test func otherFormatsAndAGivenLabelSet() throws {
        let dir = TempDir()
        let ft = dir.write("a.txt", (0..<12).map { i in
            i % 2 == 0 ? "__label__fruit I ate a banana number \(i)" : "__label__other I read a book number \(i)"
        }.joined(separator: "\n"))
        let tsv = dir.write("b.tsv", "fruit\tone more banana\nfruit=0\tone more book\n")
        var o = testOptions(.nb)
        o.labels = ["fruit"]
        o.holdoutFraction = 0
        let r = try TrainingPipeline(options: o).run(data: [ft, tsv])
        #expect(r.labels == ["fruit"])
        #expect(r.reading.map(\.rows) == [12, 2])
        #expect(r.training[0].positives == 7 && r.training[0].negatives == 7)
        #expect(r.model.header.calibration == [.identity]) // no hold-out
        #expect(r.model.header.needsParent.isEmpty)
        #expect(r.model.documentFrequencies == nil)
    }

    @Test func badLinesAreSkippedOrFatalInStrictMode() throws {
        let dir = TempDir()
        let path = dir.write("bad.jsonl", try String(contentsOfFile: examplesPath, encoding: .utf8) + "{\"text\": broken\n")
        let lenient = try TrainingPipeline(options: testOptions(.nb)).run(data: [path])
        #expect(lenient.reading[0].skipped == 1)
        #expect(lenient.reading[0].errors.first?.line == 246)
        var strict = testOptions(.nb)
        strict.strict = true
        do {
            _ = try TrainingPipeline(options: strict).run(data: [path])
            Issue.record("strict mode must stop at the bad line")
        } catch {
            guard case .corpus(let e) = error else { Issue.record("wrong error \(error)"); return }
            #expect(e.line == 246 && e.path == path)
        }
    }

    @Test func unusableInputsAreClearErrors() {
        var o = testOptions()
        o.labels = ["no_such_label"]
        #expect(throws: TrainingError.self) { try TrainingPipeline(options: o).run(data: [examplesPath]) }
        o = testOptions()
        o.epochs = 0
        #expect(throws: TrainingError.invalidOptions("epochs must be at least 1, got 0")) {
            try TrainingPipeline(options: o).run(data: [examplesPath])
        }
        o = testOptions()
        o.features.bucketBits = 30
        #expect(throws: TrainingError.self) { try TrainingPipeline(options: o).run(data: [examplesPath]) }
        #expect(throws: TrainingError.noData("no training files given")) { try TrainingPipeline(options: testOptions()).run(data: []) }
        let dir = TempDir()
        #expect(throws: TrainingError.self) { try TrainingPipeline(options: testOptions()).run(data: [dir.path("missing.jsonl")]) }
    }
}

struct TopFeatureFinderTests {
    @Test func strongestNamedBucketsPerSign() {
        let config = FeatureConfig(bucketBits: 12, families: [.word])
        let extractor = FeatureExtractor(config: config)
        let banana = extractor.extract(text: "banana", names: true)
        let rye = extractor.extract(text: "rye", names: true)
        var w = LinearWeights(bucketCount: config.bucketCount, labelCount: 1)
        w.setWeight(2, bucket: Int(banana.indices[0]), label: 0)
        w.setWeight(-1, bucket: Int(rye.indices[0]), label: 0)
        // A strong bucket no sample text reaches is passed over (unused bucket, not a real feature).
        let unused = (0..<config.bucketCount).first { $0 != Int(banana.indices[0]) && $0 != Int(rye.indices[0]) }!
        w.setWeight(9, bucket: unused, label: 0)
        let sample = [CorpusRecord(text: "banana", labels: [:]), CorpusRecord(text: "rye", labels: [:])]
        let top = TopFeatureFinder(count: 3).find(weights: w, sample: sample, config: config, documentFrequencies: nil)
        #expect(top == [[NamedFeature(bucket: banana.indices[0], weight: 2, name: "word `banana`"),
                         NamedFeature(bucket: rye.indices[0], weight: -1, name: "word `rye`")]])
    }
}

struct CorpusLoaderTests {
    @Test func discoversLabelsAcrossFormatsBeforeAssigningNegatives() throws {
        let dir = TempDir()
        let ft = dir.write("a.txt", "__label__b one\n__label__a two\n")
        let js = dir.write("c.jsonl", #"{"text":"three","labels":{"c":1}}"#)
        let loaded = try CorpusLoader().load([ft, js], labels: nil)
        #expect(loaded.labels == ["a", "b", "c"])
        // fastText lines are negative for the other labels of the set; the JSONL row stays partial.
        #expect(loaded.records.map(\.labels) == [["a": 0, "b": 1, "c": 0], ["a": 1, "b": 0, "c": 0], ["c": 1]])
        let onlyJSON = try CorpusLoader().load([js], labels: nil)
        #expect(onlyJSON.labels == ["c"])
        #expect(onlyJSON.stats.map(\.rows) == [1])
    }

    @Test func aFileWithOnlyBadLinesIsNoData() {
        let dir = TempDir()
        let path = dir.write("bad.jsonl", "nope\n")
        #expect(throws: TrainingError.noData("no readable rows in \(path); first bad line: \(path):1: malformed JSON (the line does not start with '{'); each line must be one JSON object")) {
            try TrainingPipeline(options: testOptions()).run(data: [path])
        }
    }
}
