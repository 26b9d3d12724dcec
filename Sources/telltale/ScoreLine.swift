import Classifier
import TelltaleIO

/// The JSON line `telltale score` prints for one post, built here only (also for
/// `eval --scores`, so both print the same bytes for the same post):
/// {"id":"t-1","scores":{"non_idiomatic":0.93,...,"off_topic":null},"flags":["non_idiomatic"]}
/// and, with `explain`, `"reasons":{...}`: a flagged label's top features, a gated label's reason.
struct ScoreLine {
    private let labels: [String]
    private let labelKeys: [[UInt8]]
    /// `"scores":{"label":` then `,"label":` for the others: the bytes before each probability.
    private let scorePrefixes: [[UInt8]]
    private static let idKey = Array("\"id\":".utf8)
    private static let flagsOpen = Array("},\"flags\":[".utf8)

    init(labels: [String]) {
        self.labels = labels
        labelKeys = labels.map { l in var b: [UInt8] = []; JSONWriter.appendString(l, to: &b); return b }
        scorePrefixes = labelKeys.enumerated().map { k, key in Array((k == 0 ? "\"scores\":{" : ",").utf8) + key + [UInt8(ascii: ":")] }
    }

    /// Appends the line (with its newline) for `result`; `idJSON` is the id as JSON (a string
    /// literal or a number), empty for none.
    func append(idJSON: [UInt8], _ result: PostScore, explain: Bool, to b: inout [UInt8]) {
        b.append(UInt8(ascii: "{"))
        if !idJSON.isEmpty {
            b.append(contentsOf: ScoreLine.idKey)
            b.append(contentsOf: idJSON)
            b.append(UInt8(ascii: ","))
        }
        if labelKeys.isEmpty { b.append(contentsOf: "\"scores\":{".utf8) }
        for (k, prefix) in scorePrefixes.enumerated() {
            b.append(contentsOf: prefix)
            JSONWriter.appendProbability(k < result.probabilities.count ? result.probabilities[k] : nil, to: &b)
        }
        b.append(contentsOf: ScoreLine.flagsOpen)
        var first = true
        for (k, key) in labelKeys.enumerated() where result.flags.contains(labels[k]) {
            if !first { b.append(UInt8(ascii: ",")) }
            first = false
            b.append(contentsOf: key)
        }
        b.append(UInt8(ascii: "]"))
        if explain {
            b.append(contentsOf: ",\"reasons\":{".utf8)
            var firstLabel = true
            // Flagged labels: their top features; gated labels: why they do not apply.
            for (k, key) in labelKeys.enumerated() {
                let gateReason = result.gateReasons[labels[k]]
                guard gateReason != nil || result.flags.contains(labels[k]) else { continue }
                if !firstLabel { b.append(UInt8(ascii: ",")) }
                firstLabel = false
                b.append(contentsOf: key)
                b.append(contentsOf: ":[".utf8)
                if let gateReason {
                    JSONWriter.appendString(gateReason, to: &b)
                } else {
                    for (r, reason) in (result.reasons[labels[k]] ?? []).enumerated() {
                        if r > 0 { b.append(UInt8(ascii: ",")) }
                        JSONWriter.appendString(reason.description, to: &b)
                    }
                }
                b.append(UInt8(ascii: "]"))
            }
            b.append(UInt8(ascii: "}"))
        }
        b.append(UInt8(ascii: "}"))
        b.append(UInt8(ascii: "\n"))
    }
}
