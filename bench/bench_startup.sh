#!/usr/bin/env bash
# Start-up before and after, side by side in one run: `transferlab-cli --version`, a process
# that loads LibTorch and exits (`predict --help`), a one-photo `predict` (wall time and what
# it spends outside decoding and the forward pass), the GUI's time to its first window, and a
# warm retrain (CLI wall time and the training phase). Builds nothing.
#
#   bench/bench_startup.sh BASE_BUILD [NEW_BUILD]      (NEW_BUILD default: build)
#
# Environment: RUNS (repetitions, median reported; default 5), BACKBONE (default the
# MobileNetV2-0.35 Teachable Machine export), DATA, PHOTO (the photo to predict), KEEP=1.
set -euo pipefail
base="${1:?usage: bench_startup.sh BASE_BUILD [NEW_BUILD]}"
new="${2:-build}"
runs="${RUNS:-5}"
data="${DATA:-/work/shared/datasets/alpaca}"
backbone="${BACKBONE:-/work/shared/models/teachable-machine-mobilenet-v2-0.35}"
photo="${PHOTO:-$(find "$data" -name '*.jpg' | sort | head -n 1)}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/transferlab-startup.XXXXXX")"
[[ "${KEEP:-0}" == 1 ]] && echo "Keeping $tmp" >&2 || trap 'rm -rf "$tmp"' EXIT
unset OMP_WAIT_POLICY  # as a user's shell has it: the programs set it themselves

# median_wall NAME COMMAND...: runs COMMAND $runs times, prints the median wall seconds.
median_wall() {
    local name="$1" i
    shift
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -f "%e" -o "$tmp/$name.$i" "$@" >/dev/null 2>"$tmp/$name.err" ||
            { cat "$tmp/$name.err" >&2; echo "bench_startup.sh: $name failed" >&2; exit 1; }
    done
    cat "$tmp/$name".[0-9]* | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# first_window BUILD: seconds from starting the GUI to its window being mapped (median).
first_window() {
    local build="$1" i
    for ((i = 0; i < runs; i++)); do
        xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
            start=$(date +%s.%N)
            HOME="$2" XDG_CONFIG_HOME="$2/.config" XDG_CACHE_HOME="$2/.cache" "$1" >/dev/null 2>&1 &
            pid=$!
            xdotool search --sync --onlyvisible --pid "$pid" >/dev/null 2>&1
            end=$(date +%s.%N)
            kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
            awk -v a="$start" -v b="$end" "BEGIN { printf \"%.3f\n\", b - a }"
        ' _ "$build/app/transferlab" "$tmp/home-$i" >"$tmp/gui.$i"
    done
    cat "$tmp"/gui.[0-9]* | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
    rm -f "$tmp"/gui.[0-9]*
}

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); median of $runs runs"
printf '%-58s %10s %10s\n' "" "before" "after"
row() { printf '%-58s %10s %10s\n' "$1" "$2" "$3"; }

row "transferlab-cli --version, wall s" \
    "$(median_wall v0 "$base/app/transferlab-cli" --version)" \
    "$(median_wall v1 "$new/app/transferlab-cli" --version)"
row "transferlab-cli predict --help (loads LibTorch), wall s" \
    "$(median_wall h0 "$base/app/transferlab-cli" predict --help)" \
    "$(median_wall h1 "$new/app/transferlab-cli" predict --help)"

# A plain run: builds that cross-validate every run by default (--folds) are told not to, so
# the figures stay comparable with builds that do not.
plain_run() { "$1" train --help 2>/dev/null | grep -q -- '--folds' && echo "--folds 0"; true; }
# A model per build (10 epochs at 160 px, the issue's size, its own cache), then one photo
# through `predict`.
for side in 0 1; do
    build=$([[ $side == 0 ]] && echo "$base" || echo "$new")
    "$build/app/transferlab-cli" train "$data" --backbone "$backbone" --size 160 --epochs 10 \
        $(plain_run "$build/app/transferlab-cli") --out "$tmp/model$side" --cache "$tmp/cache$side" --quiet >/dev/null 2>"$tmp/train$side.log" ||
        { cat "$tmp/train$side.log" >&2; exit 1; }
done
p0="$(median_wall p0 "$base/app/transferlab-cli" predict "$tmp/model0" "$photo")"
p1="$(median_wall p1 "$new/app/transferlab-cli" predict "$tmp/model1" "$photo")"
row "predict, one photo, wall s" "$p0" "$p1"
# What the work itself costs: decoding that photo and one forward pass, in a warm process.
work() {
    "$1/bench/bench_extraction" --backbone "$backbone" --size 160 --data "$(dirname "$photo")" \
        --photos 1 --repeat 5 --batches 1 2>/dev/null |
        awk '/^decode, 1 thread/ { d = $(NF-3) } /^forward (eager|frozen-folded), batch (1|32),/ { f = $(NF-3) }
             END { printf "%.3f\n", (d + f) / 1000 }'
}
w0="$(work "$base")"
w1="$(work "$new")"
row "  of which decode + forward (warm, in process), s" "$w0" "$w1"
row "  outside decode + forward, s" "$(awk -v a="$p0" -v b="$w0" 'BEGIN { printf "%.2f", a - b }')" \
    "$(awk -v a="$p1" -v b="$w1" 'BEGIN { printf "%.2f", a - b }')"

# Warm retrain: the same train again, every feature in the cache.
for side in 0 1; do
    build=$([[ $side == 0 ]] && echo "$base" || echo "$new")
    /usr/bin/time -f "%e" -o "$tmp/warm$side.wall" "$build/app/transferlab-cli" train "$data" \
        --backbone "$backbone" --size 160 --epochs 50 $(plain_run "$build/app/transferlab-cli") \
        --out "$tmp/model$side" --cache "$tmp/cache$side" --quiet --json \
        >"$tmp/warm$side.json" 2>/dev/null
done
training() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["timing"]["training_seconds"])' "$1"; }
row "warm retrain (327 photos, 50 epochs), CLI wall s" "$(cat "$tmp/warm0.wall")" "$(cat "$tmp/warm1.wall")"
row "  training phase (in process, no folds), s" "$(training "$tmp/warm0.json")" "$(training "$tmp/warm1.json")"

if command -v xvfb-run >/dev/null && command -v xdotool >/dev/null; then
    row "GUI: start to first window (xvfb), s" "$(first_window "$base")" "$(first_window "$new")"
else
    echo "(no xvfb-run/xdotool: GUI start-up not measured)"
fi
echo "(load average now $(cut -d' ' -f1-3 /proc/loadavg); timings on a shared machine are indicative)"
