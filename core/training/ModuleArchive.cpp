// SPDX-License-Identifier: MIT
#include "training/ModuleArchive.h"

#include <map>
#include <sstream>

#include "support/Errors.h"
#include "support/RegularFile.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

// LibTorch's zip archives add a few KB per tensor to the raw data.
constexpr std::uint64_t kOverheadBytes = 1 << 20;
constexpr std::uint64_t kOverheadPerTensor = 4096;

std::string shapeText(at::IntArrayRef sizes) {
    std::ostringstream text;
    text << "[";
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        text << (i ? ", " : "") << sizes[i];
    }
    text << "]";
    return text.str();
}

class ArchiveChecker {
public:
    explicit ArchiveChecker(const fs::path& file) : file_(file) {}

    [[noreturn]] void fail(const std::string& problem) const {
        throw ImportError("'" + file_.u8string() + "': " + problem, file_);
    }

    // Reads every entry of `archive` into `module`, checking it first.
    void load(torch::nn::Module& module, torch::serialize::InputArchive& archive,
              const std::string& prefix) {
        std::map<std::string, torch::Tensor> expected;
        for (const auto& item : module.named_parameters(/*recurse=*/false)) {
            expected.emplace(item.key(), item.value());
        }
        for (const auto& item : module.named_buffers(/*recurse=*/false)) {
            expected.emplace(item.key(), item.value());
        }
        std::map<std::string, std::shared_ptr<torch::nn::Module>> children;
        for (const auto& item : module.named_children()) {
            children.emplace(item.key(), item.value());
        }
        for (const std::string& key : archive.keys()) {
            if (!expected.count(key) && !children.count(key)) {
                fail("holds '" + prefix + key +
                     "', which the model does not have (model.json declares a different "
                     "architecture)");
            }
        }
        torch::NoGradGuard noGrad;
        for (auto& [key, target] : expected) {
            torch::Tensor stored;
            if (!archive.try_read(key, stored) || !stored.defined()) {
                fail("lacks '" + prefix + key + "' (model.json declares a different architecture)");
            }
            check(prefix + key, stored, target);
            target.copy_(stored);
        }
        for (auto& [key, child] : children) {
            torch::serialize::InputArchive childArchive;
            if (!archive.try_read(key, childArchive)) {
                fail("lacks '" + prefix + key + "' (model.json declares a different architecture)");
            }
            load(*child, childArchive, prefix + key + ".");
        }
    }

private:
    void check(const std::string& name, const torch::Tensor& stored,
               const torch::Tensor& target) const {
        if (stored.sizes() != target.sizes()) {
            fail("'" + name + "' has shape " + shapeText(stored.sizes()) +
                 " but model.json declares " + shapeText(target.sizes()));
        }
        if (stored.scalar_type() != target.scalar_type()) {
            fail("'" + name + "' is stored as " + std::string(c10::toString(stored.scalar_type())) +
                 ", expected " + c10::toString(target.scalar_type()));
        }
        if (stored.is_floating_point() && !torch::isfinite(stored).all().item<bool>()) {
            fail("'" + name + "' holds NaN or infinite values");
        }
    }

    fs::path file_;
};

}  // namespace

void ModuleArchive::load(torch::nn::Module& module, const fs::path& file) {
    std::uint64_t expectedBytes = kOverheadBytes;
    for (const auto& tensor : module.parameters()) {
        expectedBytes += tensor.numel() * tensor.element_size() + kOverheadPerTensor;
    }
    for (const auto& tensor : module.buffers()) {
        expectedBytes += tensor.numel() * tensor.element_size() + kOverheadPerTensor;
    }
    // Read by us (regular files only, size checked first), parsed by LibTorch from memory.
    RegularFile input(file);
    std::vector<unsigned char> bytes;
    if (input.isOpen() && input.size() > expectedBytes) {
        throw ImportError("'" + file.u8string() + "' is " + std::to_string(input.size()) +
                              " bytes, more than the " + std::to_string(expectedBytes) +
                              " the model that model.json declares can need",
                          file);
    }
    if (!input.readAll(&bytes, expectedBytes)) {
        throw ImportError("cannot read '" + file.u8string() + "': " + input.problem(), file);
    }
    ArchiveChecker checker(file);
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        checker.load(module, archive, "");
    } catch (const c10::Error& error) {
        throw ImportError("cannot read '" + file.u8string() + "': " + oneLineMessage(error), file);
    }
}

}  // namespace tl
