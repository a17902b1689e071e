#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Train a TransferLab classifier head with PyTorch DistributedDataParallel.

Written by `transferlab-cli export-job` beside recipe.json, manifest.csv and backbone.pt (see
README.md in this folder). Run it with torchrun, on one machine or many:

    torchrun --nproc_per_node=2 train_ddp.py [--data-root DIR] [--out DIR] [--device cpu|cuda]
    torchrun --nnodes=4 --nproc_per_node=8 --rdzv_backend=c10d --rdzv_endpoint=HOST:29400 \\
        train_ddp.py --data-root /shared/photos --out /shared/run1

Step 1, features: every process decodes its share of the photos (manifest.csv, both splits)
with TransferLab's one resize definition and runs the frozen backbone (backbone.pt, BatchNorm
folded, TorchScript) once per photo; each process writes its rows to OUT/features-RANK.npy.
Step 2, head: the recipe's head (dropout, dense layers) trains on those features with DDP. Every
process takes its slice of each global batch of recipe batch_size photos, drawn from one seeded
permutation per epoch, and scales its loss so that the all-reduced gradient is the gradient of
the whole batch's mean loss: the same optimisation as TransferLab's single-process loop (same
loss, optimizer, initialisation and batch size; shuffling and dropout draws differ).
Step 3, rank 0 writes OUT/head.pt (state_dict), OUT/classifier.pt (TorchScript: preprocessed
images -> probabilities) and OUT/results.json (per-epoch history, validation metrics).

Needs torch (with torch.distributed), numpy and OpenCV's Python module (cv2: Debian
python3-opencv, or pip opencv-python-headless), which reproduces TransferLab's decoding and
resizing exactly. Without cv2 it falls back to PIL with a warning: the inputs then differ
slightly (box filter instead of OpenCV's area resize).
"""

import argparse
import csv
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

HERE = os.path.dirname(os.path.abspath(__file__))

try:
    import cv2
except ImportError:  # pragma: no cover - reported at start-up
    cv2 = None


# ------------------------------------------------------------------------------------------
# Inputs: TransferLab's one resize definition (core/data/ImageDecoder.h)


def load_rgb(path, size):
    """Full decode with the EXIF orientation, then area resize when shrinking, as uint8 RGB."""
    if cv2 is not None:
        data = np.fromfile(path, dtype=np.uint8)
        bgr = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
        if bgr is None:
            raise ValueError("not an image or corrupt")
        h, w = bgr.shape[:2]
        if (w, h) != (size, size):
            shrinking = w >= size and h >= size
            bgr = cv2.resize(bgr, (size, size),
                             interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR)
        return np.ascontiguousarray(bgr[:, :, ::-1])
    from PIL import Image, ImageOps
    with Image.open(path) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        shrinking = image.width >= size and image.height >= size
        image = image.resize((size, size), Image.BOX if shrinking else Image.BILINEAR)
        return np.asarray(image)


def to_input(rgb_images, preprocessing):
    """uint8 [n, s, s, 3] RGB -> float32 [n, 3, s, s], as tl::toInputBatch computes it."""
    x = np.stack(rgb_images).astype(np.float32)
    if preprocessing == "mobilenet":
        x = x / np.float32(127.5) - np.float32(1.0)
    elif preprocessing == "caffe":
        x = x[..., ::-1] - np.array([103.939, 116.779, 123.68], dtype=np.float32)
    else:
        raise ValueError(f"unknown preprocessing {preprocessing!r}")
    return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))


# ------------------------------------------------------------------------------------------
# The head: nn/ClassifierHead.h


class Head(nn.Module):
    """[Dropout, Dense, ReLU]* Dropout, Dense: logits (one unit for a sigmoid head)."""

    def __init__(self, channels, hidden_units, outputs, dropout, output_bias=True):
        super().__init__()
        sizes = [channels] + list(hidden_units)
        # Created in TransferLab's order, so that after torch.manual_seed(seed) the initial
        # weights are the same draws (LibTorch's Linear initialises like torch.nn.Linear).
        layers = [nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])]
        layers.append(nn.Linear(sizes[-1], outputs, bias=output_bias))
        self.layers = nn.ModuleList(layers)
        self.dropout = nn.Dropout(dropout)
        self.p = float(dropout)
        self.count = len(layers)

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            if self.p > 0:
                x = self.dropout(x)
            x = layer(x)
            if i + 1 < self.count:
                x = torch.relu(x)
        return x


class Classifier(nn.Module):
    """Backbone + head: preprocessed images [N, 3, S, S] -> class probabilities [N, C]."""

    def __init__(self, backbone, head, binary):
        super().__init__()
        self.backbone = backbone
        self.head = head
        self.binary = binary

    def forward(self, x):
        logits = self.head(self.backbone(x))
        if self.binary:
            p = torch.sigmoid(logits.reshape(-1, 1))
            return torch.cat([1 - p, p], 1)
        return torch.softmax(logits, 1)


def batch_loss(logits, labels, binary, class_weights, smoothing, denominator):
    """Sum of per-sample losses / `denominator`: with the global batch's count (or weight sum)
    as denominator, the all-reduced gradient is that of TransferLab's batch mean (HeadLoss)."""
    if binary:
        targets = labels.float()
        if smoothing > 0:
            targets = targets * (1 - smoothing) + 0.5 * smoothing
        per_sample = F.binary_cross_entropy_with_logits(logits.reshape(-1), targets,
                                                        reduction="none")
        if class_weights is not None:
            per_sample = per_sample * class_weights[labels]
        hits = int(((logits.reshape(-1) > 0).long() == labels).sum())
    else:
        per_sample = F.cross_entropy(logits, labels, weight=class_weights, reduction="none",
                                     label_smoothing=smoothing)
        hits = int((logits.argmax(1) == labels).sum())
    return per_sample.sum() / denominator, hits


# ------------------------------------------------------------------------------------------


def log(rank, *args):
    if rank == 0:
        print(*args, flush=True)


def read_manifest(path, data_root):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            file = (os.path.join(data_root, *row["relative_path"].split("/")) if data_root
                    else row["path"])
            rows.append((file, int(row["label"]), row["split"]))
    return rows


def extract_features(rows, rank, world, backbone, recipe, device, out, batch_size):
    """This process's share of the photos (rows rank, rank + world, ...) through the backbone:
    OUT/features-RANK.npy, float32 [share, channels], NaN rows for unreadable photos."""
    size = recipe["input_size"]
    channels = recipe["backbone"]["channels"]
    mine = list(range(rank, len(rows), world))
    features = np.full((len(mine), channels), np.nan, dtype=np.float32)
    failed = 0
    started = time.perf_counter()
    for start in range(0, len(mine), batch_size):
        chunk = mine[start:start + batch_size]
        images, places = [], []
        for k, i in enumerate(chunk):
            try:
                images.append(load_rgb(rows[i][0], size))
                places.append(start + k)
            except (OSError, ValueError) as error:
                failed += 1
                print(f"[rank {rank}] skipped {rows[i][0]}: {error}", file=sys.stderr)
        if images:
            with torch.inference_mode():
                x = to_input(images, recipe["preprocessing"]["scale"]).to(device)
                features[places] = backbone(x).float().cpu().numpy()
        done = min(start + batch_size, len(mine))
        if rank == 0 and (done == len(mine) or (start // batch_size) % 20 == 0):
            rate = done / max(time.perf_counter() - started, 1e-9)
            print(f"features: {done}/{len(mine)} photos on rank 0 ({rate:.0f}/s)", flush=True)
    path = os.path.join(out, f"features-{rank}.npy")
    np.save(path + ".part.npy", features)
    os.replace(path + ".part.npy", path)
    return failed


class Features:
    """All processes' feature files, row i of the manifest read on demand (memory-mapped)."""

    def __init__(self, out, world):
        self.world = world
        self.shards = [np.load(os.path.join(out, f"features-{r}.npy"), mmap_mode="r")
                       for r in range(world)]

    def rows(self, indices):
        return torch.from_numpy(np.stack([self.shards[i % self.world][i // self.world]
                                          for i in indices]))

    def usable(self, index):
        return not np.isnan(self.shards[index % self.world][index // self.world][0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-root", help="the dataset's root folder here (manifest.csv "
                        "relative_path is appended); default: the absolute paths of the manifest")
    parser.add_argument("--out", default=os.path.join(HERE, "run"),
                        help="output folder (default: run/ beside this script)")
    parser.add_argument("--device", choices=["cpu", "cuda"],
                        default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--epochs", type=int, help="override the recipe's epochs")
    parser.add_argument("--embed-batch", type=int, default=32)
    args = parser.parse_args()

    recipe = json.load(open(os.path.join(HERE, "recipe.json"), encoding="utf-8"))
    if recipe.get("format") != "transferlab-training-package":
        sys.exit("train_ddp.py: recipe.json is not a TransferLab training package")
    training = recipe["training"]
    epochs = args.epochs or training["epochs"]

    backend = "nccl" if args.device == "cuda" else "gloo"
    dist.init_process_group(backend)
    rank, world = dist.get_rank(), dist.get_world_size()
    local_rank = int(os.environ.get("LOCAL_RANK", 0))
    local_world = int(os.environ.get("LOCAL_WORLD_SIZE", 1))
    if args.device == "cuda":
        torch.cuda.set_device(local_rank)
        device = torch.device("cuda", local_rank)
    else:
        device = torch.device("cpu")
        # The machine's cores shared among its processes, not each process taking them all.
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // local_world))
    if cv2 is None:
        log(rank, "warning: no cv2 (OpenCV) module: decoding with PIL, whose resize differs "
                  "slightly from TransferLab's (install python3-opencv or opencv-python-headless)")
    os.makedirs(args.out, exist_ok=True)
    started = time.perf_counter()

    # 1. Features, once per photo, each process its share.
    rows = read_manifest(os.path.join(HERE, "manifest.csv"), args.data_root)
    backbone = torch.jit.load(os.path.join(HERE, recipe["backbone"]["file"]),
                              map_location=device).eval()
    failed = extract_features(rows, rank, world, backbone, recipe, device, args.out,
                              args.embed_batch)
    counts = torch.tensor([failed], dtype=torch.int64)
    dist.all_reduce(counts)  # also a barrier: every feature file is complete after it
    features = Features(args.out, world)
    train = [i for i, r in enumerate(rows) if r[2] == "train" and features.usable(i)]
    val = [i for i, r in enumerate(rows) if r[2] == "validation" and features.usable(i)]
    features_seconds = time.perf_counter() - started
    log(rank, f"features of {len(rows)} photos in {features_seconds:.1f} s on {world} processes "
              f"({int(counts[0])} unreadable); {len(train)} for training, {len(val)} for "
              f"validation")

    # 2. The head, with DDP.
    labels = torch.tensor([r[1] for r in rows], dtype=torch.int64)
    classes = len(recipe["classes"])
    head_recipe = recipe["head"]
    binary = head_recipe["output"] == "sigmoid"
    torch.manual_seed(training["seed"])  # as HeadTrainer does before creating the head
    head = Head(recipe["backbone"]["channels"], head_recipe["hidden_units"],
                1 if binary else classes, head_recipe["dropout"],
                head_recipe.get("output_bias", True)).to(device)
    model = DistributedDataParallel(head)
    if training["weight_decay"] > 0:
        optimizer = torch.optim.AdamW(model.parameters(), lr=training["learning_rate"],
                                      betas=tuple(training["betas"]), eps=training["eps"],
                                      weight_decay=training["weight_decay"])
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=training["learning_rate"],
                                     betas=tuple(training["betas"]), eps=training["eps"])
    class_weights = None
    if training["class_weights"]:
        counts = torch.bincount(labels[train], minlength=classes).float().clamp_min(1)
        class_weights = (len(train) / (classes * counts)).to(device)
    smoothing = training["label_smoothing"]
    batch_size = training["batch_size"]
    patience = training["early_stopping_patience"]
    order_rng = torch.Generator().manual_seed(training["seed"])  # the same on every process
    train_tensor = torch.tensor(train, dtype=torch.int64)
    my_val = val[rank::world]
    history, best, best_state, stale = [], math.inf, None, 0

    for epoch in range(1, epochs + 1):
        epoch_started = time.perf_counter()
        model.train()
        order = train_tensor[torch.randperm(len(train), generator=order_rng)]
        totals = torch.zeros(3, dtype=torch.float64)  # loss * count, hits, count
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            mine = batch[rank::world]
            y = labels[mine].to(device)
            if class_weights is not None and not binary:
                denominator = float(class_weights[labels[batch].to(device)].sum())
            else:
                denominator = float(len(batch))
            x = (features.rows(mine.tolist()) if len(mine)
                 else torch.zeros(0, recipe["backbone"]["channels"])).to(device)
            # DDP averages gradients over processes: world * (local sum / global count) makes
            # the average the gradient of the global batch's mean loss.
            loss, hits = batch_loss(model(x), y, binary, class_weights, smoothing, denominator)
            optimizer.zero_grad()
            (loss * world).backward()
            optimizer.step()
            totals += torch.tensor([float(loss) * denominator, hits, len(mine)],
                                   dtype=torch.float64)
        dist.all_reduce(totals)
        metrics = {"epoch": epoch, "loss": float(totals[0] / max(totals[2], 1)),
                   "accuracy": float(totals[1] / max(totals[2], 1))}
        model.eval()
        val_totals = torch.zeros(3, dtype=torch.float64)
        with torch.no_grad():
            for start in range(0, len(my_val), 1024):
                chunk = my_val[start:start + 1024]
                loss, hits = batch_loss(head(features.rows(chunk).to(device)),
                                        labels[chunk].to(device), binary, None, 0.0, 1.0)
                val_totals += torch.tensor([float(loss), hits, len(chunk)], dtype=torch.float64)
        dist.all_reduce(val_totals)
        if val_totals[2] > 0:
            metrics["val_loss"] = float(val_totals[0] / val_totals[2])
            metrics["val_accuracy"] = float(val_totals[1] / val_totals[2])
        metrics["seconds"] = time.perf_counter() - epoch_started
        history.append(metrics)
        log(rank, f"Epoch {epoch}/{epochs} - loss: {metrics['loss']:.4f} - accuracy: "
                  f"{metrics['accuracy']:.4f} - val_loss: {metrics.get('val_loss', math.nan):.4f}"
                  f" - val_accuracy: {metrics.get('val_accuracy', math.nan):.4f} - "
                  f"{metrics['seconds']:.2f} s")
        if patience > 0 and "val_loss" in metrics:
            if metrics["val_loss"] < best:
                best, stale = metrics["val_loss"], 0
                best_state = {k: v.detach().clone() for k, v in head.state_dict().items()}
            else:
                stale += 1
                if stale >= patience:
                    log(rank, f"Early stopping after epoch {epoch}")
                    break
    if best_state is not None:
        head.load_state_dict(best_state)

    # 3. Results, from rank 0.
    if rank == 0:
        head.eval()
        torch.save(head.state_dict(), os.path.join(args.out, "head.pt"))
        cpu_backbone = torch.jit.load(os.path.join(HERE, recipe["backbone"]["file"]),
                                      map_location="cpu").eval()
        classifier = torch.jit.script(Classifier(cpu_backbone, head.cpu(), binary))
        classifier.save(os.path.join(args.out, "classifier.pt"))
        last = history[-1] if history else {}
        results = {"classes": recipe["classes"], "processes": world, "device": str(device),
                   "train_images": len(train), "validation_images": len(val),
                   "validation_accuracy": last.get("val_accuracy"),
                   "validation_loss": last.get("val_loss"), "history": history,
                   "features_seconds": features_seconds,
                   "total_seconds": time.perf_counter() - started}
        with open(os.path.join(args.out, "results.json.part"), "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
        os.replace(os.path.join(args.out, "results.json.part"),
                   os.path.join(args.out, "results.json"))
        print(f"Validation accuracy {results['validation_accuracy']:.4f} on {len(val)} images; "
              f"wrote {args.out}/head.pt, classifier.pt, results.json", flush=True)
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
