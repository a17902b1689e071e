// SPDX-License-Identifier: MIT
// The model-folder loader's validation of model.json (ModelManifest): whatever passes it must
// build a classifier head of bounded size whose outputs match the classes. The weight files'
// own format (LibTorch's archives) is LibTorch's to parse and not fuzzed here; ModuleArchive's
// checks on them are covered by TestHostileInputs.
#include "FuzzSupport.h"
#include "nn/ClassifierHead.h"
#include "support/Errors.h"
#include "training/ModelManifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    tl::ModelManifest manifest;
    try {
        manifest = tl::ModelManifest::parse(tl::fuzz::bytesOf(data, size), "fuzz/model.json");
        manifest.checkBackbone("mobilenet_v2", manifest.head.inputFeatures, "fuzz/model.json");
    } catch (const tl::Error&) {
        return 0;
    }
    const int outputs = manifest.head.isBinary() ? 2 : manifest.head.numClasses;
    if (outputs != static_cast<int>(manifest.classNames.size()) || manifest.inputSize < 32) {
        __builtin_trap();  // would index class names out of range when predicting
    }
    try {
        tl::ClassifierHead head(manifest.head);
        if (head.config().outputUnits() != (manifest.head.isBinary() ? 1 : outputs)) {
            __builtin_trap();
        }
        tl::fuzz::markParsed();
    } catch (const tl::Error&) {
        // Too large a head is refused by ClassifierHead itself.
    }
    return 0;
}
