#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""How far can a classifier on frozen backbone features go on these photos?

Reads the features `transferlab-cli embed --json` wrote (bench_frozen_ceiling.sh makes them:
every photo at several input sizes, its mirror, and five crops) and cross-validates linear and
kernel classifiers over them with scikit-learn: 5-fold stratified, repeated over seeds, on all
photos. Prints the best cross-validated accuracy of each family of features, and the photos
that every model gets wrong in every fold of every seed, which bound what any head on these
features can reach.

scikit-learn's logistic regression stands in for TransferLab's head (one dense layer on the
pooled features is a multinomial logistic regression; the app trains it with Adam and
dropout, this with L-BFGS and L2). It is a measurement tool, not part of the product.

    bench/frozen_feature_ceiling.py FEATURE_DIR [SEEDS...]
"""
import json
import os
import sys
from collections import Counter

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer, StandardScaler
from sklearn.svm import SVC

feature_dir = sys.argv[1]
seeds = [int(s) for s in sys.argv[2:]] or [42, 43, 44, 45, 46]
CROPS = ["tl", "tr", "bl", "br", "c"]


def load(name):
    """[n, channels] features in a fixed photo order (class folder, file name), and labels."""
    with open(os.path.join(feature_dir, name + ".json")) as f:
        rows = json.load(f)
    key = lambda r: tuple(r["image"].split("/")[-2:])
    rows.sort(key=key)
    classes = sorted({key(r)[0] for r in rows})
    x = np.array([r["embedding"] for r in rows], dtype=np.float64)
    y = np.array([classes.index(key(r)[0]) for r in rows])
    return x, y, ["/".join(key(r)) for r in rows]


def logistic(c):
    return lambda: LogisticRegression(C=c, max_iter=5000)


def cross_validate(x, y, make, mirror=None):
    """Mean accuracy over seeds, and per photo how many seeds got it wrong out of fold.

    With `mirror`, training also sees each photo's mirror and prediction averages both."""
    accuracies, wrong = [], np.zeros(len(y), dtype=int)
    for seed in seeds:
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        predicted = np.empty(len(y), dtype=int)
        for train, test in folds.split(x, y):
            xs, ys = x[train], y[train]
            if mirror is not None:
                xs, ys = np.vstack([xs, mirror[train]]), np.concatenate([ys, ys])
            model = make()
            model.fit(xs, ys)
            p = model.predict_proba(x[test])
            if mirror is not None:
                p = (p + model.predict_proba(mirror[test])) / 2
            predicted[test] = p.argmax(1)
        accuracies.append((predicted == y).mean())
        wrong += predicted != y
    return float(np.mean(accuracies)), float(np.min(accuracies)), float(np.max(accuracies)), wrong


def cross_validate_ensemble(xs, y, c):
    """As cross_validate, for the mean probability of one logistic regression per feature set."""
    accuracies, wrong = [], np.zeros(len(y), dtype=int)
    for seed in seeds:
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        predicted = np.empty(len(y), dtype=int)
        for train, test in folds.split(xs[0], y):
            p = sum(logistic(c)().fit(x[train], y[train]).predict_proba(x[test]) for x in xs)
            predicted[test] = p.argmax(1)
        accuracies.append((predicted == y).mean())
        wrong += predicted != y
    return float(np.mean(accuracies)), float(np.min(accuracies)), float(np.max(accuracies)), wrong


def backbones():
    names = sorted({f.split("_")[0] for f in os.listdir(feature_dir) if f.endswith(".json")})
    return names


def sizes_of(backbone):
    found = set()
    for f in os.listdir(feature_dir):
        parts = f[:-5].split("_")
        if f.endswith(".json") and parts[0] == backbone and len(parts) == 2:
            found.add(int(parts[1]))
    return sorted(found)


def main():
    print(f"Seeds {' '.join(map(str, seeds))}; 5-fold stratified cross-validation on all photos; "
          "accuracy mean (min-max over seeds)")
    for backbone in backbones():
        sizes = sizes_of(backbone)
        whole = {s: load(f"{backbone}_{s}")[0] for s in sizes}
        _, y, names = load(f"{backbone}_{sizes[0]}")
        n = len(y)
        print(f"\n{backbone}: {n} photos, {whole[sizes[0]].shape[1]} features")
        results = []  # (family, description, mean, min, max, wrong-per-photo)

        def run(family, description, x, make, mirror=None):
            mean, lo, hi, wrong = cross_validate(x, y, make, mirror)
            results.append((family, description, mean, lo, hi, wrong))

        for s in sizes:
            for c in (0.01, 0.1, 1.0):
                run("one size", f"{s} px, logistic C={c}", whole[s], logistic(c))
            run("one size + mirror", f"{s} px, mirror in training and prediction", whole[s],
                logistic(0.1), load(f"{backbone}_{s}_m")[0])
            run("one size, other classifiers", f"{s} px, standardised, logistic C=0.01",
                whole[s], lambda: make_pipeline(StandardScaler(),
                                                LogisticRegression(C=0.01, max_iter=5000)))
            run("one size, other classifiers", f"{s} px, L2-normalised, logistic C=10",
                whole[s], lambda: make_pipeline(Normalizer(),
                                                LogisticRegression(C=10, max_iter=5000)))
            run("one size, other classifiers", f"{s} px, standardised, RBF SVM C=1", whole[s],
                lambda: make_pipeline(StandardScaler(), SVC(C=1, probability=True)))
        for pair in [(a, b) for i, a in enumerate(sizes) for b in sizes[i + 1:]]:
            run("two sizes concatenated", f"{pair[0]} + {pair[1]} px, logistic C=0.05",
                np.hstack([whole[pair[0]], whole[pair[1]]]), logistic(0.05))
        for group in (sizes, [s for s in sizes if 224 <= s <= 320]):
            if len(group) > 1:
                mean, lo, hi, wrong = cross_validate_ensemble([whole[s] for s in group], y, 0.1)
                results.append(("sizes ensembled", "mean probability over "
                                + "/".join(map(str, group)) + " px", mean, lo, hi, wrong))
        crop_sizes = sorted({int(f.split("_")[1]) for f in os.listdir(feature_dir)
                             if f.startswith(backbone + "_") and f.endswith("_c.json")})
        for s in crop_sizes:
            crops = np.stack([load(f"{backbone}_{s}_{k}")[0] for k in CROPS])
            run("photo + five crops", f"{s} px, photo + mean of crops, logistic C=0.1",
                np.hstack([whole[s], crops.mean(0)]), logistic(0.1))
            run("photo + five crops", f"{s} px, photo + max of crops, logistic C=0.1",
                np.hstack([whole[s], crops.max(0)]), logistic(0.1))

        print(f"{'family':<30} {'best of the family':<56} {'CV mean':>7}  min-max")
        for family in dict.fromkeys(r[0] for r in results):
            best = max((r for r in results if r[0] == family), key=lambda r: r[2])
            print(f"{family:<30} {best[1]:<56} {best[2]:7.3f}  {best[3]:.3f}-{best[4]:.3f}")

        always = [i for i in range(n) if all(r[5][i] == len(seeds) for r in results)]
        best = max(results, key=lambda r: r[2])
        print(f"\n{len(results)} configurations. Best: {best[1]} {best[2]:.3f} "
              f"({round((1 - best[2]) * n, 1)} photos wrong on average).")
        print(f"Wrong in every fold of every seed under every one of the {len(results)} "
              f"configurations: {len(always)} photos (even picking the best configuration per "
              f"photo cannot exceed {(n - len(always)) / n:.3f}):")
        for i in always:
            print(f"  {names[i]}")
        hard = Counter({i: int(best[5][i]) for i in range(n) if best[5][i]})
        print(f"The best configuration's mistakes ({sum(hard.values())} over {len(seeds)} seeds):")
        for i, count in hard.most_common():
            print(f"  {names[i]:<40} wrong in {count} of {len(seeds)} seeds")


main()
