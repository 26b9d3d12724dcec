import Foundation

/// Runs the built `telltale` executable (next to the test bundle) with arguments and standard
/// input, and captures stdout, stderr and the exit status. Uses temporary files, so large outputs
/// cannot dead-lock a pipe.
struct CLIResult {
    var stdout: String
    var stderr: String
    var status: Int32
    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast(stdout.hasSuffix("\n") ? 1 : 0).map(String.init) }
}

enum CLI {
    static var executable: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("telltale")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return exe.deletingLastPathComponent().appendingPathComponent("telltale")
    }

    /// The package root (for Corpus/ and Models/).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func temporaryDirectory() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telltale-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Bash functions for `shell:` scripts that signal a background `telltale`.
    /// `wait_for_sigint_handler PID` returns once the process catches SIGINT (bit 2 of SigCgt in
    /// /proc/PID/status), or after 20 s: interrupt tests send their signal after it rather than
    /// after a fixed sleep, which a loaded machine can outlast. `end_or_kill PID [SECONDS]` waits up
    /// to SECONDS (default 10) for the process to end, then kills it, reaps it and prints `status=N`.
    static let signalHelpers = """
        wait_for_sigint_handler() {
          for i in $(seq 400); do
            cgt=$(sed -n 's/^SigCgt:\t*//p' /proc/$1/status 2>/dev/null); (( 0x${cgt:-0} & 2 )) && return; sleep 0.05
          done
        }
        end_or_kill() {
          for i in $(seq $(( ${2:-10} * 20 ))); do kill -0 $1 2>/dev/null || break; sleep 0.05; done
          kill -KILL $1 2>/dev/null
          wait $1; echo "status=$?"
        }
        """

    @discardableResult
    static func run(_ arguments: [String], stdin: Data = Data(), environment: [String: String] = [:], shell: String? = nil) throws -> CLIResult {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("stdin"), outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        try stdin.write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let p = Process()
        if let shell {
            // Run a shell pipeline where $TELLTALE is the executable (for `| head` tests).
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", shell]
        } else {
            p.executableURL = executable
            p.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["TELLTALE"] = executable.path
        env.removeValue(forKey: "TELLTALE_MODEL")
        env.removeValue(forKey: "TELLTALE_ACCOUNT_MODEL")
        for (k, v) in environment { env[k] = v }
        p.environment = env
        p.standardInput = try FileHandle(forReadingFrom: inURL)
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        p.waitUntilExit()
        return CLIResult(stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                         stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
                         status: p.terminationStatus)
    }
}
