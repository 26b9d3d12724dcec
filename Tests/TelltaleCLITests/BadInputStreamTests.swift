import Foundation
import Testing

/// The bad-input matrix, whole streams: huge lines, a million empty lines, empty and unreadable
/// inputs, a reader that goes away (`| head -1`) and Ctrl-C mid-stream. Large inputs are made and
/// counted by shell pipelines, so they stream through the binary and never sit in the test.
@Suite struct BadInputStreamTests {
    let model = TestModel.path

    /// Peak resident memory in KiB from `/usr/bin/time -f %M` output in `text`, if present (not
    /// under a sanitizer: `swift test --sanitize=...` builds the binary with its shadow memory).
    func peakKiB(_ text: String) -> Int? {
        guard !Self.underSanitizer else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("maxrss=") }.flatMap { Int($0.dropFirst(7)) }
    }

    static let underSanitizer: Bool = {
        let me = dlopen(nil, RTLD_NOW)
        return dlsym(me, "__asan_init") != nil || dlsym(me, "__tsan_init") != nil
    }()

    var timeCommand: String? { FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? "/usr/bin/time -f maxrss=%M -o \"$D/time\"" : nil }

    @Test func a50MBLineIsScoredAsOneLineWithBoundedMemory() throws {
        let time = timeCommand ?? ""
        let r = try CLI.run([], shell: """
            D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
            head -c 50000000 /dev/zero | tr '\\0' a | \(time) "$TELLTALE" score --model '\(model)' > "$D/out"
            echo "status=$?"; wc -l < "$D/out"; head -c 11 "$D/out"; echo; cat "$D/time" 2>/dev/null
            """)
        let lines = r.stdoutLines
        #expect(lines.first == "status=0")
        #expect(lines.dropFirst().first == "1")
        #expect(lines.dropFirst(2).first == #"{"scores":{"#)
        if let kib = peakKiB(r.stdout) {
            // The line is buffered whole (it is under --max-line-bytes) and copied a few times on the
            // way through parsing and normalisation: a bounded multiple of 50 MB, not more.
            #expect(kib < 400_000, "peak \(kib) KiB")
        }
    }

    @Test func a50MBLineOverTheLimitIsAnErrorRecordAndTheNextLineIsScored() throws {
        let time = timeCommand ?? ""
        let r = try CLI.run([], shell: """
            D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
            { head -c 50000000 /dev/zero | tr '\\0' a; printf '\\nlive on regression\\n'; } | \
              \(time) "$TELLTALE" score --model '\(model)' --max-line-bytes 1000000 > "$D/out" 2> "$D/err"
            echo "status=$?"; cat "$D/out"; cat "$D/time" 2>/dev/null; echo "stderr=$(cat "$D/err")"
            """)
        let alone = try CLI.run(["score", "--model", model], stdin: Data("live on regression\n".utf8))
        let lines = r.stdoutLines
        #expect(lines.first == "status=0")
        #expect(lines.dropFirst().first == #"{"line":1,"error":"line is 50000000 bytes, over the --max-line-bytes limit of 1000000: split it or raise the limit"}"#)
        #expect(lines.dropFirst(2).first == alone.stdoutLines.first)
        #expect(r.stdout.contains("stderr=telltale: 1 of 2 lines could not be scored"))
        if let kib = peakKiB(r.stdout) {
            // Skipped, not buffered: memory stays near the 1 MB limit.
            #expect(kib < 100_000, "peak \(kib) KiB")
        }
    }

    @Test func aMillionEmptyLinesGiveAMillionIdenticalLines() throws {
        let time = timeCommand ?? ""
        let r = try CLI.run([], shell: """
            D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
            yes '' | head -1000000 | \(time) "$TELLTALE" score --model '\(model)' --threads 2 > "$D/out" 2> "$D/err"
            echo "status=$?"; wc -l < "$D/out"; sort -u "$D/out" | wc -l; wc -c < "$D/err"; cat "$D/time" 2>/dev/null
            """)
        #expect(Array(r.stdoutLines.prefix(4)) == ["status=0", "1000000", "1", "0"])
        if let kib = peakKiB(r.stdout) {
            // Streamed in batches: memory does not grow with the number of lines.
            #expect(kib < 100_000, "peak \(kib) KiB")
        }
    }

    @Test func hugeMaxLineBytesIsClampedNotACrash() throws {
        let r = try CLI.run(["score", "--model", model, "--max-line-bytes", "\(Int.max)"], stdin: Data("live on regression\n".utf8))
        #expect(r.status == 0)
        #expect(r.stdoutLines.count == 1)
    }

    @Test func emptyInputsGiveNoOutputAndNoErrors() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.jsonl")
        try Data().write(to: empty)
        let file = try CLI.run(["score", "--model", model, "--input", empty.path])
        #expect(file.status == 0 && file.stdout.isEmpty && file.stderr.isEmpty)
        let newline = try CLI.run(["score", "--model", model], stdin: Data("\n".utf8))
        #expect(newline.status == 0 && newline.stdoutLines.count == 1 && newline.stderr.isEmpty)
    }

    /// Worker threads that had not started yet when an empty input ended the run used to reach
    /// their released pool through an unowned reference and abort the process (48 of 60 runs of
    /// `score --threads 2` on an empty file). Twenty runs, every one must end cleanly.
    @Test func emptyInputWithTwoThreadsEndsCleanlyEveryTime() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.jsonl")
        try Data().write(to: empty)
        for run in 1...20 {
            let r = try CLI.run(["score", "--model", model, "--threads", "2", "--input", empty.path])
            #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty, "run \(run): status \(r.status) \(r.stderr)")
        }
    }

    @Test func missingDirectoryAndFailingInputsExitWith1NamingThePath() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String)] = [
            (dir.appendingPathComponent("missing.jsonl").path, "No such file or directory"),
            (dir.path, "is a directory"),
            ("/proc/self/mem", "Input/output error"),  // opens, then read(2) fails
        ]
        for (path, cause) in cases {
            let r = try CLI.run(["score", "--model", model, "--input", path])
            #expect(r.status == 1, "\(path)")
            #expect(r.stdout.isEmpty, "\(path)")
            #expect(r.stderr.contains(path) && r.stderr.contains(cause), "\(path): \(r.stderr)")
        }
    }

    @Test func unreadableInputFileExitsWith1() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let locked = dir.appendingPathComponent("locked.jsonl")
        try Data("x\n".utf8).write(to: locked)
        chmod(locked.path, 0)
        // Root reads anything: run as `nobody` when possible, else there is nothing to test.
        let asNobody = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        guard getuid() != 0 || asNobody else { return }
        let prefix = asNobody ? "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        let r = try CLI.run([], shell: "\(prefix)\"$TELLTALE\" score --model '\(model)' --input '\(locked.path)'; echo \"status=$?\"")
        #expect(r.stdoutLines == ["status=1"])
        #expect(r.stderr.contains(locked.path) && r.stderr.contains("Permission denied"), "\(r.stderr)")
    }

    @Test func closedStdoutWithTwoThreadsAndBadLinesEndsQuietly() throws {
        let r = try CLI.run([], shell: """
            { yes 'live on regression' | head -100000; printf '\\377\\n'; yes '{"text": 5}' | head -100000; } | \
              "$TELLTALE" score --model '\(model)' --threads 2 | head -1; echo "status=${PIPESTATUS[1]}"
            """)
        #expect(r.stdoutLines.count == 2)
        #expect(r.stdoutLines.first?.hasPrefix(#"{"scores":"#) == true)
        #expect(r.stdoutLines.last == "status=0")
        #expect(r.stderr.isEmpty)
    }

    /// Ctrl-C while streaming: exit status 130, and the output is whole lines only.
    @Test func sigintMidStreamLeavesWholeLinesAndExits130() throws {
        let r = try CLI.run([], shell: CLI.signalHelpers + """

            set -m   # job control: background jobs get SIGINT (they ignore it otherwise)
            D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
            yes '{"id":"x","text":"live on regression"}' | "$TELLTALE" score --model '\(model)' > "$D/out" 2> "$D/err" &
            pid=$!
            for i in $(seq 200); do [ -s "$D/out" ] && break; sleep 0.05; done
            kill -INT $pid
            end_or_kill $pid
            echo "lines=$(wc -l < "$D/out")"
            echo "partial=$(grep -cv '^{"id":"x","scores":{.*},"flags":\\[.*\\]}$' "$D/out")"
            echo "last=$(tail -c 1 "$D/out" | od -An -tx1 | tr -d ' ')"
            echo "stderr=$(cat "$D/err")"
            """)
        let out = r.stdoutLines
        #expect(out.first == "status=130")
        let count = out.first { $0.hasPrefix("lines=") }.flatMap { Int($0.dropFirst(6)) } ?? 0
        #expect(count > 0)
        #expect(out.contains("partial=0"))
        #expect(out.contains("last=0a"))
        #expect(out.last?.hasPrefix("stderr=telltale: interrupted") == true)
    }

    /// Ctrl-C while waiting for input on a pipe: the read is interrupted, the lines already read
    /// are written, and it exits at once (not when the writer finally closes the pipe).
    @Test func sigintWhileWaitingForInputEndsAtOnce() throws {
        let r = try CLI.run([], shell: CLI.signalHelpers + """

            set -m
            D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
            mkfifo "$D/in"
            "$TELLTALE" score --model '\(model)' < "$D/in" > "$D/out" 2>/dev/null &
            pid=$!
            exec 3> "$D/in"   # the writer stays open: the reader waits for more
            printf 'live on regression\npartial line without newline' >&3
            wait_for_sigint_handler $pid
            sleep 0.3
            kill -INT $pid
            end_or_kill $pid 5
            exec 3>&-
            wc -l < "$D/out"
            """)
        #expect(r.stdoutLines == ["status=130", "1"], "\(r.stderr)")
    }
}
