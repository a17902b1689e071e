// SPDX-License-Identifier: MIT
// ONNX export: the flattened graph written with the ONNX protobuf definitions (Debian:
// libonnx-dev). No LibTorch here, so this file compiles in seconds.
#include <onnx/onnx_pb.h>

#include <fstream>

#include "export/ModelExportGraph.h"
#include "export/ModelExporter.h"

namespace tl::exportgraph {

namespace {

// Opset 10 (IR version 5): the last opset where Clip (ReLU6) and Pad take attributes, which
// OpenCV 4.6's importer requires (it rejects opset-11+ Clip with min/max inputs). Softmax on a
// 2-D [N, C] input with axis 1 means the same in every opset.
constexpr int kOpset = 10;
constexpr int kIrVersion = 5;

void addFloatInitializer(onnx::GraphProto& graph, const std::string& name,
                         const std::vector<int64_t>& dims, const std::vector<float>& values) {
    onnx::TensorProto* tensor = graph.add_initializer();
    tensor->set_name(name);
    tensor->set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t dim : dims) {
        tensor->add_dims(dim);
    }
    tensor->set_raw_data(values.data(), values.size() * sizeof(float));
}

onnx::NodeProto* addNode(onnx::GraphProto& graph, const std::string& op, const std::string& name,
                         const std::vector<std::string>& inputs, const std::string& output) {
    onnx::NodeProto* node = graph.add_node();
    node->set_op_type(op);
    node->set_name(name);
    for (const auto& input : inputs) {
        node->add_input(input);
    }
    node->add_output(output);
    return node;
}

void setInts(onnx::NodeProto* node, const std::string& name, const std::vector<int64_t>& values) {
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::INTS);
    for (int64_t value : values) {
        attribute->add_ints(value);
    }
}

void setInt(onnx::NodeProto* node, const std::string& name, int64_t value) {
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::INT);
    attribute->set_i(value);
}

void setFloat(onnx::NodeProto* node, const std::string& name, float value) {
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::FLOAT);
    attribute->set_f(value);
}

void setShape(onnx::ValueInfoProto* value, const std::vector<int64_t>& dims,
              int elementType = onnx::TensorProto::FLOAT) {
    value->mutable_type()->mutable_tensor_type()->set_elem_type(elementType);
    auto* shape = value->mutable_type()->mutable_tensor_type()->mutable_shape();
    for (int64_t dim : dims) {
        if (dim < 0) {
            shape->add_dim()->set_dim_param("N");
        } else {
            shape->add_dim()->set_dim_value(dim);
        }
    }
}

// Self-contained input: uint8 RGB [N, S, S, 3] -> float -> NCHW -> x / divisor + offset, the
// same float32 operations as the app's preprocessing. Returns the name of the scaled tensor.
std::string addInputPreprocessing(onnx::GraphProto& graph, const InputSpec& input) {
    setInt(addNode(graph, "Cast", "input_to_float", {"image"}, "image_float"), "to",
           onnx::TensorProto::FLOAT);
    setInts(addNode(graph, "Transpose", "input_to_nchw", {"image_float"}, "image_nchw"), "perm",
            {0, 3, 1, 2});
    addFloatInitializer(graph, "input_divisor", {}, {input.divisor});
    addFloatInitializer(graph, "input_offset", {}, {input.offset});
    addNode(graph, "Div", "input_scale", {"image_nchw", "input_divisor"}, "image_scaled");
    addNode(graph, "Add", "input_shift", {"image_scaled", "input_offset"}, "input");
    return "input";
}

}  // namespace

void writeOnnx(const Graph& source, const std::filesystem::path& path) {
    onnx::ModelProto model;
    model.set_ir_version(kIrVersion);
    model.set_producer_name("TransferLab");
    model.set_producer_version(TRANSFERLAB_VERSION);
    model.set_doc_string(
        source.input.uint8Nhwc
            ? "Backbone + classifier head; input: uint8 RGB images [N,S,S,3] (NHWC, resized as "
              "the JSON beside this file says; scaling inside); output: class probabilities [N,C]."
            : "Backbone + classifier head; input: preprocessed float32 [N,3,H,W]; output: class "
              "probabilities [N,C]. See the JSON beside this file.");
    onnx::OperatorSetIdProto* opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOpset);

    onnx::GraphProto& graph = *model.mutable_graph();
    graph.set_name("transferlab_classifier");
    std::string current;
    if (source.input.uint8Nhwc) {
        setShape(graph.add_input(), {-1, source.inputSize, source.inputSize, 3},
                 onnx::TensorProto::UINT8);
        graph.mutable_input(0)->set_name("image");
        current = addInputPreprocessing(graph, source.input);
    } else {
        setShape(graph.add_input(), {-1, 3, source.inputSize, source.inputSize});
        graph.mutable_input(0)->set_name("input");
        current = "input";
    }
    std::string residual;
    int64_t height = source.inputSize;
    int64_t width = source.inputSize;
    for (const auto& step : source.steps) {
        const Conv& conv = step.conv;
        if (step.residualStart) {
            residual = current;
        }
        int64_t padding = conv.kernel / 2;
        if (conv.stride != 1) {
            // TensorFlow "same": asymmetric, so an explicit Pad (OpenCV rejects asymmetric
            // Conv pads). ONNX Pad order: all begins (N, C, H, W), then all ends.
            const auto [top, bottom] = samePadding(height, conv.kernel, conv.stride);
            const auto [left, right] = samePadding(width, conv.kernel, conv.stride);
            setInts(addNode(graph, "Pad", conv.name + "_pad", {current}, conv.name + "_padded"),
                    "pads", {0, 0, top, left, 0, 0, bottom, right});
            current = conv.name + "_padded";
            height += top + bottom;
            width += left + right;
            padding = 0;
        }
        addFloatInitializer(
            graph, conv.name + "_W",
            {conv.outChannels, conv.inChannels / conv.groups, conv.kernel, conv.kernel},
            conv.weight);
        addFloatInitializer(graph, conv.name + "_B", {conv.outChannels}, conv.bias);
        onnx::NodeProto* node = addNode(graph, "Conv", conv.name,
                                        {current, conv.name + "_W", conv.name + "_B"}, conv.name);
        setInts(node, "kernel_shape", {conv.kernel, conv.kernel});
        setInts(node, "strides", {conv.stride, conv.stride});
        setInts(node, "pads", {padding, padding, padding, padding});
        setInts(node, "dilations", {1, 1});
        setInt(node, "group", conv.groups);
        current = conv.name;
        height = (height + 2 * padding - conv.kernel) / conv.stride + 1;
        width = (width + 2 * padding - conv.kernel) / conv.stride + 1;
        if (conv.relu6) {
            onnx::NodeProto* clip =
                addNode(graph, "Clip", conv.name + "_relu6", {current}, conv.name + "_relu6");
            setFloat(clip, "min", 0.0f);
            setFloat(clip, "max", 6.0f);
            current = conv.name + "_relu6";
        }
        if (step.residualEnd) {
            addNode(graph, "Add", conv.name + "_add", {current, residual}, conv.name + "_add");
            current = conv.name + "_add";
        }
    }
    addNode(graph, "GlobalAveragePool", "global_average_pool", {current}, "pooled");
    setInt(addNode(graph, "Flatten", "flatten", {"pooled"}, "embedding"), "axis", 1);
    current = "embedding";
    for (size_t i = 0; i < source.dense.size(); ++i) {
        const Dense dense =
            i + 1 == source.dense.size() ? softmaxOutputLayer(source) : source.dense[i];
        addFloatInitializer(graph, dense.name + "_W", {dense.outFeatures, dense.inFeatures},
                            dense.weight);
        addFloatInitializer(graph, dense.name + "_B", {dense.outFeatures}, dense.bias);
        onnx::NodeProto* gemm = addNode(
            graph, "Gemm", dense.name, {current, dense.name + "_W", dense.name + "_B"}, dense.name);
        setInt(gemm, "transB", 1);
        current = dense.name;
        if (dense.relu) {
            addNode(graph, "Relu", dense.name + "_relu", {current}, dense.name + "_relu");
            current = dense.name + "_relu";
        }
    }
    setInt(addNode(graph, "Softmax", "probabilities", {current}, "probabilities"), "axis", 1);
    setShape(graph.add_output(), {-1, source.classes});
    graph.mutable_output(0)->set_name("probabilities");

    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out || !model.SerializeToOstream(&out) || !out.flush()) {
        throw ExportError("cannot write the ONNX model '" + path.u8string() + "'");
    }
}

}  // namespace tl::exportgraph
