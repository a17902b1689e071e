// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <string>

#include "support/Errors.h"

namespace tl {

class TrainedModel;

// Formats a trained model can be exported to, for use outside TransferLab.
//
// Every export holds backbone + classifier head and outputs the class probabilities [N, C] in
// the order of the model's class names. Beside it TransferLab writes a JSON (class names,
// input, preprocessing, backbone identity; "producer": "transferlab-export") and a short
// README with usage examples. It replaces only files and folders it exported itself.
//
// Input, by default: a float32 batch [N, 3, S, S] (NCHW, RGB), already resized and scaled as
// the app does it: data/ImageDecoder's one resize definition (full decode with EXIF
// orientation, OpenCV INTER_AREA when shrinking in both directions, else INTER_LINEAR, aspect
// ratio not kept), then x / 127.5 - 1. BatchNorm is folded into the convolutions (exact in
// eval mode, up to float rounding). The calibration temperature is baked into the output
// layer (weights and bias divided by it), so every export gives the app's calibrated
// probabilities; test-time augmentation is left to the caller (the JSON names the views).
//
// - TorchScript (.pt): a torch.jit ScriptModule whose forward(x) returns the probabilities;
//   torch.jit.load (Python) or torch::jit::load (C++). Any input size works (TensorFlow
//   "same" padding is computed from the actual size).
// - ONNX (.onnx): opset 10, IR version 5 (ops: Pad, Conv, Clip, Add, GlobalAveragePool,
//   Flatten, Gemm, Relu, Softmax; Clip and Pad with attributes, as OpenCV 4.6 needs; the
//   asymmetric TensorFlow "same" padding is an explicit Pad node), input "input" [N, 3, S, S]
//   with a symbolic batch, output "probabilities" [N, C]. Two-class sigmoid heads are written
//   as an equivalent two-unit softmax (softmax([0, z]) = [1 - sigmoid(z), sigmoid(z)]).
//   Loads with OpenCV DNN 4.6 and onnxruntime.
// - TF.js (a folder): model.json + weights.bin + metadata.json, a TensorFlow.js layers model in
//   the layout Teachable Machine exports and tf.loadLayersModel / @teachablemachine/image read
//   (Sequential[Sequential[MobileNetV2 functional model, GlobalAveragePooling2D],
//   Sequential[Dense...]], BatchNorm kept as Keras layers, Keras layer and weight names). Input
//   float32 [N, S, S, 3] (NHWC) scaled x / 127.5 - 1; the whole photo resized, where Teachable
//   Machine's library centre-crops (metadata.json and the README say so). TransferLab's own
//   TF.js importer reads it back (as a model, or as a backbone).
//
// Self-contained variants (ExportOptions::selfContained, TorchScript and ONNX): input uint8
// RGB images [N, H, W, 3] (NHWC); the graph converts and scales them, and the TorchScript
// one also resizes them with the app's resize definition (any H, W), so a consumer needs no
// preprocessing code. ONNX opset 10 cannot express that resize: its input is [N, S, S, 3],
// resized by the consumer as the JSON says.
//
// Only MobileNetV2 backbones are supported so far; other architectures throw ExportError.
enum class ExportFormat { TorchScript, Onnx, Tfjs };

// "torchscript" / "onnx" / "tfjs".
std::string toString(ExportFormat format);
// Case-insensitive inverse of toString(); throws std::invalid_argument for unknown names.
ExportFormat exportFormatFromString(const std::string& name);

struct ExportOptions {
    // uint8 RGB NHWC input with the preprocessing in the graph (TorchScript and ONNX only).
    bool selfContained = false;
};

struct ExportResult {
    std::filesystem::path model;     // the .pt / .onnx file, or the TF.js folder's model.json
    std::filesystem::path metadata;  // model path + ".json", or the TF.js folder's metadata.json
    std::filesystem::path readme;    // model path + ".README.md", or the folder's README.md
};

// Writes the export at `path` (a file for TorchScript and ONNX, a folder for TF.js; parent
// folders are created) with its JSON and README, each written atomically. Throws ExportError
// with a clear message (unsupported architecture or option, model not trained, destination
// not TransferLab's to replace, not writable); nothing is changed then.
ExportResult exportModel(const TrainedModel& model, ExportFormat format,
                         const std::filesystem::path& path, const ExportOptions& options = {});

}  // namespace tl
