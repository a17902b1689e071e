// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <filesystem>
#include <list>
#include <unordered_map>
#include <vector>

#include "data/ImageDecoder.h"

namespace tl {

// Decoded model inputs of a fixed list of photos, read from disk when needed and kept up to a
// memory budget (least recently used out first): fine-tuning sees every photo every epoch, so
// small datasets are decoded once, and 100,000 photos still fit in constant memory.
// Decoding uses every core. Not thread-safe: one training loop uses it.
class DecodedImageCache {
public:
    DecodedImageCache(std::vector<std::filesystem::path> paths, cv::Size size,
                      int64_t budgetBytes = int64_t(256) << 20);

    // The photos `indices` (into the path list), decoding those not in memory. Throws
    // DecodeError when one can no longer be read (it decoded when the features were taken).
    std::vector<cv::Mat> get(const std::vector<int64_t>& indices);

    size_t size() const { return paths_.size(); }
    int64_t bytesInMemory() const { return bytes_; }
    int64_t decodes() const { return decodes_; }

private:
    struct Entry {
        cv::Mat image;
        std::list<int64_t>::iterator recent;
    };
    void insert(int64_t index, const cv::Mat& image);

    std::vector<std::filesystem::path> paths_;
    ImageDecoder decoder_;
    int64_t budget_;
    int64_t bytes_ = 0;
    int64_t decodes_ = 0;
    std::unordered_map<int64_t, Entry> entries_;
    std::list<int64_t> recent_;  // most recent first
};

}  // namespace tl
