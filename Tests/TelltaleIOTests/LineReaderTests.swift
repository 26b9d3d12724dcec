import Foundation
import Testing
import TelltaleIO

private func lines(of data: [UInt8], bufferSize: Int = 64, maxLineBytes: Int = 1 << 20) throws -> [String] {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lr-\(UUID().uuidString)")
    try Data(data).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let fd = open(url.path, O_RDONLY)
    let reader = LineReader(fd: fd, ownsFD: true, bufferSize: bufferSize, maxLineBytes: maxLineBytes)
    var out: [String] = []
    while let (n, line) = reader.next() {
        switch line {
        case .text(let b): out.append("\(n):" + String(decoding: b, as: UTF8.self))
        case .tooLong(let len): out.append("\(n):TOO LONG \(len)")
        }
    }
    return out
}

@Test func splitsLinesAndStripsCRAndBOM() throws {
    #expect(try lines(of: Array("\u{FEFF}a\r\nb\n\nc".utf8)) == ["1:a", "2:b", "3:", "4:c"])
    #expect(try lines(of: []) == [])
    #expect(try lines(of: Array("\n".utf8)) == ["1:"])
}

@Test func handlesLinesLongerThanTheBuffer() throws {
    let long = String(repeating: "x", count: 1000)
    #expect(try lines(of: Array("\(long)\nshort\n".utf8), bufferSize: 64) == ["1:\(long)", "2:short"])
}

@Test func skipsOverLongLinesWithoutBufferingThem() throws {
    let long = String(repeating: "y", count: 5000)
    let got = try lines(of: Array("ok\n\(long)\nafter\n\(long)".utf8), bufferSize: 64, maxLineBytes: 100)
    #expect(got == ["1:ok", "2:TOO LONG 5000", "3:after", "4:TOO LONG 5000"])
}

@Test func openReportsMissingFilesAndDirectories() {
    #expect(throws: InputError.self) { try LineReader.open("/nonexistent/telltale-input.jsonl") }
    do {
        _ = try LineReader.open("/tmp")
        Issue.record("a directory must not open")
    } catch {
        #expect(error.description.contains("is a directory"))
    }
}
