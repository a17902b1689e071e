// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>

namespace tl {

// What TransferLab accepts before it decodes a photo, so that no small file can make it
// allocate gigabytes (a 875 KB PNG can declare 30000x30000 pixels: 2.7 GB decoded) and no
// damaged photo is trained on unnoticed. Checked by ImageDecoder on every decode (training,
// prediction, the Test page), by the Open Images downloader before a photo enters a dataset,
// and by the GUI's thumbnails.
struct ImageLimits {
    static constexpr std::uint64_t kDefaultMaxPixels = 100'000'000;      // 100 megapixels
    static constexpr std::uint64_t kDefaultMaxFileBytes = 512ull << 20;  // 512 MB

    // Width x height as the file declares it, checked from the header before decoding.
    std::uint64_t maxPixels = kDefaultMaxPixels;
    // File size, checked before the file is read.
    std::uint64_t maxFileBytes = kDefaultMaxFileBytes;
    // JPEGs whose data is cut short or corrupt decode to partly grey pictures. By default they
    // are skipped and reported; true keeps what decodes (some users have only such copies).
    bool keepDamagedJpegs = false;

    // The process's limits: what every ImageDecoder built afterwards uses unless told
    // otherwise. Set once at start-up from the command line (--max-pixels, --max-file-mb) or
    // the desktop app's settings; thread-safe.
    static ImageLimits current();
    static void setCurrent(const ImageLimits& limits);

    // "30000x30000 pixels (900 megapixels) is over the limit of 100 megapixels"; empty when
    // within the limit. The reasons name the setting to change.
    std::string pixelProblem(std::uint64_t width, std::uint64_t height) const;
    std::string fileSizeProblem(std::uint64_t bytes) const;

    bool operator==(const ImageLimits& other) const {
        return maxPixels == other.maxPixels && maxFileBytes == other.maxFileBytes &&
               keepDamagedJpegs == other.keepDamagedJpegs;
    }
};

}  // namespace tl
