import Classifier
import Corpus
import TelltaleIO

/// One `--scores` line for a record, byte for byte what `telltale score` prints for the same post:
/// {"id":"t-1","scores":{"non_idiomatic":0.93,...,"off_topic":null},"flags":["non_idiomatic"]}
/// (the id, when present, is always written as a JSON string).
struct EvalScoresLine {
    private let labelKeys: [[UInt8]]

    init(labels: [String]) {
        labelKeys = labels.map { l in var b: [UInt8] = []; JSONWriter.appendString(l, to: &b); return b }
    }

    func render(_ record: CorpusRecord, _ result: PostScore) -> [UInt8] {
        var b: [UInt8] = [UInt8(ascii: "{")]
        if let id = record.id {
            b += "\"id\":".utf8
            JSONWriter.appendString(id, to: &b)
            b.append(UInt8(ascii: ","))
        }
        b += "\"scores\":{".utf8
        for (k, key) in labelKeys.enumerated() {
            if k > 0 { b.append(UInt8(ascii: ",")) }
            b += key
            b.append(UInt8(ascii: ":"))
            JSONWriter.appendProbability(k < result.probabilities.count ? result.probabilities[k] : nil, to: &b)
        }
        b += "},\"flags\":[".utf8
        var first = true
        for (k, key) in labelKeys.enumerated() where result.flags.contains(result.labels[k]) {
            if !first { b.append(UInt8(ascii: ",")) }
            first = false
            b += key
        }
        b += "]}\n".utf8
        return b
    }
}
