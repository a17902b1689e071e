// SPDX-License-Identifier: MIT
// Grad-CAM: the known-answer test (an alpaca photo pasted into a photo without alpacas must
// be where the heat-map peaks), the eager path's embeddings against the feature extractor's,
// gradient and shape checks for MobileNetV2, ResNet-50 and Inception v3, the upsampled grid
// and the overlay files.
#include "support/TorchInclude.h"

#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <fstream>
#include <numeric>

#include "SharedPhotoFeatures.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "data/ImageDecoder.h"
#include "data/Preprocessing.h"
#include "inspection/GradCam.h"
#include "inspection/HeatmapOverlay.h"
#include "nn/Backbone.h"
#include "nn/BackboneFactory.h"
#include "nn/ClassifierHead.h"
#include "support/ComputeThreads.h"
#include "support/Errors.h"
#include "training/HeadTrainer.h"

using namespace tl;
using namespace tl::test;
namespace fs = std::filesystem;

namespace {

// Where a heat-map peaks, in the photo's pixels: the centre of the hottest cells. Bilinear
// upsampling repeats the grid's border values out to the photo's edge, so a border maximum is
// a band of equal cells; their centroid is where it lies.
cv::Point2d peakOf(const Heatmap& heatmap, int imageWidth, int imageHeight) {
    const float maximum = *std::max_element(heatmap.values.begin(), heatmap.values.end());
    double x = 0, y = 0;
    int count = 0;
    for (int row = 0; row < heatmap.height; ++row) {
        for (int column = 0; column < heatmap.width; ++column) {
            if (heatmap.at(column, row) >= maximum - 1e-6f) {
                x += column + 0.5;
                y += row + 0.5;
                ++count;
            }
        }
    }
    return {x / count * imageWidth / heatmap.width, y / count * imageHeight / heatmap.height};
}

// The class score as a function of the input, in double precision, for finite differences.
double scoreOf(Backbone& backbone, ClassifierHead& head, const torch::Tensor& input, int target) {
    torch::NoGradGuard noGrad;
    const torch::Tensor logits = head.forward(backbone.forward(input).mean({2, 3}));
    return logits.reshape({-1})[target].item<double>();
}

}  // namespace

class TestGradCam : public QObject {
    Q_OBJECT
private:
    SharedPhotoFeatures photos_;
    std::shared_ptr<ClassifierHead> head_;

private slots:
    void initTestCase() {
        ComputeThreads::configure(2);
        photos_ = loadSharedPhotoFeatures();
        const FeatureSet all{photos_.features.unsqueeze(1), torch::tensor(photos_.labels)};
        head_ = HeadTrainer(TrainingSettings::recommended(), 2).train(all).head;
    }

    // The known answer: an alpaca photo pasted (a quarter of the area: half the width and
    // half the height) into a photo the model is surest has no alpaca, in each of the four
    // corners; the heat-map of "alpaca" must peak inside the pasted box at least 3 times out
    // of 4. Done for the three surest alpacas on the three surest backgrounds (chosen by the
    // model's probabilities, not by the result).
    void pastedAlpacaIsWhereTheHeatmapPeaks() {
        const torch::Tensor pAlpaca =
            HeadTrainer::probabilities(*head_, photos_.features.unsqueeze(1)).select(1, 0);
        std::vector<int64_t> alpacas, backgrounds;
        for (int64_t i = 0; i < int64_t(photos_.paths.size()); ++i) {
            (photos_.labels[i] == 0 ? alpacas : backgrounds).push_back(i);
        }
        const auto byAlpaca = [&](int64_t a, int64_t b) {
            return pAlpaca[a].item<float>() > pAlpaca[b].item<float>();
        };
        std::sort(alpacas.begin(), alpacas.end(), byAlpaca);
        std::sort(backgrounds.rbegin(), backgrounds.rend(), byAlpaca);
        const GradCam gradCam(photos_.backbone.backbone, head_);
        for (int pair = 0; pair < 3; ++pair) {
            const cv::Mat background = ImageDecoder::decodeFull(photos_.paths[backgrounds[pair]]);
            const cv::Mat alpaca = ImageDecoder::decodeFull(photos_.paths[alpacas[pair]]);
            const cv::Size box(background.cols / 2, background.rows / 2);
            cv::Mat pasted;
            cv::resize(alpaca, pasted, box, 0, 0, cv::INTER_AREA);
            int hits = 0;
            QStringList where;
            for (const cv::Point corner :
                 {cv::Point(0, 0), cv::Point(1, 0), cv::Point(0, 1), cv::Point(1, 1)}) {
                const cv::Rect roi(corner.x * (background.cols - box.width),
                                   corner.y * (background.rows - box.height), box.width,
                                   box.height);
                QVERIFY(roi.area() <= 0.25 * background.cols * background.rows);
                cv::Mat composite = background.clone();
                pasted.copyTo(composite(roi));
                const Explanation explanation = gradCam.explain(composite, 0);
                const cv::Point2d peak =
                    peakOf(explanation.heatmap, composite.cols, composite.rows);
                const bool inside = roi.contains(cv::Point(int(peak.x), int(peak.y)));
                hits += inside;
                where << QString("(%1,%2)%3")
                             .arg(peak.x, 0, 'f', 0)
                             .arg(peak.y, 0, 'f', 0)
                             .arg(inside ? "+" : "-");
            }
            qInfo("pair %d (%s on %s): peak inside the box %d of 4: %s", pair,
                  photos_.paths[alpacas[pair]].filename().c_str(),
                  photos_.paths[backgrounds[pair]].filename().c_str(), hits,
                  qPrintable(where.join(' ')));
            QVERIFY2(hits >= 3, qPrintable(where.join(' ')));
        }
    }

    // Grad-CAM runs the eager backbone with autograd; its embedding must be the one the
    // feature extractor (the training's path) computes, and explain()'s resize of the full
    // photo must give the decoder's exact pixels.
    void eagerEmbeddingMatchesTheFeatureExtractor() {
        const GradCam gradCam(photos_.backbone.backbone, head_);
        const ImageDecoder decoder(cv::Size(160, 160));
        for (const int64_t row : {0, 97, 180, 326}) {
            const fs::path& path = photos_.paths[row];
            const cv::Mat decoded = decoder.decode(path);
            const cv::Mat full = ImageDecoder::decodeFull(path);
            cv::Mat resized;
            cv::resize(full, resized, decoded.size(), 0, 0,
                       ImageDecoder::resizeInterpolation(full.size(), decoded.size()));
            QCOMPARE(cv::norm(resized, decoded, cv::NORM_INF), 0.0);
            const GradCam::Pass pass =
                gradCam.compute(toInputBatch({decoded}, Preprocessing::MobileNet));
            const torch::Tensor expected = photos_.features[row];
            const double difference = (pass.embedding - expected).abs().max().item<double>();
            const double scale = expected.abs().max().item<double>();
            QVERIFY2(difference <= 1e-4 * scale, qPrintable(QString::number(difference)));
            const torch::Tensor probabilities =
                HeadTrainer::probabilities(*head_, expected.view({1, 1, -1}))[0];
            QVERIFY((pass.probabilities - probabilities).abs().max().item<double>() < 1e-5);
        }
    }

    // For a sigmoid head the two classes' evidence is opposite: the weights change sign.
    void binaryClassesHaveOppositeWeights() {
        const GradCam gradCam(photos_.backbone.backbone, head_);
        const cv::Mat image = ImageDecoder(cv::Size(160, 160)).decode(photos_.paths[5]);
        const torch::Tensor input = toInputBatch({image}, Preprocessing::MobileNet);
        const auto alpaca = gradCam.compute(input, 0);
        const auto other = gradCam.compute(input, 1);
        QVERIFY(torch::allclose(alpaca.weights, -other.weights, 1e-6, 1e-7));
        QCOMPARE(alpaca.grid.sizes(), (at::IntArrayRef{5, 5}));  // 160 px / 32
    }

    // Shape and gradient checks where no real weights exist (ResNet-50, Inception v3) and on
    // MobileNetV2: the grid is the last feature map's; Grad-CAM's channel weights are the
    // head's gradient (w / cells for a dense head); and autograd through the eager backbone
    // agrees with finite differences (double precision, a random direction).
    void shapesAndGradientsForEveryArchitecture_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("grid");
        QTest::addColumn<int>("checkSize");
        QTest::newRow("mobilenet_v2") << "mobilenet_v2" << 224 << 7 << 96;
        QTest::newRow("resnet50") << "resnet50" << 224 << 7 << 64;
        QTest::newRow("inception_v3") << "inception_v3" << 299 << 8 << 107;
    }
    void shapesAndGradientsForEveryArchitecture() {
        QFETCH(QString, architecture);
        QFETCH(int, size);
        QFETCH(int, grid);
        QFETCH(int, checkSize);
        torch::manual_seed(7);
        BackboneSpec spec{architecture.toStdString(), architecture == "mobilenet_v2" ? 0.35 : 1.0,
                          size};
        auto backbone = createBackbone(spec);
        backbone->eval();
        HeadConfig config;
        config.inputFeatures = backbone->featureChannels();
        config.numClasses = 3;
        auto head = std::make_shared<ClassifierHead>(config);
        head->eval();
        const GradCam gradCam(backbone, head);
        const torch::Tensor input = torch::rand({1, 3, size, size}) * 2 - 1;
        const GradCam::Pass pass = gradCam.compute(input, 2);
        QCOMPARE(pass.grid.sizes(), (at::IntArrayRef{grid, grid}));
        QVERIFY(pass.grid.min().item<float>() >= 0);
        QCOMPARE(pass.embedding.size(0), backbone->featureChannels());
        // d score / d pooled feature of a dense head is its weight row; averaged over the
        // grid's cells, each cell gets 1 / cells of it.
        const torch::Tensor dense = head->parameters()[0];  // [classes, channels]
        QVERIFY(torch::allclose(pass.weights, dense[2] / double(grid * grid), 1e-5, 1e-8));

        // Autograd through the backbone vs a central difference, in double precision.
        spec.inputSize = checkSize;
        auto precise = createBackbone(spec);
        precise->eval();
        precise->to(torch::kFloat64);
        head->to(torch::kFloat64);
        const torch::Tensor x = (torch::rand({1, 3, checkSize, checkSize}, torch::kFloat64) * 2 - 1)
                                    .requires_grad_(true);
        const torch::Tensor score =
            head->forward(precise->forward(x).mean({2, 3})).reshape({-1})[1];
        const torch::Tensor gradient = torch::autograd::grad({score}, {x})[0];
        const torch::Tensor direction = torch::randn_like(x) / std::sqrt(double(x.numel()));
        const double epsilon = 1e-4;
        const double numeric = (scoreOf(*precise, *head, x.detach() + epsilon * direction, 1) -
                                scoreOf(*precise, *head, x.detach() - epsilon * direction, 1)) /
                               (2 * epsilon);
        const double analytic = (gradient * direction).sum().item<double>();
        QVERIFY2(std::abs(numeric - analytic) <= 1e-4 * std::max(1e-3, std::abs(analytic)),
                 qPrintable(QString("numeric %1, autograd %2").arg(numeric).arg(analytic)));
        QVERIFY(std::abs(analytic) > 0);
    }

    void upsampledGridCoversThePhoto() {
        torch::Tensor grid = torch::zeros({5, 5});
        grid[0][4] = 2.0;  // top right
        grid[2][2] = 0.5;
        const Heatmap landscape = GradCam::upsample(grid, 1024, 768);
        QCOMPARE(landscape.width, 64);
        QCOMPARE(landscape.height, 48);
        QCOMPARE(int(landscape.values.size()), 64 * 48);
        QCOMPARE(*std::max_element(landscape.values.begin(), landscape.values.end()), 1.0f);
        QVERIFY(*std::min_element(landscape.values.begin(), landscape.values.end()) >= 0.0f);
        const cv::Point2d peak = peakOf(landscape, 1024, 768);
        QVERIFY(peak.x > 0.8 * 1024 && peak.y < 0.2 * 768);
        const Heatmap portrait = GradCam::upsample(grid, 600, 900);
        QCOMPARE(portrait.width, 43);
        QCOMPARE(portrait.height, 64);
        const Heatmap tiny = GradCam::upsample(grid, 40, 30);
        QCOMPARE(tiny.width, 40);
        QCOMPARE(tiny.height, 30);
        const Heatmap flat = GradCam::upsample(torch::zeros({5, 5}), 100, 100);
        QCOMPARE(*std::max_element(flat.values.begin(), flat.values.end()), 0.0f);
    }

    void overlayIsMarkedAndForeignFilesAreKept() {
        QTemporaryDir dir;
        const cv::Mat photo(1500, 2000, CV_8UC3, cv::Scalar(128, 128, 128));
        Heatmap heatmap;
        heatmap.width = 4;
        heatmap.height = 3;
        heatmap.values = {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        const cv::Mat overlay = HeatmapOverlay::render(photo, heatmap);
        QCOMPARE(overlay.cols, 1024);  // long side capped
        QCOMPARE(overlay.rows, 768);
        const fs::path ours = toPath(dir.filePath("a-cam.png"));
        HeatmapOverlay::writePng(ours, overlay);
        QVERIFY(HeatmapOverlay::isOwnOverlay(ours));
        const cv::Mat read = cv::imread(ours.string());
        QCOMPARE(read.cols, 1024);
        HeatmapOverlay::writePng(ours, overlay);  // its own file: replaced
        // The hot corner is red, the cold rest blue (jet colours over a grey photo).
        const cv::Vec3b hot = read.at<cv::Vec3b>(40, 1000);  // BGR
        const cv::Vec3b cold = read.at<cv::Vec3b>(700, 40);
        QVERIFY2(hot[2] > hot[0] && cold[0] > cold[2],
                 qPrintable(QString("hot BGR %1 %2 %3, cold %4 %5 %6")
                                .arg(hot[0])
                                .arg(hot[1])
                                .arg(hot[2])
                                .arg(cold[0])
                                .arg(cold[1])
                                .arg(cold[2])));

        const fs::path foreign = toPath(dir.filePath("b-cam.png"));
        QVERIFY(cv::imwrite(foreign.string(), cv::Mat(10, 10, CV_8UC3, cv::Scalar(1, 2, 3))));
        const QByteArray before = readAll(dir.filePath("b-cam.png"));
        QVERIFY(!HeatmapOverlay::isOwnOverlay(foreign));
        try {
            HeatmapOverlay::writePng(foreign, overlay);
            QFAIL("a foreign file was replaced");
        } catch (const Error& error) {
            QCOMPARE(int(error.kind()), int(ErrorKind::UnsafeDestination));
        }
        QCOMPARE(readAll(dir.filePath("b-cam.png")), before);
    }
};

QTEST_GUILESS_MAIN(TestGradCam)
#include "TestGradCam.moc"
