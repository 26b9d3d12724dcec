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
