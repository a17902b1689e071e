// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <opencv2/core.hpp>

#include <vector>

namespace tl::test {

// A noisy image dominated by one colour (RGB), written as JPEG: classes of such images are
// trivially separable, so training tests can demand 100% accuracy.
cv::Mat colouredNoise(cv::Scalar rgb, int size, int seed);
void writeJpeg(const QString& path, const cv::Mat& rgb);
// root/<class>/<i>.jpg for each (class, colour); returns root.
void writeColourDataset(const QString& root, int imagesPerClass, int size = 64);
// `jpeg` with an APP1 Exif segment holding only the Orientation tag inserted right after SOI,
// as a camera writes it (big-endian TIFF header, one IFD entry).
std::vector<unsigned char> withExifOrientation(const std::vector<unsigned char>& jpeg,
                                               int orientation);

}  // namespace tl::test
