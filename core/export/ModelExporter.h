// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <string>

#include "support/Errors.h"

namespace tl {

class TrainedModel;

// Formats a trained model can be exported to, for use outside TransferLab.
//
// Both exports hold backbone + classifier head, WITHOUT preprocessing and WITHOUT image
// decoding/resizing: the input is a float32 batch [N, 3, H, W] (NCHW, RGB channel order for
// MobileNet preprocessing) already resized to the model's input size and preprocessed the way
// the app does it (tl::toInputBatch: for "mobilenet" x / 127.5 - 1). The output is the class
// probabilities [N, C], in the order of the model's class names (both written to the JSON
// beside the export). BatchNorm layers are folded into the preceding convolutions (exact in
// eval mode, up to float rounding). The calibration temperature is baked into the output
// layer (weights and bias divided by it), so both exports give calibrated probabilities;
// test-time augmentation is not part of the export (the JSON says which views the model's
// predictions average).
//
// - TorchScript (.pt): a torch.jit ScriptModule (LibTorch 1.13) whose forward(x) returns the
//   probabilities; load with torch.jit.load (Python) or torch::jit::load (C++). Any input
//   size works (TensorFlow "same" padding is computed from the actual size).
// - ONNX (.onnx): opset 10, IR version 5 (ops: Pad, Conv, Clip, Add, GlobalAveragePool, Flatten,
//   Gemm, Relu, Softmax; Clip and Pad with attributes, as OpenCV 4.6 needs; the asymmetric
//   TensorFlow "same" padding is an explicit Pad node), input "input" [N, 3, S, S] with a
//   symbolic batch and the model's input size S,
//   output "probabilities" [N, C]. Two-class sigmoid heads are written as an equivalent
//   two-unit softmax (softmax([0, z]) = [1 - sigmoid(z), sigmoid(z)]). Loads with OpenCV DNN
//   4.6 and onnxruntime.
//
// Only MobileNetV2 backbones are supported so far; other architectures throw ExportError.
enum class ExportFormat { TorchScript, Onnx };

// "torchscript" / "onnx".
std::string toString(ExportFormat format);
// Case-insensitive inverse of toString(); throws std::invalid_argument for unknown names.
ExportFormat exportFormatFromString(const std::string& name);

struct ExportResult {
    std::filesystem::path model;     // the .pt / .onnx file
    std::filesystem::path metadata;  // the JSON beside it: model path + ".json"
};

// Writes `path` (the parent folder is created) and `path` + ".json" (class names, input size,
// preprocessing, backbone identity, format details). Throws ExportError with a clear message
// (unsupported architecture, model not trained, file not writable).
ExportResult exportModel(const TrainedModel& model, ExportFormat format,
                         const std::filesystem::path& path);

}  // namespace tl
