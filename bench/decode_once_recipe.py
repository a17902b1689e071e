#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The Keras recipe as a careful PyTorch user writes it: decode once, run the frozen base once.

    /usr/bin/python3 bench/decode_once_recipe.py DATA_DIR --backbone TFJS_MODEL_DIR [--epochs 10]

The second baseline of bench_training.sh, between the naive loop (naive_keras_recipe.py, which
decodes every photo and runs the base on every batch of every epoch) and TransferLab. Same
network, weights, split, decoding and head as the naive script (it imports them from there),
but:

* every photo is decoded once (PIL full decode + tf.image.resize's bilinear, in a thread pool);
* the frozen base runs once per photo, in batches of 32, eval mode, torch.inference_mode(),
  channels_last (what the PyTorch performance guide recommends on CPU);
* the head (dropout 0.2 + dense, Adam 1e-3 with Keras's epsilon, binary cross-entropy on
  logits, batch 32) then trains for --epochs on the in-memory features, with the validation
  pass after every epoch.

Prints Keras-like epoch lines and, with --json, the same summary keys as the naive script.
"""

import argparse
import json
import math
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import naive_keras_recipe as naive  # noqa: E402  (the baseline's own pieces, unchanged)


def embed_all(base, pool, entries, size, batch_size):
    """Decode every photo once, then the frozen base once per photo: features [n, C]."""
    images = list(pool.map(lambda e: naive.decode_resize(e[0], size), entries))
    features = []
    with torch.inference_mode():
        for start in range(0, len(images), batch_size):
            x = torch.stack(images[start:start + batch_size])
            x = naive.preprocess_input(x).contiguous(memory_format=torch.channels_last)
            features.append(base(x).mean(dim=(2, 3)))
    labels = torch.tensor([e[2] for e in entries], dtype=torch.float32)
    return torch.cat(features), labels


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data")
    parser.add_argument("--backbone", required=True)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--size", type=int, default=160)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--val-split", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=0, help="default: os.cpu_count()")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    threads = args.threads or os.cpu_count()
    torch.set_num_threads(threads)
    torch.manual_seed(args.seed)
    log = sys.stderr if args.json else sys.stdout

    base = naive.MobileNetV2(naive.read_tfjs_weights(args.backbone)).eval()
    base = base.to(memory_format=torch.channels_last)
    for p in base.parameters():
        p.requires_grad_(False)
    classes, images = naive.list_images(args.data)
    if len(classes) != 2:
        sys.exit(f"decode_once_recipe.py: the binary recipe needs 2 classes, found {classes}")
    train, val = naive.split_images(images, args.val_split, args.seed, "transferlab")
    print(f"Found {len(images)} files belonging to {len(classes)} classes; {len(train)} for "
          f"training, {len(val)} for validation; {threads} threads.", file=log)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        t0 = time.perf_counter()
        x_train, y_train = embed_all(base, pool, train, args.size, args.batch_size)
        x_val, y_val = embed_all(base, pool, val, args.size, args.batch_size)
        features_seconds = time.perf_counter() - t0
    print(f"Features of {len(images)} photos in {features_seconds:.2f} s", file=log)

    dense = torch.nn.Linear(base.channels, 1)
    torch.nn.init.xavier_uniform_(dense.weight)  # Keras Dense: glorot_uniform, zero bias
    torch.nn.init.zeros_(dense.bias)
    dropout = torch.nn.Dropout(args.dropout)
    optimizer = torch.optim.Adam(dense.parameters(), lr=args.learning_rate, betas=(0.9, 0.999),
                                 eps=1e-7)
    rng = np.random.RandomState(args.seed)
    steps = math.ceil(len(train) / args.batch_size)
    history = []
    t0 = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        e0 = time.perf_counter()
        order = torch.from_numpy(rng.permutation(len(train)))
        loss_sum, hits = 0.0, 0
        dropout.train()
        for start in range(0, len(train), args.batch_size):
            rows = order[start:start + args.batch_size]
            x, y = x_train[rows], y_train[rows]
            logits = dense(dropout(x)).reshape(-1)
            loss = F.binary_cross_entropy_with_logits(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(y)
            hits += int(((logits > 0).float() == y).sum())
        with torch.no_grad():
            logits = dense(x_val).reshape(-1)
            val_loss = float(F.binary_cross_entropy_with_logits(logits, y_val))
            val_acc = float(((logits > 0).float() == y_val).float().mean())
        seconds = time.perf_counter() - e0
        history.append({"epoch": epoch, "loss": loss_sum / len(train),
                        "accuracy": hits / len(train), "val_loss": val_loss,
                        "val_accuracy": val_acc, "seconds": seconds})
        print(f"Epoch {epoch}/{args.epochs}\n{steps}/{steps} - loss: {loss_sum / len(train):.4f} "
              f"- accuracy: {hits / len(train):.4f} - val_loss: {val_loss:.4f} "
              f"- val_accuracy: {val_acc:.4f}", file=log, flush=True)
    training_seconds = time.perf_counter() - t0
    total = time.perf_counter() - started
    print(f"Total wall time {total:.2f} s (features {features_seconds:.2f} s, training "
          f"{training_seconds:.2f} s)", file=log)
    if args.json:
        print(json.dumps({"wall_seconds": total, "features_seconds": features_seconds,
                          "training_seconds": training_seconds, "threads": threads,
                          "torch": torch.__version__, "train_images": len(train),
                          "validation_images": len(val),
                          "validation_accuracy": history[-1]["val_accuracy"],
                          "validation_loss": history[-1]["val_loss"], "history": history},
                         indent=2))


if __name__ == "__main__":
    main()
