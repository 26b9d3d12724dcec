#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) for `score`: the first one only sets `requested`, so the score loop writes the
/// lines it has finished (whole lines only) and exits with status 130; reads blocked on a terminal
/// or pipe are interrupted (no SA_RESTART). A second Ctrl-C ends the process at once. Nothing is
/// installed when SIGINT is ignored at start-up (background jobs, nohup); a blocked SIGINT is unblocked.
enum Interrupt {
    nonisolated(unsafe) static var requested: sig_atomic_t = 0

    static func install() {
        requested = 0  // initialise the global before a signal handler can touch it
        var old = sigaction()
        sigaction(SIGINT, nil, &old)
        if let h = old.__sigaction_handler.sa_handler, unsafeBitCast(h, to: Int.self) == 1 { return }  // SIG_IGN
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            if Interrupt.requested != 0 {
                signal(SIGINT, SIG_DFL)
                raise(SIGINT)
            }
            Interrupt.requested = 1
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A blocked mask is inherited across exec (some launchers block SIGINT): unblock it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// Ctrl-C (SIGINT) for `train`, whose work is one long computation with nothing to keep halfway:
/// the handler says so on stderr and exits 130 at once — unless the model is being written, when
/// the interrupt waits until the write (temporary file + rename) is over.
enum TrainInterrupt {
    nonisolated(unsafe) static var message: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) static var messageLength = 0
    nonisolated(unsafe) static var writing: sig_atomic_t = 0
    nonisolated(unsafe) static var pending: sig_atomic_t = 0

    /// What the handler prints (kept in C memory: the handler may only call write and _exit).
    static func setMessage(_ text: String) {
        let m = strdup(text)
        // The handler may run between these stores: never let it read past either string.
        messageLength = min(messageLength, text.utf8.count)
        message = m
        messageLength = text.utf8.count
    }

    /// Installs the handler; `out` is the model path named in the message.
    static func install(out: String) {
        setMessage("telltale: interrupted: no model was written ('\(out)' is as it was)\n")
        writing = 0
        pending = 0
        var old = sigaction()
        sigaction(SIGINT, nil, &old)
        if let h = old.__sigaction_handler.sa_handler, unsafeBitCast(h, to: Int.self) == 1 { return }  // SIG_IGN
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            if TrainInterrupt.writing != 0 { TrainInterrupt.pending = 1; return }
            if let m = TrainInterrupt.message { _ = write(2, m, TrainInterrupt.messageLength) }
            _exit(130)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
