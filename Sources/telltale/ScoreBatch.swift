import TelltaleIO

/// A batch of input lines copied out of the reader's buffer (one arena, offsets per line), so
/// worker threads can parse and score them while the reader moves on.
final class LineBatch: @unchecked Sendable {
    var arena: [UInt8] = []
    var starts: [Int] = []
    var ends: [Int] = []
    var lineNumbers: [Int] = []
    /// For an over-long line: its length (its bytes were not kept).
    var tooLong: [Int] = []

    var count: Int { lineNumbers.count }

    func removeAll() {
        arena.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        lineNumbers.removeAll(keepingCapacity: true)
        tooLong.removeAll(keepingCapacity: true)
    }

    /// Calls `body(number, line)` for each line of `range`, in order: its bytes (valid during the
    /// call) or, for a line over the limit, its length, as the reader gave them.
    func forEachLine(in range: Range<Int>, _ body: (Int, LineReader.Line) -> Void) {
        arena.withUnsafeBufferPointer { arena in
            for i in range {
                if tooLong[i] >= 0 {
                    body(lineNumbers[i], .tooLong(bytes: tooLong[i]))
                } else {
                    body(lineNumbers[i], .text(UnsafeBufferPointer(rebasing: arena[starts[i]..<ends[i]])))
                }
            }
        }
    }

    /// Reads up to `maxLines` lines or ~`maxBytes` bytes from `reader`; false at end of input.
    /// Reads up to `maxLines` lines (or `maxBytes`); stops early, with at least one line, when the
    /// input pauses (`LineReader.wouldWait`), so posts are scored as they arrive.
    func fill(from reader: LineReader, maxLines: Int, maxBytes: Int) -> Bool {
        removeAll()
        // Filled as locals (moved out and back): appending to a class's stored array costs a
        // dynamic exclusivity check per call.
        var arena: [UInt8] = [], starts: [Int] = [], ends: [Int] = [], numbers: [Int] = [], tooLong: [Int] = []
        swap(&arena, &self.arena)
        swap(&starts, &self.starts)
        swap(&ends, &self.ends)
        swap(&numbers, &lineNumbers)
        swap(&tooLong, &self.tooLong)
        defer {
            swap(&arena, &self.arena)
            swap(&starts, &self.starts)
            swap(&ends, &self.ends)
            swap(&numbers, &lineNumbers)
            swap(&tooLong, &self.tooLong)
        }
        while numbers.count < maxLines && arena.count < maxBytes && !(numbers.count > 0 && reader.wouldWait()), let (number, line) = reader.next() {
            numbers.append(number)
            switch line {
            case .text(let bytes):
                starts.append(arena.count)
                arena.append(contentsOf: bytes)
                ends.append(arena.count)
                tooLong.append(-1)
            case .tooLong(let n):
                starts.append(arena.count)
                ends.append(arena.count)
                tooLong.append(n)
            }
        }
        return numbers.count > 0
    }
}

/// The JSON lines produced for one contiguous chunk of a batch, with the end offset of each line
/// and which lines were errors.
final class ChunkOutput: @unchecked Sendable {
    var bytes: [UInt8] = []
    var lineEnds: [Int] = []
    var errorLines: [Int] = []       // input line numbers
    var firstError: String?
    /// Byte offset just after the first error record (for --strict).
    var firstErrorEnd: Int?

    func removeAll() {
        firstErrorEnd = nil
        bytes.removeAll(keepingCapacity: true)
        lineEnds.removeAll(keepingCapacity: true)
        errorLines.removeAll(keepingCapacity: true)
        firstError = nil
    }

    /// Appends `{"line":N,"error":"..."}`, or `{"line":N,"id":ID,"error":"..."}` when the post's
    /// id (raw JSON) could be read.
    func appendError(line: Int, id: [UInt8] = [], _ message: String) {
        bytes.append(contentsOf: "{\"line\":\(line),".utf8)
        if !id.isEmpty {
            bytes.append(contentsOf: "\"id\":".utf8)
            bytes.append(contentsOf: id)
            bytes.append(UInt8(ascii: ","))
        }
        bytes.append(contentsOf: "\"error\":".utf8)
        JSONWriter.appendString(message, to: &bytes)
        bytes.append(contentsOf: "}\n".utf8)
        lineEnds.append(bytes.count)
        errorLines.append(line)
        if firstError == nil {
            firstError = "line \(line): \(message)"
            firstErrorEnd = bytes.count
        }
    }
}
