import Foundation
import Testing

/// `timeout -s INT` sends SIGINT to the process and then to its process group, so one interrupt
/// can arrive twice. Two SIGINTs less than a second apart are one Ctrl-C: the run still stops
/// cleanly and says what it kept, instead of dying at once on the "second Ctrl-C".
@Suite struct DoubleInterruptTests {
    @Test func aSIGINTDeliveredTwiceIsOneInterrupt() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The first batch (512 rows of ~8 KB) takes long enough for both signals to land in it.
        let text = String(repeating: "the police came by and we cooperated with them well today ", count: 140)
        var rows = ""
        for i in 0..<600 { rows += #"{"text":"\#(text)","labels":{"non_idiomatic":\#(i % 2)}}"# + "\n" }
        let data = dir.appendingPathComponent("long.jsonl")
        try Data(rows.utf8).write(to: data)
        let report = dir.appendingPathComponent("keep.html")
        try Data("earlier report\n".utf8).write(to: report)
        let r = try CLI.run([], shell: CLI.signalHelpers + """

            set -m   # job control: a background job gets SIGINT (it ignores it otherwise)
            "$TELLTALE" eval --model '\(TestModel.path)' --data '\(data.path)' --report '\(report.path)' > /dev/null 2> '\(dir.path)/err' &
            pid=$!; wait_for_sigint_handler $pid
            kill -INT $pid; sleep 0.05; kill -INT $pid
            wait $pid; echo "status=$?"; cat '\(dir.path)/err'
            """)
        #expect(r.stdoutLines.first == "status=130", "\(r.stdout)")
        // Usually after the first batch (512 rows); 0 when a loaded machine delays the reading.
        #expect(r.stdout.contains("telltale: interrupted after "), "\(r.stdout)")
        #expect(r.stdout.contains(" rows: no report or scores file was written"), "\(r.stdout)")
        #expect(try String(contentsOf: report, encoding: .utf8) == "earlier report\n")
    }
}
