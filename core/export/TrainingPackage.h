// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <filesystem>

#include "backbones/BackboneLoader.h"
#include "data/ImageFolderDataset.h"
#include "training/TrainingSettings.h"

namespace tl {

// The hand-over to a distributed engine (transferlab-cli export-job): a self-contained PyTorch
// package that trains what TransferLab trains, with torchrun and DistributedDataParallel on
// as many GPUs or machines as the user has. It holds the dataset manifest with TransferLab's
// split (manifest.csv), the recipe (recipe.json: classes, preprocessing, backbone identity,
// head, optimiser and settings), the frozen backbone as TorchScript with BatchNorm folded
// (backbone.pt, nn/BackboneScript.h) and the training script (train_ddp.py, compiled in from
// resources/training-package/, with its README.md). See that README and bench/README.md.
class TrainingPackage {
public:
    static constexpr const char* kFormatTag = "transferlab-training-package";

    struct Summary {
        std::filesystem::path folder;
        size_t trainImages = 0;
        size_t validationImages = 0;
    };

    // Throws InvalidInput for settings the package does not implement (augmented views,
    // fine-tuning of the backbone) and UnsupportedFormat for backbones it cannot script
    // (MobileNetV2 only, like the exports).
    static void checkSupported(const TrainingSettings& settings, const Backbone& backbone);

    // Writes the package into `folder`: a new folder (created atomically: written beside it,
    // then renamed), an empty one, or an earlier package, whose five files are replaced one by
    // one (each atomically; anything else in it, such as a run's output, is kept). Refuses any
    // other folder, and folders inside or around the dataset, before writing anything.
    static Summary write(const ImageFolderDataset& dataset, const TrainingSettings& settings,
                         const LoadedBackbone& backbone, const std::filesystem::path& folder);

    // The files a package consists of.
    static const std::vector<std::string>& fileNames();
};

}  // namespace tl
