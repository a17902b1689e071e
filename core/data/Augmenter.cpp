// SPDX-License-Identifier: MIT
#include "data/Augmenter.h"

#include <opencv2/imgproc.hpp>

#include <random>

namespace tl {

namespace {

double uniform(std::mt19937_64& rng, double limit) {
    if (limit <= 0) {
        return 0.0;
    }
    return std::uniform_real_distribution<double>(-limit, limit)(rng);
}

// Rotation, zoom and translation as one affine map about the image centre, so the image
// is resampled once (as Keras's stacked preprocessing layers would, up to interpolation).
cv::Mat geometricTransform(const AugmentationSettings& settings, std::mt19937_64& rng,
                           cv::Size size, bool* changed) {
    const double angleDegrees = uniform(rng, settings.rotation) * 360.0;
    const double scale = 1.0 + uniform(rng, settings.zoom);
    const double dx = uniform(rng, settings.translation) * size.width;
    const double dy = uniform(rng, settings.translation) * size.height;
    cv::Mat transform = cv::getRotationMatrix2D(cv::Point2f(size.width / 2.0f, size.height / 2.0f),
                                                angleDegrees, scale);
    transform.at<double>(0, 2) += dx;
    transform.at<double>(1, 2) += dy;
    *changed = angleDegrees != 0 || scale != 1.0 || dx != 0 || dy != 0;
    return transform;
}

// The fixed test-time views: the mirror, or the centre crop (the middle 7/8 of each side,
// scaled back to the input size) and its mirror.
cv::Mat fixedView(const cv::Mat& rgb, AugmentationSettings::FixedViews fixed, int view) {
    cv::Mat image = rgb.clone();
    bool mirror = true;
    if (fixed == AugmentationSettings::FixedViews::Crops) {
        const double scale = 8.0 / 7.0;
        const cv::Mat zoom =
            cv::getRotationMatrix2D(cv::Point2f(image.cols / 2.0f, image.rows / 2.0f), 0.0, scale);
        cv::warpAffine(image, image, zoom, image.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT);
        mirror = view % 2 == 1;
    }
    if (mirror) {
        cv::flip(image, image, 1);
    }
    return image;
}

}  // namespace

cv::Mat Augmenter::augment(const cv::Mat& rgb, uint64_t seed, int view) const {
    if (settings_.enabled && settings_.fixedViews != AugmentationSettings::FixedViews::None) {
        return fixedView(rgb, settings_.fixedViews, view);
    }
    if (view == 0 || !settings_.enabled) {
        return rgb.clone();
    }
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(view));
    cv::Mat image = rgb.clone();
    if (settings_.horizontalFlip && std::bernoulli_distribution(0.5)(rng)) {
        cv::flip(image, image, 1);
    }
    bool moved = false;
    const cv::Mat transform = geometricTransform(settings_, rng, image.size(), &moved);
    if (moved) {
        // Keras's preprocessing layers fill with fill_mode="reflect" by default.
        cv::warpAffine(image, image, transform, image.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT);
    }
    const double contrast = 1.0 + uniform(rng, settings_.contrast);
    const double brightness = uniform(rng, settings_.brightness) * 255.0;
    if (contrast != 1.0 || brightness != 0.0) {
        // Keras RandomContrast: (x - per-channel mean) * factor + mean.
        const cv::Scalar mean = cv::mean(image);
        cv::Mat floating;
        image.convertTo(floating, CV_32FC3);
        floating = (floating - mean) * contrast + mean + cv::Scalar::all(brightness);
        floating.convertTo(image, CV_8UC3);  // saturates to [0, 255]
    }
    return image;
}

}  // namespace tl
