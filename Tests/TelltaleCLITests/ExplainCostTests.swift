import Foundation
import Testing

/// `--explain` names only the features that can be reasons, so a long post costs about what plain
/// scoring costs: memory stays near the plain run's (it held one name per feature before: 5.3 GB
/// for a 20 MB line), and the scores are the same.
@Suite struct ExplainCostTests {
    @Test func aLongLineWithExplainNeedsAboutThePlainMemory() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time"), !BadInputStreamTests.underSanitizer else { return }
        // ~2.4 MB of written English on one line (the default model flags it non_idiomatic).
        let r = try CLI.run([], shell: """
            D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
            yes 'We should strengthen the cooperation and realize the win-win result together, said the police of our two countries.' \
              | head -20000 | tr '\\n' ' ' > "$D/line"; echo >> "$D/line"
            /usr/bin/time -f %M -o "$D/plain" "$TELLTALE" score --input "$D/line" > "$D/plain.out"
            /usr/bin/time -f %M -o "$D/explain" "$TELLTALE" score --explain --input "$D/line" > "$D/explain.out"
            echo "plain=$(cat "$D/plain")"; echo "explain=$(cat "$D/explain")"
            cat "$D/plain.out" "$D/explain.out"
            """)
        let lines = r.stdoutLines
        try #require(lines.count == 4, "\(r.stdout)\(r.stderr)")
        let plainKiB = Int(lines[0].dropFirst(6)) ?? 0, explainKiB = Int(lines[1].dropFirst(8)) ?? .max
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any])
        let explained = try #require(try JSONSerialization.jsonObject(with: Data(lines[3].utf8)) as? [String: Any])
        #expect(plain["scores"] as? NSDictionary == explained["scores"] as? NSDictionary)
        #expect(plain["flags"] as? [String] == ["non_idiomatic"])
        let reasons = (explained["reasons"] as? [String: [String]])?["non_idiomatic"] ?? []
        #expect(reasons.count == 3, "\(lines[3].prefix(300))")
        #expect(explainKiB < plainKiB + plainKiB / 2 + 30_000, "plain \(plainKiB) KiB, --explain \(explainKiB) KiB")
    }
}
