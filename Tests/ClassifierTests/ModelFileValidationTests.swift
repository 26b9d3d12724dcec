import Foundation
import Testing
import TextFeatures
@testable import Classifier
import Train

extension ModelFileError {
    /// The case name, for comparing errors without their details.
    var kind: String {
        switch self {
        case .notFound: "notFound"
        case .isDirectory: "isDirectory"
        case .unreadable: "unreadable"
        case .empty: "empty"
        case .notAModel: "notAModel"
        case .newerVersion: "newerVersion"
        case .truncated(_, let s, _, _): "truncated(\(s))"
        case .corrupted: "corrupted"
        case .invalidHeader: "invalidHeader"
        case .inconsistent: "inconsistent"
        case .cannotWrite: "cannotWrite"
        }
    }
}

@Suite struct ModelFileValidationTests {
    let good: [UInt8]
    let layout: ModelFileLayout

    init() throws {
        good = try TestModels.random(seed: 11).fileBytes(path: "x")
        layout = try good.withUnsafeBytes { try ModelFileLayout(preamble: $0, path: "x") }
    }

    /// Writes `bytes`, loads them, and checks the error's case and that its message names the file.
    func expectError(_ bytes: [UInt8], _ kind: String, _ comment: String = "",
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write(bytes, to: "bad.ttl")
        guard let error = loadError(path) else {
            Issue.record("\(comment): loaded without error, expected \(kind)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.kind == kind, "\(comment): \(error)", sourceLocation: sourceLocation)
        #expect(error.path == path, sourceLocation: sourceLocation)
        #expect(error.description.contains("'\(path)'"), sourceLocation: sourceLocation)
    }

    @Test func truncationAtEverySectionBoundaryAndMidSectionNamesTheSection() throws {
        var start = 0
        var cases = 0
        for (section, end) in layout.sectionEnds {
            for cut in Set([start, (start + end) / 2, end - 1]) where cut > 0 && cut < good.count {
                try expectError(Array(good.prefix(cut)), "truncated(\(section))", "cut at \(cut)")
                cases += 1
            }
            start = end
        }
        #expect(cases >= 15)
    }

    @Test func truncationReportsExpectedAndActualSizes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let cut = layout.weightsOffset + 100
        let path = try dir.write(Array(good.prefix(cut)), to: "cut.ttl")
        let error = loadError(path)
        #expect(error == .truncated(path: path, section: .weights, expectedBytes: good.count, actualBytes: cut))
        #expect(error?.description.contains("weights") == true)
        #expect(error?.description.contains("\(good.count)") == true)
    }

    @Test func flippedBytesAreReportedAsCorruption() throws {
        for (offset, what) in [(good.count - 1, "checksum"), (layout.weightsOffset + 37, "weights"), (layout.biasOffset + 2, "bias"),
                               (layout.headerOffset + 5, "JSON"), (layout.dfOffset + 9, "document frequencies"),
                               (layout.checksumOffset - 1, "last byte before the checksum")] {
            var bad = good
            bad[offset] ^= 0x10
            try expectError(bad, "corrupted", what)
        }
    }

    @Test func corruptionMessageSaysCorrupted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        var bad = good
        bad[layout.weightsOffset] ^= 1
        let path = try dir.write(bad, to: "bad.ttl")
        let message = loadError(path)?.description ?? ""
        #expect(message.contains("is corrupted"))
        #expect(message.contains("checksum"))
    }

    @Test func wrongMagicAndShortGarbageAreNotModels() throws {
        var bad = good
        bad[0] = UInt8(ascii: "X")
        try expectError(bad, "notAModel", "wrong magic")
        try expectError(Array("hello".utf8), "notAModel", "short text")
        try expectError(Array("{\"labels\": []}\n".utf8), "notAModel", "JSON")
        try expectError(Array("TTL".utf8), "truncated(magic)", "magic prefix")
    }

    @Test func newerFormatVersionSaysUpgrade() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        var bad = good
        bad[8] = 3
        let path = try dir.write(bad, to: "new.ttl")
        let error = loadError(path)
        #expect(error == .newerVersion(path: path, version: 3, supported: 2))
        #expect(error?.description.contains("model format version 3 is newer than this telltale supports (2): upgrade telltale") == true)
        // Only the first 12 bytes are needed to tell.
        try expectError(Array(bad.prefix(12)), "newerVersion", "short newer file")
    }

    @Test func versionZeroIsInconsistent() throws {
        var bad = good
        bad[8] = 0
        try expectError(bad, "inconsistent", "version 0")
    }

    @Test func emptyDirectoryAndMissingFilesAreDistinct() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let empty = try dir.write([], to: "empty.ttl")
        #expect(loadError(empty) == .empty(path: empty))
        #expect(loadError(dir.path) == .isDirectory(path: dir.path))
        let missing = dir.file("missing.ttl")
        #expect(loadError(missing) == .notFound(path: missing))
        #expect(loadError(missing)?.description.contains(missing) == true)
        #expect(loadError(empty + "/inside") == .notFound(path: empty + "/inside"))
    }

    @Test func nonRegularFileIsUnreadable() throws {
        #expect(loadError("/dev/null")?.kind == "unreadable")
    }

    @Test func unreadableFileIsReported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write(good, to: "locked.ttl")
        chmod(path, 0)
        defer { chmod(path, 0o644) }
        // Root reads anything: then there is nothing to test.
        guard open(path, O_RDONLY) < 0 else { return }
        #expect(loadError(path)?.kind == "unreadable")
    }

    @Test func trailingBytesAreInconsistent() throws {
        try expectError(good + [0, 0, 0, 0], "inconsistent", "trailing bytes")
    }

    @Test func invalidJSONBehindAValidChecksumIsAnInvalidHeader() throws {
        var bad = good
        bad[layout.headerOffset] = UInt8(ascii: "[")
        try expectError(resealed(bad), "invalidHeader", "JSON")
    }

    @Test func headerThatDisagreesWithSectionsIsInconsistent() throws {
        let base = TestModels.random(seed: 12)
        // Rewrite the JSON with two labels while the preamble still says three.
        var header = base.header
        header.labels.removeLast()
        header.calibration.removeLast()
        header.thresholds.removeLast()
        header.topFeatures.removeLast()
        header.needsParent = []
        let json = try ModelHeaderJSON.encode(header)
        var bad = Array(good.prefix(layout.headerOffset)) + json
        bad += [UInt8](repeating: 0x20, count: layout.headerLength - json.count) // pad JSON with spaces
        bad += good[(layout.headerOffset + layout.headerLength)...]
        try expectError(resealed(bad), "inconsistent", "label count")
    }

    @Test(arguments: [("thresholds", "[0.5,1.5,0.5]"), ("thresholds", "[0.5,\"nan\",0.5]"),
                      ("calibration", "[{\"identity\":{}},{\"identity\":{}},{\"isotonic\":{\"x\":[1,0],\"y\":[0.1,0.2]}}]"),
                      ("needsParent", "[\"spam\"]")])
    func headerFieldsThatMakeNoSenseAreInconsistent(field: String, json: String) throws {
        var header = try JSONSerialization.jsonObject(with: Data(good[layout.headerOffset..<(layout.headerOffset + layout.headerLength)])) as! [String: Any]
        header[field] = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        let encoded = Array(try JSONSerialization.data(withJSONObject: header))
        let rebuilt = ModelFileLayout(headerLength: encoded.count, bucketCount: layout.bucketCount, labelCount: layout.labelCount,
                                      stride: layout.stride, dfBits: layout.dfBits, dfDocuments: layout.dfDocuments)
        var bad = rebuilt.preamble + encoded
        bad += [UInt8](repeating: 0, count: rebuilt.weightsOffset - bad.count)
        bad += good[layout.weightsOffset...]
        try expectError(resealed(bad), "inconsistent", field)
    }

    @Test func badCountsInThePreambleAreInconsistent() throws {
        for (offset, value, what) in [(16, UInt32(1000), "buckets not a power of two"), (20, 0, "no labels"),
                                      (24, 2, "stride below label count"), (28, 30, "df bits"), (12, UInt32.max, "header length")] {
            var bad = good
            withUnsafeBytes(of: value.littleEndian) { for k in 0..<4 { bad[offset + k] = $0[k] } }
            try expectError(bad, "inconsistent", what)
        }
    }

    @Test func nonFiniteWeightBehindAValidChecksumIsInconsistent() throws {
        var bad = good
        withUnsafeBytes(of: Float.infinity.bitPattern.littleEndian) { for k in 0..<4 { bad[layout.weightsOffset + 4 * 9 + k] = $0[k] } }
        try expectError(resealed(bad), "inconsistent", "infinite weight")
    }

    @Test func randomDamageNeverCrashes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        var rng = SplitMix64(seed: 2024)
        for i in 0..<300 {
            var bad = good
            switch i % 3 {
            case 0: bad = Array(bad.prefix(Int.random(in: 0..<bad.count, using: &rng)))
            case 1:
                // Damage the fixed or JSON header, then reseal so the deeper checks run.
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    bad[Int.random(in: 8..<(layout.headerOffset + layout.headerLength), using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
                bad = resealed(bad)
            default: bad[Int.random(in: 0..<bad.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            }
            let path = try dir.write(bad, to: "fuzz.ttl")
            if let error = loadError(path) { #expect(error.description.contains(path)) }
        }
    }
}
