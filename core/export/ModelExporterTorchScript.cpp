// SPDX-License-Identifier: MIT
// TorchScript export: a torch::jit::Module with the folded weights as parameters and generated
// TorchScript methods.
#include "support/TorchInclude.h"
#pragma push_macro("slots")
#undef slots
#include <torch/script.h>
#pragma pop_macro("slots")

#include <sstream>

#include "export/ModelExportGraph.h"
#include "export/ModelExporter.h"

namespace tl::exportgraph {

namespace {

torch::Tensor toTensor(const std::vector<float>& values, std::vector<int64_t> shape) {
    return torch::from_blob(const_cast<float*>(values.data()), shape, torch::kFloat).clone();
}

// TensorFlow "same" padding for stride-2 convolutions, from the actual input size.
const char* kPadSame = R"(
def pad_same(self, x: Tensor, kernel: int, stride: int) -> Tensor:
    h = x.size(2)
    w = x.size(3)
    ph = max(kernel - (stride if h % stride == 0 else h % stride), 0)
    pw = max(kernel - (stride if w % stride == 0 else w % stride), 0)
    return torch.constant_pad_nd(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2], 0.0)
)";

// The self-contained input: data/ImageDecoder's resize definition applied to uint8 RGB
// [N, H, W, 3] the way OpenCV 4 computes it for 8-bit images, so that the result matches the
// app's to the bit (tests/core/TestExportAgreement):
// - INTER_AREA when shrinking in both directions: whole-number factors average each block
//   (rounded half up for 2 x 2, as OpenCV's vector code does; else sum * (1 / area) in float,
//   rounded half to even); other factors weight partial pixels by their overlap, in float.
// - INTER_LINEAR otherwise: half-pixel centres, weights in 1/2048ths, columns clamped at the
//   edges with their weight, rows clamped by index only; the rows are combined as OpenCV's
//   vectorised code does (each row >> 4, times its weight >> 16, then + 2 >> 2), which
//   differs from exact rounding by one level at some pixels.
// Each pass is separable: a table of source indices and weights per output row or column.
const char* kResize = R"(
def area_table(self, src: int, dst: int) -> Tuple[Tensor, Tensor]:
    # An output pixel averages the source span it covers; partial pixels by their overlap
    # (OpenCV drops slivers of 1e-3 or less).
    scale = 1.0 / (float(dst) / float(src))
    taps = int(scale) + 2
    start = torch.arange(dst).double() * scale
    end = torch.clamp(start + scale, max=float(src))
    cell = torch.clamp(float(src) - start, max=scale)
    index = torch.floor(start).long().unsqueeze(1) + torch.arange(taps).unsqueeze(0)
    left = torch.maximum(index.double(), start.unsqueeze(1))
    right = torch.minimum(index.double() + 1.0, end.unsqueeze(1))
    overlap = torch.clamp(right - left, min=0.0)
    overlap = torch.where(overlap > 1e-3, overlap, torch.zeros_like(overlap))
    return torch.clamp(index, 0, src - 1), (overlap / cell.unsqueeze(1)).float()

def linear_table(self, src: int, dst: int, clamp_weights: bool) -> Tuple[Tensor, Tensor]:
    scale = 1.0 / (float(dst) / float(src))
    position = ((torch.arange(dst).double() + 0.5) * scale - 0.5).float()
    first = torch.floor(position)
    fraction = position - first
    first = first.long()
    if clamp_weights:
        low = first < 0
        fraction = torch.where(low, torch.zeros_like(fraction), fraction)
        first = torch.where(low, torch.zeros_like(first), first)
        high = first >= src - 1
        fraction = torch.where(high, torch.zeros_like(fraction), fraction)
        first = torch.where(high, torch.full_like(first, src - 1), first)
    index = torch.clamp(torch.stack([first, first + 1], 1), 0, src - 1)
    weight = torch.stack([torch.round((1.0 - fraction) * 2048.0), torch.round(fraction * 2048.0)], 1)
    return index, weight.long()

def resize_area(self, x: Tensor, size: int) -> Tensor:
    n = x.size(0)
    c = x.size(1)
    h = x.size(2)
    w = x.size(3)
    if h % size == 0 and w % size == 0:
        ky = h // size
        kx = w // size
        block = x.reshape([n, c, size, ky, size, kx]).sum([3, 5])
        if ky == 2 and kx == 2:
            return torch.div(block + 2.0, 4.0, rounding_mode='floor')
        return torch.round(block * (1.0 / float(ky * kx)))
    rows, row_weight = self.area_table(h, size)
    taps = rows.size(1)
    x = x.index_select(2, rows.reshape(-1)).reshape([n, c, size, taps, w])
    x = (x * row_weight.reshape([1, 1, size, taps, 1])).sum(3)
    columns, column_weight = self.area_table(w, size)
    taps = columns.size(1)
    x = x.index_select(3, columns.reshape(-1)).reshape([n, c, size, size, taps])
    return torch.round((x * column_weight.reshape([1, 1, 1, size, taps])).sum(4))

def resize_linear(self, x: Tensor, size: int) -> Tensor:
    pixels = x.long()
    columns, column_weight = self.linear_table(x.size(3), size, True)
    horizontal = (pixels.index_select(3, columns[:, 0]) * column_weight[:, 0] +
                  pixels.index_select(3, columns[:, 1]) * column_weight[:, 1])
    rows, row_weight = self.linear_table(x.size(2), size, False)
    top = torch.div(horizontal.index_select(2, rows[:, 0]), 16, rounding_mode='floor')
    bottom = torch.div(horizontal.index_select(2, rows[:, 1]), 16, rounding_mode='floor')
    top = torch.div(top * row_weight[:, 0].reshape([1, 1, size, 1]), 65536, rounding_mode='floor')
    bottom = torch.div(bottom * row_weight[:, 1].reshape([1, 1, size, 1]), 65536, rounding_mode='floor')
    return torch.div(top + bottom + 2, 4, rounding_mode='floor').float()

def resize(self, x: Tensor, size: int) -> Tensor:
    if x.size(2) >= size and x.size(3) >= size:
        x = self.resize_area(x, size)
    else:
        x = self.resize_linear(x, size)
    return torch.clamp(x, 0.0, 255.0)
)";

// forward(): the classifier on preprocessed input, or the whole way from uint8 photos.
std::string forwardSource(const Graph& graph) {
    std::ostringstream source;
    if (!graph.input.uint8Nhwc) {
        source << "\ndef forward(self, x: Tensor) -> Tensor:\n"
                  "    return self.classify(x)\n";
        return source.str();
    }
    source.precision(9);
    source
        << kResize
        << "\ndef forward(self, image: Tensor) -> Tensor:\n"
           "    assert image.dim() == 4 and image.size(3) == 3 and not image.is_floating_point(), "
           "'expected uint8 RGB images [N, H, W, 3]'\n"
           "    x = image.permute(0, 3, 1, 2).float()\n"
           "    size = "
        << graph.inputSize
        << "\n"
           "    if x.size(2) != size or x.size(3) != size:\n"
           "        x = self.resize(x, size)\n"
           "    x = x / "
        << graph.input.divisor << " + (" << graph.input.offset
        << ")\n"
           "    return self.classify(x.contiguous())\n";
    return source.str();
}

}  // namespace

void writeTorchScript(const Graph& graph, const std::filesystem::path& path) {
    torch::jit::Module module("TransferLabClassifier");
    std::ostringstream source;
    source << kPadSame
           << "\ndef classify(self, x: Tensor) -> Tensor:\n"
              "    residual = x\n";
    for (const auto& step : graph.steps) {
        const auto& conv = step.conv;
        module.register_parameter(
            conv.name + "_weight",
            toTensor(conv.weight,
                     {conv.outChannels, conv.inChannels / conv.groups, conv.kernel, conv.kernel}),
            false);
        module.register_parameter(conv.name + "_bias", toTensor(conv.bias, {conv.outChannels}),
                                  false);
        if (step.residualStart) {
            source << "    residual = x\n";
        }
        const int64_t padding = conv.stride == 1 ? conv.kernel / 2 : 0;
        const std::string input = conv.stride == 1
                                      ? "x"
                                      : "self.pad_same(x, " + std::to_string(conv.kernel) + ", " +
                                            std::to_string(conv.stride) + ")";
        source << "    x = torch.conv2d(" << input << ", self." << conv.name << "_weight, self."
               << conv.name << "_bias, [" << conv.stride << ", " << conv.stride << "], [" << padding
               << ", " << padding << "], [1, 1], " << conv.groups << ")\n";
        if (conv.relu6) {
            source << "    x = torch.clamp(x, 0.0, 6.0)\n";
        }
        if (step.residualEnd) {
            source << "    x = x + residual\n";
        }
    }
    source << "    x = x.mean([2, 3])\n";
    for (const auto& dense : graph.dense) {
        module.register_parameter(dense.name + "_weight",
                                  toTensor(dense.weight, {dense.outFeatures, dense.inFeatures}),
                                  false);
        module.register_parameter(dense.name + "_bias", toTensor(dense.bias, {dense.outFeatures}),
                                  false);
        source << "    x = torch.addmm(self." << dense.name << "_bias, x, self." << dense.name
               << "_weight.t())\n";
        if (dense.relu) {
            source << "    x = torch.relu(x)\n";
        }
    }
    if (graph.sigmoidBinary) {
        source << "    p = torch.sigmoid(x.reshape([-1, 1]))\n"
                  "    return torch.cat([1 - p, p], 1)\n";
    } else {
        source << "    return torch.softmax(x, 1)\n";
    }
    source << forwardSource(graph);
    try {
        module.define(source.str());
        module.eval();
        module.save(path.string());
    } catch (const c10::Error& error) {
        throw ExportError("cannot write the TorchScript model '" + path.u8string() +
                          "': " + error.what_without_backtrace());
    }
}

}  // namespace tl::exportgraph
