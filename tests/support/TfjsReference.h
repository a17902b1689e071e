// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "support/TorchInclude.h"

namespace tl::test {

// Runs a TF.js layers model in TensorFlow.js itself (node + @tensorflow/tfjs, installed by
// the `tfjs` CTest fixture) so importer tests compare against the reference implementation.
class TfjsReference {
public:
    struct Outputs {
        torch::Tensor embedding;  // output of the model's first layer (base + pooling)
        torch::Tensor output;     // the whole model's output
    };

    // False (with the reason) when node or the installed package is missing.
    static bool isAvailable(QString* whyNot);
    // input: preprocessed images [N,3,S,S]. Throws std::runtime_error on failure.
    static Outputs run(const QString& modelJson, const torch::Tensor& input);
};

}  // namespace tl::test
