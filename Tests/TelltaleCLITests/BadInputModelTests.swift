import Foundation
import Testing

/// Model files that cannot be used, through the CLI: each is a clear one-line error naming the
/// file and the problem, exit status 1, nothing on stdout, never a crash or a hang.
@Suite struct BadInputModelTests {
    let good: [UInt8]

    init() throws {
        good = Array(try Data(contentsOf: URL(fileURLWithPath: TestModel.path)))
    }

    private func u32(_ offset: Int) -> Int {
        Int(good[offset]) | Int(good[offset + 1]) << 8 | Int(good[offset + 2]) << 16 | Int(good[offset + 3]) << 24
    }
    private func align(_ x: Int) -> Int { (x + 63) & ~63 }

    /// Section ends of the test model (format version 1: 64-byte preamble, JSON header, weights,
    /// bias, checksum; it has no document frequencies).
    var sections: [(String, Int)] {
        let header = 64 + u32(12)
        let weightsEnd = align(header) + u32(16) * u32(24) * 4
        let biasEnd = align(weightsEnd) + u32(20) * 4
        return [("magic number", 8), ("fixed header", 64), ("JSON header", header), ("weights", weightsEnd), ("bias", biasEnd), ("checksum", align(biasEnd) + 8)]
    }

    private func expectModelError(_ path: String, _ phrase: String, _ what: String,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try CLI.run(["score", "--model", path], stdin: Data("live on regression\n".utf8))
        #expect(r.status == 1, "\(what): status \(r.status)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "\(what)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains("'\(path)'") && r.stderr.contains(phrase), "\(what): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("crashed"), "\(what)", sourceLocation: sourceLocation)
    }

    private func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func theTestModelHasTheExpectedLayout() {
        #expect(sections.last?.1 == good.count)
        #expect(u32(28) == 0xFFFF_FFFF)  // no document frequencies
    }

    @Test func truncatedAtEverySectionBoundary() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var start = 0
        for (section, end) in sections {
            // The cut just after the previous section, in the middle, and one byte short of its end.
            for cut in Set([start + 1, (start + end) / 2, end - 1]) where cut >= 1 && cut < good.count {
                let path = try write(Array(good.prefix(cut)), "cut-\(cut).ttl", in: dir)
                // Fewer than 12 bytes cannot tell the version; up to 8 they are a prefix of the magic.
                try expectModelError(path, "is truncated in its \(cut < 8 ? "magic number" : cut < 64 ? "fixed header" : section) section", "cut at \(cut)")
            }
            start = end
        }
    }

    @Test(arguments: [
        ("flipped checksum byte", -1, "is corrupted: checksum mismatch"),
        ("flipped weight byte", 2000, "is corrupted: checksum mismatch"),
        ("flipped JSON header byte", 70, "is corrupted: checksum mismatch"),
        ("wrong magic", 0, "is not a Telltale model"),
    ])
    func damagedBytes(what: String, offset: Int, phrase: String) throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var bad = good
        bad[offset < 0 ? bad.count + offset : offset] ^= 0x20
        try expectModelError(try write(bad, "bad.ttl", in: dir), phrase, what)
    }

    @Test func newerFormatVersionSaysUpgrade() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var bad = good
        bad[8] = 3
        try expectModelError(try write(bad, "v3.ttl", in: dir), "model format version 3 is newer than this telltale supports (2): upgrade telltale", "version 3")
    }

    @Test func zeroLengthTrailingBytesDirectoryMissingAndFIFO() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try expectModelError(try write([], "empty.ttl", in: dir), "is empty (0 bytes)", "zero-length")
        try expectModelError(try write(good + [0], "long.ttl", in: dir), "unexpected bytes after the checksum", "trailing byte")
        try expectModelError(dir.path, "is a directory", "directory")
        try expectModelError(dir.appendingPathComponent("missing.ttl").path, "does not exist", "missing")
        let fifo = dir.appendingPathComponent("fifo.ttl").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opening a FIFO must not wait for a writer.
        try expectModelError(fifo, "not a regular file", "FIFO")
    }
}
