/// One point of a curve in a report: `x`, `y` and the score threshold that produces it (nil for
/// the ROC curve's starting corner, where nothing is predicted positive).
public struct CurvePoint: Codable, Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var threshold: Double?

    public init(x: Double, y: Double, threshold: Double? = nil) {
        self.x = x
        self.y = y
        self.threshold = threshold
    }
}
