#!/usr/bin/env bash
# Runs the README's commands verbatim in a fresh copy of the committed tree (git archive HEAD into
# a temporary directory), as a new user would after cloning, and checks their output against the
# README. CI calls it from .ci/run.
#
# What runs: every ```bash block preceded by the line `<!-- readme-check: run -->`, line by line
# with `set -e` semantics, in the copy's root, in README order (later blocks see earlier files).
# What is checked: a ```text or ```json block preceded by `<!-- readme-check: output -->` must be
# the output (stdout) of the block run just before it, compared with all white space removed (the
# README wraps long lines); `…` stands for any text (a path that depends on where the clone is),
# and a last line `...` means "this is how the output starts".
#
# The set-up lines that install packages or build (`apt-get ...`, `swift build ...`) are skipped
# when TELLTALE_README_BINARY names a telltale binary built from the same commit (CI passes the one
# it just built, to keep CI time modest): it is copied to .build/release/telltale, where the build
# line would put it. Without it, the copy is built with the README's own command (minutes).
#
# Usage: bash scripts/readme-check.sh            # exit 0: every command ran and every output matched
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
clone="$work/telltale"
mkdir -p "$clone"
git -C "$root" archive --format=tar HEAD | tar -x -C "$clone"

python3 - "$clone/README.md" "$work/blocks" <<'EOF'
import os, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
out = sys.argv[2]
os.makedirs(out)
n, mark, i = 0, None, 0
while i < len(lines):
    s = lines[i].strip()
    if s in ("<!-- readme-check: run -->", "<!-- readme-check: output -->"):
        mark = "run" if s.endswith("run -->") else "output"
    elif s.startswith("```") and mark:
        j = i + 1
        while not lines[j].strip().startswith("```"):
            j += 1
        n += 1
        body = lines[i + 1:j]
        if mark == "run":  # one command per line: join `\` continuations
            joined = []
            for l in body:
                if joined and joined[-1].endswith("\\"):
                    joined[-1] = joined[-1][:-1] + " " + l.strip()
                else:
                    joined.append(l)
            body = joined
        with open(os.path.join(out, f"{n:03d}.{mark}"), "w", encoding="utf-8") as f:
            f.write("\n".join(body) + "\n")
        mark, i = None, j
    i += 1
print(f"readme-check: {n} marked blocks", file=sys.stderr)
EOF

# compare EXPECTED ACTUAL: white space removed on both sides; `…` in EXPECTED stands for any text
# (a path that depends on where the clone is); a last line `...` means ACTUAL only has to start so.
compare() {
  python3 - "$1" "$2" <<'PY'
import re, sys
expected = open(sys.argv[1], encoding="utf-8").read().split("\n")
actual = "".join(open(sys.argv[2], encoding="utf-8").read().split())
prefix = any(l.strip() == "..." for l in expected)
want = "".join("".join(l for l in expected if l.strip() != "...").split())
pattern = ".*?".join(re.escape(part) for part in want.split("…"))
sys.exit(0 if (re.match(pattern, actual, re.S) if prefix else re.fullmatch(pattern, actual, re.S)) else 1)
PY
}
status=0
last_out=""
cd "$clone"
for block in "$work"/blocks/*; do
  case "$block" in
    *.run)
      last_out="$block.stdout"
      : > "$last_out"
      while IFS= read -r line || [ -n "$line" ]; do
        cmd=${line%%#*}                        # the README's comments are not commands
        [ -n "${cmd// /}" ] || continue
        if [ -n "${TELLTALE_README_BINARY:-}" ] && [[ "$cmd" =~ ^[[:space:]]*(apt-get|swift\ build) ]]; then
          echo "readme-check: skip (built by CI): $line" >&2
          mkdir -p .build/release && cp "$TELLTALE_README_BINARY" .build/release/telltale
          continue
        fi
        echo "readme-check: \$ $line" >&2
        if ! bash -c "set -eo pipefail; export PATH=\"$clone/.build/release:\$PATH\"; $line" >> "$last_out" 2> "$work/stderr"; then
          echo "FAIL: README command failed: $line" >&2
          cat "$work/stderr" >&2
          exit 1
        fi
      done < "$block"
      ;;
    *.output)
      if ! compare "$block" "$last_out"; then
        echo "FAIL: README output differs from what the command printed ($(basename "$block")):" >&2
        diff <(grep -v '^\.\.\.$' "$block") "$last_out" | head -40 >&2 || true
        status=1
      fi
      ;;
  esac
done
[ "$status" -eq 0 ] && echo "readme-check: every README command ran and printed what the README shows"
exit "$status"
