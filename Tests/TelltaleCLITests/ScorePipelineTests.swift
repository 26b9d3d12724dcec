import Foundation
import Testing

// `telltale score` streams batches of 4,096 lines per thread through double-buffered worker
// threads; these inputs span several batches so that the overlap is exercised.

/// `count` lines mixing JSON posts, replies with parents and plain text, with a bad line every 997.
private func manyLines(_ count: Int) -> String {
    var s = ""
    for i in 0..<count {
        switch i % 4 {
        case _ where i % 997 == 500: s += "{\"text\": broken \(i)\n"
        case 0: s += "{\"id\":\"p\(i)\",\"text\":\"live on regression \(i)\"}\n"
        case 1: s += "{\"id\":\"r\(i)\",\"text\":\"Lift weights and eat less.\",\"parent\":\"How do I lose belly fat \(i)?\"}\n"
        case 2: s += "美国的 democracy 只是一个 show \(i)\n"
        default: s += "plain line number \(i)\n"
        }
    }
    return s
}

@Test func outputIsTheSameForAnyThreadCountAcrossBatches() throws {
    let input = Data(manyLines(20_000).utf8)
    let one = try CLI.run(["score", "--model", TestModel.path], stdin: input)
    #expect(one.status == 0)
    #expect(one.stdoutLines.count == 20_000)
    #expect(one.stdoutLines[500].hasPrefix(#"{"line":501,"error""#))
    for threads in ["2", "3"] {
        let r = try CLI.run(["score", "--model", TestModel.path, "--threads", threads], stdin: input)
        #expect(r.status == 0)
        #expect(r.stdout == one.stdout, "--threads \(threads)")
    }
}

@Test func strictStopsAtTheFirstBadLineInALaterBatch() throws {
    var lines = (0..<12_000).map { "plain line \($0)" }
    lines[9_999] = "{\"text\": broken"
    let input = Data((lines.joined(separator: "\n") + "\n").utf8)
    for threads in ["1", "2"] {
        let r = try CLI.run(["score", "--model", TestModel.path, "--strict", "--threads", threads], stdin: input)
        #expect(r.status == 2)
        #expect(r.stdoutLines.count == 10_000, "--threads \(threads)")
        #expect(r.stdoutLines.last?.hasPrefix(#"{"line":10000,"error""#) == true)
        #expect(r.stderr.contains("line 10000"))
    }
}
