#!/usr/bin/env bash
# The ceiling of frozen features: extracts every shared photo's features with
# `transferlab-cli embed` at several input sizes, of its mirror and of five crops, for each
# backbone, then cross-validates classifiers on them (bench/frozen_feature_ceiling.py,
# scikit-learn). Prints the best accuracy of each kind of feature and the photos no
# configuration gets right. Builds nothing; asserts nothing (not a test). See bench/README.md.
#
#   bench/bench_frozen_ceiling.sh [BUILD_DIR]                  (default BUILD_DIR: build)
#
# Environment: DATA (the 327 shared photos), BACKBONES (space-separated NAME=PATH; NAME without
# "_"; default the shared 1.0 @ 224 .h5 and the 0.35 Teachable Machine export), SIZES ("160 192
# 224 256 288 320 384"), CROP_SIZES ("224"), SEEDS ("42 43 44 45 46"), THREADS, KEEP=1 (keep
# the features), PYTHON (/usr/bin/python3 with python3-sklearn and python3-opencv).
set -euo pipefail
build="${1:-build}"
cli="$build/app/transferlab-cli"
data="${DATA:-/work/shared/datasets/alpaca}"
models="$(dirname "$(dirname "$data")")/models"
backbones="${BACKBONES:-1.0=$models/keras-mobilenet-v2-1.0-224/mobilenet_v2_1.0_224_no_top.h5 0.35=$models/teachable-machine-mobilenet-v2-0.35}"
sizes="${SIZES:-160 192 224 256 288 320 384}"
crop_sizes="${CROP_SIZES:-224}"
seeds="${SEEDS:-42 43 44 45 46}"
python="${PYTHON:-/usr/bin/python3}"
here="$(cd "$(dirname "$0")" && pwd)"

die() { echo "bench_frozen_ceiling.sh: $*" >&2; exit 1; }
[[ -x "$cli" ]] || die "no $cli (build the transferlab-cli target)"
[[ -d "$data" ]] || die "no dataset folder $data (set DATA)"
"$python" -c "import sklearn, cv2, numpy" 2>/dev/null ||
    die "$python lacks sklearn, cv2 or numpy (Debian: python3-sklearn python3-opencv)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/transferlab-ceiling.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then
    echo "Keeping $tmp" >&2
else
    trap 'rm -rf "$tmp"' EXIT
fi

# The mirror and five crops (four corners and the centre, 60% of each side) of every photo,
# decoded as the app does (OpenCV, EXIF orientation applied) and saved as JPEG quality 97. The
# whole photo's features come from the original files.
"$python" - "$data" "$tmp/views" <<'EOF'
import cv2, os, sys
data, out = sys.argv[1], sys.argv[2]
anchors = {"m": None, "tl": (0, 0), "tr": (1, 0), "bl": (0, 1), "br": (1, 1), "c": (.5, .5)}
for cls in sorted(os.listdir(data)):
    if not os.path.isdir(os.path.join(data, cls)) or cls.startswith("."):
        continue
    for view in anchors:
        os.makedirs(os.path.join(out, view, cls))
    for name in sorted(os.listdir(os.path.join(data, cls))):
        image = cv2.imread(os.path.join(data, cls, name), cv2.IMREAD_COLOR)
        if image is None:
            print(f"skipped (does not decode): {cls}/{name}", file=sys.stderr)
            continue
        h, w = image.shape[:2]
        ch, cw = int(h * .6), int(w * .6)
        for view, anchor in anchors.items():
            if anchor is None:
                part = cv2.flip(image, 1)
            else:
                x, y = int((w - cw) * anchor[0]), int((h - ch) * anchor[1])
                part = image[y:y + ch, x:x + cw]
            cv2.imwrite(os.path.join(out, view, cls, name), part, [cv2.IMWRITE_JPEG_QUALITY, 97])
EOF

embed() {  # NAME PATH SIZE FOLDER OUTPUT
    "$cli" embed --backbone "$2" --size "$3" --threads "${THREADS:-0}" --json "$4" \
        >"$tmp/features/$5.json" 2>"$tmp/features/$5.log" ||
        { cat "$tmp/features/$5.log" >&2; die "embed failed: $5"; }
}
mkdir -p "$tmp/features"
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for entry in $backbones; do
    name="${entry%%=*}"
    path="${entry#*=}"
    [[ "$name" != *_* ]] || die "backbone name $name contains '_'"
    for size in $sizes; do
        echo "Extracting $name at $size px" >&2
        embed "$name" "$path" "$size" "$data" "${name}_$size"
        embed "$name" "$path" "$size" "$tmp/views/m" "${name}_${size}_m"
    done
    for size in $crop_sizes; do
        for crop in tl tr bl br c; do
            embed "$name" "$path" "$size" "$tmp/views/$crop" "${name}_${size}_$crop"
        done
    done
done
# shellcheck disable=SC2086
"$python" "$here/frozen_feature_ceiling.py" "$tmp/features" $seeds
