import Classifier
import Corpus
import Evaluation

/// What `TrainingPipeline.run` returns: the model and everything learnt on the way.
public struct TrainingResult: Sendable {
    public var model: Model
    /// The labels, in weight-lane order.
    public var labels: [String]
    /// One per training file: rows, skipped bad lines (with the first errors), hash.
    public var reading: [CorpusReadStats]
    /// One per dev file.
    public var devReading: [CorpusReadStats]
    /// Per label: rows, class counts, epochs and losses, early stopping.
    public var training: [LabelTrainingReport]
    /// Per label: the calibration fitted on the hold-out (with a note when it fell back to identity).
    public var calibration: [CalibrationFit]
    /// Metrics on the hold-out rows (calibrated probabilities, chosen thresholds); nil without hold-out.
    public var holdout: EvaluationReport?
    /// Metrics on the dev files; nil without any.
    public var dev: EvaluationReport?
    /// Wall-clock measurements (not part of the model).
    public var timings: TrainingTimings
}

/// Where training time went (seconds) and the extraction speed.
public struct TrainingTimings: Sendable, Equatable, Codable {
    public var reading = 0.0
    public var documentFrequencies = 0.0
    public var extraction = 0.0
    public var training = 0.0
    public var calibration = 0.0
    public var topFeatures = 0.0
    public var dev = 0.0
    /// Training rows extracted per second (both passes excluded: extraction only).
    public var extractionRowsPerSecond = 0.0
    /// Rows × epochs per second of training, summed over labels.
    public var trainingRowsPerSecond = 0.0
}
