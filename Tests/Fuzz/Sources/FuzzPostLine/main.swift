#if canImport(Glibc)
import Glibc
#endif
import CFuzzDriver
import FuzzSupport
import TelltaleIO

/// Input: a stream of lines. It goes through a pipe into `LineReader` (small buffer, a line limit
/// taken from the first byte) and every line through `PostLineParser`; a parsed text must be valid
/// UTF-8 and survive a `JSONWriter` round trip.
nonisolated(unsafe) var parser = PostLineParser(extraFields: ["author"])
nonisolated(unsafe) var post = PostLine()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPostLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size <= 60_000 else { return 0 }  // a pipe holds 64 KiB: write it all, then read
    var fds: [Int32] = [0, 0]
    FuzzSupport.check(pipe(&fds) == 0, "pipe failed")
    var off = 0
    while off < size {
        let n = write(fds[1], data + off, size - off)
        FuzzSupport.check(n > 0, "pipe write failed")
        off += n
    }
    close(fds[1])
    let maxLine = size > 0 ? Int(data[0]) * 8 + 1 : 64
    let reader = LineReader(fd: fds[0], ownsFD: true, bufferSize: 64, maxLineBytes: maxLine)
    var lastNumber = 0
    var seen = 0
    while let (number, line) = reader.next() {
        FuzzSupport.check(number == lastNumber + 1, "line numbers skip from \(lastNumber) to \(number)")
        lastNumber = number
        switch line {
        case .tooLong(let bytes):
            FuzzSupport.check(bytes > maxLine, "a \(bytes)-byte line reported over the \(maxLine) limit")
            seen += bytes + 1
        case .text(let bytes):
            FuzzSupport.check(bytes.count <= maxLine, "a \(bytes.count)-byte line passed the \(maxLine) limit")
            FuzzSupport.check(!bytes.contains(0x0A), "a line contains a newline")
            seen += bytes.count + 1
            checkParse(bytes)
        }
    }
    FuzzSupport.check(reader.readError == nil, "read error \(reader.readError ?? "")")
    // Every byte is in a line or a newline, except a CR before a newline and a leading BOM.
    var crlf = 0
    for i in 0..<max(size - 1, 0) where data[i] == 0x0D && data[i + 1] == 0x0A { crlf += 1 }
    FuzzSupport.check(seen + crlf + 3 >= size, "lines cover \(seen) of \(size) bytes")
    return 0
}

func checkParse(_ bytes: UnsafeBufferPointer<UInt8>) {
    if let err = parser.parse(bytes, into: &post) {
        FuzzSupport.check(err.byte >= 0 && err.byte <= max(bytes.count, 1), "error byte \(err.byte) outside a \(bytes.count)-byte line")
        return
    }
    FuzzSupport.check(FuzzSupport.isValidUTF8(post.text), "parsed text is not valid UTF-8")
    FuzzSupport.check(!post.text.contains(0), "parsed text contains NUL")
    // Round trip: write the text as JSON and parse it back.
    var json = Array(#"{"text":"#.utf8)
    post.text.withUnsafeBufferPointer { JSONWriter.appendString($0, to: &json) }
    json.append(UInt8(ascii: "}"))
    let original = post.text
    var again = PostLine()
    var p2 = PostLineParser()
    let err = json.withUnsafeBufferPointer { p2.parse($0, into: &again) }
    FuzzSupport.check(err == nil, "round trip failed: \(err?.description ?? "")")
    FuzzSupport.check(again.text == original, "round trip changed the text")
}

// SwiftPM names this file's top-level code the program's entry point: hand over to libFuzzer.
var fuzzArgc = CommandLine.argc
var fuzzArgv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&fuzzArgc, &fuzzArgv) { data, size in fuzzPostLine(data!, size) })
