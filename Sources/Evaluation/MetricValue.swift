import Reporting

/// A metric that may be undefined: either a value or the reason there is none (e.g. ROC-AUC on a
/// label whose rows are all one class). Never NaN.
public struct MetricValue: Codable, Sendable, Equatable, CustomStringConvertible {
    public var value: Double?
    /// Why `value` is nil.
    public var reason: String?

    public init(_ value: Double) {
        self.value = value
        reason = nil
    }

    public init(undefined reason: String) {
        value = nil
        self.reason = reason
    }

    public static func undefined(_ reason: String) -> MetricValue { MetricValue(undefined: reason) }

    public var description: String {
        if let value { return String(value) }
        return "n/a (\(reason ?? "undefined"))"
    }
}

/// Binary examples for one label: probabilities and targets of the rows where the label is known.
public struct LabelledScores: Sendable, Equatable {
    /// Calibrated probabilities (or any score where higher means more likely positive).
    public var scores: [Double]
    /// true = positive.
    public var targets: [Bool]

    public init(scores: [Double], targets: [Bool]) {
        precondition(scores.count == targets.count, "scores and targets must have the same length")
        self.scores = scores
        self.targets = targets
    }

    public var count: Int { scores.count }
    public var positives: Int { targets.reduce(0) { $0 + ($1 ? 1 : 0) } }
    public var negatives: Int { count - positives }
}

extension ReportFormat {
    /// A metric with `digits` decimals, or "n/a" when it is undefined.
    public static func metric(_ m: MetricValue, _ digits: Int = 3) -> String {
        m.value.map { fixed($0, digits) } ?? "n/a"
    }
}
