#!/usr/bin/env bash
# End-to-end training benchmark: transferlab-cli train cold (empty feature cache) and warm
# (same cache), then the decode-once PyTorch pipeline (bench/decode_once_recipe.py) and the
# naive PyTorch loop of bench/naive_keras_recipe.py on the same photos and the same backbone
# weights; with BASELINE_BUILD, the baseline build's cold and warm runs too, in the same run.
# Builds nothing. See bench/README.md.
#
#   bench/bench_training.sh [BUILD_DIR]          (default: build)
#
# Environment: DATA, BACKBONE, EPOCHS (10), THREADS (transferlab-cli --threads and the
# script's --threads; default: all cores), PYTHON (/usr/bin/python3), SKIP_NAIVE=1,
# SKIP_DECODE_ONCE=1, BASELINE_BUILD (a build of the baseline commit, bench/build_baseline.sh),
# CHECK_EMBEDDING=0 (skip the embedding comparison), KEEP=1 (keep the temporary folder).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:-build}"
cli="$build/app/transferlab-cli"
data="${DATA:-/work/shared/datasets/alpaca}"
backbone="${BACKBONE:-/work/shared/models/teachable-machine-mobilenet-v2-0.35}"
epochs="${EPOCHS:-10}"
python="${PYTHON:-/usr/bin/python3}"
threads="${THREADS:-0}"

die() { echo "bench_training.sh: $*" >&2; exit 1; }
[[ -x "$cli" ]] || die "no $cli: build the transferlab-cli target first (or pass the build folder)"
[[ -d "$data" ]] || die "no dataset folder $data (set DATA)"
[[ -e "$backbone" ]] || die "no backbone $backbone (set BACKBONE)"
if [[ "${SKIP_NAIVE:-0}" != 1 ]]; then
    "$python" -c "import torch, numpy, PIL" 2>/dev/null ||
        die "$python lacks torch, numpy or PIL (Debian: python3-torch python3-numpy python3-pil), or set SKIP_NAIVE=1"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/transferlab-bench.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then
    echo "Keeping $tmp" >&2
else
    trap 'rm -rf "$tmp"' EXIT
fi
cache="$tmp/cache"
mkdir -p "$cache" "$tmp/cache-base"

# timed NAME COMMAND...: runs COMMAND; "wall user sys" seconds to $tmp/NAME.seconds. GNU time
# gives the CPU seconds too, which say more than wall time on a loaded machine.
timed() {
    local name="$1" start end rc=0
    shift
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f "%e %U %S" -o "$tmp/$name.seconds" "$@" || rc=$?
    else
        start="$(date +%s.%N)"
        "$@" || rc=$?
        end="$(date +%s.%N)"
        awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f nan nan\n", b - a }' >"$tmp/$name.seconds"
    fi
    return "$rc"
}

# run_train NAME [CLI CACHE]: one `train` with the shared cache; wall time to $tmp/NAME.seconds.
# A plain run: builds that cross-validate every run by default (--folds) are told not to, so
# the figures stay comparable with builds that do not.
plain_run() { "$1" train --help 2>/dev/null | grep -q -- '--folds' && echo "--folds 0"; true; }
run_train() {
    local name="$1" program="${2:-$cli}" folder="${3:-$cache}"
    echo "== transferlab-cli train ($name) ==" >&2
    timed "$name" "$program" train "$data" --backbone "$backbone" --out "$tmp/model-$name" \
        --epochs "$epochs" $(plain_run "$program") --cache "$folder" --threads "$threads" \
        --json --quiet \
        >"$tmp/$name.json" 2>"$tmp/$name.log" ||
        { cat "$tmp/$name.log" >&2; die "train ($name) failed"; }
    tail -n 1 "$tmp/$name.log" >&2
}

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [[ -n "${BASELINE_BUILD:-}" ]]; then
    [[ -x "$BASELINE_BUILD/app/transferlab-cli" ]] || die "no $BASELINE_BUILD/app/transferlab-cli"
    run_train base-cold "$BASELINE_BUILD/app/transferlab-cli" "$tmp/cache-base"
    run_train base-warm "$BASELINE_BUILD/app/transferlab-cli" "$tmp/cache-base"
fi
run_train cold
run_train warm

if [[ "${SKIP_NAIVE:-0}" != 1 ]]; then
    python_threads=()
    [[ "$threads" != 0 ]] && python_threads=(--threads "$threads")
    if [[ "${CHECK_EMBEDDING:-1}" != 0 ]]; then
        echo "== same weights? (naive_keras_recipe.py --check-embedding) ==" >&2
        "$python" "$here/naive_keras_recipe.py" "$data" --backbone "$backbone" \
            --check-embedding "$cli" --check-only --json >"$tmp/check.json" 2>"$tmp/check.log" ||
            { cat "$tmp/check.log" >&2; die "the embedding check failed"; }
        cat "$tmp/check.log" >&2
    fi
    if [[ "${SKIP_DECODE_ONCE:-0}" != 1 ]]; then
        echo "== decode-once PyTorch pipeline (decode_once_recipe.py, /usr/bin/python3) ==" >&2
        timed once "$python" "$here/decode_once_recipe.py" "$data" --backbone "$backbone" \
            --epochs "$epochs" "${python_threads[@]}" --json >"$tmp/once.json" 2>"$tmp/once.log" ||
            { cat "$tmp/once.log" >&2; die "the decode-once script failed"; }
        tail -n 1 "$tmp/once.log" >&2
    fi
    echo "== naive PyTorch loop (naive_keras_recipe.py, /usr/bin/python3) ==" >&2
    timed naive "$python" "$here/naive_keras_recipe.py" "$data" --backbone "$backbone" \
        --epochs "$epochs" "${python_threads[@]}" --json >"$tmp/naive.json" 2>"$tmp/naive.log" ||
        { cat "$tmp/naive.log" >&2; die "the naive script failed"; }
    grep -E '^(Epoch [0-9]+/|[0-9]+/[0-9]+ \[)' "$tmp/naive.log" | tail -n 2 >&2
fi

# The table. Python only reads the files the runs left.
"$python" - "$tmp" "$epochs" <<'EOF'
import json, math, os, sys
tmp, epochs = sys.argv[1], sys.argv[2]
def load(name):
    path = os.path.join(tmp, name + ".json")
    return json.load(open(path)) if os.path.exists(path) else None
def times(name):  # wall, user + sys
    wall, user, system = (float(v) for v in open(os.path.join(tmp, name + ".seconds")).read().split())
    return wall, user + system

rows = []
for name, label in (("cold", "transferlab-cli train, cold (empty cache)"),
                    ("warm", "transferlab-cli train, warm (cache)"),
                    ("base-cold", "baseline build, cold (empty cache)"),
                    ("base-warm", "baseline build, warm (cache)")):
    j = load(name)
    if j is None:
        continue
    t = j["timing"]
    rows.append((label, *times(name), f'{t["features_seconds"]:.2f}', f'{t["training_seconds"]:.2f}',
                 f'{t["features_computed"]}/{t["features_from_cache"]}',
                 j["validation"]["accuracy"], j["validation"]["images"]))
once = load("once")
if once:
    rows.append((f'decode-once PyTorch (python3-torch {once["torch"]})', *times("once"),
                 f'{once["features_seconds"]:.2f}', f'{once["training_seconds"]:.2f}', "-",
                 once["validation_accuracy"], once["validation_images"]))
naive = load("naive")
if naive:
    rows.append((f'naive loop (python3-torch {naive["torch"]})', *times("naive"),
                 "-", "-", "-", naive["validation_accuracy"],
                 naive["validation_images"]))

print(f"\n{epochs} epochs; validation on {rows[0][7]} images (TransferLab split, seed 42)")
print(f'{"run":<46}{"wall s":>8}{"cpu s":>8}{"features s":>12}{"training s":>12}'
      f'{"computed/cached":>17}{"val acc":>9}')
for r in rows:
    print(f"{r[0]:<46}{r[1]:>8.2f}{r[2]:>8.2f}{r[3]:>12}{r[4]:>12}{r[5]:>17}{r[6]:>9.4f}")
if naive:
    print(f"naive loop by its own timer: {naive['wall_seconds']:.2f} s (weights loading + "
          f"{epochs} epochs; without the interpreter and torch start-up)")
by_label = {r[0]: r for r in rows}
(cold, cold_cpu), (warm, warm_cpu) = rows[0][1:3], rows[1][1:3]
ratio = lambda a, b: f"{a / b:.1f}x" if b > 0 and not math.isnan(a / b) else "?"
print(f"\nwarm vs cold: {ratio(cold, warm)} less wall time, {ratio(cold_cpu, warm_cpu)} less CPU")
for r in rows:
    if r[0].startswith("baseline build, cold"):
        print(f"speed-up baseline cold / cold: {ratio(r[1], cold)} wall, {ratio(r[2], cold_cpu)} CPU")
    if r[0].startswith("decode-once"):
        print(f"speed-up decode-once / cold: {ratio(r[1], cold)} wall, {ratio(r[2], cold_cpu)} CPU"
              f"   (goal: at least 1.8x wall)")
if naive:
    n, n_cpu = rows[-1][1:3]
    print(f"speed-up naive / cold: {ratio(n, cold)} wall, {ratio(n_cpu, cold_cpu)} CPU;   "
          f"naive / warm: {ratio(n, warm)} wall, {ratio(n_cpu, warm_cpu)} CPU   "
          f"(goal: at least 25x wall, cold)")
check = load("check")
if check:
    c = check["embedding_check"]
    print(f"same weights: max |embedding diff| {c['same_pixels']['max_abs_diff']:.2e} on identical "
          f"pixels; {c['original_file']['max_abs_diff']:.2e} on the JPEG (cosine "
          f"{c['original_file']['cosine']:.6f}; the JPEG decoders differ)")
EOF
echo "(load average now $(cut -d' ' -f1-3 /proc/loadavg); timings on a shared machine are indicative)"
