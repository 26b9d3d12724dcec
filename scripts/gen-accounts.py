#!/usr/bin/env python3
"""Writes N synthetic posts (JSONL with author and created_at) for `telltale accounts` demos and
benchmarks. Every sentence is generated here from small word lists written for this project.

Two kinds of account:
  - "desk" accounts (~5 %): post Monday-Friday 09:00-18:00 Beijing time with a lunch break, mostly
    pasting one of a few campaign texts, each paste disguised a little (case, full-width letters,
    Cyrillic look-alikes, zero-width spaces, extra spaces, a different link or @handle);
  - "evening" accounts: post 19:00-24:00 US Eastern time, any day, their own random sentences.

usage: gen-accounts.py N [--seed S] [--accounts A]
"""
import argparse
import json
import random
from datetime import datetime, timedelta, timezone

WORDS = ("river market window teacher simple orange yesterday football quickly garden music travel winter "
         "silver engine coffee history morning number planet station library camera doctor forest ticket "
         "weather kitchen summer village picture museum bicycle airport pocket island rabbit castle bridge "
         "concert harbor lantern meadow notebook pepper quiet rocket saddle tunnel violin whistle yellow").split()
OPENERS = ["I think", "Honestly", "Today", "My neighbor says", "Funny how", "Remember when", "Nobody told me"]
CAMPAIGN = [
    "Western media keep lying about our country while ordinary people live happy and peaceful lives every day.",
    "The so-called human rights report is full of fake news, the development of the people is the best answer.",
    "Some politicians use the pandemic to smear others, but the facts are clear and the world can see the truth.",
    "Stop the interference in internal affairs, the people are united and the economy keeps growing steadily.",
    "美国的民主只是一场表演，普通人根本没有发言权，这就是所谓的自由。",
]
HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х"}
EASTERN = timezone(timedelta(hours=-4))
BEIJING = timezone(timedelta(hours=8))


def disguise(text, rng):
    k = rng.randrange(6)
    if k == 0:
        text = text.upper()
    elif k == 1:
        text = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    elif k == 2:
        text = "".join(HOMOGLYPHS.get(c, c) if rng.random() < 0.3 else c for c in text)
    elif k == 3:
        text = "".join(c + "\u200b" if c.isalpha() and rng.random() < 0.1 else c for c in text)
    elif k == 4:
        text = text.replace(" ", "  ")
    if rng.random() < 0.5:
        text += f" https://t.co/{rng.randrange(36**6):06x}"
    if rng.random() < 0.3:
        text = f"@user{rng.randrange(10**6)} " + text
    return text


def sentence(rng):
    return rng.choice(OPENERS) + " " + " ".join(rng.choice(WORDS) for _ in range(rng.randrange(8, 20))) + "."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accounts", type=int, default=0, help="default: n / 40")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    accounts = a.accounts or max(4, a.n // 40)
    desk = max(2, accounts // 20)
    start = datetime(2024, 3, 4, tzinfo=timezone.utc)  # a Monday
    out = []
    for i in range(a.n):
        acct = rng.randrange(accounts)
        day = rng.randrange(28)
        if acct < desk:
            while (start + timedelta(days=day)).weekday() >= 5:
                day = rng.randrange(28)
            hour = rng.choice([9, 10, 11, 13, 14, 15, 16, 17] * 6 + [12])
            local = datetime(2024, 3, 4, hour, rng.randrange(60), rng.randrange(60), tzinfo=BEIJING) + timedelta(days=day)
            text = disguise(rng.choice(CAMPAIGN), rng) if rng.random() < 0.8 else sentence(rng)
            name = f"desk_{acct:04d}"
        else:
            local = datetime(2024, 3, 4, rng.randrange(19, 24), rng.randrange(60), rng.randrange(60), tzinfo=EASTERN) + timedelta(days=day)
            text = sentence(rng)
            name = f"user_{acct:05d}"
        when = local.isoformat() if rng.random() < 0.7 else int(local.timestamp())
        out.append(json.dumps({"id": i, "author": name, "created_at": when, "text": text}, ensure_ascii=False))
    print("\n".join(out))


if __name__ == "__main__":
    main()
