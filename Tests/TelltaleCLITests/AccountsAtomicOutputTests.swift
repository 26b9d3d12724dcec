import Foundation
import Testing

/// An interrupted or killed `accounts` run leaves the output files of an earlier run as they were
/// (each output is written to a temporary file and moved into place at the end). KILL stands for
/// every signal that ends the process at once (SIGTERM may be blocked under the test runner). The
/// signal comes 8 s after the start, so a loaded machine has loaded the model and read the line
/// (4 s was once too short while the whole suite ran in parallel on 2 cores: the signal arrived
/// before the handler was installed).
@Suite struct AccountsAtomicOutputTests {
    @Test(arguments: ["INT", "KILL"])
    func earlierOutputsSurviveAnInterruptedRun(signal: String) throws {
        let r = try CLI.run([], shell: """
            D=$(mktemp -d)
            for f in keep.html authors.jsonl clusters.jsonl problems.jsonl; do echo old > "$D/$f"; done
            ( echo '{"author":"a","created_at":"2024-03-04T09:00:00+08:00","text":"first post here"}'; sleep 11 ) \\
              | timeout --preserve-status -s \(signal) 8 "$TELLTALE" accounts --report "$D/keep.html" --authors "$D/authors.jsonl" \\
                  --clusters "$D/clusters.jsonl" --problems "$D/problems.jsonl" > /dev/null 2> "$D/err"
            echo "status=$?"
            for f in keep.html authors.jsonl clusters.jsonl problems.jsonl; do echo "$f=$(cat "$D/$f")"; done
            echo "stderr=$(tail -1 "$D/err")"
            rm -rf "$D"
            """)
        let out = r.stdoutLines
        #expect(out.first == (signal == "INT" ? "status=130" : "status=137"), "\(r.stdout)")
        for f in ["keep.html", "authors.jsonl", "clusters.jsonl", "problems.jsonl"] {
            #expect(out.contains("\(f)=old"), "\(f): \(r.stdout)")
        }
        if signal == "INT" {
            #expect(out.last?.contains("interrupted after 1 lines: no output file was written") == true, "\(r.stdout)")
        }
    }

    @Test func aFinishedRunReplacesTheFilesAndLeavesNoTemporaryFile() throws {
        let r = try CLI.run([], shell: """
            D=$(mktemp -d)
            echo old > "$D/keep.html"
            echo '{"author":"a","created_at":"2024-03-04T09:00:00+08:00","text":"first post here"}' \\
              | "$TELLTALE" accounts --report "$D/keep.html" > /dev/null 2>&1
            echo "status=$?"
            head -c 15 "$D/keep.html"; echo
            echo "files=$(ls -A "$D" | tr '\\n' ' ')"
            rm -rf "$D"
            """)
        #expect(r.stdoutLines.first == "status=0")
        #expect(r.stdoutLines.contains("<!DOCTYPE html>"), "\(r.stdout)")
        #expect(r.stdoutLines.contains("files=keep.html "), "\(r.stdout)")
    }
}
