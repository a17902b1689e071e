// SPDX-License-Identifier: MIT
#include "export/ExportReadme.h"

namespace tl {

namespace {

// The one resize definition (data/ImageDecoder), in words.
const char* kResize =
    "Decode the photo at full size with its EXIF orientation applied (OpenCV's `imread` does), "
    "then resize the whole photo to SIZE x SIZE pixels, aspect ratio not kept and nothing "
    "cropped: OpenCV `INTER_AREA` when it shrinks in both directions, else `INTER_LINEAR`.";

// Python, OpenCV DNN, preprocessed float input.
const char* kOnnxPython = R"(import json, sys
import cv2, numpy as np
meta = json.load(open("METADATA"))
size = meta["input"]["size"]
bgr = cv2.imread(sys.argv[1], cv2.IMREAD_COLOR)  # applies the EXIF orientation
shrink = bgr.shape[0] >= size and bgr.shape[1] >= size
bgr = cv2.resize(bgr, (size, size), interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR)
x = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB).astype(np.float32) / 127.5 - 1
net = cv2.dnn.readNetFromONNX("MODEL")
net.setInput(x.transpose(2, 0, 1)[np.newaxis])  # [1, 3, size, size]
for name, p in zip(meta["classes"], net.forward()[0]):
    print(f"{name}: {p:.6f}")
)";

// Python, OpenCV DNN, uint8 input scaled in the graph.
const char* kOnnxSelfContainedPython = R"(import json, sys
import cv2, numpy as np
meta = json.load(open("METADATA"))
size = meta["input"]["size"]
bgr = cv2.imread(sys.argv[1], cv2.IMREAD_COLOR)  # applies the EXIF orientation
shrink = bgr.shape[0] >= size and bgr.shape[1] >= size
bgr = cv2.resize(bgr, (size, size), interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR)
rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)  # uint8: the model scales it
net = cv2.dnn.readNetFromONNX("MODEL")
net.setInput(rgb[np.newaxis])  # [1, size, size, 3]
for name, p in zip(meta["classes"], net.forward()[0]):
    print(f"{name}: {p:.6f}")
)";

// Python, torch, preprocessed float input.
const char* kTorchScriptPython = R"(import json, sys
import cv2, torch
meta = json.load(open("METADATA"))
size = meta["input"]["size"]
bgr = cv2.imread(sys.argv[1], cv2.IMREAD_COLOR)  # applies the EXIF orientation
shrink = bgr.shape[0] >= size and bgr.shape[1] >= size
bgr = cv2.resize(bgr, (size, size), interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR)
x = torch.from_numpy(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)).permute(2, 0, 1).float() / 127.5 - 1
model = torch.jit.load("MODEL").eval()
with torch.no_grad():
    probabilities = model(x.unsqueeze(0))[0]  # input [1, 3, size, size]
for name, p in zip(meta["classes"], probabilities.tolist()):
    print(f"{name}: {p:.6f}")
)";

// Python, torch, any-size uint8 input resized and scaled in the graph.
const char* kTorchScriptSelfContainedPython = R"(import json, sys
import numpy as np, torch
from PIL import Image, ImageOps
meta = json.load(open("METADATA"))
photo = ImageOps.exif_transpose(Image.open(sys.argv[1])).convert("RGB")
image = torch.from_numpy(np.asarray(photo).copy())  # uint8 [height, width, 3], any size
model = torch.jit.load("MODEL").eval()
with torch.no_grad():
    probabilities = model(image.unsqueeze(0))[0]  # resized and scaled inside
for name, p in zip(meta["classes"], probabilities.tolist()):
    print(f"{name}: {p:.6f}")
)";

// JavaScript in a web page, TensorFlow.js.
const char* kTfjsJavaScript =
    R"(<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>
<img id="photo" src="photo.jpg">
<script type="module">
const model = await tf.loadLayersModel("my-model/MODEL");  // this folder, served over HTTP
const meta = await (await fetch("my-model/METADATA")).json();
const size = meta.imageSize;
const pixels = tf.browser.fromPixels(document.getElementById("photo"));
const x = tf.image.resizeBilinear(pixels, [size, size], false, true).div(127.5).sub(1);
const probabilities = await model.predict(x.expandDims(0)).data();
meta.labels.forEach((label, i) => console.log(label, probabilities[i].toFixed(4)));
</script>
)";

QString fill(QString text, const ExportReadmeInfo& info) {
    return text.replace(QLatin1String("METADATA"), info.metadataFile)
        .replace(QLatin1String("MODEL"), info.modelFile)
        .replace(QLatin1String("SIZE"), QString::number(info.inputSize));
}

QString inputSection(const ExportReadmeInfo& info) {
    const QString size = QString::number(info.inputSize);
    const QString resize = fill(QString::fromLatin1(kResize), info);
    switch (info.format) {
        case ExportFormat::Tfjs:
            return QStringLiteral(
                       "Input: float32 `[N, %1, %1, 3]` (NHWC, RGB) scaled as `x / 127.5 - 1`. "
                       "%2\n\nTeachable Machine's own library (`@teachablemachine/image`) does "
                       "it differently: it crops the centre square of the photo, resizes it to "
                       "224 x 224 and scales `x / 127 - 1`. It loads this model and runs it "
                       "when its input size is 224 (the default backbone's), but its "
                       "probabilities then differ from TransferLab's; follow the preprocessing "
                       "above (as the example does, up to the resize) to get TransferLab's "
                       "answers. `metadata.json` says the same under `input`.\n")
                .arg(size, resize);
        case ExportFormat::TorchScript:
            return info.selfContained
                       ? QStringLiteral(
                             "Input: uint8 RGB photos `[N, H, W, 3]` (NHWC) of any size, EXIF "
                             "orientation applied. The model does the rest as TransferLab "
                             "does: %1 Then it scales `x / 127.5 - 1`.\n")
                             .arg(resize.mid(resize.indexOf(QLatin1String("resize"))))
                       : QStringLiteral(
                             "Input: float32 `[N, 3, %1, %1]` (NCHW, RGB) scaled as "
                             "`x / 127.5 - 1`. %2\n")
                             .arg(size, resize);
        case ExportFormat::Onnx:
            break;
    }
    return info.selfContained ? QStringLiteral(
                                    "Input `image`: uint8 RGB `[N, %1, %1, 3]` (NHWC); the model "
                                    "scales it (`x / 127.5 - 1`). %2 (ONNX opset 10 cannot "
                                    "express that resize, so it is yours.)\n")
                                    .arg(size, resize)
                              : QStringLiteral(
                                    "Input `input`: float32 `[N, 3, %1, %1]` (NCHW, RGB) scaled as "
                                    "`x / 127.5 - 1`. %2\n")
                                    .arg(size, resize);
}

}  // namespace

QString exportReadme(const ExportReadmeInfo& info) {
    QString title;
    QString language;
    QString example;
    QString running;
    switch (info.format) {
        case ExportFormat::Onnx:
            title = QStringLiteral("ONNX");
            language = QStringLiteral("python");
            example = info.selfContained ? kOnnxSelfContainedPython : kOnnxPython;
            running = QStringLiteral(
                "Python with OpenCV (`pip install opencv-python`, or Debian's "
                "`python3-opencv`), in this folder: `python3 example.py photo.jpg`. "
                "onnxruntime loads the file too.");
            break;
        case ExportFormat::TorchScript:
            title = QStringLiteral("TorchScript");
            language = QStringLiteral("python");
            example = info.selfContained ? kTorchScriptSelfContainedPython : kTorchScriptPython;
            running = info.selfContained ? QStringLiteral(
                                               "Python with PyTorch and Pillow, in this folder: "
                                               "`python3 example.py photo.jpg`. In C++: "
                                               "`torch::jit::load`.")
                                         : QStringLiteral(
                                               "Python with PyTorch and OpenCV, in this folder: "
                                               "`python3 example.py photo.jpg`. In C++: "
                                               "`torch::jit::load`.");
            break;
        case ExportFormat::Tfjs:
            title = QStringLiteral("TensorFlow.js, Teachable Machine layout");
            language = QStringLiteral("html");
            example = kTfjsJavaScript;
            running = QStringLiteral(
                "JavaScript in a web page: serve the page and this folder (renamed `my-model`) "
                "over HTTP. `tf.image.resizeBilinear` only approximates TransferLab's resize "
                "when it shrinks a big photo; resize photos beforehand (for example on a "
                "canvas with `imageSmoothingQuality = \"high\"`) for closer answers. In "
                "Node.js, `tf.loadLayersModel` reads the same files.");
            break;
    }
    const QString classes =
        QStringLiteral("`") + info.classes.join(QStringLiteral("`, `")) + QStringLiteral("`");
    QString text;
    text += QString::fromLatin1(kExportReadmeMarker) + QLatin1Char('\n');
    text += QStringLiteral("# Image classifier exported by TransferLab (%1)\n\n").arg(title);
    text += QStringLiteral(
                "`%1` holds the whole network (ImageNet backbone and the trained "
                "classifier). `%2` lists the classes, the input and the "
                "preprocessing.\n\n")
                .arg(info.modelFile, info.metadataFile);
    text += inputSection(info) + QLatin1Char('\n');
    text += QStringLiteral("Output: class probabilities `[N, %1]` in this order: %2.\n\n")
                .arg(info.classes.size())
                .arg(classes);
    text += QStringLiteral("## Example\n\n%1\n\n```%2\n%3```\n\n")
                .arg(running, language, fill(example, info));
    text += QStringLiteral(
        "TransferLab wrote these files and replaces them when you export again under this name; "
        "it never replaces files it did not write.\n");
    return text;
}

}  // namespace tl
