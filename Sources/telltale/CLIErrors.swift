/// The errors a command throws besides ArgumentParser's own; `TelltaleMain` (Telltale.swift) maps
/// them to what the user sees and to the documented exit status (0 success, 1 usage error or
/// unreadable model/input, 2 bad input under --strict, 130 after Ctrl-C).

/// A usage or set-up error whose message is printed as is (exit status 1).
struct ValidationErrorMessage: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A run-time failure with a specific exit status (1: unreadable corpus, 2: bad line under --strict),
/// printed as `Error: message`.
struct ExitCodeMessage: Error, CustomStringConvertible {
    var message: String
    var code: Int32
    var description: String { message }
}
