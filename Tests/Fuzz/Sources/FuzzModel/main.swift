#if canImport(Glibc)
import Glibc
#endif
import Classifier
import CFuzzDriver
import FuzzSupport
import TextFeatures

/// Input: a model file. When the last byte is odd and the file is long enough, the trailing
/// FNV-1a-64 checksum is recomputed first, so the fuzzer gets past it to the header and section
/// checks. A file that loads must score a few posts without trouble.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if size >= 72, data[size - 1] & 1 == 1 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes[..<(size - 8)] { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        for k in 0..<8 { bytes[size - 8 + k] = UInt8(truncatingIfNeeded: h >> (8 * UInt64(k))) }
    }
    let path = FuzzSupport.scratchDirectory + "/model.ttl"
    bytes.withUnsafeBytes { FuzzSupport.writeFile(path, $0) }
    let model: Model
    do throws(ModelFileError) {
        model = try Model.load(path: path)
    } catch {
        FuzzSupport.check(error.description.contains(path), "error does not name the file: \(error)")
        return 0
    }
    do {
        let scorer = try Scorer(model: model)
        for (text, parent) in [("I can't live on regression in America.", nil), ("美国的 democracy 只是一个 show。", "What?"),
                               ("", "")] as [(String, String?)] {
            let s = scorer.score(text: text, parent: parent, explain: true, k: 3)
            for p in s.probabilities {
                if let p { FuzzSupport.check(p >= 0 && p <= 1, "probability \(p) outside 0...1") }
            }
        }
    } catch {
        FuzzSupport.check(false, "a loaded model cannot score: \(error)")
    }
    return 0
}

// SwiftPM names this file's top-level code the program's entry point: hand over to libFuzzer.
var fuzzArgc = CommandLine.argc
var fuzzArgv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&fuzzArgc, &fuzzArgv) { data, size in fuzzModel(data!, size) })
