import Foundation

/// A one-line progress counter on standard error, shown only when stderr is a terminal (never in
/// pipes or CI), refreshed at most every 0.5 s.
final class Progress {
    private let label: String
    private let unit: String
    private let enabled: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0

    init(label: String, unit: String) {
        self.label = label
        self.unit = unit
        enabled = isatty(2) != 0 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    private var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    func update(_ done: Int, detail: String = "") {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw > 500_000_000 else { return }
        lastDraw = now
        let rate = Double(done) / max(elapsed, 1e-9)
        printErrorRaw("\r\(label) \(done) \(unit) (\(Int(rate)) \(unit)/s)\(detail.isEmpty ? "" : " " + detail)\u{1B}[K")
    }

    func finish(_ done: Int) {
        guard enabled, lastDraw > 0 else { return }
        printErrorRaw("\r\(label) \(done) \(unit) in \(String(format: "%.1f", elapsed)) s\u{1B}[K\n")
    }

    private func printErrorRaw(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}
