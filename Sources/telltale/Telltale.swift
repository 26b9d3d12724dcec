import ArgumentParser
import Classifier
import TelltaleIO
import Train
#if canImport(Glibc)
import Glibc
#endif

/// The `telltale` command: flags posts that carry the tells of a state-linked influence operation.
struct Telltale: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telltale",
        abstract: "Score social-media posts for three tells of influence operations: non_idiomatic, mixed_zh_en, off_topic.",
        discussion: "Exit status: 0 success, 1 usage error or unreadable model/corpus, 2 input error under --strict, 130 after Ctrl-C (nothing half-written is left).",
        version: "telltale \(SoftwareVersions.telltale) (model format \(ModelFormat.version))",
        subcommands: [ScoreCommand.self, TrainCommand.self, EvalCommand.self, AccountsCommand.self, TrainAccountsCommand.self, InspectCommand.self, FeaturesCommand.self]
    )
}

/// Entry point: runs the command and maps errors to the documented exit codes (ArgumentParser's
/// usage errors exit 64 by default; Telltale documents 1).
@main
enum TelltaleMain {
    static func main() {
        // The subcommand being run, once parsed: a usage error it finds names its own usage.
        var parsed: ParsableCommand.Type?
        do {
            var command = try Telltale.parseAsRoot()
            parsed = type(of: command)
            try command.run()
        } catch let e as ExitCodeMessage {
            printError("Error: \(e.message)")
            exit(e.code)
        } catch {
            let code = Telltale.exitCode(for: error)
            if code == .validationFailure {
                if let sub = parsed, sub != Telltale.self {
                    let name = sub.configuration.commandName ?? "\(sub)"
                    printError("Error: \(Telltale.message(for: error))\n"
                        + "Usage: \(Telltale.usageString(for: sub))\n"
                        + "  See 'telltale \(name) --help' for more information.")
                } else {
                    printError(Telltale.fullMessage(for: error))
                }
                exit(1)
            }
            Telltale.exit(withError: error)
        }
    }
}
