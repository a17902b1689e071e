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

// Inserts an APP1 Exif segment holding only the Orientation tag right after SOI, byte by byte,
// as a camera would write it (big-endian TIFF header, one IFD entry).
std::vector<unsigned char> withExifOrientation(const std::vector<unsigned char>& jpeg,
                                               int orientation) {
    const std::vector<unsigned char> app1 = {0xFF, 0xE1,
                                             0x00, 34,  // APP1, length 34 (includes itself)
                                             'E',  'x',
                                             'i',  'f',
                                             0,    0,  // Exif identifier
                                             'M',  'M',
                                             0x00, 0x2A,
                                             0,    0,
                                             0,    8,     // TIFF header, IFD0 at offset 8
                                             0x00, 0x01,  // one entry
                                             0x01, 0x12,
                                             0x00, 0x03,
                                             0,    0,
                                             0,    1,  // Orientation, SHORT, count 1
                                             0x00, static_cast<unsigned char>(orientation),
                                             0,    0,  // value, padded
                                             0,    0,
                                             0,    0};  // no next IFD
    std::vector<unsigned char> out;
    out.reserve(jpeg.size() + app1.size());
    out.push_back(jpeg[0]);
    out.push_back(jpeg[1]);
    out.insert(out.end(), app1.begin(), app1.end());
    out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
    return out;
}

}  // namespace tl::test
