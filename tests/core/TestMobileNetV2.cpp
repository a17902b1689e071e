// SPDX-License-Identifier: MIT
#include <QTest>

#include <set>

#include "nn/BackboneFactory.h"
#include "nn/MobileNetV2.h"
#include "support/Errors.h"

#include "TestFiles.h"

using namespace tl;
using tl::test::kerasParameterCount;

class TestMobileNetV2 : public QObject {
    Q_OBJECT
private slots:
    void makeDivisibleMatchesKeras() {
        QCOMPARE(MobileNetV2::makeDivisible(32 * 0.35), int64_t(16));
        QCOMPARE(MobileNetV2::makeDivisible(32 * 1.0), int64_t(32));
        QCOMPARE(MobileNetV2::makeDivisible(int(320 * 0.35)), int64_t(112));
        QCOMPARE(MobileNetV2::makeDivisible(1280 * 1.4), int64_t(1792));
        QCOMPARE(MobileNetV2::alphaFromBlock16Filters(112), 0.35);
        QCOMPARE(MobileNetV2::alphaFromBlock16Filters(448), 1.4);
    }

    void parameterCountMatchesKeras() {
        // Keras: MobileNetV2(include_top=False, weights=None).count_params() == 2,257,984.
        MobileNetV2 network({"mobilenet_v2", 1.0, 224});
        QCOMPARE(kerasParameterCount(network), int64_t(2257984));
    }

    void keepsKerasLayerNames() {
        MobileNetV2 network({"mobilenet_v2", 0.35, 160});
        std::set<std::string> names;
        for (const auto& item : network.named_parameters()) {
            names.insert(item.key());
        }
        for (const char* expected :
             {"Conv1.weight", "bn_Conv1.weight", "expanded_conv_depthwise.weight",
              "expanded_conv_project_BN.bias", "block_1_expand.weight", "block_16_project.weight",
              "Conv_1.weight", "Conv_1_bn.weight"}) {
            QVERIFY2(names.count(expected), expected);
        }
        QVERIFY(!names.count("expanded_conv_expand.weight"));  // block 0 has no expansion
    }

    void outputShapeForEveryWidthAndSize_data() {
        QTest::addColumn<double>("alpha");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("grid");
        for (double alpha : {0.35, 0.5, 0.75, 1.0}) {
            for (int size : {96, 128, 160, 192, 224}) {
                QTest::addRow("%.2f@%d", alpha, size) << alpha << size << 1280 << (size + 31) / 32;
            }
        }
        QTest::addRow("1.3@224") << 1.3 << 224 << 1664 << 7;
        QTest::addRow("1.4@224") << 1.4 << 224 << 1792 << 7;
        QTest::addRow("1.0@97 (odd)") << 1.0 << 97 << 1280 << 4;
        QTest::addRow("0.35@300") << 0.35 << 300 << 1280 << 10;
    }

    void outputShapeForEveryWidthAndSize() {
        QFETCH(double, alpha);
        QFETCH(int, size);
        QFETCH(int, channels);
        QFETCH(int, grid);
        auto network = createBackbone({"mobilenet_v2", alpha, size});
        torch::NoGradGuard noGrad;
        const auto features = network->forward(torch::zeros({1, 3, size, size}));
        QCOMPARE(features.size(1), int64_t(channels));
        QCOMPARE(features.size(2), int64_t(grid));
        QCOMPARE(features.size(3), int64_t(grid));
        QCOMPARE(network->embed(torch::zeros({2, 3, size, size})).sizes(),
                 (at::IntArrayRef{2, int64_t(channels)}));
    }

    void padsLikeTensorFlowSame() {
        // Even sizes get the extra row/column at the bottom/right only; odd sizes both sides.
        auto even = padSameForStride(torch::ones({1, 1, 4, 6}), 3, 2);
        QCOMPARE(even.sizes(), (at::IntArrayRef{1, 1, 5, 7}));
        QCOMPARE(even[0][0][0][0].item<float>(), 1.0f);
        QCOMPARE(even[0][0][4][6].item<float>(), 0.0f);
        auto odd = padSameForStride(torch::ones({1, 1, 5, 5}), 3, 2);
        QCOMPARE(odd.sizes(), (at::IntArrayRef{1, 1, 7, 7}));
        QCOMPARE(odd[0][0][0][0].item<float>(), 0.0f);
    }

    void keras_weights_round_trip() {
        MobileNetV2 source({"mobilenet_v2", 0.5, 96});
        {
            torch::NoGradGuard noGrad;
            for (auto& parameter : source.parameters()) {
                parameter.uniform_(-1, 1);
            }
        }
        MobileNetV2 target({"mobilenet_v2", 0.5, 96});
        target.loadKerasWeights(source.toKerasWeights());
        torch::NoGradGuard noGrad;
        const auto input = torch::rand({1, 3, 96, 96});
        QVERIFY(torch::allclose(source.forward(input), target.forward(input)));
    }

    void refusesWeightsOfAnotherWidth() {
        MobileNetV2 narrow({"mobilenet_v2", 0.35, 96});
        MobileNetV2 wide({"mobilenet_v2", 1.0, 96});
        const auto before = wide.toKerasWeights().get("Conv1", "kernel").clone();
        try {
            wide.loadKerasWeights(narrow.toKerasWeights());
            QFAIL("loading 0.35 weights into a 1.0 network must fail");
        } catch (const ImportError& error) {
            QVERIFY2(QString(error.what()).contains("layer 'Conv1'"), error.what());
        }
        // All or nothing: nothing was copied.
        QVERIFY(torch::equal(before, wide.toKerasWeights().get("Conv1", "kernel")));
    }

    void unknownArchitectureIsAnError() {
        QVERIFY_THROWS_EXCEPTION(ImportError, createBackbone({"vgg99", 1.0, 224}));
    }
};

QTEST_GUILESS_MAIN(TestMobileNetV2)
#include "TestMobileNetV2.moc"
