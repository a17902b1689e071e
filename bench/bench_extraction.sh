#!/usr/bin/env bash
# Feature extraction before and after, side by side in one run: bench_extraction of the
# baseline build and of this build, for MobileNetV2-0.35 at 160 px and 1.0 at 224 px, on the
# shared photos. Builds nothing (bench/build_baseline.sh builds the baseline).
#
#   bench/bench_extraction.sh BASE_BUILD [NEW_BUILD]         (NEW_BUILD default: build)
#
# Environment: DATA (photo folder), PHOTOS (at most this many; default all), REPEAT (runs per
# row, the best counts; default 2), THREADS, VARIANTS=1 (also the inference variants that did
# not help), BACKBONES ("small large" by default: 0.35@160 and 1.0@224).
set -euo pipefail
base="${1:?usage: bench_extraction.sh BASE_BUILD [NEW_BUILD]}"
new="${2:-build}"
data="${DATA:-/work/shared/datasets/alpaca}"
models="${MODELS:-/work/shared/models}"
args=(--data "$data" --photos "${PHOTOS:-0}" --repeat "${REPEAT:-2}" --threads "${THREADS:-0}")
[[ "${VARIANTS:-0}" == 1 ]] && variants=(--variants) || variants=()

for program in "$base/bench/bench_extraction" "$new/bench/bench_extraction"; do
    [[ -x "$program" ]] || { echo "bench_extraction.sh: no $program" >&2; exit 1; }
done
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for which in ${BACKBONES:-small large}; do
    case "$which" in
        small) backbone="$models/teachable-machine-mobilenet-v2-0.35"; size=160 ;;
        large) backbone="$models/keras-mobilenet-v2-1.0-224/mobilenet_v2_1.0_224_no_top.h5"; size=224 ;;
        *) echo "bench_extraction.sh: unknown backbone $which" >&2; exit 2 ;;
    esac
    echo
    echo "=== before ($base)"
    OMP_WAIT_POLICY=PASSIVE "$base/bench/bench_extraction" --backbone "$backbone" --size "$size" \
        --batches 32 "${args[@]}"
    echo "=== after ($new)"
    OMP_WAIT_POLICY=PASSIVE "$new/bench/bench_extraction" --backbone "$backbone" --size "$size" \
        --batches "${BATCHES:-8,16,32}" "${variants[@]}" "${args[@]}"
done
echo
echo "(load average now $(cut -d' ' -f1-3 /proc/loadavg); timings on a shared machine are indicative)"
