#!/usr/bin/env bash
# Training at scale: cold (empty feature cache) and warm `train` runs on 20,000 and 100,000
# generated small JPEGs, with wall time, peak resident memory and the feature and training
# phases; the 1.0 @ 224 backbone at 20,000 as well; optionally the baseline build beside. The
# photos are generated outside the repository (bench/make_photos.py) and kept for reruns.
#
#   bench/bench_scale.sh [NEW_BUILD]                         (default: build)
#
# Environment: PHOTOS_DIR (default /tmp/transferlab-scale-photos; 100k/ is generated there and
# 20k/ hard-links its first 20,000), COUNTS ("20000 100000"), LARGE=0 (skip 1.0 @ 224),
# BASELINE_BUILD (also run the baseline: cold and warm at 20,000 with 0.35 @ 160), EPOCHS (50),
# FINE_TUNE=1 (also one fine-tuning epoch of the last block at 20,000: memory stays flat).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
new="${1:-build}"
photos="${PHOTOS_DIR:-/tmp/transferlab-scale-photos}"
models="${MODELS:-/work/shared/models}"
small="$models/teachable-machine-mobilenet-v2-0.35"
large="$models/keras-mobilenet-v2-1.0-224/mobilenet_v2_1.0_224_no_top.h5"
epochs="${EPOCHS:-50}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/transferlab-scale.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
unset OMP_WAIT_POLICY

if [[ ! -d "$photos/100k" || "$(find "$photos/100k" -name '*.jpg' | wc -l)" -lt 100000 ]]; then
    echo "Generating 100,000 photos in $photos/100k (once)..." >&2
    /usr/bin/python3 "$here/make_photos.py" "$photos/100k" --count 100000 --append >&2
fi
if [[ ! -d "$photos/20k" ]]; then
    mkdir -p "$photos/20k"
    for class in "$photos/100k"/*/; do
        name="$(basename "$class")"
        mkdir -p "$photos/20k/$name"
        # sed reads to the end, so sort never dies of a closed pipe (head would, under pipefail).
        find "$class" -name 'gen_*.jpg' | sort | sed -n '1,10000p' | xargs -I{} ln {} "$photos/20k/$name/"
    done
fi

# A plain run: builds that cross-validate every run by default (--folds) are told not to, so
# the figures stay comparable with builds that do not.
plain_run() { "$1" train --help 2>/dev/null | grep -q -- '--folds' && echo "--folds 0"; true; }
# run LABEL BUILD DATA BACKBONE SIZE CACHE [extra train options]
run() {
    local label="$1" build="$2" data="$3" backbone="$4" size="$5" cache="$6"
    shift 6
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$build/app/transferlab-cli" train "$data" \
        --backbone "$backbone" --size "$size" --epochs "$epochs" --out "$tmp/model" \
        --cache "$cache" --quiet --json $(plain_run "$build/app/transferlab-cli") "$@" \
        >"$tmp/out.json" 2>"$tmp/err.log" ||
        { tail -n 5 "$tmp/err.log" >&2; echo "bench_scale.sh: $label failed" >&2; return 1; }
    read -r wall rss <"$tmp/time"
    python3 - "$tmp/out.json" "$label" "$wall" "$rss" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1])); t = j["timing"]
print(f'{sys.argv[2]:<44}{float(sys.argv[3]):>9.1f}{int(sys.argv[4]) / 1024:>10.0f}'
      f'{t["features_seconds"]:>11.1f}{t["training_seconds"]:>10.2f}'
      f'{t["features_computed"]:>9}{t["features_from_cache"]:>9}{j["validation"]["accuracy"]:>8.3f}')
EOF
}

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $epochs epochs"
printf '%-44s%9s%10s%11s%10s%9s%9s%8s\n' run "wall s" "peak MiB" "features s" "train s" \
    computed cached "val acc"
for count in ${COUNTS:-20000 100000}; do
    data="$photos/$((count / 1000))k"
    [[ -d "$data" ]] || { echo "no $data" >&2; continue; }
    cache="$tmp/cache-small-$count"
    run "$((count / 1000))k, 0.35 @ 160, cold" "$new" "$data" "$small" 160 "$cache"
    run "$((count / 1000))k, 0.35 @ 160, warm" "$new" "$data" "$small" 160 "$cache"
    if [[ -n "${BASELINE_BUILD:-}" && "$count" == 20000 ]]; then
        run "$((count / 1000))k, 0.35 @ 160, cold (baseline)" "$BASELINE_BUILD" "$data" "$small" \
            160 "$tmp/cache-base-$count"
        run "$((count / 1000))k, 0.35 @ 160, warm (baseline)" "$BASELINE_BUILD" "$data" "$small" \
            160 "$tmp/cache-base-$count"
        rm -rf "$tmp/cache-base-$count"
    fi
    if [[ "${LARGE:-1}" == 1 && "$count" == 20000 ]]; then
        run "$((count / 1000))k, 1.0 @ 224, cold" "$new" "$data" "$large" 224 "$tmp/cache-large"
        run "$((count / 1000))k, 1.0 @ 224, warm" "$new" "$data" "$large" 224 "$tmp/cache-large"
        rm -rf "$tmp/cache-large"
    fi
    if [[ "${FINE_TUNE:-0}" == 1 && "$count" == 20000 ]]; then
        run "$((count / 1000))k, 0.35 @ 160, fine-tune 1 block, 1 epoch" "$new" "$data" "$small" \
            160 "$cache" --fine-tune 1 --fine-tune-epochs 1
    fi
    du -sh "$cache" | awk '{ print "  feature cache on disk: " $1 }'
    rm -rf "$cache"
done
echo "(load average now $(cut -d' ' -f1-3 /proc/loadavg); timings on a shared machine are indicative)"
