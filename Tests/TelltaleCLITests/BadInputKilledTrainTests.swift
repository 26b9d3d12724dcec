import Foundation
import Testing

/// Data safety: `telltale train` writes its model atomically, so killing it at any moment leaves
/// the previous model at the target path, whole (or nothing if there was none), never half a file.
@Suite struct BadInputKilledTrainTests {
    @Test func killedTrainNeverLeavesAHalfWrittenModel() throws {
        let examples = CLI.packageRoot.appendingPathComponent("Corpus/examples.jsonl").path
        let r = try CLI.run([], shell: """
            D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
            # The previous model at the target path.
            "$TELLTALE" train --data '\(examples)' --out "$D/m.model" --seed 1 >/dev/null 2>&1 || { echo "first train failed"; exit 1; }
            cp "$D/m.model" "$D/old.model"
            for delay in 0.05 0.2 0.4 0.8 1.5; do
              "$TELLTALE" train --data '\(examples)' --out "$D/m.model" --seed 2 >/dev/null 2>&1 &
              pid=$!
              sleep $delay
              kill -KILL $pid 2>/dev/null
              wait $pid 2>/dev/null
              # Whole: it loads, and it is either the old model or a complete new one.
              "$TELLTALE" inspect "$D/m.model" >/dev/null 2>"$D/err" || { echo "unloadable after kill at $delay: $(cat "$D/err")"; }
            done
            # A run that is not killed replaces it.
            "$TELLTALE" train --data '\(examples)' --out "$D/m.model" --seed 2 >/dev/null 2>&1
            cmp -s "$D/m.model" "$D/old.model" && echo "not replaced" || echo "replaced"
            """)
        #expect(r.stdout == "replaced\n", "\(r.stdout)")
    }
}
