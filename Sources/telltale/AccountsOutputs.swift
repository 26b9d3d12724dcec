import Campaign
import TelltaleIO

/// The `--authors`, `--clusters` and `--report` files of `telltale accounts`. Their temporary
/// files are opened before reading the input, so a bad path fails at once rather than after a long
/// run; each is written at the end and moved into place, so an interrupted or failed run leaves the
/// files of an earlier run as they were.
struct AccountsOutputs {
    private var authors: PendingOutputFile?
    private var clusters: PendingOutputFile?
    private var report: PendingOutputFile?

    init(authors: String?, clusters: String?, report: String?) throws {
        if let authors { self.authors = try PendingOutputFile(authors, option: "--authors") }
        if let clusters { self.clusters = try PendingOutputFile(clusters, option: "--clusters") }
        if let report { self.report = try PendingOutputFile(report, option: "--report") }
    }

    /// Removes the temporary files (interrupted run).
    func discard() {
        for f in [authors, clusters, report] { f?.discard() }
    }

    func write(_ r: CampaignResult) throws {
        if let authors {
            try writeAll(authors) { out in
                var b: [UInt8] = []
                for a in r.authors {
                    b.removeAll(keepingCapacity: true)
                    CampaignJSON.author(a, labels: r.labels, into: &b)
                    out.write(b)
                }
            }
        }
        if let clusters {
            try writeAll(clusters) { out in
                var b: [UInt8] = []
                for c in r.clusters {
                    b.removeAll(keepingCapacity: true)
                    CampaignJSON.cluster(c, name: { r.authorNames[Int($0)] }, into: &b)
                    out.write(b)
                }
            }
        }
        if let report {
            try writeAll(report) { $0.write(CampaignHTML.render(r)) }
        }
    }

    private func writeAll(_ file: PendingOutputFile, _ body: (OutputWriter) -> Void) throws {
        let out = OutputWriter(fd: file.fd)
        body(out)
        out.flush()
        if let e = out.writeError {
            file.discard()
            throw ValidationErrorMessage("\(file.option): writing '\(file.path)' failed: \(e)")
        }
        try file.commit()
    }
}
