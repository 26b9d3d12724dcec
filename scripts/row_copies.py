"""Rows of a JSONL corpus, and the pattern shared by the training-prep scripts that add a changed
copy of some rows (scripts/politeness-copies.py, scripts/short-answers.py): every row is written
as it was, each followed by its copy when the script makes one. One seeded generator is drawn in
row order, so the same input and seed give the same bytes."""
import json
import random


def rows(path):
    """(line, row) for every non-blank line of a JSONL file; the line ends with a newline."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield (line if line.endswith("\n") else line + "\n"), json.loads(line)


def write_with_copies(src, dst, copy_of, seed):
    """Writes every row of src to dst, each followed by copy_of(row, rng) unless that is None;
    returns how many copies were written."""
    rng = random.Random(seed)
    added = 0
    with open(dst, "w", encoding="utf-8") as out:
        for line, row in rows(src):
            out.write(line)
            copy = copy_of(row, rng)
            if copy is not None:
                out.write(json.dumps(copy, ensure_ascii=False) + "\n")
                added += 1
    return added
