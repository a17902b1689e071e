// SPDX-License-Identifier: MIT
#include "training/DecodedImageCache.h"

#include <QtConcurrent/QtConcurrentMap>

#include <exception>
#include <stdexcept>

namespace tl {

DecodedImageCache::DecodedImageCache(std::vector<std::filesystem::path> paths, cv::Size size,
                                     int64_t budgetBytes)
    : paths_(std::move(paths)), decoder_(size), budget_(std::max<int64_t>(0, budgetBytes)) {}

std::vector<cv::Mat> DecodedImageCache::get(const std::vector<int64_t>& indices) {
    std::vector<cv::Mat> images(indices.size());
    std::vector<size_t> missing;
    for (size_t k = 0; k < indices.size(); ++k) {
        const int64_t index = indices[k];
        if (index < 0 || index >= static_cast<int64_t>(paths_.size())) {
            throw std::out_of_range("DecodedImageCache: no photo " + std::to_string(index));
        }
        const auto found = entries_.find(index);
        if (found == entries_.end()) {
            missing.push_back(k);
            continue;
        }
        images[k] = found->second.image;
        recent_.splice(recent_.begin(), recent_, found->second.recent);
    }
    // QtConcurrent would turn an exception into QUnhandledException: keep the first instead.
    std::vector<std::exception_ptr> errors(indices.size());
    QtConcurrent::blockingMap(missing, [&](size_t k) {
        try {
            images[k] = decoder_.decode(paths_[static_cast<size_t>(indices[k])]);
        } catch (...) {
            errors[k] = std::current_exception();
        }
    });
    for (const auto& error : errors) {
        if (error) {
            std::rethrow_exception(error);
        }
    }
    decodes_ += static_cast<int64_t>(missing.size());
    for (size_t k : missing) {
        insert(indices[k], images[k]);
    }
    return images;
}

void DecodedImageCache::insert(int64_t index, const cv::Mat& image) {
    const int64_t bytes = static_cast<int64_t>(image.total() * image.elemSize());
    if (bytes > budget_ || entries_.count(index)) {
        return;
    }
    while (bytes_ + bytes > budget_ && !recent_.empty()) {
        const auto oldest = entries_.find(recent_.back());
        bytes_ -=
            static_cast<int64_t>(oldest->second.image.total() * oldest->second.image.elemSize());
        entries_.erase(oldest);
        recent_.pop_back();
    }
    recent_.push_front(index);
    entries_[index] = {image, recent_.begin()};
    bytes_ += bytes;
}

}  // namespace tl
