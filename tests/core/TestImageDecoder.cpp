// SPDX-License-Identifier: MIT
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "SyntheticImages.h"
#include "TestPaths.h"
#include "data/ImageDecoder.h"
#include "support/Errors.h"

using namespace tl;
namespace fs = std::filesystem;
using tl::test::withExifOrientation;

namespace {

// How far the fast path may stray from full decode + resize (the Keras way), in 8-bit levels.
// They differ by construction: libjpeg's scaled IDCT averages each 2x2 (4x4, ...) block,
// while INTER_LINEAR without antialiasing samples 2x2 source pixels per output pixel and so
// aliases fine texture. Measured on the 327 shared photos (1024 px -> 160, 1/2 scale):
//  - raw mean |fast - full|: 3.95 on average, 13.5 for the most textured photo. The Keras
//    path itself is 6.5 levels (up to 19) away from an antialiased INTER_AREA resize, and
//    the fast path is the closer of the two to that reference in 310 of 327 photos; for
//    scale, re-encoding as JPEG q90 alone moves pixels by 1.5.
//  - after a 1-pixel Gaussian blur, which removes the aliased band: at most 3.9. The two
//    are the same picture; only the finest texture differs.
// Hence: below 4 on a synthetic image, below 5 on average over sampled photos, and below 5
// per photo once blurred. A real regression (wrong scale, shift, channel swap) costs tens.
constexpr double kMaxMeanAbsDiff = 4.0;
constexpr double kMaxPhotoAverageAbsDiff = 5.0;
constexpr double kMaxBlurredAbsDiff = 5.0;

fs::path fsPath(const QString& path) {
    return fs::path(path.toStdU16String());
}

std::vector<unsigned char> encode(const cv::Mat& image, const std::string& extension,
                                  const std::vector<int>& params = {}) {
    std::vector<unsigned char> bytes;
    if (!cv::imencode(extension, image, bytes, params)) {
        throw std::runtime_error("cannot encode " + extension);
    }
    return bytes;
}

void writeBytes(const fs::path& path, const std::vector<unsigned char>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
}

// Stand-in for a photo: smooth gradients, hard-edged shapes and fine blurred noise
// (fur/grass-like texture), the mix where scaled decoding and plain resizing differ most.
cv::Mat naturalImage(cv::Size size) {
    cv::Mat image(size, CV_8UC3);
    for (int y = 0; y < size.height; ++y) {
        for (int x = 0; x < size.width; ++x) {
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(
                static_cast<uchar>(255 * x / size.width), static_cast<uchar>(255 * y / size.height),
                static_cast<uchar>(128 + 100 * std::sin(x * 0.01)));
        }
    }
    cv::RNG rng(7);
    for (int i = 0; i < 40; ++i) {
        const cv::Point center(rng.uniform(0, size.width), rng.uniform(0, size.height));
        const cv::Scalar color(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256));
        if (i % 2 == 0) {
            cv::circle(image, center, rng.uniform(20, 200), color, cv::FILLED, cv::LINE_AA);
        } else {
            cv::rectangle(image,
                          cv::Rect(center, cv::Size(rng.uniform(20, 300), rng.uniform(20, 300))),
                          color, cv::FILLED);
        }
    }
    cv::Mat noise(size, CV_8UC3);
    rng.fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(20));
    cv::GaussianBlur(noise, noise, cv::Size(0, 0), 1.0);
    cv::Mat textured;
    cv::add(image, noise, textured);
    return textured;
}

double meanAbsDiff(const cv::Mat& a, const cv::Mat& b) {
    return cv::norm(a, b, cv::NORM_L1) / static_cast<double>(a.total() * a.channels());
}

cv::Mat blurred(const cv::Mat& image) {
    cv::Mat result;
    cv::GaussianBlur(image, result, cv::Size(0, 0), 1.0);
    return result;
}

// The first `perClass` photos of each class, in name order: a fixed, varied sample.
std::vector<fs::path> sharedPhotos(std::size_t perClass) {
    std::vector<fs::path> photos;
    for (const char* folder : {"alpaca", "not_alpaca"}) {
        std::vector<fs::path> inClass;
        for (const auto& entry :
             fs::directory_iterator(fsPath(tl::test::alpacaDatasetDir()) / folder)) {
            inClass.push_back(entry.path());
        }
        std::sort(inClass.begin(), inClass.end());
        inClass.resize(std::min(perClass, inClass.size()));
        photos.insert(photos.end(), inClass.begin(), inClass.end());
    }
    return photos;
}

cv::Vec3b rgbAt(const cv::Mat& image, int x, int y) {
    return image.at<cv::Vec3b>(y, x);
}

}  // namespace

class TestImageDecoder : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    fs::path file(const std::string& name) const { return fsPath(dir_.path()) / fs::u8path(name); }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void decodesToTargetSizeAsRgb() {
        cv::Mat bgr(48, 64, CV_8UC3, cv::Scalar(0, 0, 255));  // red in OpenCV's BGR
        bgr.colRange(32, 64).setTo(cv::Scalar(255, 0, 0));    // blue
        writeBytes(file("halves.png"), encode(bgr, ".png"));
        const cv::Mat rgb = ImageDecoder({32, 24}).decode(file("halves.png"));
        QCOMPARE(rgb.type(), CV_8UC3);
        QCOMPARE(rgb.cols, 32);
        QCOMPARE(rgb.rows, 24);
        QCOMPARE(rgbAt(rgb, 2, 2), cv::Vec3b(255, 0, 0));
        QCOMPARE(rgbAt(rgb, 29, 20), cv::Vec3b(0, 0, 255));
    }

    void grayscaleJpegHasThreeEqualChannels() {
        cv::Mat gray(60, 80, CV_8UC1);
        for (int y = 0; y < gray.rows; ++y) {
            gray.row(y).setTo(y * 4);
        }
        writeBytes(file("gray.jpg"), encode(gray, ".jpg"));
        const cv::Mat rgb = ImageDecoder({40, 30}).decode(file("gray.jpg"));
        QCOMPARE(rgb.type(), CV_8UC3);
        std::vector<cv::Mat> channels;
        cv::split(rgb, channels);
        QCOMPARE(cv::countNonZero(channels[0] != channels[1]), 0);
        QCOMPARE(cv::countNonZero(channels[1] != channels[2]), 0);
        QVERIFY(rgbAt(rgb, 10, 29)[0] > rgbAt(rgb, 10, 0)[0] + 150);
    }

    void pngAlphaIsDropped() {
        cv::Mat bgra(16, 16, CV_8UC4, cv::Scalar(10, 20, 30, 0));
        for (int y = 0; y < 16; ++y) {
            for (int x = 0; x < 16; ++x) {
                bgra.at<cv::Vec4b>(y, x)[3] = static_cast<uchar>(y * 16 + x);
            }
        }
        writeBytes(file("alpha.png"), encode(bgra, ".png"));
        const cv::Mat rgb = ImageDecoder::decodeFull(file("alpha.png"));
        QCOMPARE(rgb.type(), CV_8UC3);
        QCOMPARE(rgb.size(), cv::Size(16, 16));
        // Neither premultiplied nor blended onto a background, even where alpha is 0.
        QCOMPARE(rgbAt(rgb, 0, 0), cv::Vec3b(30, 20, 10));
        QCOMPARE(rgbAt(rgb, 15, 15), cv::Vec3b(30, 20, 10));
    }

    void sixteenBitPngBecomesEightBit() {
        // 257 * v is v in both bytes, so truncating and rounding conversions agree on v.
        cv::Mat color(8, 8, CV_16UC3, cv::Scalar(257 * 10, 257 * 100, 257 * 200));
        writeBytes(file("deep.png"), encode(color, ".png"));
        const cv::Mat rgb = ImageDecoder::decodeFull(file("deep.png"));
        QCOMPARE(rgb.type(), CV_8UC3);
        QCOMPARE(rgbAt(rgb, 3, 3), cv::Vec3b(200, 100, 10));

        cv::Mat gray(8, 8, CV_16UC1, cv::Scalar(257 * 77));
        writeBytes(file("deep-gray.png"), encode(gray, ".png"));
        QCOMPARE(rgbAt(ImageDecoder({4, 4}).decode(file("deep-gray.png")), 1, 1),
                 cv::Vec3b(77, 77, 77));
    }

    void otherFormatsDecode() {
        cv::Mat bgr(20, 30, CV_8UC3, cv::Scalar(0, 255, 0));
        bgr.colRange(0, 10).setTo(cv::Scalar(0, 0, 255));
        for (const std::string extension : {".bmp", ".webp"}) {
            const fs::path path = file("formats" + extension);
            writeBytes(path, encode(bgr, extension, {cv::IMWRITE_WEBP_QUALITY, 101}));
            DecodeInfo info;
            const cv::Mat rgb = ImageDecoder({30, 20}).decode(path, &info);
            QCOMPARE(rgbAt(rgb, 2, 10), cv::Vec3b(255, 0, 0));
            QCOMPARE(rgbAt(rgb, 25, 10), cv::Vec3b(0, 255, 0));
            QCOMPARE(info.reduction, 1);
        }
    }

    // Orientation 6 means "rotate 90 degrees clockwise to display": the red top-left corner
    // of the stored picture must end up top-right, and width and height swap.
    void exifOrientationIsApplied() {
        cv::Mat bgr(40, 80, CV_8UC3, cv::Scalar(255, 0, 0));
        bgr(cv::Rect(0, 0, 20, 20)).setTo(cv::Scalar(0, 0, 255));
        writeBytes(file("rotated.jpg"), withExifOrientation(encode(bgr, ".jpg"), 6));
        const cv::Mat rgb = ImageDecoder::decodeFull(file("rotated.jpg"));
        QCOMPARE(rgb.size(), cv::Size(40, 80));
        QVERIFY(rgbAt(rgb, 35, 5)[0] > 200);  // red, top-right
        QVERIFY(rgbAt(rgb, 5, 5)[2] > 200);   // blue, top-left
        QVERIFY(rgbAt(rgb, 35, 75)[2] > 200);

        writeBytes(file("upside-down.jpg"), withExifOrientation(encode(bgr, ".jpg"), 3));
        const cv::Mat flipped = ImageDecoder::decodeFull(file("upside-down.jpg"));
        QCOMPARE(flipped.size(), cv::Size(80, 40));
        QVERIFY(rgbAt(flipped, 75, 35)[0] > 200);  // red, bottom-right
    }

    // The reduced-scale decode must rotate too (OpenCV applies EXIF after its scaled decode).
    void exifOrientationIsAppliedOnTheFastPath() {
        cv::Mat bgr(800, 1600, CV_8UC3, cv::Scalar(255, 0, 0));
        bgr(cv::Rect(0, 0, 400, 400)).setTo(cv::Scalar(0, 0, 255));
        writeBytes(file("rotated-big.jpg"), withExifOrientation(encode(bgr, ".jpg"), 6));
        DecodeInfo info;
        const cv::Mat rgb = ImageDecoder({100, 100}, {true}).decode(file("rotated-big.jpg"), &info);
        QCOMPARE(info.reduction, 4);
        QCOMPARE(info.storedWidth, 1600);
        QCOMPARE(info.storedHeight, 800);
        QCOMPARE(info.decodedWidth, 200);
        QCOMPARE(info.decodedHeight, 400);
        QCOMPARE(rgb.size(), cv::Size(100, 100));
        QVERIFY(rgbAt(rgb, 90, 5)[0] > 200);  // red, top-right
        QVERIFY(rgbAt(rgb, 10, 5)[2] > 200);
    }

    void badFilesThrowDecodeErrorWithPath() {
        const auto expectError = [](const fs::path& path, const QString& reason) {
            try {
                ImageDecoder({16, 16}).decode(path);
                QFAIL("no DecodeError");
            } catch (const DecodeError& e) {
                const QString what = QString::fromUtf8(e.what());
                QVERIFY2(what.contains(QString::fromStdString(path.filename().u8string())),
                         qPrintable(what));
                QVERIFY2(QString::fromStdString(e.reason()).contains(reason), qPrintable(what));
                QCOMPARE(e.path(), path);
            }
        };
        writeBytes(file("text.jpg"), {'h', 'e', 'l', 'l', 'o'});
        expectError(file("text.jpg"), "not an image or corrupt");
        // A JPEG signature followed by garbage: the header check finds no image size.
        writeBytes(file("garbage.jpg"), {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02, 0x12, 0x34, 0x56});
        expectError(file("garbage.jpg"), "corrupt JPEG header");
        writeBytes(file("empty.png"), {});
        expectError(file("empty.png"), "empty file");
        expectError(file("missing.jpg"), "cannot open");
        QVERIFY(QDir(dir_.path()).mkdir("folder.jpg"));
        expectError(file("folder.jpg"), "folder");
        QVERIFY_THROWS_EXCEPTION(DecodeError, ImageDecoder::decodeFull(file("text.jpg")));
    }

    void nonAsciiPath() {
        const fs::path path = file("ñandú 画像 é.jpg");
        writeBytes(path, encode(cv::Mat(20, 20, CV_8UC3, cv::Scalar(0, 0, 255)), ".jpg"));
        const cv::Mat rgb = ImageDecoder({10, 10}).decode(path);
        QVERIFY(rgbAt(rgb, 5, 5)[0] > 240);
    }

    void invalidTargetSizeIsRejected() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ImageDecoder({0, 10}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ImageDecoder({10, -1}));
    }

    void detectFormatBySignature() {
        const cv::Mat image(4, 4, CV_8UC3, cv::Scalar::all(9));
        const auto formatOf = [](const std::vector<unsigned char>& bytes) {
            return ImageDecoder::detectFormat(bytes.data(), bytes.size());
        };
        QCOMPARE(formatOf(encode(image, ".jpg")), std::optional(ImageFormat::Jpeg));
        QCOMPARE(formatOf(encode(image, ".png")), std::optional(ImageFormat::Png));
        QCOMPARE(formatOf(encode(image, ".bmp")), std::optional(ImageFormat::Bmp));
        QCOMPARE(formatOf(encode(image, ".webp")), std::optional(ImageFormat::WebP));
        QVERIFY(!formatOf(encode(image, ".tiff")));
        QVERIFY(!formatOf({'G', 'I', 'F', '8', '9', 'a'}));
        QVERIFY(!formatOf({0xFF, 0xD8}));
        QVERIFY(!formatOf({}));
    }

    void readJpegHeaderReadsFrameSize() {
        const cv::Mat color(123, 321, CV_8UC3, cv::Scalar::all(50));
        const cv::Mat gray(77, 55, CV_8UC1, cv::Scalar::all(50));
        for (const bool progressive : {false, true}) {
            const auto colorJpeg =
                encode(color, ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, progressive});
            const auto header = ImageDecoder::readJpegHeader(colorJpeg.data(), colorJpeg.size());
            QVERIFY(header);
            QCOMPARE(header->width, 321);
            QCOMPARE(header->height, 123);
            QCOMPARE(header->components, 3);
        }
        const auto grayJpeg = withExifOrientation(encode(gray, ".jpg"), 6);
        const auto header = ImageDecoder::readJpegHeader(grayJpeg.data(), grayJpeg.size());
        QVERIFY(header);
        QCOMPARE(header->width, 55);  // the stored size: EXIF rotation is not applied here
        QCOMPARE(header->height, 77);
        QCOMPARE(header->components, 1);
    }

    void readJpegHeaderSurvivesGarbage() {
        const auto jpeg = encode(cv::Mat(30, 40, CV_8UC3, cv::Scalar::all(1)), ".jpg");
        // Every truncation either finds the right size or gives up; none reads out of bounds
        // (run under ASan to make that last part strict).
        for (std::size_t length = 0; length <= jpeg.size(); ++length) {
            const std::vector<unsigned char> prefix(jpeg.begin(), jpeg.begin() + length);
            const auto header = ImageDecoder::readJpegHeader(prefix.data(), prefix.size());
            QVERIFY(!header || (header->width == 40 && header->height == 30));
        }
        std::mt19937 random(1234);
        std::uniform_int_distribution<int> byte(0, 255);
        for (int round = 0; round < 2000; ++round) {
            std::vector<unsigned char> noise(static_cast<std::size_t>(round % 64));
            for (auto& b : noise) {
                b = static_cast<unsigned char>(round % 3 == 0 ? 0xFF : byte(random));
            }
            noise.insert(noise.begin(), {0xFF, 0xD8});
            ImageDecoder::readJpegHeader(noise.data(), noise.size());
        }
        const std::vector<unsigned char> badLength = {0xFF, 0xD8, 0xFF, 0xE0,
                                                      0x00, 0x01, 0xFF, 0xC0};
        QVERIFY(!ImageDecoder::readJpegHeader(badLength.data(), badLength.size()));
        const std::vector<unsigned char> zeroHeight = {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 8, 0x00,
                                                       0x00, 0x01, 0x00, 3,    0,    0,    0};
        QVERIFY(!ImageDecoder::readJpegHeader(zeroHeight.data(), zeroHeight.size()));
        // Fill bytes and stray bytes before a marker are tolerated, as libjpeg does.
        const std::vector<unsigned char> padded = {0xFF, 0xD8, 0x00, 0xFF, 0xFF, 0xC2, 0x00, 0x0B,
                                                   8,    0x01, 0x00, 0x02, 0x00, 3,    0,    0};
        const auto header = ImageDecoder::readJpegHeader(padded.data(), padded.size());
        QVERIFY(header);
        QCOMPARE(header->width, 512);
        QCOMPARE(header->height, 256);
    }

    void chooseReduction_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("targetWidth");
        QTest::addColumn<int>("targetHeight");
        QTest::addColumn<int>("reduction");
        QTest::newRow("1024x768 -> 160") << 1024 << 768 << 160 << 160 << 2;
        QTest::newRow("768x1024 -> 160") << 768 << 1024 << 160 << 160 << 2;
        QTest::newRow("1024x683 -> 160") << 1024 << 683 << 160 << 160 << 2;
        QTest::newRow("2000x1500 -> 160") << 2000 << 1500 << 160 << 160 << 4;
        QTest::newRow("4032x3024 -> 224") << 4032 << 3024 << 224 << 224 << 4;
        QTest::newRow("6000x4000 -> 224") << 6000 << 4000 << 224 << 224 << 8;
        QTest::newRow("640x480 -> 160") << 640 << 480 << 160 << 160 << 1;
        QTest::newRow("exactly 2x at 1/2") << 640 << 640 << 160 << 160 << 2;
        QTest::newRow("rounded up by libjpeg") << 639 << 639 << 160 << 160 << 2;
        QTest::newRow("just short") << 638 << 638 << 160 << 160 << 1;
        QTest::newRow("wide target counts its long side") << 1000 << 1000 << 300 << 100 << 1;
        QTest::newRow("unknown size") << 0 << 0 << 160 << 160 << 1;
    }

    void chooseReduction() {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, targetWidth);
        QFETCH(int, targetHeight);
        QFETCH(int, reduction);
        QCOMPARE(ImageDecoder::chooseReduction(width, height, {targetWidth, targetHeight}),
                 reduction);
    }

    void fastPathStaysCloseOnLargeImage() {
        writeBytes(file("natural.jpg"),
                   encode(naturalImage({2000, 1500}), ".jpg", {cv::IMWRITE_JPEG_QUALITY, 90}));
        DecodeInfo fastInfo;
        DecodeInfo fullInfo;
        const cv::Mat fast = ImageDecoder({160, 160}, {/*fastJpegScaling=*/true})
                                 .decode(file("natural.jpg"), &fastInfo);
        const cv::Mat full = ImageDecoder({160, 160}).decode(file("natural.jpg"), &fullInfo);
        QCOMPARE(fastInfo.reduction, 4);
        QCOMPARE(fastInfo.decodedWidth, 500);
        QCOMPARE(fullInfo.reduction, 1);
        QCOMPARE(fullInfo.decodedWidth, 2000);
        const double difference = meanAbsDiff(fast, full);
        qInfo("synthetic 2000x1500: mean |fast - full| = %.2f levels", difference);
        QVERIFY2(difference < kMaxMeanAbsDiff, qPrintable(QString::number(difference)));
    }

    void fastPathStaysCloseOnSharedPhotos() {
        if (!QDir(tl::test::alpacaDatasetDir()).exists()) {
            QSKIP("shared alpaca photos not available");
        }
        const std::vector<fs::path> photos = sharedPhotos(6);
        double total = 0;
        for (const fs::path& photo : photos) {
            DecodeInfo info;
            const cv::Mat fast = ImageDecoder({160, 160}, {true}).decode(photo, &info);
            const cv::Mat full = ImageDecoder({160, 160}).decode(photo);
            const double difference = meanAbsDiff(fast, full);
            const double blurredDifference = meanAbsDiff(blurred(fast), blurred(full));
            qInfo("%s (%dx%d, 1/%d): mean |fast - full| = %.2f levels, %.2f blurred",
                  photo.filename().u8string().c_str(), info.storedWidth, info.storedHeight,
                  info.reduction, difference, blurredDifference);
            if (std::min(info.storedWidth, info.storedHeight) >= 640) {
                QCOMPARE(info.reduction, 2);
            }
            QVERIFY2(blurredDifference < kMaxBlurredAbsDiff,
                     qPrintable(QString::number(blurredDifference)));
            total += difference;
        }
        const double average = total / static_cast<double>(photos.size());
        QVERIFY2(average < kMaxPhotoAverageAbsDiff, qPrintable(QString::number(average)));
    }

    void fastPathOnlyForJpeg() {
        const cv::Mat big = naturalImage({1400, 1400});
        writeBytes(file("big.png"), encode(big, ".png"));
        writeBytes(file("big.jpg"), encode(big, ".jpg"));
        DecodeInfo info;
        ImageDecoder({160, 160}, {true}).decode(file("big.png"), &info);
        QCOMPARE(info.reduction, 1);
        QCOMPARE(info.format, std::optional(ImageFormat::Png));
        ImageDecoder({160, 160}).decode(file("big.jpg"), &info);
        QCOMPARE(info.reduction, 1);  // the default: one resize definition for every model input
        ImageDecoder({160, 160}, {true}).decode(file("big.jpg"), &info);
        QCOMPARE(info.reduction, 4);
    }

    // Not a pass/fail check (the machine is shared): prints the per-image cost for the record.
    void decodeTimingOnSharedPhotos() {
        if (!QDir(tl::test::alpacaDatasetDir()).exists()) {
            QSKIP("shared alpaca photos not available");
        }
        const std::vector<fs::path> photos = sharedPhotos(30);
        for (const bool fast : {false, true, false, true}) {
            const ImageDecoder decoder({160, 160}, {fast});
            QElapsedTimer timer;
            timer.start();
            for (const fs::path& photo : photos) {
                decoder.decode(photo);
            }
            qInfo("%s: %.2f ms per image over %zu photos", fast ? "fast path" : "full decode",
                  static_cast<double>(timer.nsecsElapsed()) / 1e6 / photos.size(), photos.size());
        }
    }
};

QTEST_GUILESS_MAIN(TestImageDecoder)
#include "TestImageDecoder.moc"
