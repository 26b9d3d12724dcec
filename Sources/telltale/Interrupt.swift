#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

// The handlers below touch only atomics (`static let`), never a Swift variable: a handler that
// wrote a Swift global while the interrupted code was reading it tripped the runtime's exclusivity
// check ("simultaneous accesses") and aborted the process (status 134 instead of 130).

/// Ctrl-C (SIGINT) for `score`, `eval` and `accounts`: the first one only sets the flag, so the
/// loop writes the lines it has finished (whole lines only) and exits with status 130; reads
/// blocked on a terminal or pipe are interrupted (no SA_RESTART). A second Ctrl-C a second or more
/// after the first ends the process at once; one sooner is the same interrupt delivered twice
/// (`timeout -s INT` signals the process and then its process group). Nothing is installed when
/// SIGINT is ignored at start-up (background jobs, nohup); a blocked SIGINT is unblocked.
enum Interrupt {
    /// CLOCK_MONOTONIC milliseconds (at least 1) of the first Ctrl-C; 0 before it.
    private static let firstAt = Atomic<Int64>(0)
    /// A second SIGINT sooner than this after the first is not a second Ctrl-C.
    private static let sameInterruptMilliseconds: Int64 = 1000

    /// True once Ctrl-C was pressed.
    static var requested: Bool { firstAt.load(ordering: .relaxed) != 0 }

    static func install() {
        firstAt.store(0, ordering: .relaxed)  // initialise the global before a signal handler can touch it
        installSIGINT { _ in
            // clock_gettime is async-signal-safe.
            var t = timespec()
            clock_gettime(CLOCK_MONOTONIC, &t)
            let now = max(1, Int64(t.tv_sec) * 1000 + Int64(t.tv_nsec) / 1_000_000)
            let (first, previous) = Interrupt.firstAt.compareExchange(expected: 0, desired: now, ordering: .relaxed)
            if first || now - previous < Interrupt.sameInterruptMilliseconds { return }
            signal(SIGINT, SIG_DFL)
            raise(SIGINT)
        }
    }
}

/// Installs `handler` for SIGINT (no SA_RESTART, so blocked reads are interrupted) unless SIGINT
/// is ignored at start-up (background jobs, nohup), and unblocks SIGINT: a blocked mask is
/// inherited across exec (some launchers block it).
private func installSIGINT(_ handler: @convention(c) (Int32) -> Void) {
    var old = sigaction()
    sigaction(SIGINT, nil, &old)
    if let h = old.__sigaction_handler.sa_handler, unsafeBitCast(h, to: Int.self) == 1 { return }  // SIG_IGN
    var action = sigaction()
    action.__sigaction_handler.sa_handler = handler
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
}

/// Ctrl-C (SIGINT) for `train`, whose work is one long computation with nothing to keep halfway:
/// the handler says so on stderr and exits 130 at once — unless the model is being written, when
/// the interrupt waits until the write (temporary file + rename) is over.
enum TrainInterrupt {
    /// The message the handler prints: address and length of C memory (the handler may only call
    /// write and _exit). Old messages are never freed: the handler may still be reading one.
    private static let messageAddress = Atomic<UInt>(0)
    private static let messageLength = Atomic<Int>(0)
    private static let writingFlag = Atomic<Int32>(0)
    private static let pendingFlag = Atomic<Int32>(0)

    /// While true, an interrupt waits (the model file is being written).
    static var writing: Bool {
        get { writingFlag.load(ordering: .relaxed) != 0 }
        set { writingFlag.store(newValue ? 1 : 0, ordering: .relaxed) }
    }

    /// True when Ctrl-C came while `writing`.
    static var pending: Bool { pendingFlag.load(ordering: .relaxed) != 0 }

    /// What the handler prints.
    static func setMessage(_ text: String) {
        guard let m = strdup(text) else { return }
        // The handler may run between these stores: never let it read past either string.
        messageLength.store(min(messageLength.load(ordering: .relaxed), text.utf8.count), ordering: .relaxed)
        messageAddress.store(UInt(bitPattern: m), ordering: .relaxed)
        messageLength.store(text.utf8.count, ordering: .relaxed)
    }

    /// Installs the handler; `out` is the model path named in the message.
    static func install(out: String) {
        setMessage("telltale: interrupted: no model was written ('\(out)' is as it was)\n")
        writingFlag.store(0, ordering: .relaxed)
        pendingFlag.store(0, ordering: .relaxed)
        installSIGINT { _ in
            if TrainInterrupt.writingFlag.load(ordering: .relaxed) != 0 {
                TrainInterrupt.pendingFlag.store(1, ordering: .relaxed)
                return
            }
            if let m = UnsafeRawPointer(bitPattern: TrainInterrupt.messageAddress.load(ordering: .relaxed)) {
                _ = write(2, m, TrainInterrupt.messageLength.load(ordering: .relaxed))
            }
            _exit(130)
        }
    }
}
