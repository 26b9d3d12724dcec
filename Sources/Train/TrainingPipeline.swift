import Classifier
import TextFeatures
import Corpus
import Evaluation
import TelltaleIO

/// Trains a model from corpus files: read → document frequencies → feature matrix → trainer →
/// calibration and thresholds on a seeded hold-out → top features → header with provenance →
/// `Model`; with a dev file, also its metrics (stored in the header).
///
/// ```swift
/// var options = TrainingOptions()
/// options.algorithm = .nblr
/// let result = try TrainingPipeline(options: options).run(data: ["train.jsonl"], dev: ["dev.jsonl"])
/// try result.model.write(to: "model.telltale")
/// ```
public struct TrainingPipeline: Sendable {
    public var options: TrainingOptions

    public init(options: TrainingOptions = TrainingOptions()) { self.options = options }

    /// Trains on `data` (one or more corpus files), evaluating on the `dev` files when given.
    public func run(data: [String], dev: [String] = []) throws(TrainingError) -> TrainingResult {
        if let p = options.problem() { throw .invalidOptions(p) }
        guard !data.isEmpty else { throw .noData("no training files given") }
        let progress = ProgressReporter(enabled: options.progress)
        var timings = TrainingTimings()
        var clock = ProgressReporter.now()
        func lap() -> Double {
            let t = ProgressReporter.now()
            defer { clock = t }
            return t - clock
        }

        // 1. Read.
        let loader = CorpusLoader(format: options.format, strict: options.strict, maxLineBytes: options.maxLineBytes)
        let labels: [String]
        let records: [CorpusRecord], stats: [CorpusReadStats]
        var devRecords: [CorpusRecord] = [], devStats: [CorpusReadStats] = []
        var calibrationRecords: [CorpusRecord] = []
        do {
            let loaded = try loader.load(data, labels: options.labels.isEmpty ? nil : options.labels)
            (records, stats, labels) = (loaded.records, loaded.stats, loaded.labels)
            if records.isEmpty {
                let first = stats.lazy.compactMap(\.errors.first).first.map { "; first bad line: \($0)" } ?? ""
                throw TrainingError.noData("no readable rows in \(data.joined(separator: ", "))\(first)")
            }
            guard !labels.isEmpty else { throw TrainingError.noData("no labels found in \(data.joined(separator: ", ")); pass the labels to train") }
            if !dev.isEmpty {
                let d = try loader.read(dev, labels: labels)
                (devRecords, devStats) = (d.records, d.stats)
            }
            if !options.calibrationFiles.isEmpty {
                calibrationRecords = try loader.read(options.calibrationFiles, labels: labels).records
            }
        } catch let e as CorpusError {
            throw .corpus(e)
        } catch let e as TrainingError {
            throw e
        } catch {
            throw .noData(String(describing: error))
        }
        for s in stats where s.skipped > 0 {
            progress.warning("\(s.path): skipped \(s.skipped) bad lines (first: \(s.errors.first?.description ?? "?"))")
        }
        try checkLabelled(records, labels: labels, files: data)
        timings.reading = lap()

        // 2. Document frequencies (only when some row is a reply and pair features are on).
        let builder = FeatureMatrixBuilder(config: options.features, threads: options.threads,
                                           documentFrequencyBits: options.documentFrequencyBits)
        let needsDF = options.features.uses(.pair) && records.contains { $0.parent != nil }
        let df = needsDF ? builder.documentFrequencies(records, progress: progress) : nil
        timings.documentFrequencies = lap()

        // 3. Feature matrix.
        let matrix = builder.matrix(records, labels: labels, documentFrequencies: df, progress: progress)
        timings.extraction = lap()
        timings.extractionRowsPerSecond = Double(matrix.rowCount) / max(timings.extraction, 1e-9)

        // 4. Hold-out split and training.
        let (trainRows, holdoutRows) = HoldoutSplit(fraction: options.holdoutFraction, seed: options.seed).split(records)
        var devMatrix: FeatureMatrix? = nil
        if !dev.isEmpty { devMatrix = builder.matrix(devRecords, labels: labels, documentFrequencies: df) }
        timings.dev = lap()
        var validation: ValidationSet? = nil
        switch options.earlyStopping {
        case .off: validation = nil
        case .dev where devMatrix != nil: validation = ValidationSet(matrix: devMatrix!)
        case .dev, .holdout: validation = holdoutRows.isEmpty ? nil : ValidationSet(matrix: matrix, rows: holdoutRows)
        }
        let trainer = options.trainer()
        let trained = trainer.train(matrix, rows: trainRows, validation: validation, threads: options.threads, progress: progress)
        timings.training = lap()
        let rowEpochs = trained.reports.reduce(0) { $0 + $1.trainingRows * max($1.epochs.count, 1) }
        timings.trainingRowsPerSecond = Double(rowEpochs) / max(timings.training, 1e-9)

        // 5. Calibration and thresholds on the hold-out (rows a label's gate leaves out get a fixed
        //    score, so they do not take part).
        let gates = options.gates(for: labels)
        let needsParent = labels.indices.filter { l in
            let known = matrix.knownRows(label: l)
            return known.filter { matrix.hasParent[$0] }.count * 2 > known.count
        }.map { labels[$0] }
        let uncalibrated = Model(header: ModelHeader(labels: labels, features: options.features, needsParent: needsParent, gates: gates),
                                 weights: trained.weights, documentFrequencies: df)
        var fits: [CalibrationFit] = []
        var thresholds: [Double] = []
        // Calibrate on the calibration files when given, else on the hold-out rows.
        let calibrationMatrix = calibrationRecords.isEmpty ? matrix
            : builder.matrix(calibrationRecords, labels: labels, documentFrequencies: df)
        let calibrationRows = calibrationRecords.isEmpty ? holdoutRows : Array(0..<calibrationMatrix.rowCount)
        let holdoutRaw = MatrixScoring.rawScores(uncalibrated, calibrationMatrix, rows: calibrationRows)
        for l in labels.indices {
            var scores: [Double] = [], truth: [Bool] = []
            let gate = gates?[labels[l]]
            for (i, r) in calibrationRows.enumerated() where calibrationMatrix.targets[l][r] >= 0
                && MatrixScoring.verdict(gate, calibrationMatrix, row: r) == .applies {
                scores.append(holdoutRaw[l][i])
                truth.append(calibrationMatrix.targets[l][r] == 1)
            }
            let fit = CalibrationFitter.fit(calibrationRows.isEmpty ? .none : options.calibration, scores: scores, targets: truth)
            fits.append(fit)
            let probabilities = scores.map { fit.calibration.probability(raw: $0) }
            thresholds.append(options.threshold.threshold(probabilities: probabilities, targets: truth))
            if let note = fit.note { progress.warning("\(labels[l]): \(note)") }
        }
        timings.calibration = lap()

        // 6. Top features from a seeded sample of training texts.
        var sampleRows = trainRows
        var rng = SplitMix64.derived(seed: options.seed, stream: 0x70F)
        rng.shuffle(&sampleRows)
        let sample = sampleRows.prefix(options.topFeatureSampleRows).sorted().map { records[$0] }
        let top = TopFeatureFinder(count: options.topFeatures).find(weights: trained.weights, sample: sample, config: options.features,
                                                                    documentFrequencies: df)
        timings.topFeatures = lap()

        // 7. Header, model, metrics.
        var header = ModelHeader(labels: labels, features: options.features, calibration: fits.map(\.calibration),
                                 thresholds: thresholds, topFeatures: top, provenance: provenance(stats, trainer: trainer),
                                 needsParent: needsParent, gates: gates)
        let calibrated = Model(header: header, weights: trained.weights, documentFrequencies: df)
        var holdoutReport: EvaluationReport? = nil
        if !holdoutRows.isEmpty {
            holdoutReport = evaluate(calibrated, matrix, rows: holdoutRows)
            for e in holdoutReport!.labels {
                for (k, v) in e.summary { header.metrics[e.label, default: [:]]["holdout_" + k] = v }
            }
        }
        var devReport: EvaluationReport? = nil
        if let devMatrix {
            devReport = evaluate(calibrated, devMatrix, rows: nil)
            for e in devReport!.labels { header.metrics[e.label, default: [:]].merge(e.summary) { _, new in new } }
        }
        timings.dev += lap()
        let model = Model(header: header, weights: trained.weights, documentFrequencies: df)
        return TrainingResult(model: model, labels: labels, reading: stats, devReading: devStats, training: trained.reports,
                              calibration: fits, holdout: holdoutReport, dev: devReport, timings: timings)
    }

    /// Every label needs labelled rows of both classes.
    func checkLabelled(_ records: [CorpusRecord], labels: [String], files: [String]) throws(TrainingError) {
        for l in labels {
            var counts = [0, 0]
            for r in records { if let y = r.labels[l], y == 0 || y == 1 { counts[y] += 1 } }
            if counts[0] + counts[1] == 0 {
                throw .noData("label `\(l)` has no labelled row in \(files.joined(separator: ", ")); check the label name or the data")
            }
            if counts[0] == 0 || counts[1] == 0 {
                let only = counts[0] == 0 ? 1 : 0
                throw .noData("label `\(l)` has only class \(only) rows (\(counts[only])) in \(files.joined(separator: ", ")): "
                    + "a classifier needs rows of both 0 and 1; add the other class or leave the label out (--labels)")
            }
        }
    }

    func evaluate(_ model: Model, _ matrix: FeatureMatrix, rows: [Int]?) -> EvaluationReport {
        let rowList = rows ?? Array(0..<matrix.rowCount)
        return Evaluator.evaluate(labels: model.labels, probabilities: MatrixScoring.probabilities(model, matrix, rows: rowList),
                                  targets: matrix.targets.map { t in rowList.map { t[$0] } },
                                  sources: rowList.map { matrix.sources[$0] }, thresholds: model.header.thresholds,
                                  options: options.evaluation)
    }

    func provenance(_ stats: [CorpusReadStats], trainer: any LinearTrainer) -> Provenance {
        var combined = FNV1a64()
        for s in stats { combined.update("\(s.hash):\(s.rows);") }
        return Provenance(data: stats.map { Provenance.DataFile(path: $0.path, hash: $0.hash, rows: $0.rows) },
                          algorithm: trainer.algorithm, seed: options.seed, options: options.provenanceOptions,
                          trainedAt: options.trainedAt ?? "not recorded (data fnv1a64 \(combined.hex))",
                          software: SoftwareVersions.all)
    }
}
