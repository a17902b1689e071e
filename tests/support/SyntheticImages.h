// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <opencv2/core.hpp>

namespace tl::test {

// A noisy image dominated by one colour (RGB), written as JPEG: classes of such images are
// trivially separable, so training tests can demand 100% accuracy.
cv::Mat colouredNoise(cv::Scalar rgb, int size, int seed);
void writeJpeg(const QString& path, const cv::Mat& rgb);
// root/<class>/<i>.jpg for each (class, colour); returns root.
void writeColourDataset(const QString& root, int imagesPerClass, int size = 64);

}  // namespace tl::test
