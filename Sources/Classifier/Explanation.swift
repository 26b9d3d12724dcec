import TextFeatures

/// One reason a label scored high: a readable feature and how much it added to the raw score.
public struct Reason: Sendable, Equatable, CustomStringConvertible {
    /// Readable feature, e.g. "n-gram `live on regression`", "Han run inside English sentence".
    public var feature: String
    /// weight × value summed over the post's features with this name (log-odds).
    public var contribution: Float

    public init(feature: String, contribution: Float) {
        self.feature = feature
        self.contribution = contribution
    }

    /// "n-gram `live on regression` (+0.84)".
    public var description: String { "\(feature) (\(Explanation.signed(contribution)))" }
}

/// Turns a post's features into reasons for a label: each active feature contributes
/// weight × value; contributions are summed per readable name, and the largest positive ones are
/// the reasons. Pair-feature names that differ only by their threshold ("similarity to parent
/// 0.02 (< 0.05)", "… (< 0.1)") are summed under one name ("similarity to parent 0.02").
public enum Explanation {
    /// The top `k` positive contributions to `label` (lane) in `vector`, strongest first (ties by
    /// name). `vector` should carry names (`FeatureExtractor.extract(..., names: true)`); a feature
    /// without one is called "feature bucket N".
    public static func reasons(label: Int, vector: FeatureVector, core: ScoringCore, k: Int) -> [Reason] {
        guard k > 0, label >= 0, label < core.labelCount else { return [] }
        var totals: [String: Float] = [:]
        let mask = core.bucketCount - 1
        for i in 0..<min(vector.indices.count, vector.values.count) {
            let bucket = Int(vector.indices[i]) & mask
            let contribution = core.weights[bucket * core.stride + label] * vector.values[i]
            guard contribution != 0 else { continue }
            let name = i < vector.names.count ? displayName(vector.names[i]) : "feature bucket \(bucket)"
            totals[name, default: 0] += contribution
        }
        return totals.filter { $0.value > 0 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(k)
            .map { Reason(feature: $0.key, contribution: $0.value) }
    }

    /// A feature name without a trailing threshold such as " (≥ 0.1)" or " (< 0.05)".
    static func displayName(_ name: String) -> String {
        guard name.utf8.last == UInt8(ascii: ")"), let open = name.lastIndex(of: "("), open > name.startIndex else { return name }
        let space = name.index(before: open)
        guard name[space] == " " else { return name }
        let inside = name[name.index(after: open)...]
        return inside.hasPrefix("≥ ") || inside.hasPrefix("< ") ? String(name[..<space]) : name
    }

    /// A contribution with sign and two decimals: "+0.84", "-1.20".
    public static func signed(_ x: Float) -> String {
        let cents = Int((Double(x) * 100).rounded())
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "+") + "\(magnitude / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}

extension Model {
    /// The model's strongest stored features for `label` (`header.topFeatures`): the `k` largest
    /// positive weights, strongest first, or with `negative` the `k` most negative. Empty for an
    /// unknown label.
    public func topFeatures(label: String, k: Int, negative: Bool = false) -> [NamedFeature] {
        guard let lane = labelIndex(label), lane < header.topFeatures.count, k > 0 else { return [] }
        let features = header.topFeatures[lane]
        let chosen = negative ? features.filter { $0.weight < 0 }.sorted { $0.weight < $1.weight }
                              : features.filter { $0.weight > 0 }.sorted { $0.weight > $1.weight }
        return Array(chosen.prefix(k))
    }
}
