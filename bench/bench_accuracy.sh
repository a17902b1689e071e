#!/usr/bin/env bash
# Accuracy benchmark: cross-validated, validation-split and held-out accuracy, calibration and
# the automatic recipe's choices and cost, over seeds, for two builds side by side ("before":
# e.g. the branch start; "after": this tree) with their command-line defaults. Prints tables;
# it asserts nothing (not a test). See bench/README.md.
#
#   bench/bench_accuracy.sh AFTER_BUILD [BEFORE_BUILD]
#
# Environment: DATA (the 327 shared photos), BACKBONES (space-separated list of NAME=PATH;
# default: the shared 1.0 @ 224 .h5 and the 0.35 Teachable Machine export), SEEDS ("42 43 44 45
# 46"), THREADS (--threads; default all cores), HOLDOUT (fraction kept out of every choice,
# default 0.15), KEEP=1 (keep the temporary folder with every JSON and log).
set -euo pipefail

after="${1:?usage: bench/bench_accuracy.sh AFTER_BUILD [BEFORE_BUILD]}"
before="${2:-}"
data="${DATA:-/work/shared/datasets/alpaca}"
shared_models="$(dirname "$(dirname "$data")")/models"
backbones="${BACKBONES:-1.0@224=$shared_models/keras-mobilenet-v2-1.0-224/mobilenet_v2_1.0_224_no_top.h5 0.35=$shared_models/teachable-machine-mobilenet-v2-0.35}"
seeds="${SEEDS:-42 43 44 45 46}"
threads="${THREADS:-0}"
holdout_fraction="${HOLDOUT:-0.15}"
python="${PYTHON:-/usr/bin/python3}"

die() { echo "bench_accuracy.sh: $*" >&2; exit 1; }
after_cli="$after/app/transferlab-cli"
[[ -x "$after_cli" ]] || die "no $after_cli (build the transferlab-cli target)"
before_cli=""
if [[ -n "$before" ]]; then
    before_cli="$before/app/transferlab-cli"
    [[ -x "$before_cli" ]] || die "no $before_cli"
fi
[[ -d "$data" ]] || die "no dataset folder $data (set DATA)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/transferlab-accuracy.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then
    echo "Keeping $tmp" >&2
else
    trap 'rm -rf "$tmp"' EXIT
fi

# A fixed, seed-independent held-out set: per class, the photos whose SHA-1 of the file name
# sorts first, HOLDOUT of them. The rest is what every choice may see. Symlinks, so the
# photos' content (and the feature cache key) is unchanged.
"$python" - "$data" "$tmp" "$holdout_fraction" <<'EOF'
import hashlib, os, sys
data, tmp, fraction = sys.argv[1], sys.argv[2], float(sys.argv[3])
for cls in sorted(os.listdir(data)):
    folder = os.path.join(data, cls)
    if not os.path.isdir(folder) or cls.startswith("."):
        continue
    files = sorted((f for f in os.listdir(folder) if not f.startswith(".")),
                   key=lambda f: hashlib.sha1(f.encode()).hexdigest())
    cut = round(len(files) * fraction)
    for part, names in (("holdout", files[:cut]), ("seen", files[cut:])):
        os.makedirs(os.path.join(tmp, part, cls), exist_ok=True)
        for name in names:
            os.symlink(os.path.join(folder, name), os.path.join(tmp, part, cls, name))
EOF
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "Held out of every choice: $(find "$tmp/holdout" -type l | wc -l) photos; seen: $(find "$tmp/seen" -type l | wc -l)" >&2

# run NAME CLI ARGS...: train --json, wall seconds to NAME.seconds. Each build keeps its own
# feature cache, so the first run of each (backbone, build) pays the extraction.
run() {
    local name="$1" cli="$2" start end
    shift 2
    start="$(date +%s.%N)"
    "$cli" train "$@" --threads "$threads" --json --quiet >"$tmp/$name.json" 2>"$tmp/$name.log" ||
        { cat "$tmp/$name.log" >&2; die "$name failed"; }
    end="$(date +%s.%N)"
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }' >"$tmp/$name.seconds"
}
evaluate() {
    local name="$1" cli="$2" model="$3"
    "$cli" evaluate "$model" "$tmp/holdout" --threads "$threads" --json >"$tmp/$name.json" \
        2>"$tmp/$name.log" || { cat "$tmp/$name.log" >&2; die "$name failed"; }
}

for entry in $backbones; do
    tag="${entry%%=*}"
    backbone="${entry#*=}"
    [[ -e "$backbone" ]] || { echo "skipping $tag: no $backbone" >&2; continue; }
    echo "== $tag ($backbone) ==" >&2
    for seed in $seeds; do
        common=(--backbone "$backbone" --seed "$seed")
        if [[ -n "$before_cli" ]]; then
            run "before-default-$tag-$seed" "$before_cli" "$data" "${common[@]}" \
                --out "$tmp/m-bd-$tag-$seed" --cache "$tmp/cache-before"
            if [[ "$tag" == 1.0@224 ]]; then
                run "before-224-$tag-$seed" "$before_cli" "$data" "${common[@]}" --size 224 \
                    --out "$tmp/m-b224-$tag-$seed" --cache "$tmp/cache-before"
            fi
            run "before-seen-$tag-$seed" "$before_cli" "$tmp/seen" "${common[@]}" \
                --out "$tmp/m-bs-$tag-$seed" --cache "$tmp/cache-before"
            evaluate "before-holdout-$tag-$seed" "$before_cli" "$tmp/m-bs-$tag-$seed"
        fi
        run "after-default-$tag-$seed" "$after_cli" "$data" "${common[@]}" \
            --out "$tmp/m-ad-$tag-$seed" --cache "$tmp/cache-after"
        run "after-seen-$tag-$seed" "$after_cli" "$tmp/seen" "${common[@]}" \
            --out "$tmp/m-as-$tag-$seed" --cache "$tmp/cache-after"
        evaluate "after-holdout-$tag-$seed" "$after_cli" "$tmp/m-as-$tag-$seed"
        # The automatic recipe's cost against a plain run (recommended settings at the
        # backbones' native 224 px, cross-validation included), both with the features cached.
        if [[ "$seed" == "${seeds%% *}" ]]; then
            run "after-plain-$tag-$seed" "$after_cli" "$data" "${common[@]}" --epochs 50 \
                --size 224 --out "$tmp/m-ap-$tag-$seed" --cache "$tmp/cache-after"
            run "after-warm-$tag-$seed" "$after_cli" "$data" "${common[@]}" \
                --out "$tmp/m-aw-$tag-$seed" --cache "$tmp/cache-after"
        fi
        tail -n 1 "$tmp/after-default-$tag-$seed.log" >&2 || true
    done
done

"$python" - "$tmp" "$backbones" "$seeds" "$([[ -n "$before_cli" ]] && echo 1 || echo 0)" <<'EOF'
import json, math, os, statistics, sys
tmp, backbones, seeds, with_before = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4] == "1"
def load(name):
    path = os.path.join(tmp, name + ".json")
    return json.load(open(path)) if os.path.exists(path) else None
def seconds(name):
    path = os.path.join(tmp, name + ".seconds")
    return float(open(path).read()) if os.path.exists(path) else float("nan")
def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return "-", "-", "-"
    return f"{statistics.mean(values):.3f}", f"{min(values):.3f}", f"{max(values):.3f}"
def cv(j):
    c = j.get("cross_validation") if j else None
    return c["accuracy_mean"] if c else None
def ece(j, key):
    c = j.get("calibration") if j else None
    return c.get(key) if c else None

print(f"\nSeeds {' '.join(seeds)}; mean / min / max over seeds. 'CV': 5-fold cross-validated accuracy on"
      " the training photos; 'split': the validation split (20%); 'held-out': the fixed photos no"
      " choice saw (training on the rest).")
header = f'{"backbone":<9}{"build":<22}{"CV mean":>9}{"min":>7}{"max":>7}{"split mean":>12}{"min":>7}{"max":>7}{"held-out":>10}'
for entry in backbones:
    tag = entry.split("=", 1)[0]
    rows = []
    variants = ([("before-default", "before, defaults"), ("before-224", "before, --size 224")] if with_before else []) + \
               [("after-default", "after, defaults")]
    for key, label in variants:
        runs = [load(f"{key}-{tag}-{s}") for s in seeds]
        if not any(runs):
            continue
        prefix = key.split("-")[0]
        holdout = [load(f"{prefix}-holdout-{tag}-{s}") for s in seeds] if key.endswith("default") else []
        rows.append((label, stats([cv(r) for r in runs]), stats([r["validation"]["accuracy"] for r in runs if r]),
                     stats([h["accuracy"] for h in holdout if h])[0] if holdout else "-"))
    print("\n" + header)
    for label, c, v, h in rows:
        print(f"{tag:<9}{label:<22}{c[0]:>9}{c[1]:>7}{c[2]:>7}{v[0]:>12}{v[1]:>7}{v[2]:>7}{h:>10}")

    # Held-out agreement, per seed: the CV of the run on the seen photos against the held-out set.
    print(f"\n{tag}: held-out check (train on the seen photos; |CV - held-out| <= 2 binomial SE of the smaller set)")
    print(f'{"seed":<6}{"CV":>7}{"n CV":>6}{"held-out":>10}{"n":>5}{"diff":>8}{"2 SE":>7}  agree')
    diffs = []
    for s in seeds:
        seen, held = load(f"after-seen-{tag}-{s}"), load(f"after-holdout-{tag}-{s}")
        if not seen or not held or not seen.get("cross_validation"):
            continue
        a, b = seen["cross_validation"]["accuracy_mean"], held["accuracy"]
        n_cv, n_held = seen["cross_validation_details"]["images"], held["images"]
        small = min(n_cv, n_held)
        p = (a * n_cv + b * n_held) / (n_cv + n_held)
        two_se = 2 * math.sqrt(max(p * (1 - p), 1e-12) / small)
        diffs.append(a - b)
        print(f"{s:<6}{a:>7.3f}{n_cv:>6}{b:>10.3f}{n_held:>5}{a - b:>+8.3f}{two_se:>7.3f}  {'yes' if abs(a - b) <= two_se else 'NO'}")
    if diffs:
        print(f"mean CV - held-out: {statistics.mean(diffs):+.3f}")

    # Calibration and the automatic recipe's choices.
    print(f"\n{tag}: calibration (ECE, 15 bins, top label) and the automatic recipe's choice")
    print("('floor': the out-of-fold ECE a perfectly calibrated model with the same confidences shows on this many photos)")
    print(f'{"seed":<6}{"T":>6}{"ECE oof before":>16}{"after":>7}{"floor":>7}{"split before":>14}{"after":>7}{"held-out":>10}  choice')
    for s in seeds:
        j, held = load(f"after-default-{tag}-{s}"), load(f"after-holdout-{tag}-{s}")
        if not j:
            continue
        c = j["calibration"]
        recipe = j.get("automatic_recipe") or {}
        trials = recipe.get("trials", [])
        chosen = trials[recipe["chosen"]] if trials and recipe.get("chosen", -1) >= 0 else None
        choice = "-" if not chosen else (
            f'{chosen["input_size"]} px, lr {chosen["learning_rate"]:g}, dropout {chosen["dropout"]:g}, '
            f'L2 {chosen["weight_decay"]:g}, hidden {chosen["hidden_units"] or "none"}, {chosen["epochs"]} epochs, '
            f'views {chosen["views"]}, TTA {chosen["test_time_augmentation"]}')
        fmt = lambda v: f"{v:.4f}" if isinstance(v, (int, float)) else "-"
        held_ece = held.get("expected_calibration_error") if held else None
        print(f'{s:<6}{c["temperature"]:>6.2f}{fmt(c.get("ece_out_of_fold_before")):>16}{fmt(c.get("ece_out_of_fold_after")):>7}'
              f'{fmt(c.get("ece_out_of_fold_floor")):>7}{fmt(c.get("ece_validation_before")):>14}{fmt(c.get("ece_validation_after")):>7}{fmt(held_ece):>10}  {choice}')
    first = seeds[0]
    j = load(f"after-default-{tag}-{first}")
    if j and j.get("automatic_recipe"):
        r = j["automatic_recipe"]
        print(f"\n{tag}, seed {first}: the automatic recipe tried {len(r['trials'])} configurations:")
        for i, t in enumerate(r["trials"]):
            mark = "*" if i == r["chosen"] else ("+" if t["kept"] else " ")
            print(f'  {mark} {t["stage"]:<23}{t["input_size"]:>4} px lr {t["learning_rate"]:<7g}drop {t["dropout"]:<4g}'
                  f'L2 {t["weight_decay"]:<5g}hidden {str(t["hidden_units"] or "-"):<6}views {t["views"]:<13}'
                  f'TTA {t["test_time_augmentation"]:<13}{t["epochs"]:>4} ep {t["correct"]:>4}/{t["images"]:<4}'
                  f'loss {t["loss"]:.4f} {t["seconds"]:6.2f} s')
        for line in r["skipped"]:
            print(f"  left out: {line}")
        print(f"  reason: {r['reason']}")
        print(f"  cost charged: {r['cost_seconds']:.1f} s of a {r['budget_seconds']:.1f} s budget "
              f"(a plain run from scratch estimated at {r['plain_run_seconds']:.1f} s); the search took "
              f"{r['spent_seconds']:.1f} s of wall time in this cold-cache run")
        warm, plain = load(f"after-warm-{tag}-{first}"), load(f"after-plain-{tag}-{first}")
        if warm and plain:
            w = warm["automatic_recipe"]
            same = "the same choice" if w["chosen"] == r["chosen"] and len(w["trials"]) == len(r["trials"]) else "A DIFFERENT CHOICE"
            print(f"  features cached: automatic {seconds(f'after-warm-{tag}-{first}'):.1f} s wall "
                  f"(search {w['spent_seconds']:.1f} s, charged {w['cost_seconds']:.1f} s of {w['budget_seconds']:.1f} s; {same}), plain run "
                  f"(--epochs 50 --size 224) {seconds(f'after-plain-{tag}-{first}'):.1f} s wall; cold automatic run "
                  f"{seconds(f'after-default-{tag}-{first}'):.1f} s wall")
EOF
echo "(load average now $(cut -d' ' -f1-3 /proc/loadavg); timings on a shared machine are indicative)"
