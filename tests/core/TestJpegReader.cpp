// SPDX-License-Identifier: MIT
// JpegReader must give cv::imdecode's exact pixels (the documented preprocessing reproduces
// the app's input with cv2.imread) while noticing damage in the same pass.
#include <QDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "SyntheticImages.h"
#include "TestPaths.h"
#include "data/ExifOrientation.h"
#include "data/JpegIntegrity.h"
#include "data/JpegReader.h"

using namespace tl;
using tl::test::withExifOrientation;

namespace {

using Bytes = std::vector<unsigned char>;
constexpr std::uint64_t kNoLimit = ~std::uint64_t(0);

cv::Mat noise(int width, int height, int seed) {
    cv::Mat bgr(height, width, CV_8UC3);
    cv::randu(bgr, cv::Scalar::all(0), cv::Scalar::all(255));
    cv::GaussianBlur(bgr, bgr, cv::Size(5, 5), 1.5);  // photo-like: not pure noise
    cv::rectangle(bgr, cv::Rect(seed % 20, 3, width / 3, height / 4), cv::Scalar(20, 200, 90),
                  cv::FILLED);  // asymmetric, so any wrong flip shows
    return bgr;
}

Bytes encode(const cv::Mat& image, const std::vector<int>& params = {}) {
    Bytes bytes;
    cv::imencode(".jpg", image, bytes, params);
    return bytes;
}

int opencvFlags(int reduction) {
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

cv::Mat opencvRgb(const Bytes& bytes, int reduction) {
    cv::Mat bgr = cv::imdecode(bytes, opencvFlags(reduction));
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    return rgb;
}

// Pixel-exact equality, with the first difference in the failure message.
bool identical(const cv::Mat& a, const cv::Mat& b, std::string* why) {
    if (a.size() != b.size() || a.type() != b.type()) {
        *why = "size " + std::to_string(a.cols) + "x" + std::to_string(a.rows) + " vs " +
               std::to_string(b.cols) + "x" + std::to_string(b.rows);
        return false;
    }
    const double diff = cv::norm(a, b, cv::NORM_INF);
    *why = "largest difference " + std::to_string(diff);
    return diff == 0;
}

Bytes readFile(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

// An APP1 EXIF payload ("Exif\0\0" + TIFF) holding the given IFD0 entries (tag, value).
Bytes exifPayload(bool littleEndian, const std::vector<std::pair<int, int>>& entries,
                  std::uint32_t ifdOffset = 8) {
    Bytes out = {'E', 'x', 'i', 'f', 0, 0};
    auto put16 = [&](int v) {
        if (littleEndian) {
            out.push_back(v & 0xFF);
            out.push_back((v >> 8) & 0xFF);
        } else {
            out.push_back((v >> 8) & 0xFF);
            out.push_back(v & 0xFF);
        }
    };
    auto put32 = [&](std::uint32_t v) {
        if (littleEndian) {
            put16(int(v & 0xFFFF));
            put16(int(v >> 16));
        } else {
            put16(int(v >> 16));
            put16(int(v & 0xFFFF));
        }
    };
    out.push_back(littleEndian ? 'I' : 'M');
    out.push_back(littleEndian ? 'I' : 'M');
    put16(0x2A);
    put32(ifdOffset);
    put16(int(entries.size()));
    for (const auto& [tag, value] : entries) {
        put16(tag);
        put16(3);  // SHORT
        put32(1);
        put16(value);
        put16(0);
    }
    put32(0);
    return out;
}

}  // namespace

class TestJpegReader : public QObject {
    Q_OBJECT
private slots:
    void equalsOpenCvForEveryOrientationAndReduction() {
        const Bytes plain = encode(noise(203, 131, 1));
        for (int orientation = 1; orientation <= 8; ++orientation) {
            const Bytes bytes = withExifOrientation(plain, orientation);
            for (const int reduction : {1, 2, 4, 8}) {
                const JpegReadResult ours =
                    JpegReader::decodeRgb(bytes.data(), bytes.size(), reduction, kNoLimit);
                QVERIFY(ours.handled);
                QVERIFY2(ours.damage.empty(), ours.damage.c_str());
                std::string why;
                QVERIFY2(identical(ours.rgb, opencvRgb(bytes, reduction), &why),
                         qPrintable(QString("orientation %1, 1/%2: %3")
                                        .arg(orientation)
                                        .arg(reduction)
                                        .arg(why.c_str())));
            }
        }
    }

    void equalsOpenCvForGrayscaleProgressiveAndUnsubsampled() {
        cv::Mat gray;
        cv::cvtColor(noise(97, 64, 2), gray, cv::COLOR_BGR2GRAY);
        const std::vector<std::pair<const char*, Bytes>> cases = {
            {"grayscale", encode(gray)},
            {"progressive", encode(noise(150, 100, 3), {cv::IMWRITE_JPEG_PROGRESSIVE, 1})},
            // Different luma and chroma qualities make OpenCV's encoder drop subsampling.
            {"4:4:4", encode(noise(150, 100, 4), {cv::IMWRITE_JPEG_LUMA_QUALITY, 90,
                                                  cv::IMWRITE_JPEG_CHROMA_QUALITY, 70})},
            {"restart markers", encode(noise(150, 100, 5), {cv::IMWRITE_JPEG_RST_INTERVAL, 2})},
        };
        for (const auto& [name, bytes] : cases) {
            for (const int reduction : {1, 2}) {
                const JpegReadResult ours =
                    JpegReader::decodeRgb(bytes.data(), bytes.size(), reduction, kNoLimit);
                QVERIFY2(ours.handled && ours.damage.empty(), name);
                std::string why;
                QVERIFY2(identical(ours.rgb, opencvRgb(bytes, reduction), &why),
                         qPrintable(QString("%1: %2").arg(name, why.c_str())));
            }
        }
    }

    void equalsOpenCvOnSharedPhotos() {
        // Real camera JPEGs, including the two grayscale ones, every 7th photo of each class.
        int compared = 0;
        for (const char* label : {"alpaca", "not_alpaca"}) {
            const QDir dir(tl::test::alpacaDatasetDir() + "/" + label);
            const QStringList names = dir.entryList({"*.jpg", "*.jpeg"}, QDir::Files, QDir::Name);
            for (int i = 0; i < names.size(); i += 7) {
                const Bytes bytes = readFile(dir.filePath(names[i]));
                const JpegReadResult ours =
                    JpegReader::decodeRgb(bytes.data(), bytes.size(), 1, kNoLimit);
                QVERIFY2(ours.handled && ours.damage.empty(), qPrintable(names[i]));
                std::string why;
                QVERIFY2(identical(ours.rgb, opencvRgb(bytes, 1), &why),
                         qPrintable(names[i] + ": " + why.c_str()));
                ++compared;
            }
        }
        if (compared == 0) {
            QSKIP("the shared alpaca photos are not beside the checkout");
        }
        QVERIFY(compared >= 40);
    }

    void damageIsNoticedInTheSamePass() {
        const Bytes whole = encode(noise(160, 120, 6));
        const Bytes cut(whole.begin(), whole.begin() + long(whole.size() * 2 / 3));
        const JpegReadResult truncated = JpegReader::decodeRgb(cut.data(), cut.size(), 1, kNoLimit);
        QVERIFY(truncated.handled);
        QVERIFY2(truncated.damage.find("Premature end") != std::string::npos,
                 truncated.damage.c_str());
        QCOMPARE(truncated.rgb.size(), cv::Size(160, 120));  // libjpeg fills the rest with grey
        // The same reason as the separate integrity check gives.
        QCOMPARE(truncated.damage, JpegIntegrity::problem(cut.data(), cut.size()));

        Bytes garbage = whole;
        for (std::size_t i = whole.size() / 2; i < whole.size() / 2 + 40; ++i) {
            garbage[i] = 0xFF;  // markers in the middle of the entropy-coded data
        }
        garbage[whole.size() / 2 + 40] = 0xD3;
        const JpegReadResult damaged =
            JpegReader::decodeRgb(garbage.data(), garbage.size(), 1, kNoLimit);
        QVERIFY(!damaged.damage.empty());
    }

    void framesOverThePixelLimitAreRefusedBeforeDecoding() {
        const Bytes bytes = encode(noise(120, 80, 7));
        const JpegReadResult refused = JpegReader::decodeRgb(bytes.data(), bytes.size(), 1, 9599);
        QVERIFY(refused.rgb.empty());
        QVERIFY2(refused.damage.find("9600 pixels") != std::string::npos, refused.damage.c_str());
        QCOMPARE(JpegReader::decodeRgb(bytes.data(), bytes.size(), 1, 9600).rgb.size(),
                 cv::Size(120, 80));
    }

    void unreadableDataGivesNoPixelsAndAReason() {
        const Bytes soiOnly = {0xFF, 0xD8, 0xFF, 0xD9};
        const JpegReadResult result =
            JpegReader::decodeRgb(soiOnly.data(), soiOnly.size(), 1, kNoLimit);
        QVERIFY(result.rgb.empty());
        QVERIFY(!result.damage.empty());
        const JpegReadResult none = JpegReader::decodeRgb(soiOnly.data(), 0, 1, kNoLimit);
        QVERIFY(none.rgb.empty());
        QVERIFY(!none.damage.empty());
    }

    void orientationTagIsReadInBothByteOrders() {
        for (const bool little : {true, false}) {
            const Bytes exif = exifPayload(little, {{0x010F, 7}, {0x0112, 6}});
            QCOMPARE(ExifOrientation::fromApp1(exif.data(), exif.size()), 6);
        }
    }

    void malformedExifMeansNoOrientation() {
        const Bytes good = exifPayload(false, {{0x0112, 8}});
        QCOMPARE(ExifOrientation::fromApp1(good.data(), good.size()), 8);
        // Every cut of the block: never a read past its end (ASan watches), never a wrong tag.
        for (std::size_t size = 0; size + 6 < good.size(); ++size) {
            const int orientation = ExifOrientation::fromApp1(good.data(), size);
            QVERIFY(orientation == ExifOrientation::kNone);
        }
        const Bytes farAway = exifPayload(true, {{0x0112, 3}}, 0xFFFFFFF0u);
        QCOMPARE(ExifOrientation::fromApp1(farAway.data(), farAway.size()), ExifOrientation::kNone);
        Bytes notTiff = good;
        notTiff[9] = 0x2B;  // the TIFF magic number
        QCOMPARE(ExifOrientation::fromApp1(notTiff.data(), notTiff.size()), ExifOrientation::kNone);
        QCOMPARE(ExifOrientation::fromApp1(nullptr, 100), ExifOrientation::kNone);
    }
};

QTEST_GUILESS_MAIN(TestJpegReader)
#include "TestJpegReader.moc"
