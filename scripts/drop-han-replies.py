#!/usr/bin/env python3
"""Make off_topic unknown on the rows whose reply has Han characters.

Usage: drop-han-replies.py IN.jsonl OUT.jsonl

off_topic/train.jsonl is English: of its ~20k replies, 27 hold Han characters and 26 of those are
off-topic tweets. Trained on as they are, they teach "a reply with Chinese in it is off-topic"
(Han n-grams and script-mix indicators get off_topic weight from two dozen rows), and a mixed
Chinese-English reply that answers its Chinese question was flagged 0.99. Without them those
features carry no off_topic weight and the pair features decide. The rows stay in place with
`"off_topic": null` (unknown: not trained on), so the rows of the other labels keep their places
and the seeded hold-out split of a three-label model does not move. Other rows are kept as they are.
"""
import json
import re
import sys

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    dropped = kept = 0
    with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("labels", {}).get("off_topic") is not None and HAN.search(r.get("text", "")):
                dropped += 1
                r["labels"]["off_topic"] = None
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
                continue
            kept += 1
            out.write(line if line.endswith("\n") else line + "\n")
    print(f"{sys.argv[2]}: {kept} rows kept, {dropped} off_topic replies with Han characters made unknown", file=sys.stderr)


if __name__ == "__main__":
    main()
