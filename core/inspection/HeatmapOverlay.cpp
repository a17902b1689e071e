// SPDX-License-Identifier: MIT
#include "inspection/HeatmapOverlay.h"

#include <QSaveFile>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "support/Errors.h"
#include "support/Paths.h"

namespace tl {

namespace {

// A PNG tEXt chunk: keyword, NUL, text.
const std::string kKeyword = "Software";
const std::string kMarkerText = "TransferLab Grad-CAM overlay";
constexpr std::size_t kPngSignature = 8;
constexpr std::size_t kHeaderChunk = 25;  // IHDR: length, type, 13 bytes, CRC

uint32_t crc32(const unsigned char* data, std::size_t size) {
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t n = 0; n < 256; ++n) {
            uint32_t c = n;
            for (int k = 0; k < 8; ++k) {
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            t[n] = c;
        }
        return t;
    }();
    uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < size; ++i) {
        c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

void writeBigEndian(unsigned char* out, uint32_t value) {
    for (int i = 0; i < 4; ++i) {
        out[i] = static_cast<unsigned char>(value >> (24 - 8 * i));
    }
}

// length, "tEXt", keyword NUL text, CRC of type and data.
std::vector<unsigned char> markerChunk() {
    const std::string body = "tEXt" + kKeyword + '\0' + kMarkerText;
    std::vector<unsigned char> chunk(body.size() + 8);
    writeBigEndian(chunk.data(), static_cast<uint32_t>(body.size() - 4));
    std::memcpy(chunk.data() + 4, body.data(), body.size());
    writeBigEndian(chunk.data() + 4 + body.size(),
                   crc32(reinterpret_cast<const unsigned char*>(body.data()), body.size()));
    return chunk;
}

}  // namespace

cv::Mat HeatmapOverlay::render(const cv::Mat& rgb, const Heatmap& heatmap, double opacity) {
    cv::Mat photo = rgb;
    const int longSide = std::max(rgb.cols, rgb.rows);
    if (longSide > kMaxSide) {
        const double scale = double(kMaxSide) / longSide;
        cv::resize(rgb, photo,
                   cv::Size(std::max(1, int(rgb.cols * scale)), std::max(1, int(rgb.rows * scale))),
                   0, 0, cv::INTER_AREA);
    }
    const cv::Mat grid(heatmap.height, heatmap.width, CV_32F,
                       const_cast<float*>(heatmap.values.data()));
    cv::Mat heat;
    cv::resize(grid, heat, photo.size(), 0, 0, cv::INTER_LINEAR);
    cv::Mat heat8;
    heat.convertTo(heat8, CV_8U, 255.0);
    cv::Mat colourBgr, colour;
    cv::applyColorMap(heat8, colourBgr, cv::COLORMAP_JET);
    cv::cvtColor(colourBgr, colour, cv::COLOR_BGR2RGB);
    cv::Mat out;
    cv::addWeighted(photo, 1.0 - opacity, colour, opacity, 0.0, out);
    return out;
}

void HeatmapOverlay::writePng(const std::filesystem::path& file, const cv::Mat& rgb) {
    std::error_code ec;
    if (std::filesystem::exists(file, ec) && !isOwnOverlay(file)) {
        throw Error(ErrorKind::UnsafeDestination,
                    "'" + file.u8string() +
                        "' exists and is not a heat-map TransferLab wrote: not replaced",
                    file);
    }
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    std::vector<unsigned char> png;
    if (!cv::imencode(".png", bgr, png) || png.size() < kPngSignature + kHeaderChunk) {
        throw Error(ErrorKind::Internal, "cannot encode the heat-map of '" + file.u8string() + "'");
    }
    const std::vector<unsigned char> marker = markerChunk();
    png.insert(png.begin() + kPngSignature + kHeaderChunk, marker.begin(), marker.end());
    QSaveFile out(toQString(file));
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(reinterpret_cast<const char*>(png.data()), static_cast<qint64>(png.size())) !=
            static_cast<qint64>(png.size()) ||
        !out.commit()) {
        throw Error(ErrorKind::FileSystem,
                    "cannot write '" + file.u8string() + "': " + out.errorString().toStdString(),
                    file);
    }
}

bool HeatmapOverlay::isOwnOverlay(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::vector<unsigned char> head(kPngSignature + kHeaderChunk + 64, 0);
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    const std::vector<unsigned char> marker = markerChunk();
    const std::size_t at = kPngSignature + kHeaderChunk;
    static const unsigned char signature[kPngSignature] = {0x89, 'P',  'N',  'G',
                                                           '\r', '\n', 0x1A, '\n'};
    return got >= at + marker.size() && std::memcmp(head.data(), signature, kPngSignature) == 0 &&
           std::equal(marker.begin(), marker.end(), head.begin() + at);
}

}  // namespace tl
