// SPDX-License-Identifier: MIT
#include "support/TorchInclude.h"

#include <QTest>

#include <opencv2/core.hpp>

#include <stdexcept>
#include <vector>

#include "data/Preprocessing.h"

using namespace tl;

namespace {

// H=2, W=3 with a different RGB triple in every pixel, so a swapped axis shows.
cv::Mat distinctPixels(int offset = 0) {
    cv::Mat rgb(2, 3, CV_8UC3);
    for (int y = 0; y < 2; ++y) {
        for (int x = 0; x < 3; ++x) {
            const int base = offset + 10 * (3 * y + x);
            rgb.at<cv::Vec3b>(y, x) =
                cv::Vec3b(static_cast<uchar>(base), static_cast<uchar>(base + 1),
                          static_cast<uchar>(base + 2));
        }
    }
    return rgb;
}

}  // namespace

class TestPreprocessing : public QObject {
    Q_OBJECT
private slots:
    void mobileNetScalesRgbToMinusOneOne() {
        cv::Mat rgb(1, 2, CV_8UC3);
        rgb.at<cv::Vec3b>(0, 0) = cv::Vec3b(0, 127, 255);
        rgb.at<cv::Vec3b>(0, 1) = cv::Vec3b(255, 128, 0);
        const torch::Tensor t = toInputBatch({rgb}, Preprocessing::MobileNet);
        QCOMPARE(t.sizes().vec(), (std::vector<int64_t>{1, 3, 1, 2}));
        const auto a = t.accessor<float, 4>();
        QCOMPARE(a[0][0][0][0], -1.0f);
        QCOMPARE(a[0][1][0][0], 127.0f / 127.5f - 1.0f);
        QCOMPARE(a[0][2][0][0], 1.0f);
        QCOMPARE(a[0][0][0][1], 1.0f);
        QCOMPARE(a[0][1][0][1], 128.0f / 127.5f - 1.0f);
        QCOMPARE(a[0][2][0][1], -1.0f);
    }

    void caffeIsBgrMinusImageNetMean() {
        cv::Mat rgb(1, 1, CV_8UC3, cv::Scalar(10, 20, 30));  // R=10, G=20, B=30
        const torch::Tensor t = toInputBatch({rgb}, Preprocessing::Caffe);
        const auto a = t.accessor<float, 4>();
        QCOMPARE(a[0][0][0][0], 30.0f - 103.939f);  // channel 0 is blue
        QCOMPARE(a[0][1][0][0], 20.0f - 116.779f);
        QCOMPARE(a[0][2][0][0], 10.0f - 123.68f);
    }

    void layoutIsNchwStoredChannelsLast() {
        const torch::Tensor t =
            toInputBatch({distinctPixels(0), distinctPixels(100)}, Preprocessing::MobileNet);
        QCOMPARE(t.scalar_type(), torch::kFloat32);
        QCOMPARE(t.sizes().vec(), (std::vector<int64_t>{2, 3, 2, 3}));
        QVERIFY(t.is_contiguous(torch::MemoryFormat::ChannelsLast));
        QVERIFY(!t.is_contiguous());
        QCOMPARE(t.strides().vec(), (std::vector<int64_t>{2 * 3 * 3, 1, 3 * 3, 3}));
        const auto a = t.accessor<float, 4>();
        for (int n = 0; n < 2; ++n) {
            for (int c = 0; c < 3; ++c) {
                for (int y = 0; y < 2; ++y) {
                    for (int x = 0; x < 3; ++x) {
                        const float level = static_cast<float>(100 * n + 10 * (3 * y + x) + c);
                        QCOMPARE(a[n][c][y][x], level / 127.5f - 1.0f);
                    }
                }
            }
        }
    }

    // The same result as the obvious tensor expression (Keras' preprocess_input on NHWC).
    void matchesReferenceTensorMath() {
        std::vector<cv::Mat> images;
        for (int i = 0; i < 3; ++i) {
            cv::Mat rgb(7, 5, CV_8UC3);
            cv::randu(rgb, 0, 256);
            images.push_back(rgb);
        }
        std::vector<torch::Tensor> nhwc;
        for (cv::Mat& image : images) {
            nhwc.push_back(
                torch::from_blob(image.data, {7, 5, 3}, torch::kUInt8).to(torch::kFloat32));
        }
        const torch::Tensor x = torch::stack(nhwc);
        const torch::Tensor mobileNet = (x / 127.5 - 1).permute({0, 3, 1, 2});
        const torch::Tensor mean = torch::tensor({103.939f, 116.779f, 123.68f});
        const torch::Tensor caffe = (x.flip(3) - mean).permute({0, 3, 1, 2});
        QVERIFY(
            torch::allclose(toInputBatch(images, Preprocessing::MobileNet), mobileNet, 0, 1e-6));
        QVERIFY(torch::allclose(toInputBatch(images, Preprocessing::Caffe), caffe, 0, 1e-4));
    }

    void regionOfInterestInput() {
        cv::Mat big(10, 10, CV_8UC3, cv::Scalar(0, 0, 0));
        distinctPixels().copyTo(big(cv::Rect(4, 5, 3, 2)));
        const cv::Mat roi = big(cv::Rect(4, 5, 3, 2));
        QVERIFY(!roi.isContinuous());
        QVERIFY(torch::equal(toInputBatch({roi}, Preprocessing::Caffe),
                             toInputBatch({distinctPixels()}, Preprocessing::Caffe)));
    }

    void rejectsBadBatches() {
        const cv::Mat a(4, 4, CV_8UC3, cv::Scalar::all(1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, toInputBatch({}, Preprocessing::MobileNet));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, toInputBatch({a, cv::Mat(4, 5, CV_8UC3)},
                                                                     Preprocessing::MobileNet));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 toInputBatch({cv::Mat(4, 4, CV_8UC1)}, Preprocessing::MobileNet));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 toInputBatch({cv::Mat(4, 4, CV_32FC3)}, Preprocessing::Caffe));
    }

    void stringConversions() {
        QCOMPARE(toString(Preprocessing::MobileNet), std::string("mobilenet"));
        QCOMPARE(toString(Preprocessing::Caffe), std::string("caffe"));
        for (const Preprocessing p : {Preprocessing::MobileNet, Preprocessing::Caffe}) {
            QVERIFY(preprocessingFromString(toString(p)) == p);
        }
        QVERIFY(preprocessingFromString("MobileNet") == Preprocessing::MobileNet);
        QVERIFY(preprocessingFromString("CAFFE") == Preprocessing::Caffe);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, preprocessingFromString("torch"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, preprocessingFromString(""));
    }
};

QTEST_GUILESS_MAIN(TestPreprocessing)
#include "TestPreprocessing.moc"
