/// The one `--threads` default of every command (score, eval, train, accounts): one thread, so a
/// run's CPU use is what a user asked for (Spark runs one process per core; `--threads N` to use more).
enum ThreadsDefault {
    static let value = 1
}
