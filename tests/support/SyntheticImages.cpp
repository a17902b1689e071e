// SPDX-License-Identifier: MIT
#include "SyntheticImages.h"

#include <QDir>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace tl::test {

cv::Mat colouredNoise(cv::Scalar rgb, int size, int seed) {
    cv::Mat image(size, size, CV_8UC3, rgb);
    cv::Mat noise(size, size, CV_8UC3);
    cv::theRNG().state = static_cast<uint64_t>(seed) * 7919 + 17;
    cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(60));
    image = image + noise;
    cv::circle(image, {size / 2 + seed % 7, size / 2}, size / 6 + seed % 5, rgb * 0.5, -1);
    return image;
}

void writeJpeg(const QString& path, const cv::Mat& rgb) {
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    cv::imwrite(path.toStdString(), bgr);
}

void writeColourDataset(const QString& root, int imagesPerClass, int size) {
    const std::pair<const char*, cv::Scalar> classes[] = {{"blue", {20, 40, 200}},
                                                          {"red", {200, 30, 30}}};
    int seed = 0;
    for (const auto& [name, colour] : classes) {
        QDir(root).mkpath(name);
        for (int i = 0; i < imagesPerClass; ++i) {
            writeJpeg(QString("%1/%2/%3.jpg").arg(root, name).arg(i, 3, 10, QChar('0')),
                      colouredNoise(colour, size, seed++));
        }
    }
}

}  // namespace tl::test
