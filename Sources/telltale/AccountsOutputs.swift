import Campaign
import TelltaleIO

/// The `--authors`, `--clusters` and `--report` files of `telltale accounts`. They are opened
/// (created or truncated) before reading the input, so a bad path fails at once rather than after
/// a long run, and written at the end.
struct AccountsOutputs {
    private var authors: (path: String, fd: Int32)?
    private var clusters: (path: String, fd: Int32)?
    private var report: (path: String, fd: Int32)?

    init(authors: String?, clusters: String?, report: String?) throws {
        if let authors { self.authors = (authors, try openForWriting(authors, option: "--authors")) }
        if let clusters { self.clusters = (clusters, try openForWriting(clusters, option: "--clusters")) }
        if let report { self.report = (report, try openForWriting(report, option: "--report")) }
    }

    func write(_ r: CampaignResult) throws {
        if let authors {
            try writeAll(authors, option: "--authors") { out in
                var b: [UInt8] = []
                for a in r.authors {
                    b.removeAll(keepingCapacity: true)
                    CampaignJSON.author(a, labels: r.labels, into: &b)
                    out.write(b)
                }
            }
        }
        if let clusters {
            try writeAll(clusters, option: "--clusters") { out in
                var b: [UInt8] = []
                for c in r.clusters {
                    b.removeAll(keepingCapacity: true)
                    CampaignJSON.cluster(c, name: { r.authorNames[Int($0)] }, into: &b)
                    out.write(b)
                }
            }
        }
        if let report {
            try writeAll(report, option: "--report") { $0.write(CampaignHTML.render(r)) }
        }
    }

    private func writeAll(_ file: (path: String, fd: Int32), option: String, _ body: (OutputWriter) -> Void) throws {
        let out = OutputWriter(fd: file.fd)
        body(out)
        out.flush()
        if let e = out.writeError { throw ValidationErrorMessage("\(option): writing '\(file.path)' failed: \(e)") }
    }
}
