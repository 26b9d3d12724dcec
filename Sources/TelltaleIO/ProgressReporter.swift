#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Progress lines on standard error, only when it is a terminal and `CI` is not set (never in pipes,
/// files or CI logs), and warnings, always (a warning hidden when stderr goes to a log is a warning
/// lost). The one progress display of every command (train's phases, the row counters of score,
/// eval and accounts). Thread-safe; redraws at most a few times per second on one line.
public final class ProgressReporter: @unchecked Sendable {
    /// Whether anything is printed.
    public let enabled: Bool
    /// Whether `warning` prints (on whatever standard error is).
    public let warnings: Bool
    private let lock = NSLock()
    private var lastDraw = 0.0
    private var drawn = false

    /// `enabled` nil: on when standard error is a terminal and the `CI` environment variable is unset.
    public init(enabled: Bool? = nil, warnings: Bool = true) {
        self.enabled = enabled ?? (isatty(2) == 1 && getenv("CI") == nil)
        self.warnings = warnings
    }

    /// A reporter that prints nothing, warnings included.
    public static let silent = ProgressReporter(enabled: false, warnings: false)

    /// Prints `telltale: warning: message` on its own line, terminal or not.
    public func warning(_ message: String) {
        guard warnings else { return }
        lock.lock()
        defer { lock.unlock() }
        write((drawn ? "\r\u{1B}[K" : "") + "telltale: warning: " + message + "\n")
        drawn = false
    }

    /// Seconds on a monotonic clock (for rates and phase timings).
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Redraws the status line with `message()` unless one was drawn in the last 0.25 s
    /// (`force` draws anyway).
    public func update(force: Bool = false, _ message: () -> String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let t = Self.now()
        guard force || t - lastDraw >= 0.25 else { return }
        lastDraw = t
        drawn = true
        write("\r\u{1B}[K" + message())
    }

    /// Prints `message` on its own line (ending the status line).
    public func line(_ message: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        write((drawn ? "\r\u{1B}[K" : "") + message + "\n")
        drawn = false
    }

    /// Ends the status line, keeping its last text, or replacing it with `last()` when given
    /// (nothing is printed when no status line was drawn).
    public func finish(_ last: (() -> String)? = nil) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { write((last.map { "\r\u{1B}[K" + $0() } ?? "") + "\n") }
        drawn = false
    }

    private func write(_ s: String) { writeStandardError(s) }
}
