# The shipped non_idiomatic recipe, sourced by scripts/train-default.sh (the default model) and
# scripts/shift-eval.sh (the shift folds), so the folds always measure what ships. Each choice was
# made on the shift folds (Models/README.md, "Experiment log"), never on dev alone.
# Override for experiments: NI_FEATURES="word skeleton" NI_OPTIONS="--l2 1e-5" NI_NATIVES="--ud".

# Feature families: word n-grams, Latin character n-grams, Han n-grams, script profile, and the
# function-word / word-class skeleton (grammar without the topic).
read -r -a NI_FEATURES <<< "${NI_FEATURES:-word chars han script skeleton}"
# NB-LR with stronger L2 than the library default (chosen on the folds) and every source of a class
# weighed equally (learner essays and one year's native news are small sources); word 1–2 grams and
# skeleton 2–3 grams (longer ones added nothing on the folds); no character n-grams of function
# words and 2^17 buckets: together ~10 % faster scoring for ≤ 0.004 ROC-AUC on any fold.
# The native answers count a quarter: every one of them is native, so at full weight they teach
# "formal, medical or forum English ⇒ native" and cost the year folds 0.02–0.03; at 0.25 they
# still keep native answers unflagged (Models/README.md, "Single-class sources").
read -r -a NI_OPTIONS <<< "${NI_OPTIONS:---algorithm nblr --bucket-bits 17 --epochs 10 --seed 1 --l2 1e-4 --source-weights balanced --source-weight non_idiomatic:own-answer=0.25 --max-word-ngram 2 --skeleton-ngrams 2-3 --no-function-word-chars}"

# ni_native_rows CORPORA OUT.jsonl: native English of other registers as non_idiomatic = 0 rows
# (off_topic answers; scripts/native_negatives.py says why).
ni_native_rows() {
  # shellcheck disable=SC2086
  python3 scripts/native_negatives.py "$2" --corpora "$1" ${NI_NATIVES:-}
}

# ni_decorate IN OUT: every translated row once more wearing a native tweet's @handles/#hashtags/
# links (scripts/augment-artefacts.py), so "has a hashtag" stops meaning "native".
ni_decorate() {
  python3 scripts/augment-artefacts.py non_idiomatic "$1" "$2" --seed 1 --decorate 1
}
