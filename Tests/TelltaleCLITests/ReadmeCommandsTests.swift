import Foundation
import Testing

/// What the README's set-up promises a new user (the README's own commands run verbatim in a
/// fresh copy of the tree in CI: scripts/readme-check.sh).
@Suite struct ReadmeCommandsTests {
    @Test func aBinaryFoundOnThePathFindsTheDefaultModelFromAnyDirectory() throws {
        let r = try CLI.run([], shell: """
            cd "$(mktemp -d)" && PATH="$(dirname "$TELLTALE"):$PATH" && \
              echo 'We should strengthen the cooperation and realize the win-win result together.' | telltale score
            """)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""flags":["non_idiomatic"]"#), "\(r.stdout)")
    }

    @Test func theReadmeExamplePostsAreInTheRepository() throws {
        let posts = CLI.packageRoot.appendingPathComponent("Corpus/readme-posts.jsonl")
        let r = try CLI.run(["score", "--explain", "--input", posts.path])
        #expect(r.status == 0)
        #expect(r.stdoutLines.count == 5)
        #expect(r.stdoutLines.map { $0.prefix(9) } == [#"{"id":"r1"#, #"{"id":"m1"#, #"{"id":"k1"#, #"{"id":"n1"#, #"{"id":"e1"#])
    }
}
