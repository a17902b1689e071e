// SPDX-License-Identifier: MIT
#include "SharedPhotoFeatures.h"

#include <QTest>

#include "TestPaths.h"
#include "data/ImageFolderDataset.h"
#include "training/FeatureExtractor.h"

namespace tl::test {

namespace fs = std::filesystem;

int64_t SharedPhotoFeatures::rowOf(const std::string& relativePath) const {
    for (size_t i = 0; i < paths.size(); ++i) {
        const std::string generic = paths[i].generic_u8string();
        if (generic.size() >= relativePath.size() &&
            generic.compare(generic.size() - relativePath.size(), relativePath.size(),
                            relativePath) == 0) {
            return static_cast<int64_t>(i);
        }
    }
    return -1;
}

QString testFeatureCacheDir() {
    return QStringLiteral(TRANSFERLAB_TEST_FEATURE_CACHE);
}

SharedPhotoFeatures loadSharedPhotoFeatures() {
    SharedPhotoFeatures out;
    const auto dataset = ImageFolderDataset::scan(fs::u8path(alpacaDatasetDir().toStdString()));
    out.classNames = dataset.classNames();
    out.backbone = loadBackbone(teachableMachineModelJson().toStdString(), 160);
    FeatureExtractor extractor(out.backbone, {}, 42,
                               FeatureCache(fs::u8path(testFeatureCacheDir().toStdString())));
    std::vector<fs::path> paths;
    for (const auto& image : dataset.images()) {
        paths.push_back(image.path);
    }
    const auto extracted = extractor.extract(paths, 1, false, {}, [] {});
    if (!extracted.skipped.empty()) {
        qFatal("a shared photo could not be read: %s", extracted.skipped.front().reason.c_str());
    }
    for (size_t index : extracted.kept) {
        out.paths.push_back(paths[index]);
        out.labels.push_back(dataset.images()[index].label);
    }
    out.features = extracted.features.select(1, 0).contiguous();
    return out;
}

void linkOrCopy(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_hard_link(from, to, ec);
    if (ec) {
        fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    }
}

}  // namespace tl::test
