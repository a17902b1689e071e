// SPDX-License-Identifier: MIT
#include <QTest>

#include <opencv2/core.hpp>

#include "data/Augmenter.h"

using namespace tl;

namespace {

cv::Mat gradient() {
    cv::Mat image(64, 64, CV_8UC3);
    for (int y = 0; y < 64; ++y) {
        for (int x = 0; x < 64; ++x) {
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(x * 4, y * 4, 128);
        }
    }
    return image;
}

double difference(const cv::Mat& a, const cv::Mat& b) {
    return cv::norm(a, b, cv::NORM_L1);
}

}  // namespace

class TestAugmenter : public QObject {
    Q_OBJECT
private slots:
    void viewZeroAndDisabledAreTheImage() {
        AugmentationSettings settings;
        settings.enabled = true;
        const cv::Mat image = gradient();
        QCOMPARE(difference(Augmenter(settings).augment(image, 1, 0), image), 0.0);
        settings.enabled = false;
        QCOMPARE(difference(Augmenter(settings).augment(image, 1, 5), image), 0.0);
    }

    void deterministicPerSeedAndView() {
        AugmentationSettings settings;
        settings.enabled = true;
        settings.zoom = 0.2;
        settings.contrast = 0.3;
        const Augmenter augmenter(settings);
        const cv::Mat image = gradient();
        QCOMPARE(difference(augmenter.augment(image, 7, 3), augmenter.augment(image, 7, 3)), 0.0);
        QVERIFY(difference(augmenter.augment(image, 7, 3), augmenter.augment(image, 7, 4)) > 0);
        QVERIFY(difference(augmenter.augment(image, 7, 3), augmenter.augment(image, 8, 3)) > 0);
    }

    void flipOnlyGivesTheImageOrItsMirror() {
        AugmentationSettings settings;
        settings.enabled = true;
        settings.rotation = 0;
        const Augmenter augmenter(settings);
        const cv::Mat image = gradient();
        cv::Mat mirrored;
        cv::flip(image, mirrored, 1);
        int flips = 0;
        for (int view = 1; view <= 40; ++view) {
            const cv::Mat out = augmenter.augment(image, 3, view);
            const bool same = difference(out, image) == 0;
            const bool flipped = difference(out, mirrored) == 0;
            QVERIFY(same || flipped);
            flips += flipped;
        }
        QVERIFY(flips > 5 && flips < 35);  // about half
    }

    void rotationKeepsSizeAndFillsByReflection() {
        AugmentationSettings settings;
        settings.enabled = true;
        settings.horizontalFlip = false;
        settings.rotation = 0.2;
        const cv::Mat image = gradient();
        const cv::Mat out = Augmenter(settings).augment(image, 11, 1);
        QCOMPARE(out.size(), image.size());
        QCOMPARE(out.type(), image.type());
        QVERIFY(difference(out, image) > 0);
        // Reflection fill: no black corners, unlike constant zero padding.
        QVERIFY(out.at<cv::Vec3b>(0, 0) != cv::Vec3b(0, 0, 0));
    }
};

QTEST_GUILESS_MAIN(TestAugmenter)
#include "TestAugmenter.moc"
