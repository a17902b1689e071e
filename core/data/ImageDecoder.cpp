// SPDX-License-Identifier: MIT
#include "data/ImageDecoder.h"

#include "data/JpegIntegrity.h"
#include "data/JpegReader.h"
#include "support/Errors.h"
#include "support/RegularFile.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace tl {
namespace {

int readBigEndian16(const unsigned char* p) {
    return (p[0] << 8) | p[1];
}

// SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but not
// the meaning.
bool isStartOfFrame(unsigned char marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Markers that stand alone, without a length field: TEM, RST0..7, SOI.
bool isStandaloneMarker(unsigned char marker) {
    return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8);
}

int imreadFlagsFor(int reduction) {
    switch (reduction) {
        case 2:
            return cv::IMREAD_REDUCED_COLOR_2;
        case 4:
            return cv::IMREAD_REDUCED_COLOR_4;
        case 8:
            return cv::IMREAD_REDUCED_COLOR_8;
        default:
            return cv::IMREAD_COLOR;
    }
}

const char* formatName(ImageFormat format) {
    switch (format) {
        case ImageFormat::Jpeg:
            return "JPEG";
        case ImageFormat::Png:
            return "PNG";
        case ImageFormat::Bmp:
            return "BMP";
        case ImageFormat::WebP:
            return "WebP";
    }
    return "image";
}

// cv::imdecode (unlike imread) takes bytes we read ourselves, which is what makes non-ASCII
// paths portable. In OpenCV 4.6 it applies the EXIF orientation for IMREAD_COLOR and the
// IMREAD_REDUCED_COLOR_* flags alike (checked by TestImageDecoder).
cv::Mat decodeToBgr(const std::vector<unsigned char>& bytes, int flags,
                    const std::filesystem::path& path) {
    cv::Mat bgr;
    try {
        bgr = cv::imdecode(bytes, flags);
    } catch (const cv::Exception& e) {
        throw DecodeError(path, "not an image or corrupt (" + e.msg + ")");
    }
    if (bgr.empty()) {
        throw DecodeError(path, "not an image or corrupt");
    }
    return bgr;
}

cv::Mat bgrToRgb(const cv::Mat& bgr) {
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    return rgb;
}

// The header checks of checkHeader() without the JPEG data check, which JPEG decodes make in
// the same pass as the pixels.
ImageHeader checkHeaderOnly(const std::vector<unsigned char>& bytes,
                            const std::filesystem::path& path, const ImageLimits& limits) {
    // Only formats the dataset accepts reach OpenCV: its rarer decoders (PXM, HDR, ...) are
    // not worth exposing to arbitrary files.
    const auto format = ImageDecoder::detectFormat(bytes.data(), bytes.size());
    if (!format) {
        throw DecodeError(path, "not an image or corrupt (no JPEG, PNG, BMP or WebP header)");
    }
    const auto header = ImageHeader::read(bytes.data(), bytes.size());
    if (!header) {
        throw DecodeError(
            path, std::string("corrupt ") + formatName(*format) + " header (no valid image size)");
    }
    if (const std::string problem = limits.pixelProblem(header->width, header->height);
        !problem.empty()) {
        throw DecodeError(path, problem);
    }
    if (header->animated) {
        throw DecodeError(path, "animated images are not supported");
    }
    return *header;
}

void requireWholeJpegData(const std::vector<unsigned char>& bytes,
                          const std::filesystem::path& path, const ImageLimits& limits) {
    if (limits.keepDamagedJpegs) {
        return;
    }
    if (const std::string damage = JpegIntegrity::problem(bytes.data(), bytes.size());
        !damage.empty()) {
        throw DecodeError(path, "damaged JPEG data (" + damage + ")");
    }
}

// A JPEG checked and decoded in one pass (JpegReader); the rare JPEGs it leaves to OpenCV are
// checked by JpegIntegrity first.
cv::Mat decodeJpegToRgb(const std::vector<unsigned char>& bytes, int reduction,
                        const std::filesystem::path& path, const ImageLimits& limits) {
    const JpegReadResult jpeg =
        JpegReader::decodeRgb(bytes.data(), bytes.size(), reduction, limits.maxPixels);
    if (!jpeg.handled) {
        requireWholeJpegData(bytes, path, limits);
        return bgrToRgb(decodeToBgr(bytes, imreadFlagsFor(reduction), path));
    }
    if (!jpeg.damage.empty() && !limits.keepDamagedJpegs) {
        throw DecodeError(path, "damaged JPEG data (" + jpeg.damage + ")");
    }
    if (jpeg.rgb.empty()) {
        throw DecodeError(path, "not an image or corrupt (" + jpeg.damage + ")");
    }
    return jpeg.rgb;
}

// Upright RGB at 1/reduction scale (JPEG only; other formats ignore it).
cv::Mat decodeToRgb(const std::vector<unsigned char>& bytes, ImageFormat format, int reduction,
                    const std::filesystem::path& path, const ImageLimits& limits) {
    if (format == ImageFormat::Jpeg) {
        return decodeJpegToRgb(bytes, reduction, path, limits);
    }
    return bgrToRgb(decodeToBgr(bytes, cv::IMREAD_COLOR, path));
}

}  // namespace

int ImageDecoder::resizeInterpolation(cv::Size from, cv::Size to) {
    return from.width >= to.width && from.height >= to.height ? cv::INTER_AREA : cv::INTER_LINEAR;
}

ImageDecoder::ImageDecoder(cv::Size targetSize, DecodeOptions options)
    : targetSize_(targetSize), options_(options) {
    if (targetSize.width <= 0 || targetSize.height <= 0) {
        throw std::invalid_argument("ImageDecoder: target size must be positive");
    }
}

cv::Mat ImageDecoder::decode(const std::filesystem::path& path, DecodeInfo* info) const {
    return decode(readFileBytes(path, options_.limits), path, info);
}

cv::Mat ImageDecoder::decode(const std::vector<unsigned char>& bytes,
                             const std::filesystem::path& path, DecodeInfo* info) const {
    if (bytes.empty()) {
        throw DecodeError(path, "empty file");
    }
    DecodeInfo local;
    local.format = checkHeaderOnly(bytes, path, options_.limits).format;
    if (local.format == ImageFormat::Jpeg) {
        if (const auto header = readJpegHeader(bytes.data(), bytes.size())) {
            local.storedWidth = header->width;
            local.storedHeight = header->height;
            if (options_.fastJpegScaling) {
                local.reduction = chooseReduction(header->width, header->height, targetSize_);
            }
        }
    }
    const cv::Mat rgb = decodeToRgb(bytes, *local.format, local.reduction, path, options_.limits);
    local.decodedWidth = rgb.cols;
    local.decodedHeight = rgb.rows;

    // The one resize definition (see the header).
    cv::Mat resized = rgb;
    if (rgb.size() != targetSize_) {
        cv::resize(rgb, resized, targetSize_, 0, 0, resizeInterpolation(rgb.size(), targetSize_));
    }
    if (info) {
        *info = local;
    }
    return resized;
}

cv::Mat ImageDecoder::decodeFull(const std::filesystem::path& path, const ImageLimits& limits) {
    const std::vector<unsigned char> bytes = readFileBytes(path, limits);
    const ImageFormat format = checkHeaderOnly(bytes, path, limits).format;
    return decodeToRgb(bytes, format, 1, path, limits);
}

ImageHeader ImageDecoder::verify(const std::filesystem::path& path, const ImageLimits& limits) {
    const std::vector<unsigned char> bytes = readFileBytes(path, limits);
    const ImageHeader header = checkHeader(bytes, path, limits);
    // JPEG data was checked whole; the decode at 1/8 scale catches what OpenCV cannot read
    // (colour spaces, precisions). Other formats are only checked by decoding them.
    decodeToBgr(bytes,
                header.format == ImageFormat::Jpeg ? cv::IMREAD_REDUCED_COLOR_8 : cv::IMREAD_COLOR,
                path);
    return header;
}

std::vector<unsigned char> ImageDecoder::readFileBytes(const std::filesystem::path& path,
                                                       const ImageLimits& limits) {
    RegularFile file(path);
    if (!file.isOpen()) {
        throw DecodeError(path, file.problem());
    }
    if (file.size() == 0) {
        throw DecodeError(path, "empty file");
    }
    if (const std::string problem = limits.fileSizeProblem(file.size()); !problem.empty()) {
        throw DecodeError(path, problem);
    }
    std::vector<unsigned char> bytes;
    if (!file.readAll(&bytes, limits.maxFileBytes)) {
        throw DecodeError(path, file.problem());
    }
    if (bytes.empty()) {
        throw DecodeError(path, "empty file");
    }
    return bytes;
}

ImageHeader ImageDecoder::checkHeader(const std::vector<unsigned char>& bytes,
                                      const std::filesystem::path& path,
                                      const ImageLimits& limits) {
    const ImageHeader header = checkHeaderOnly(bytes, path, limits);
    if (header.format == ImageFormat::Jpeg) {
        requireWholeJpegData(bytes, path, limits);
    }
    return header;
}

std::optional<ImageFormat> ImageDecoder::detectFormat(const unsigned char* data, std::size_t size) {
    static const unsigned char kPng[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
        return ImageFormat::Jpeg;
    }
    if (size >= sizeof(kPng) && std::memcmp(data, kPng, sizeof(kPng)) == 0) {
        return ImageFormat::Png;
    }
    if (size >= 2 && data[0] == 'B' && data[1] == 'M') {
        return ImageFormat::Bmp;
    }
    if (size >= 12 && std::memcmp(data, "RIFF", 4) == 0 && std::memcmp(data + 8, "WEBP", 4) == 0) {
        return ImageFormat::WebP;
    }
    return std::nullopt;
}

std::optional<JpegHeader> ImageDecoder::readJpegHeader(const unsigned char* data,
                                                       std::size_t size) {
    if (size < 4 || data[0] != 0xFF || data[1] != 0xD8) {
        return std::nullopt;
    }
    std::size_t pos = 2;
    while (pos < size) {
        // Like libjpeg, skip stray bytes before a marker, then any 0xFF fill bytes.
        while (pos < size && data[pos] != 0xFF) {
            ++pos;
        }
        while (pos < size && data[pos] == 0xFF) {
            ++pos;
        }
        if (pos >= size) {
            return std::nullopt;
        }
        const unsigned char marker = data[pos++];
        if (isStandaloneMarker(marker)) {
            continue;
        }
        // Image data (SOS) or the end (EOI) before any frame header: not a usable JPEG.
        if (marker == 0xDA || marker == 0xD9 || pos + 2 > size) {
            return std::nullopt;
        }
        const int length = readBigEndian16(data + pos);  // includes its own two bytes
        if (length < 2) {
            return std::nullopt;
        }
        if (isStartOfFrame(marker)) {
            // length(2) precision(1) height(2) width(2) components(1)
            if (length < 8 || pos + 8 > size) {
                return std::nullopt;
            }
            JpegHeader header;
            header.height = readBigEndian16(data + pos + 3);
            header.width = readBigEndian16(data + pos + 5);
            header.components = data[pos + 7];
            // A zero height means "defined later by a DNL marker": too rare to chase.
            if (header.width == 0 || header.height == 0) {
                return std::nullopt;
            }
            return header;
        }
        pos += static_cast<std::size_t>(length);
    }
    return std::nullopt;
}

int ImageDecoder::chooseReduction(int storedWidth, int storedHeight, cv::Size targetSize) {
    if (storedWidth <= 0 || storedHeight <= 0 || targetSize.width <= 0 || targetSize.height <= 0) {
        return 1;
    }
    // Comparing the shorter stored side with the longer target side makes the rule hold for
    // both orientations, so the EXIF tag (applied after decoding) need not be parsed here.
    // The 2x margin leaves the final bilinear step a real downscale, which keeps the result
    // within a few gray levels of a full decode.
    const int shortSide = std::min(storedWidth, storedHeight);
    const int needed = 2 * std::max(targetSize.width, targetSize.height);
    for (const int reduction : {8, 4, 2}) {
        // libjpeg rounds the scaled size up.
        if ((shortSide + reduction - 1) / reduction >= needed) {
            return reduction;
        }
    }
    return 1;
}

}  // namespace tl
