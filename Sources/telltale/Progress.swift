import Reporting
import TelltaleIO

/// A one-line row counter ("scored 12000 posts (8000 posts/s)") drawn through `ProgressReporter`:
/// only on a terminal, never in pipes or CI, and at most a few times per second.
final class Progress {
    private let label: String
    private let unit: String
    private let reporter = ProgressReporter()
    private let start = ProgressReporter.now()

    init(label: String, unit: String) {
        self.label = label
        self.unit = unit
    }

    private var elapsed: Double { ProgressReporter.now() - start }

    func update(_ done: Int, detail: String = "") {
        reporter.update {
            let rate = Double(done) / max(self.elapsed, 1e-9)
            return "\(self.label) \(done) \(self.unit) (\(Int(rate)) \(self.unit)/s)\(detail.isEmpty ? "" : " " + detail)"
        }
    }

    func finish(_ done: Int) {
        reporter.finish { "\(self.label) \(done) \(self.unit) in \(ReportFormat.fixed(self.elapsed, 1)) s" }
    }
}
