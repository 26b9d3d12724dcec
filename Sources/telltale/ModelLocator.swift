import Foundation

/// Finds the model to load: `--model` if given, else `$TELLTALE_MODEL`, else the default model
/// shipped in `Models/` (looked up next to the executable, as installed or as built in `.build/`,
/// then in the current directory).
enum ModelLocator {
    static let defaultFileName = "telltale.model"
    static let accountModelFileName = "accounts.model"

    static func resolve(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["TELLTALE_MODEL"], !env.isEmpty { return env }
        if let found = find(defaultFileName) { return found }
        throw ValidationErrorMessage("no default model found (looked for Models/\(defaultFileName) next to the executable and in the current directory): pass --model PATH or set TELLTALE_MODEL")
    }

    /// `$TELLTALE_ACCOUNT_MODEL`, else `Models/accounts.model` where the post model is looked for;
    /// nil when there is none (the hand formula ranks then).
    static func defaultAccountModel() -> String? {
        if let env = ProcessInfo.processInfo.environment["TELLTALE_ACCOUNT_MODEL"], !env.isEmpty { return env }
        return find(accountModelFileName)
    }

    /// `Models/<name>` next to the executable (installed or in `.build/`), or in the current directory.
    private static func find(_ defaultFileName: String) -> String? {
        var candidates: [String] = []
        // The running binary itself (argv[0] is a bare `telltale` when it was found on the PATH).
        let me = FileManager.default.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : CommandLine.arguments[0]
        let exe = URL(fileURLWithPath: me).resolvingSymlinksInPath().deletingLastPathComponent()
        // .build/<triple>/release/telltale → repo root is 3 levels up; installed bin/ → ../share/telltale
        var dir = exe
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("Models/\(defaultFileName)").path)
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("share/telltale/\(defaultFileName)").path)
        candidates.append(FileManager.default.currentDirectoryPath + "/Models/\(defaultFileName)")
        for c in candidates where FileManager.default.fileExists(atPath: c) { return c }
        return nil
    }
}
