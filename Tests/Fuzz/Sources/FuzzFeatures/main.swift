#if canImport(Glibc)
import Glibc
#endif
import CFuzzDriver
import FuzzSupport
import TextFeatures

/// Input: text bytes, optionally `0x00` then parent bytes. The first byte's low bit asks for
/// readable names. Arbitrary bytes, invalid UTF-8 included (the extractor must not crash on it).
nonisolated(unsafe) let extractor = FeatureExtractor(config: FeatureConfig(bucketBits: 12))
nonisolated(unsafe) var vector = FeatureVector()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeatures(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let all = UnsafeBufferPointer(start: data, count: size)
    let names = size > 0 && data[0] & 1 == 1
    let split = all.firstIndex(of: 0)
    let text = UnsafeBufferPointer(rebasing: all[..<(split ?? size)])
    let parent = split.map { UnsafeBufferPointer(rebasing: all[($0 + 1)...]) }
    extractor.extract(text: text, parent: parent, into: &vector, names: names)
    FuzzSupport.check(vector.indices.count == vector.values.count, "indices and values differ in length")
    FuzzSupport.check(!names || vector.names.count == vector.indices.count, "names and indices differ in length")
    for i in vector.indices { FuzzSupport.check(Int(i) < extractor.config.bucketCount, "bucket \(i) out of range") }
    for v in vector.values { FuzzSupport.check(v.isFinite, "non-finite feature value \(v)") }
    // The analysis must be deterministic and its normalised text valid UTF-8.
    var analysis = TextAnalysis()
    extractor.analyze(text, into: &analysis)
    FuzzSupport.check(FuzzSupport.isValidUTF8(analysis.normalized), "normalised text is not valid UTF-8")
    for t in analysis.tokens {
        FuzzSupport.check(t.start <= t.end && Int(t.end) <= analysis.normalized.count, "token \(t.start)..<\(t.end) out of the text")
    }
    return 0
}

// SwiftPM names this file's top-level code the program's entry point: hand over to libFuzzer.
var fuzzArgc = CommandLine.argc
var fuzzArgv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&fuzzArgc, &fuzzArgv) { data, size in fuzzFeatures(data!, size) })
