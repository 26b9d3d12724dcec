#if canImport(Glibc)
import Glibc
#endif
import CFuzzDriver
import FuzzSupport
import Corpus

/// Input: a corpus file's bytes, read in each of the three formats (lenient mode, then strict
/// mode up to the first error). Every line is a record, skipped as blank, or a counted error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpus(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    for ext in ["jsonl", "txt", "tsv"] {
        let path = FuzzSupport.scratchDirectory + "/input." + ext
        FuzzSupport.writeFile(path, UnsafeRawBufferPointer(start: data, count: size))
        for strict in [false, true] {
            do {
                let reader = try CorpusReader(path: path, labels: strict ? ["non_idiomatic", "off_topic"] : nil, strict: strict)
                var rows = 0
                while let record = try reader.next() {
                    rows += 1
                    for (_, v) in record.labels { FuzzSupport.check(v == 0 || v == 1, "label value \(v)") }
                }
                let s = reader.stats
                FuzzSupport.check(s.rows == rows, "stats.rows \(s.rows) != \(rows)")
                FuzzSupport.check(s.rows + s.skipped <= s.lines, "\(s.rows) rows + \(s.skipped) skipped > \(s.lines) lines")
                FuzzSupport.check(s.bytes == size, "read \(s.bytes) of \(size) bytes")
                FuzzSupport.check(!strict || s.skipped == 0, "strict mode skipped a line")
            } catch {
                FuzzSupport.check(strict, "lenient reading threw \(error)")
                FuzzSupport.check(error.line >= 1, "error without a line number: \(error)")
            }
        }
    }
    return 0
}

// SwiftPM names this file's top-level code the program's entry point: hand over to libFuzzer.
var fuzzArgc = CommandLine.argc
var fuzzArgv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&fuzzArgc, &fuzzArgv) { data, size in fuzzCorpus(data!, size) })
