# off_topic training data prep, sourced by scripts/train-default.sh (the default model) and
# scripts/offtopic-eval.sh (the off_topic measurements), so the eval measures what ships.
# Override for experiments: OT_SWAP_FRACTION=0.5 OT_SWAP_WEIGHT=0.3 OT_CQA_BAD_WEIGHT=1
# OT_POLITE_FRACTION=0.15 OT_SHORT_FRACTION=0.3 OT_SHORT_SWAPS=1.

# Share of genuine answers added once more with a thank-you or greeting around them
# (scripts/politeness-copies.py): 5 %, so "Thanks!" stops counting as off-topic (it was learned
# from the forum's chit-chat comments); 15 % cost the Skeptics probe (Models/README.md).
OT_POLITE_FRACTION=${OT_POLITE_FRACTION:-0.05}

# Share of the long genuine answers added once more cut to their first sentences
# (scripts/short-answers.py), so a short reply stops counting as off-topic (genuine MedQuAD and
# Skeptics answers are 7× their question's length, off-topic tweets about 1×); OT_SHORT_SWAPS=1
# cuts the same share of the same-site swaps too, so within a site both classes come short and
# long. 15 % with the swaps: best short-answer probe and forum specificity of 0 / 0.15 / 0.3 / 0.5
# / 1 (Models/README.md).
OT_SHORT_FRACTION=${OT_SHORT_FRACTION:-0.15}
OT_SHORT_SWAPS=${OT_SHORT_SWAPS:-1}

# Weight of native tweets split in two as parent + continuation (genuine) and parent + another
# tweet's second part (off-topic), from the non_idiomatic corpus (scripts/tweet-continuations.py):
# the corpus has no genuine reply to a tweet. Off by default: at 0.25 / 1 the tweet probe stayed at
# 0.61 / 0.62 (0.61 without) and clean dev fell 0.003 / 0.007 (Models/README.md).
OT_TWEET_WEIGHT=${OT_TWEET_WEIGHT:-0}

# Fraction of the genuine own-answer rows that are also added under another question of their site
# as off-topic (scripts/offtopic-swaps.py), and the weight of those swap rows (× after
# --source-weights balanced, through --source-weight off_topic:-swap=W): every answer, at 0.1.
OT_SWAP_FRACTION=${OT_SWAP_FRACTION:-1}
OT_SWAP_WEIGHT=${OT_SWAP_WEIGHT:-0.1}
# semeval-cqa-bad ("Bad" Qatar Living comments: chit-chat and thanks as well as off-topic replies,
# corpora README) weighs a quarter in training and is left out of the calibration rows (see
# ot_calibration_rows): a chatty forum comment is not what off_topic is for.
OT_CQA_BAD_WEIGHT=${OT_CQA_BAD_WEIGHT:-0.25}
OT_WEIGHTS=()
if [ "$OT_SWAP_WEIGHT" != 1 ]; then OT_WEIGHTS+=(--source-weight "off_topic:-swap=$OT_SWAP_WEIGHT"); fi
if [ "$OT_CQA_BAD_WEIGHT" != 1 ]; then OT_WEIGHTS+=(--source-weight "off_topic:semeval-cqa-bad=$OT_CQA_BAD_WEIGHT"); fi
if [ "$OT_TWEET_WEIGHT" != 0 ] && [ "$OT_TWEET_WEIGHT" != 1 ]; then
  OT_WEIGHTS+=(--source-weight "off_topic:tweet-continuation=$OT_TWEET_WEIGHT")
fi

# ot_calibration_rows CORPORA OUT.jsonl: off_topic/dev.jsonl without the semeval-cqa-bad rows, for
# --calibrate-on (OT_CALIBRATE_ALL=1 keeps them). Platt scaling is fitted on rows whose label means
# what off_topic means; the Bad comments stay in dev for every reported ROC-AUC.
ot_calibration_rows() {
  if [ "${OT_CALIBRATE_ALL:-0}" = 1 ]; then cp "$1/off_topic/dev.jsonl" "$2"; return; fi
  python3 -c '
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        if line.strip() and json.loads(line).get("source") != "semeval-cqa-bad":
            out.write(line)
' "$1/off_topic/dev.jsonl" "$2"
}

# ot_train_rows CORPORA OUT.jsonl: off_topic/train.jsonl, each genuine answer once more wearing the
# decorations of an off-topic tweet (scripts/augment-artefacts.py); the same-site swaps are added
# first (off-topic rows, so they are not decorated themselves); last, off_topic is made
# unknown on the replies in Chinese (scripts/drop-han-replies.py says why).
ot_train_rows() {
  local raw="$1/off_topic/train.jsonl"
  if [ "$OT_SWAP_FRACTION" != 0 ]; then
    python3 scripts/offtopic-swaps.py "$raw" "$2.swapped" --append --seed 1 --fraction "$OT_SWAP_FRACTION"
    raw="$2.swapped"
  fi
  if [ "$OT_TWEET_WEIGHT" != 0 ]; then
    python3 scripts/tweet-continuations.py "$1/non_idiomatic/train.jsonl" "$2.tweets" --seed 1
    cat "$raw" "$2.tweets" > "$2.withtweets"
    raw="$2.withtweets"
  fi
  if [ "$OT_SHORT_FRACTION" != 0 ]; then
    local swaps=()
    if [ "$OT_SHORT_SWAPS" = 1 ]; then swaps=(--swaps); fi
    python3 scripts/short-answers.py "$raw" "$2.short" --seed 1 --copies "$OT_SHORT_FRACTION" "${swaps[@]}"
    raw="$2.short"
  fi
  python3 scripts/augment-artefacts.py off_topic "$raw" "$2.decorated" --seed 1 --decorate 0
  if [ "$OT_POLITE_FRACTION" != 0 ]; then
    python3 scripts/politeness-copies.py "$2.decorated" "$2.polite" --seed 1 --fraction "$OT_POLITE_FRACTION"
    mv "$2.polite" "$2.decorated"
  fi
  python3 scripts/drop-han-replies.py "$2.decorated" "$2"
  rm -f "$2.swapped" "$2.tweets" "$2.withtweets" "$2.short" "$2.decorated"
}
