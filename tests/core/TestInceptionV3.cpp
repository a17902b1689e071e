// SPDX-License-Identifier: MIT
#include <QTemporaryDir>
#include <QTest>

#include <set>

#include "KerasH5Writer.h"
#include "importers/KerasH5Importer.h"
#include "nn/BackboneFactory.h"
#include "nn/InceptionV3.h"
#include "support/Errors.h"

#include "TestFiles.h"

using namespace tl;
using tl::test::kerasParameterCount;
using tl::test::toPath;
namespace fs = std::filesystem;

namespace {

// Non-trivial BatchNorm statistics, so a lost or misplaced layer changes the output.
void randomiseBatchNorms(torch::nn::Module& module) {
    torch::NoGradGuard noGrad;
    for (auto& item : module.named_buffers()) {
        if (item.key().find("running_mean") != std::string::npos) {
            item.value().uniform_(-0.1, 0.1);
        } else if (item.key().find("running_var") != std::string::npos) {
            item.value().uniform_(0.5, 1.5);
        }
    }
    for (auto& item : module.named_parameters()) {
        if (item.key().find("batch_normalization") != std::string::npos &&
            item.key().find(".bias") != std::string::npos) {
            item.value().uniform_(-0.1, 0.1);
        }
    }
}

// The network's weights as an .h5 whose i-th conv/BN pair is named by `name(i)`.
void writeRenamed(const QString& path, InceptionV3& network,
                  const std::function<std::string(const std::string&, int)>& name) {
    auto layers =
        KerasH5Writer::layersFrom(network.toKerasWeights(), KerasH5Writer::layerOrder(network));
    for (auto& layer : layers) {
        const bool isConv = layer.name.rfind("conv2d", 0) == 0;
        const std::string base = isConv ? "conv2d" : "batch_normalization";
        const std::string suffix = layer.name.substr(base.size());
        const int index = suffix.empty() ? 0 : std::stoi(suffix.substr(1));
        const std::string renamed = name(base, index);
        for (auto& weight : layer.weights) {
            weight.first = renamed + weight.first.substr(layer.name.size());
        }
        layer.name = renamed;
    }
    KerasH5Writer::writeWeights(toPath(path), layers);
}

}  // namespace

class TestInceptionV3 : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { torch::set_num_threads(2); }

    void parameterCountMatchesKeras() {
        // Keras: InceptionV3(include_top=False, weights=None).count_params() == 21,802,784.
        InceptionV3 network({"inception_v3", 1.0, 299});
        QCOMPARE(kerasParameterCount(network), int64_t(21802784));
    }

    void keepsKerasAutoNamesAndBlocks() {
        InceptionV3 network({"inception_v3", 1.0, 299});
        std::set<std::string> names;
        for (const auto& child : network.named_children()) {
            names.insert(child.key());
        }
        for (const char* expected :
             {"conv2d", "conv2d_1", "conv2d_93", "batch_normalization", "batch_normalization_93"}) {
            QVERIFY2(names.count(expected), expected);
        }
        QVERIFY(!names.count("conv2d_94"));
        QCOMPARE(names.size(), size_t(2 * InceptionV3::kUnitCount));
        const auto blocks = network.blockNames();
        QCOMPARE(blocks.size(), size_t(12));
        QCOMPARE(blocks.front(), std::string("stem"));
        QCOMPARE(blocks.back(), std::string("mixed10"));
        // mixed10: 9 conv/BN units.
        QCOMPARE(network.lastBlocks(1).size(), size_t(18));
        QVERIFY(network.preprocessing() == Preprocessing::MobileNet);
    }

    void outputShapeAtSeveralSizes_data() {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("grid");
        QTest::newRow("299 (Keras default)") << 299 << 8;
        QTest::newRow("224") << 224 << 5;
        QTest::newRow("150") << 150 << 3;
        QTest::newRow("75 (Keras minimum)") << 75 << 1;
    }

    void outputShapeAtSeveralSizes() {
        QFETCH(int, size);
        QFETCH(int, grid);
        auto network = createBackbone({"inception_v3", 1.0, size});
        torch::NoGradGuard noGrad;
        const auto features = network->forward(torch::rand({1, 3, size, size}) * 2 - 1);
        QCOMPARE(features.sizes(), (at::IntArrayRef{1, 2048, grid, grid}));
        QCOMPARE(network->featureChannels(), int64_t(2048));
        QVERIFY(features.abs().sum().item<double>() > 0);
    }

    void refusesInputsBelowTheKerasMinimum() {
        QVERIFY_THROWS_EXCEPTION(ImportError, createBackbone({"inception_v3", 1.0, 74}));
    }

    void gammaIsFixedAtOne() {
        InceptionV3 network({"inception_v3", 1.0, 75});
        const auto weights = network.toKerasWeights();
        QVERIFY(!weights.contains("batch_normalization", "gamma"));
        QVERIFY(weights.contains("batch_normalization", "beta"));
        for (const auto& item : network.named_parameters()) {
            if (item.key().find("batch_normalization") != std::string::npos &&
                item.key().find(".weight") != std::string::npos) {
                QVERIFY2(!item.value().requires_grad(), item.key().c_str());
            }
        }
    }

    void creationOrderSortsBySuffix() {
        const std::vector<std::string> names = {"conv2d_10", "mixed0",           "conv2d",
                                                "conv2d_2",  "conv2d_transpose", "conv2d_1",
                                                "conv2d_x"};
        QVERIFY((InceptionV3::namesInCreationOrder(names, "conv2d") ==
                 std::vector<std::string>{"conv2d", "conv2d_1", "conv2d_2", "conv2d_10"}));
    }

    // The official file names the layers conv2d_1..conv2d_94 (Keras 2.0), tf.keras conv2d..
    // conv2d_93, a session that built other models first conv2d_95..: all load by order.
    void importsGeneratedH5WithEveryNamingScheme_data() {
        QTest::addColumn<int>("firstNumber");
        QTest::newRow("tf.keras (conv2d, conv2d_1 ...)") << 0;
        QTest::newRow("official file (conv2d_1 .. conv2d_94)") << 1;
        QTest::newRow("later session (conv2d_95 ...)") << 95;
    }

    void importsGeneratedH5WithEveryNamingScheme() {
        QFETCH(int, firstNumber);
        InceptionV3 source({"inception_v3", 1.0, 75});
        randomiseBatchNorms(source);
        QTemporaryDir dir;
        const QString file = dir.filePath("inception_v3_notop.h5");
        writeRenamed(file, source, [&](const std::string& base, int index) {
            return InceptionV3::autoName(base, index + firstNumber);
        });
        const ImportedModel imported = KerasH5Importer::import(toPath(file), 75);
        QCOMPARE(imported.backbone->spec().architecture, std::string("inception_v3"));
        QVERIFY(!imported.head);
        torch::NoGradGuard noGrad;
        const auto input = torch::rand({2, 3, 75, 75}) * 2 - 1;
        const auto expected = source.forward(input);
        QVERIFY(torch::allclose(imported.backbone->forward(input), expected, 1e-5, 1e-6));
        // Without an input size the file's architecture default applies.
        QCOMPARE(KerasH5Importer::import(toPath(file)).backbone->spec().inputSize, 299);
    }

    void missingUnitIsAnError() {
        InceptionV3 source({"inception_v3", 1.0, 75});
        auto layers =
            KerasH5Writer::layersFrom(source.toKerasWeights(), KerasH5Writer::layerOrder(source));
        // Drop one conv layer (and keep the detection happy with the block names missing).
        layers.erase(
            std::remove_if(layers.begin(), layers.end(),
                           [](const KerasH5Layer& layer) { return layer.name == "conv2d_50"; }),
            layers.end());
        QTemporaryDir dir;
        KerasH5Writer::writeWeights(toPath(dir.filePath("broken.h5")), layers);
        InceptionV3 target({"inception_v3", 1.0, 75});
        try {
            target.loadKerasWeights(
                KerasH5Importer::read(toPath(dir.filePath("broken.h5"))).weights);
            QFAIL("93 conv layers must not load");
        } catch (const ImportError& error) {
            QVERIFY2(QString(error.what()).contains("94") && QString(error.what()).contains("93"),
                     error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestInceptionV3)
#include "TestInceptionV3.moc"
