#!/usr/bin/env bash
# `transferlab-cli inspect` on the shared photos with warm features (the feature cache filled
# by a first run), as the issue asks: everything after the backbone's forward passes — hashing
# and reading the cached features, 5-fold cross-validation of the head (5 heads x 50 epochs),
# confident-learning ranking, near-duplicates, outliers, the PCA map — plus process start and
# backbone import. Builds nothing. See bench/README.md.
#
#   bench/bench_inspect.sh [BUILD_DIR]          (default: build)
#
# Environment: DATA, BACKBONE, RUNS (warm runs, default 3), THREADS (--threads; default all
# cores), KEEP=1 (keep the temporary folder).
set -euo pipefail

build="${1:-build}"
cli="$build/app/transferlab-cli"
data="${DATA:-/work/shared/datasets/alpaca}"
backbone="${BACKBONE:-/work/shared/models/teachable-machine-mobilenet-v2-0.35}"
runs="${RUNS:-3}"
threads="${THREADS:-0}"

die() { echo "bench_inspect.sh: $*" >&2; exit 1; }
[[ -x "$cli" ]] || die "no $cli: build the transferlab-cli target first (or pass the build folder)"
[[ -d "$data" ]] || die "no dataset folder $data (set DATA)"
[[ -e "$backbone" ]] || die "no backbone $backbone (set BACKBONE)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/transferlab-bench-inspect.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then echo "Keeping $tmp" >&2; else trap 'rm -rf "$tmp"' EXIT; fi

run() {  # run NAME: one inspect, wall/user/sys seconds to $tmp/NAME.seconds
    /usr/bin/time -f "%e %U %S" -o "$tmp/$1.seconds" \
        "$cli" inspect "$data" --backbone "$backbone" --json --cache "$tmp/cache" \
        --threads "$threads" >"$tmp/$1.json" 2>"$tmp/$1.err" || die "inspect failed: $(cat "$tmp/$1.err")"
}

run cold
printf '%-8s %8s %8s %8s\n' run "wall s" "cpu s" issues
report() {
    read -r wall user sys <"$tmp/$1.seconds"
    issues=$(grep -c '"suggested"' "$tmp/$1.json" || true)
    printf '%-8s %8.2f %8.2f %8s\n' "$1" "$wall" "$(echo "$user + $sys" | bc)" "$issues"
}
report cold
for i in $(seq 1 "$runs"); do
    run "warm$i"
    report "warm$i"
done
cmp -s "$tmp/warm1.json" "$tmp/cold.json" && echo "warm and cold reports are identical" ||
    echo "warm and cold reports differ"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
