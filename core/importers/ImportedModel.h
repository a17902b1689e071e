// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "nn/Backbone.h"
#include "nn/ClassifierHead.h"

namespace tl {

// What a model file gave us: always a backbone with weights, and the classifier on top
// of it when the file holds a whole trained model (Teachable Machine, model.save()).
struct ImportedModel {
    std::shared_ptr<Backbone> backbone;
    std::shared_ptr<ClassifierHead> head;  // null when the file has no classifier
    std::vector<std::string> labels;       // class names, where the file names them
    std::string format;                    // "tfjs-layers", "keras-h5", ...
};

}  // namespace tl
