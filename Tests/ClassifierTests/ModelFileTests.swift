import Foundation
import Testing
import TextFeatures
@testable import Classifier
import Train

@Suite struct ModelFileRoundTripTests {
    @Test(arguments: [4, 8])
    func writeThenLoadGivesTheSameModel(stride: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let model = TestModels.random(seed: UInt64(stride), stride: stride)
        let path = dir.file("m.ttl")
        try model.write(to: path)
        let loaded = try Model.load(path: path)
        #expect(loaded.header == model.header)
        #expect(loaded.weights == model.weights)
        #expect(loaded.documentFrequencies == model.documentFrequencies)
        #expect(loaded.stride == stride)

        var rng = SplitMix64(seed: 99)
        var a: [Float] = [], b: [Float] = []
        for _ in 0..<50 {
            let v = TestModels.randomVector(&rng, bucketCount: model.bucketCount)
            model.scoringCore.score(v, into: &a)
            loaded.scoringCore.score(v, into: &b)
            #expect(a == b)
        }
    }

    @Test func loadedWeightsAreReadInPlaceFromTheMapping() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let model = TestModels.random(seed: 9)
        try model.write(to: dir.file("m.ttl"))
        let loaded = try Model.load(path: dir.file("m.ttl"))
        #expect(loaded.storage.isMapped)
        #expect(!model.storage.isMapped)
        #expect(Int(bitPattern: loaded.storage.weights.baseAddress) % 64 == 0)
    }

    @Test func modelWithoutDocumentFrequenciesRoundTrips() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let model = TestModels.random(seed: 5, withDocumentFrequencies: false)
        try model.write(to: dir.file("m.ttl"))
        let loaded = try Model.load(path: dir.file("m.ttl"))
        #expect(loaded.documentFrequencies == nil)
        #expect(loaded.weights == model.weights)
    }

    @Test func headerNumbersRoundTripExactly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let model = TestModels.random(seed: 1)
        try model.write(to: dir.file("m.ttl"))
        let h = try Model.load(path: dir.file("m.ttl")).header
        #expect(h.metrics["non_idiomatic"]?["roc_auc"] == 0.1 + 0.2)
        #expect(h.metrics["non_idiomatic"]?["f1"] == 1.0 / 3.0)
        #expect(h.topFeatures[0][1].weight == -0.3333333 as Float)
    }

    @Test func nonFiniteMetricsAreStoredAsStrings() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let base = TestModels.random(seed: 2)
        var header = base.header
        header.metrics = ["off_topic": ["roc_auc": .nan, "ece": .infinity]]
        try Model(header: header, weights: base.weights, documentFrequencies: nil).write(to: dir.file("m.ttl"))
        let m = try Model.load(path: dir.file("m.ttl")).header.metrics["off_topic"]
        #expect(m?["roc_auc"]?.isNaN == true)
        #expect(m?["ece"] == .infinity)
    }

    @Test func twoWritesAreByteIdentical() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let model = TestModels.random(seed: 3)
        try model.write(to: dir.file("a.ttl"))
        try model.write(to: dir.file("b.ttl"))
        try Model.load(path: dir.file("a.ttl")).write(to: dir.file("c.ttl"))
        let a = try readBytes(dir.file("a.ttl"))
        #expect(a == (try readBytes(dir.file("b.ttl"))))
        #expect(a == (try readBytes(dir.file("c.ttl"))))
    }

    @Test func sectionsAreAlignedTo64Bytes() throws {
        let model = TestModels.random(seed: 4)
        let bytes = try model.fileBytes(path: "x")
        let layout = try bytes.withUnsafeBytes { try ModelFileLayout(preamble: $0, path: "x") }
        #expect(layout.fileSize == bytes.count)
        for offset in [layout.weightsOffset, layout.biasOffset, layout.dfOffset, layout.checksumOffset] {
            #expect(offset % 64 == 0)
        }
        #expect(Array(bytes.prefix(8)) == Array("TTLMODEL".utf8))
    }

    @Test func writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write(Array("old contents".utf8), to: "m.ttl")
        try TestModels.random(seed: 6).write(to: path)
        #expect(try dir.contents() == ["m.ttl"])
        #expect(try Model.load(path: path).header == TestModels.random(seed: 6).header)
    }

    @Test func writeIntoAMissingDirectoryFailsNamingThePath() throws {
        let path = "/nonexistent-telltale-dir/m.ttl"
        #expect(throws: ModelFileError.self) { try TestModels.random(seed: 7).write(to: path) }
        do {
            try TestModels.random(seed: 7).write(to: path)
        } catch {
            guard case .cannotWrite = error else { Issue.record("expected cannotWrite, got \(error)"); return }
            #expect(error.description.contains(path))
        }
    }

    @Test func writeRefusesNonFiniteWeights() throws {
        let base = TestModels.random(seed: 8)
        var w = base.weights
        w.setWeight(.nan, bucket: 3, label: 1)
        let model = Model(header: base.header, weights: w, documentFrequencies: nil)
        do {
            try model.write(to: "/tmp/never-written.ttl")
            Issue.record("wrote a model with a NaN weight")
        } catch {
            guard case .cannotWrite(_, let reason) = error else { Issue.record("got \(error)"); return }
            #expect(reason.contains("bucket 3"))
            #expect(reason.contains("mixed_zh_en"))
        }
    }
}
