import ArgumentParser
import Classifier
import Foundation
import TelltaleIO
import TextFeatures
import Reporting
import Train

/// `telltale inspect M`: the model card — labels, features, provenance, metrics, top features.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a model's card: labels, features, provenance, dev metrics and top features."
    )

    @Argument(help: "Model file (default: the model in Models/).")
    var modelPath: String?

    @Option(name: .customLong("model"), help: "Model file, as for every other command (same as the argument).")
    var modelOption: String?

    /// The model asked for, by argument or `--model` (one of them).
    var model: String? { modelOption ?? modelPath }

    mutating func validate() throws {
        if let a = modelPath, let o = modelOption, a != o {
            throw ValidationError("give the model once: as an argument ('\(a)') or with --model ('\(o)'), not both")
        }
    }

    @Option(name: .long, help: "Top features to list per label and direction.")
    var top: Int = 15

    @Flag(name: .long, help: "Print the model header as JSON instead.")
    var json = false

    /// Writes `text` and a newline to standard output; a reader that went away (`| head -1`) ends
    /// the output quietly, as for `score`.
    static func emit(_ text: String) {
        OutputWriter.ignoreSIGPIPE()
        let out = OutputWriter()
        out.write(text + "\n")
        out.flush()
    }

    func run() throws {
        let m = try loadModel(model)
        let h = m.header
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Self.emit(String(decoding: try enc.encode(h), as: UTF8.self))
            return
        }
        var lines: [String] = []
        lines.append("Telltale model \(try ModelLocator.resolve(model))")
        lines.append("")
        let digits = h.thresholds.map { ReportFormat.decimals(String($0)) }.reduce(2) { max($0, min($1, 6)) }
        lines.append("labels:")
        for (i, l) in h.labels.enumerated() {
            lines += wrap("  \(l): threshold \(ReportFormat.fixed(h.thresholds[i], digits)), \(describe(h.calibration[i]))"
                + (h.needsParent.contains(l) ? ", needs parent" : ""), indent: "    ")
        }
        let f = h.features
        lines += wrap("features: 2^\(f.bucketBits) = \(f.bucketCount) buckets; families \(f.families.map(\.rawValue).joined(separator: ", ")); word 1–\(f.maxWordNgram) grams, Latin byte \(f.minCharNgram)–\(f.maxCharNgram) grams\(f.charsOfFunctionWords ? "" : " (not of function words)"), Han 1–\(f.maxHanNgram) grams"
            + (f.uses(.skeleton) ? ", skeleton \(f.minSkeletonNgram)–\(f.maxSkeletonNgram) grams" : "")
            + (f.uses(.skelchars) ? ", skeleton-text byte \(f.minSkelcharNgram)–\(f.maxSkelcharNgram) grams" : ""))
        lines += wrap("gates: " + describeGates(h))
        let p = h.provenance
        lines += wrap("trained: \(p.algorithm), seed \(p.seed), at \(p.trainedAt)")
        if !p.options.isEmpty { lines += wrap("options: " + p.options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) }
        for d in p.data { lines += wrap("data: \(d.path) (\(d.rows) rows, \(d.hash))") }
        if !p.software.isEmpty { lines += wrap("software: " + p.software.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) }
        if !h.metrics.isEmpty {
            // One row per metric, one column per label: fits 100 columns however many metrics.
            lines.append("")
            lines.append("dev metrics:")
            let keys = Array(Set(h.metrics.values.flatMap(\.keys))).sorted()
            let labels = h.labels.filter { h.metrics[$0] != nil }
            let first = max(6, keys.map(\.count).max() ?? 0) + 2
            let width = max(10, labels.map(\.count).max() ?? 0) + 2
            lines.append("  " + pad("metric", first) + labels.map { leftPad($0, width) }.joined())
            for k in keys {
                lines.append("  " + pad(k, first) + labels.map { leftPad(h.metrics[$0]?[k].map(fmt) ?? "-", width) }.joined())
            }
        }
        for (i, l) in h.labels.enumerated() where i < h.topFeatures.count {
            let feats = h.topFeatures[i]
            guard !feats.isEmpty else { continue }
            lines.append("")
            lines.append("\(l) — strongest features for:")
            for nf in feats.filter({ $0.weight > 0 }).sorted(by: { $0.weight > $1.weight }).prefix(top) {
                lines += wrap("  " + leftPad(ReportFormat.fixed(Double(nf.weight), 2), 7, sign: true) + "  \(nf.name)", indent: "           ")
            }
            lines.append("\(l) — strongest features against:")
            for nf in feats.filter({ $0.weight < 0 }).sorted(by: { $0.weight < $1.weight }).prefix(top) {
                lines += wrap("  " + leftPad(ReportFormat.fixed(Double(nf.weight), 2), 7, sign: true) + "  \(nf.name)", indent: "           ")
            }
        }
        Self.emit(lines.joined(separator: "\n"))
    }

    /// "mixed_zh_en mandarin-english (≥ 2 Han, ≥ 1 English words, kana+Hangul ≤ 10% of CJK; else 0); ..."
    private func describeGates(_ h: ModelHeader) -> String {
        let gated = h.labels.compactMap { l in h.gates?[l].map { (l, $0) } }
        guard !gated.isEmpty else { return "none (every label is scored on every post)" }
        return gated.map { l, g in
            var conditions: [String] = []
            if g.minHan > 0 { conditions.append("≥ \(g.minHan) Han") }
            if g.minLatinWords > 0 { conditions.append("≥ \(g.minLatinWords) English words") }
            if g.maxKanaHangulShare < 1 { conditions.append("kana+Hangul ≤ \(Int((g.maxKanaHangulShare * 100).rounded()))% of CJK") }
            if g.minLatinWordShare > 0 { conditions.append("English ≥ \(Int((g.minLatinWordShare * 100).rounded()))% of words") }
            return "\(l) \(g.rule) (\(conditions.joined(separator: ", ")); else \(g.outside == .zero ? "0" : "null"))"
        }.joined(separator: "; ")
    }

    private func describe(_ c: Calibration) -> String {
        switch c {
        case .identity: "uncalibrated logistic"
        case .platt(let a, let b): "Platt a=\(fmt(a)) b=\(fmt(b))"
        case .isotonic(let x, _): "isotonic, \(x.count) knots"
        }
    }
}

func fmt(_ x: Double) -> String { String(format: "%.4g", x) }

/// `s` right-aligned in `n` columns (`sign`: a leading + on positive numbers).
func leftPad(_ s: String, _ n: Int, sign: Bool = false) -> String {
    let t = sign && !s.hasPrefix("-") ? "+" + s : s
    return t.count >= n ? " " + t : String(repeating: " ", count: n - t.count) + t
}

/// `text` broken at spaces into lines of at most `width` columns, continuation lines starting
/// with `indent` (a word longer than a line stays whole).
func wrap(_ text: String, width: Int = 100, indent: String = "  ") -> [String] {
    var lines: [String] = []
    let lead = String(text.prefix { $0 == " " })
    var line = lead
    for word in text.dropFirst(lead.count).split(separator: " ", omittingEmptySubsequences: false) {
        let candidate = line == lead ? line + word : line + " " + word
        if candidate.count > width && !line.isEmpty && line != indent {
            lines.append(line)
            line = indent + word
        } else {
            line = candidate
        }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}
func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
