#!/usr/bin/python3
"""The Keras transfer-learning notebook, run naively in PyTorch: the baseline for bench_training.sh.

Run it with Debian's interpreter (python3-torch, python3-numpy, python3-pil):

    /usr/bin/python3 bench/naive_keras_recipe.py DATA_DIR --backbone TFJS_MODEL_DIR

It does what the notebook does, step by step, and nothing cleverer:

    train_ds = image_dataset_from_directory(DATA_DIR, validation_split=0.2, subset="training",
                                            seed=42, image_size=(160, 160), batch_size=32)
    base = MobileNetV2(input_shape=(160, 160, 3), include_top=False, alpha=0.35)
    base.trainable = False
    x = preprocess_input(inputs); x = base(x, training=False)
    x = GlobalAveragePooling2D()(x); x = Dropout(0.2)(x); outputs = Dense(1)(x)
    model.compile(Adam(1e-3), BinaryCrossentropy(from_logits=True), metrics=["accuracy"])
    model.fit(train_ds, validation_data=validation_ds, epochs=10)

so every epoch decodes every photo again (full-size JPEG decode + bilinear resize to 160, as
tf.io.decode_image + tf.image.resize do) and runs the frozen base on every batch again, for
the training and the validation set. Decoding uses a thread pool (tf.data's parallel map);
the base runs in eval mode under torch.no_grad() (Keras computes no gradient through a frozen
base either), NCHW, float32, torch.set_num_threads(os.cpu_count()).

The MobileNetV2 weights come from a TF.js layers export (model.json + weights.bin, e.g. a
Teachable Machine export) parsed here with numpy; the export's own classifier head is ignored.
The architecture follows Keras: ReLU6, BatchNorm epsilon 1e-3, and TF "same" padding (extra
row/column at the bottom/right) before every stride-2 convolution.

The split defaults to TransferLab's (a seeded hash of each relative path, as
core/ImageFolderDataset.cpp computes it) so the validation accuracy compares like for like
with `transferlab-cli train`; --split keras gives image_dataset_from_directory's instead
(np.random.RandomState(seed) shuffle, the last 20% for validation).

--check-embedding CLI compares this script's embedding of one image with
`CLI embed --json --size N` and prints the largest difference, to show both use the same
weights and the same network. It is run on a PNG of exactly N x N pixels (so both programs
see identical pixels) and, for information, on the original JPEG (where the decoders differ:
transferlab-cli decodes large JPEGs at reduced DCT scale before resizing).
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

try:
    from PIL import Image
except ImportError:  # pragma: no cover - reported to the user
    sys.exit("naive_keras_recipe.py: PIL is missing; install Debian's python3-pil "
             "(apt-get install python3-pil) and run with /usr/bin/python3")

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp", ".webp"}

# ----------------------------------------------------------------------------------------------
# TF.js layers weights


def _decode_weight(raw, entry):
    shape = entry["shape"]
    count = int(np.prod(shape)) if shape else 1
    quantization = entry.get("quantization")
    stored = quantization["dtype"] if quantization else entry["dtype"]
    dtype = {"float32": "<f4", "int32": "<i4", "float16": "<f2", "uint16": "<u2", "uint8": "u1"}
    if stored not in dtype:
        raise ValueError(f"weight {entry['name']}: unsupported data type {stored}")
    values = np.frombuffer(raw, dtype=dtype[stored], count=count)
    if quantization and stored in ("uint8", "uint16"):
        values = values.astype(np.float32) * quantization["scale"] + quantization["min"]
    return values.astype(np.float32).reshape(shape), count * np.dtype(dtype[stored]).itemsize


def _split_name(name):
    """'sequential_5/block_1_expand/kernel:0' -> ('block_1_expand', 'kernel'), as KerasWeights."""
    colon = name.rfind(":")
    if colon >= 0 and "/" not in name[colon:]:
        name = name[:colon]
    parts = name.split("/")
    return (parts[-2] if len(parts) > 1 else ""), parts[-1]


def read_tfjs_weights(model_dir):
    """{layer: {weight: np.ndarray}} from model.json + its weight shards."""
    model_json = model_dir if model_dir.endswith(".json") else os.path.join(model_dir, "model.json")
    with open(model_json, "rb") as f:
        manifest = json.load(f)["weightsManifest"]
    weights = {}
    for group in manifest:
        data = b"".join(open(os.path.join(os.path.dirname(model_json), p), "rb").read()
                        for p in group["paths"])
        offset = 0
        for entry in group["weights"]:
            value, size = _decode_weight(data[offset:], entry)
            offset += size
            layer, weight = _split_name(entry["name"])
            weights.setdefault(layer, {})[weight] = value
        if offset != len(data):
            raise ValueError(f"{model_json}: the shards hold {len(data) - offset} unread bytes")
    return weights


# ----------------------------------------------------------------------------------------------
# MobileNetV2 with Keras semantics

# (filters, stride, expansion) of the 17 inverted residual blocks; block 0 is "expanded_conv".
BLOCKS = [(16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6), (64, 2, 6),
          (64, 1, 6), (64, 1, 6), (64, 1, 6), (96, 1, 6), (96, 1, 6), (96, 1, 6), (160, 2, 6),
          (160, 1, 6), (160, 1, 6), (320, 1, 6)]


def pad_same(x, kernel, stride):
    """TF 'same' padding: the odd pixel goes to the bottom/right."""
    def total(size):
        remainder = size % stride
        return max(kernel - (stride if remainder == 0 else remainder), 0)
    ph, pw = total(x.shape[2]), total(x.shape[3])
    return F.pad(x, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))


class ConvBn(nn.Module):
    """Conv (no bias) + BatchNorm(eps 1e-3) [+ ReLU6], weights taken from the Keras layers."""

    def __init__(self, weights, conv_name, bn_name, stride=1, depthwise=False, relu6=True):
        super().__init__()
        w = weights[conv_name]
        if depthwise:
            kernel = w["depthwise_kernel"]  # [h, w, in, multiplier]
            h, k, cin, mult = kernel.shape
            kernel = kernel.transpose(2, 3, 0, 1).reshape(cin * mult, 1, h, k)
            groups, cout = cin, cin * mult
        else:
            kernel = w["kernel"].transpose(3, 2, 0, 1)  # HWIO -> OIHW
            cout, cin, h, k = kernel.shape
            groups = 1
        self.stride = stride
        self.kernel_size = h
        self.conv = nn.Conv2d(cin, cout, h, stride=stride, padding=(h // 2 if stride == 1 else 0),
                              groups=groups, bias="bias" in w)
        self.conv.weight.data.copy_(torch.from_numpy(np.ascontiguousarray(kernel)))
        if "bias" in w:
            self.conv.bias.data.copy_(torch.from_numpy(w["bias"]))
        b = weights[bn_name]
        self.bn = nn.BatchNorm2d(cout, eps=1e-3)
        self.bn.weight.data.copy_(torch.from_numpy(b["gamma"]) if "gamma" in b else torch.ones(cout))
        self.bn.bias.data.copy_(torch.from_numpy(b["beta"]))
        self.bn.running_mean.copy_(torch.from_numpy(b["moving_mean"]))
        self.bn.running_var.copy_(torch.from_numpy(b["moving_variance"]))
        self.relu6 = relu6

    def forward(self, x):
        if self.stride == 2:
            x = pad_same(x, self.kernel_size, 2)
        x = self.bn(self.conv(x))
        return F.relu6(x) if self.relu6 else x


class InvertedResidual(nn.Module):
    def __init__(self, weights, block_id, stride):
        super().__init__()
        p = "expanded_conv_" if block_id == 0 else f"block_{block_id}_"
        self.expand = (ConvBn(weights, p + "expand", p + "expand_BN")
                       if block_id != 0 else None)
        self.depthwise = ConvBn(weights, p + "depthwise", p + "depthwise_BN", stride=stride,
                                depthwise=True)
        self.project = ConvBn(weights, p + "project", p + "project_BN", relu6=False)
        cin = (self.expand.conv.in_channels if self.expand is not None
               else self.depthwise.conv.in_channels)
        self.residual = stride == 1 and cin == self.project.conv.out_channels

    def forward(self, inputs):
        x = self.expand(inputs) if self.expand is not None else inputs
        x = self.project(self.depthwise(x))
        return x + inputs if self.residual else x


class MobileNetV2(nn.Module):
    """tf.keras.applications.MobileNetV2(include_top=False) for any alpha the weights carry."""

    def __init__(self, weights):
        super().__init__()
        self.stem = ConvBn(weights, "Conv1", "bn_Conv1", stride=2)
        self.blocks = nn.Sequential(*[InvertedResidual(weights, i, stride)
                                      for i, (_, stride, _) in enumerate(BLOCKS)])
        self.head = ConvBn(weights, "Conv_1", "Conv_1_bn")
        self.channels = self.head.conv.out_channels

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)))


# ----------------------------------------------------------------------------------------------
# Dataset: image_dataset_from_directory


def _fnv1a64(data):
    h = 14695981039346656037
    for byte in data:
        h = ((h ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def _mix64(x):
    m = 0xFFFFFFFFFFFFFFFF
    x = (x + 0x9E3779B97F4A7C15) & m
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & m
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & m
    return x ^ (x >> 31)


def _split_key(relative_path, seed):
    return (_mix64(_fnv1a64(relative_path.encode("utf-8")) ^ _mix64(seed)) >> 11) * 2.0 ** -53


def list_images(root):
    """[(path, relative path, label)] in class order, class names sorted as Keras sorts them."""
    classes = sorted(d for d in os.listdir(root)
                     if not d.startswith(".") and os.path.isdir(os.path.join(root, d)))
    images = []
    for label, name in enumerate(classes):
        walked, seen = [], set()
        for dirpath, dirnames, files in os.walk(os.path.join(root, name), followlinks=True):
            real = os.path.realpath(dirpath)
            if real in seen:  # a symlink loop or a folder linked twice
                dirnames[:] = []
                continue
            seen.add(real)
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            walked.append((dirpath, files))
        for dirpath, files in sorted(walked):
            relative_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
            for f in sorted(files):
                if not f.startswith(".") and os.path.splitext(f)[1].lower() in IMAGE_EXTENSIONS:
                    images.append((os.path.join(dirpath, f), relative_dir + "/" + f, label))
    return classes, images


def split_images(images, fraction, seed, mode):
    if mode == "keras":
        # keras.utils.image_dataset_from_directory: shuffle paths and labels with the same seed,
        # then the last int(fraction * n) samples are the validation subset.
        order = list(range(len(images)))
        np.random.RandomState(seed).shuffle(order)
        shuffled = [images[i] for i in order]
        n_val = int(fraction * len(images))
        return shuffled[:len(images) - n_val], shuffled[len(images) - n_val:]
    # TransferLab (core/ImageFolderDataset.cpp): a seeded hash of each relative path, and a
    # class left without validation (or training) images gives up its nearest one.
    images = sorted(images, key=lambda e: (e[2], e[1].encode("utf-8")))
    keys = [_split_key(rel, seed) for _, rel, _ in images]
    is_val = [k < fraction for k in keys]
    if 0 < fraction < 1:
        for label in {e[2] for e in images}:
            members = [i for i, e in enumerate(images) if e[2] == label]
            if len(members) < 2:
                continue
            if not any(is_val[i] for i in members):
                is_val[min(members, key=lambda i: keys[i])] = True
            elif all(is_val[i] for i in members):
                is_val[max(members, key=lambda i: keys[i])] = False
    train = [e for e, v in zip(images, is_val) if not v]
    val = [e for e, v in zip(images, is_val) if v]
    return train, val


def decode_resize(path, size):
    """tf.io.decode_image(channels=3) + tf.image.resize(bilinear): float32 [3, size, size] 0..255."""
    with Image.open(path) as image:
        pixels = np.asarray(image.convert("RGB"))
    x = torch.from_numpy(pixels.copy()).permute(2, 0, 1).unsqueeze(0).float()
    if x.shape[2:] != (size, size):
        # half-pixel centres, no antialiasing: tf.image.resize(method="bilinear")
        x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
    return x[0]


def load_batch(pool, entries, size):
    images = list(pool.map(lambda e: decode_resize(e[0], size), entries))
    labels = torch.tensor([e[2] for e in entries], dtype=torch.float32)
    return torch.stack(images), labels


def preprocess_input(x):
    return x / 127.5 - 1.0  # keras.applications.mobilenet_v2.preprocess_input


# ----------------------------------------------------------------------------------------------


class Model(nn.Module):
    def __init__(self, base, dropout):
        super().__init__()
        self.base = base
        self.dropout = nn.Dropout(dropout)
        self.dense = nn.Linear(base.channels, 1)
        nn.init.xavier_uniform_(self.dense.weight)  # Keras Dense: glorot_uniform, zero bias
        nn.init.zeros_(self.dense.bias)

    def forward(self, x):
        self.base.eval()  # base(x, training=False)
        with torch.no_grad():  # frozen: no gradient through the base
            features = self.base(preprocess_input(x)).mean(dim=(2, 3))  # GAP
        return self.dense(self.dropout(features)).reshape(-1)


def run_epoch_pass(model, pool, entries, size, batch_size, optimizer=None, order=None):
    """One pass over `entries` (training when optimizer is given); returns loss, accuracy."""
    order = order if order is not None else range(len(entries))
    ordered = [entries[i] for i in order]
    loss_sum, hits = 0.0, 0
    for start in range(0, len(ordered), batch_size):
        x, y = load_batch(pool, ordered[start:start + batch_size], size)
        if optimizer is not None:
            logits = model(x)
            loss = F.binary_cross_entropy_with_logits(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        else:
            with torch.no_grad():
                logits = model(x)
                loss = F.binary_cross_entropy_with_logits(logits, y)
        loss_sum += loss.item() * len(y)
        hits += int(((logits > 0).float() == y).sum())
    return loss_sum / len(ordered), hits / len(ordered)


def check_embedding(cli, backbone_dir, base, image_path, size):
    """Largest |difference| between this network's and `cli embed`'s embedding."""
    def ours(path):
        with torch.no_grad():
            return base(preprocess_input(decode_resize(path, size)[None])).mean(dim=(2, 3))[0]

    def theirs(path):
        out = subprocess.run([cli, "embed", "--json", "--size", str(size), "--backbone",
                              backbone_dir, path], check=True, capture_output=True, text=True)
        return torch.tensor(json.loads(out.stdout)[0]["embedding"], dtype=torch.float32)

    base.eval()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        # Identical pixels for both: the script's decode, rounded to 8 bits, as an N x N PNG.
        png = os.path.join(tmp, "check.png")
        pixels = decode_resize(image_path, size).round().clamp(0, 255).to(torch.uint8)
        Image.fromarray(pixels.permute(1, 2, 0).numpy()).save(png)
        a, b = ours(png), theirs(png)
        results["same_pixels"] = {"max_abs_diff": float((a - b).abs().max()),
                                  "max_abs_value": float(b.abs().max())}
        a, b = ours(image_path), theirs(image_path)
        results["original_file"] = {"max_abs_diff": float((a - b).abs().max()),
                                    "max_abs_value": float(b.abs().max()),
                                    "cosine": float(F.cosine_similarity(a, b, dim=0))}
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", help="folder with one sub-folder of images per class")
    parser.add_argument("--backbone", required=True, help="TF.js layers model folder or model.json")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--size", type=int, default=160)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--val-split", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--split", choices=["transferlab", "keras"], default="transferlab")
    parser.add_argument("--threads", type=int, default=0, help="default: os.cpu_count()")
    parser.add_argument("--check-embedding", metavar="CLI",
                        help="path of transferlab-cli: first compare the embeddings of one image "
                             "(not timed)")
    parser.add_argument("--check-only", action="store_true",
                        help="with --check-embedding: exit after the check")
    parser.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
    args = parser.parse_args()

    started = time.perf_counter()
    threads = args.threads or os.cpu_count()
    torch.set_num_threads(threads)
    torch.manual_seed(args.seed)
    log = sys.stderr if args.json else sys.stdout

    base = MobileNetV2(read_tfjs_weights(args.backbone)).eval()
    for p in base.parameters():
        p.requires_grad_(False)

    classes, images = list_images(args.data)
    if len(classes) != 2:
        sys.exit(f"naive_keras_recipe.py: the binary recipe needs 2 classes, found {classes}")

    check = None
    if args.check_embedding:
        check = check_embedding(args.check_embedding, args.backbone, base, images[0][0], args.size)
        print(f"Embedding check on {images[0][1]}: max |diff| {check['same_pixels']['max_abs_diff']:.3g} "
              f"on identical {args.size}x{args.size} pixels (values up to "
              f"{check['same_pixels']['max_abs_value']:.3g}); on the original JPEG max |diff| "
              f"{check['original_file']['max_abs_diff']:.3g}, cosine "
              f"{check['original_file']['cosine']:.6f} (different JPEG decoding)", file=log)
        if args.check_only:
            if args.json:
                print(json.dumps({"embedding_check": check}, indent=2))
            return
        started = time.perf_counter()  # the check is not part of the timed recipe

    train, val = split_images(images, args.val_split, args.seed, args.split)
    print(f"Found {len(images)} files belonging to {len(classes)} classes.\n"
          f"Using {len(train)} files for training, {len(val)} files for validation "
          f"({args.split} split, seed {args.seed}); {threads} threads.", file=log)

    model = Model(base, args.dropout)
    optimizer = torch.optim.Adam(model.dense.parameters(), lr=args.learning_rate,
                                 betas=(0.9, 0.999), eps=1e-7)  # Keras Adam defaults
    rng = np.random.RandomState(args.seed)
    steps = math.ceil(len(train) / args.batch_size)
    history = []
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for epoch in range(1, args.epochs + 1):
            t0 = time.perf_counter()
            model.train()
            loss, acc = run_epoch_pass(model, pool, train, args.size, args.batch_size, optimizer,
                                       order=rng.permutation(len(train)))
            model.eval()
            val_loss, val_acc = (run_epoch_pass(model, pool, val, args.size, args.batch_size)
                                 if val else (float("nan"), float("nan")))
            seconds = time.perf_counter() - t0
            history.append({"epoch": epoch, "loss": loss, "accuracy": acc, "val_loss": val_loss,
                            "val_accuracy": val_acc, "seconds": seconds})
            print(f"Epoch {epoch}/{args.epochs}\n{steps}/{steps} [==============================] "
                  f"- {seconds:.0f}s {1000 * seconds / steps:.0f}ms/step - loss: {loss:.4f} "
                  f"- accuracy: {acc:.4f} - val_loss: {val_loss:.4f} - val_accuracy: {val_acc:.4f}",
                  file=log, flush=True)
    total = time.perf_counter() - started
    print(f"Total wall time {total:.2f} s (weights loading, {args.epochs} epochs of decode + "
          f"backbone + head, validation included)", file=log)
    if args.json:
        print(json.dumps({"wall_seconds": total, "threads": threads, "torch": torch.__version__,
                          "train_images": len(train), "validation_images": len(val),
                          "split": args.split, "validation_accuracy": history[-1]["val_accuracy"],
                          "validation_loss": history[-1]["val_loss"], "history": history,
                          "embedding_check": check}, indent=2))


if __name__ == "__main__":
    main()
