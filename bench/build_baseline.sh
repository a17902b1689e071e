#!/usr/bin/env bash
# Builds the "before" of the before/after benchmarks: a git worktree of a baseline commit
# (default: the parent of the commit that introduced this script's branch point, i.e. the
# branch's merge base with main) in its own folder with its own build folder. The product code
# there is the baseline's; only bench_extraction.cpp and bench_head_trainer.cpp (measuring
# programs that compile against both trees) are copied in and added to its
# bench/CMakeLists.txt, uncommitted.
#
#   bench/build_baseline.sh [BASE_DIR] [COMMIT]     (defaults: /work/perf-base, merge-base main)
#
# Then: bench/bench_extraction.sh BASE_DIR/build build, bench/bench_training.sh with
# BASELINE_BUILD=BASE_DIR/build, bench/bench_startup.sh BASE_DIR/build build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
base="${1:-/work/perf-base}"
commit="${2:-$(git -C "$repo" merge-base HEAD main)}"

if [[ ! -d "$base/.git" && ! -f "$base/.git" ]]; then
    git -C "$repo" worktree add --detach "$base" "$commit"
fi
[[ "$(git -C "$base" rev-parse HEAD)" == "$(git -C "$repo" rev-parse "$commit")" ]] ||
    { echo "build_baseline.sh: $base is not at $commit" >&2; exit 1; }
for program in bench_extraction bench_head_trainer; do
    cp "$here/$program.cpp" "$base/bench/$program.cpp"
    if ! grep -q "$program" "$base/bench/CMakeLists.txt"; then
        cat >>"$base/bench/CMakeLists.txt" <<EOF
# Added by bench/build_baseline.sh (not part of the baseline commit): the same measuring program.
add_executable($program \${CMAKE_CURRENT_LIST_DIR}/$program.cpp)
target_link_libraries($program PRIVATE transferlab_core)
transferlab_precompile_torch($program)
EOF
    fi
done
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-/work}"
cmake -S "$base" -B "$base/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$base/build" -j"$(nproc)" --target transferlab-cli transferlab bench_extraction \
    bench_head_trainer
echo "baseline $(git -C "$base" rev-parse --short HEAD) built in $base/build"
