#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Generate many small, distinct JPEGs from the shared photos, for the 20k / 100k benchmarks.

    /usr/bin/python3 bench/make_photos.py OUT_DIR --count 100000 [--source DIR] [--side 256]

OUT_DIR gets one sub-folder per class of the source folder (alpaca/, not_alpaca/), each photo a
random crop of a random source photo of that class, scaled to about SIDE px on the longer side
(random aspect), with a little brightness and colour jitter and a random JPEG quality, so that
every file has different bytes (the feature cache is keyed by content) and the classes stay
learnable. Deterministic for a given --seed. Run it outside the repository (e.g. under /tmp);
it refuses a non-empty OUT_DIR unless --append is given.
"""

import argparse
import io
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from PIL import Image

EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp", ".webp"}
PREVIEW_SIDE = 512  # sources are decoded once, at this size


def load_sources(source):
    classes = sorted(d for d in os.listdir(source) if os.path.isdir(os.path.join(source, d)))
    result = {}
    for name in classes:
        images = []
        folder = os.path.join(source, name)
        for file in sorted(os.listdir(folder)):
            if os.path.splitext(file)[1].lower() not in EXTENSIONS:
                continue
            with Image.open(os.path.join(folder, file)) as image:
                image.draft("RGB", (PREVIEW_SIDE, PREVIEW_SIDE))
                image = image.convert("RGB")
                image.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE))
                images.append(np.asarray(image))
        result[name] = images
    return result


SOURCES = None


def init_worker(source):
    global SOURCES
    SOURCES = load_sources(source)


def make_one(job):
    out_dir, class_name, index, seed, side = job
    rng = np.random.default_rng([seed, index])
    images = SOURCES[class_name]
    pixels = images[rng.integers(len(images))]
    h, w = pixels.shape[:2]
    scale = rng.uniform(0.55, 1.0)
    ch, cw = max(16, int(h * scale)), max(16, int(w * scale))
    top, left = rng.integers(0, h - ch + 1), rng.integers(0, w - cw + 1)
    crop = pixels[top:top + ch, left:left + cw].astype(np.float32)
    crop = crop * rng.uniform(0.85, 1.15) + rng.uniform(-12, 12, size=3)
    if rng.random() < 0.5:
        crop = crop[:, ::-1]
    image = Image.fromarray(np.clip(crop, 0, 255).astype(np.uint8))
    aspect = rng.uniform(0.75, 1.33)
    long_side = int(side * rng.uniform(0.8, 1.2))
    size = (long_side, max(16, int(long_side / aspect))) if aspect >= 1 else \
        (max(16, int(long_side * aspect)), long_side)
    image = image.resize(size, Image.BILINEAR)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=int(rng.integers(75, 95)))
    path = os.path.join(out_dir, class_name, f"gen_{index:07d}.jpg")
    with open(path + ".part", "wb") as f:
        f.write(buffer.getvalue())
    os.replace(path + ".part", path)
    return len(buffer.getvalue())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="output folder (created; must be empty)")
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--source", default="/work/shared/datasets/alpaca")
    parser.add_argument("--side", type=int, default=256)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--append", action="store_true",
                        help="add the photos still missing to an existing folder")
    args = parser.parse_args()

    if os.path.exists(args.out) and os.listdir(args.out) and not args.append:
        sys.exit(f"make_photos.py: {args.out} is not empty (use --append to complete it)")
    classes = sorted(d for d in os.listdir(args.source)
                     if os.path.isdir(os.path.join(args.source, d)))
    for name in classes:
        os.makedirs(os.path.join(args.out, name), exist_ok=True)
    # Classes alternate, so any prefix of the indices is balanced.
    jobs = [(args.out, classes[i % len(classes)], i, args.seed, args.side)
            for i in range(args.count)
            if not os.path.exists(os.path.join(args.out, classes[i % len(classes)],
                                               f"gen_{i:07d}.jpg"))]
    total = 0
    with ProcessPoolExecutor(args.jobs, initializer=init_worker, initargs=(args.source,)) as pool:
        for done, size in enumerate(pool.map(make_one, jobs, chunksize=256), 1):
            total += size
            if done % 5000 == 0 or done == len(jobs):
                print(f"{done}/{len(jobs)} photos, {total / 2**20:.0f} MiB", file=sys.stderr,
                      flush=True)
    print(f"{args.out}: {args.count} photos in {len(classes)} classes")


if __name__ == "__main__":
    main()
