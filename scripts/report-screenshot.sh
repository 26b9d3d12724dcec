#!/usr/bin/env bash
# Renders a `telltale eval` HTML report in headless Chromium to a PNG.
#
#   scripts/report-screenshot.sh MODEL OUT.png [DATA...]
#
# MODEL: a model file, or "default" for the model in Models/ (or $TELLTALE_MODEL).
# DATA:  labelled corpora (default: ../shared/corpora/*/dev.jsonl next to the repository).
# Environment: TELLTALE (binary to use; default: build the release binary), WIDTH (1280),
# HEIGHT (4000: the page is cut there), KEEP_HTML (path to keep the rendered HTML report).
# Installs Debian's `chromium` package if it is missing (needs root or sudo).
set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 1
fi
model=$1
out=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ $# -gt 0 ]]; then
    data=("$@")
else
    shopt -s nullglob
    corpora=$(cd "$root/.." && pwd)/shared/corpora
    data=("$corpora"/*/dev.jsonl)
    shopt -u nullglob
    if [[ ${#data[@]} -eq 0 ]]; then
        echo "report-screenshot: no DATA given and no $root/../shared/corpora/*/dev.jsonl found" >&2
        exit 1
    fi
fi

telltale=${TELLTALE:-}
if [[ -z $telltale ]]; then
    (cd "$root" && swift build -c release --product telltale >&2)
    telltale="$root/.build/release/telltale"
fi

chromium_bin=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $chromium_bin ]]; then
    echo "report-screenshot: installing chromium (Debian package)" >&2
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium >&2
    chromium_bin=$(command -v chromium)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
html="$work/report.html"
model_args=()
[[ $model != default ]] && model_args=(--model "$model")
"$telltale" eval "${model_args[@]}" --data "${data[@]}" --report "$html" >&2

sandbox=()
[[ $(id -u) -eq 0 ]] && sandbox=(--no-sandbox)
# Chromium's own log (D-Bus, GPU) is noise in a container: keep it out unless the render fails.
if ! "$chromium_bin" --headless "${sandbox[@]}" --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="${WIDTH:-1280},${HEIGHT:-4000}" --screenshot="$work/shot.png" "file://$html" >"$work/chromium.log" 2>&1 \
        || [[ ! -s $work/shot.png ]]; then
    cat "$work/chromium.log" >&2
    echo "report-screenshot: chromium did not produce a screenshot" >&2
    exit 1
fi
mv "$work/shot.png" "$out"
[[ -n ${KEEP_HTML:-} ]] && cp "$html" "$KEEP_HTML"
echo "report-screenshot: wrote $out" >&2
