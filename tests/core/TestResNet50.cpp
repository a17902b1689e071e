// SPDX-License-Identifier: MIT
#include <QTemporaryDir>
#include <QTest>

#include <regex>
#include <set>

#include "KerasH5Writer.h"
#include "importers/KerasH5Importer.h"
#include "nn/BackboneFactory.h"
#include "nn/ResNet50.h"
#include "support/Errors.h"

#include "TestFiles.h"

using namespace tl;
using tl::test::kerasParameterCount;
using tl::test::toPath;
namespace fs = std::filesystem;

namespace {

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
        if (item.key().find("_bn.") != std::string::npos) {
            item.value().uniform_(0.5, 1.0);
        }
    }
}

// keras <= 2.2 resnet50.py names: conv1 / bn_conv1, res2a_branch2a / bn2a_branch2a,
// res2a_branch1 (projection shortcut).
std::string legacyName(const std::string& modern) {
    if (modern == "conv1_conv") {
        return "conv1";
    }
    if (modern == "conv1_bn") {
        return "bn_conv1";
    }
    static const std::regex block(R"(conv(\d)_block(\d)_(\d)_(conv|bn))");
    std::smatch match;
    if (!std::regex_match(modern, match, block)) {
        return modern;
    }
    const char blockLetter = char('a' + std::stoi(match[2]) - 1);
    const int layer = std::stoi(match[3]);
    const std::string branch = layer == 0 ? "1" : "2" + std::string(1, char('a' + layer - 1));
    return (match[4] == "conv" ? "res" : "bn") + match[1].str() + blockLetter + "_branch" + branch;
}

}  // namespace

class TestResNet50 : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { torch::set_num_threads(2); }

    void parameterCountMatchesKeras() {
        // Keras: ResNet50(include_top=False, weights=None).count_params() == 23,587,712.
        ResNet50 network({"resnet50", 1.0, 224});
        QCOMPARE(kerasParameterCount(network), int64_t(23587712));
    }

    void keepsKerasLayerNames() {
        ResNet50 network({"resnet50", 1.0, 224});
        std::set<std::string> names;
        for (const auto& item : network.named_parameters()) {
            names.insert(item.key());
        }
        for (const char* expected :
             {"conv1_conv.weight", "conv1_conv.bias", "conv1_bn.weight",
              "conv2_block1_0_conv.weight", "conv2_block1_1_conv.weight", "conv3_block4_3_bn.bias",
              "conv4_block6_2_conv.weight", "conv5_block3_3_bn.weight"}) {
            QVERIFY2(names.count(expected), expected);
        }
        QVERIFY(!names.count("conv3_block2_0_conv.weight"));  // identity shortcut
        QVERIFY(!names.count("conv4_block7_1_conv.weight"));
        const auto blocks = network.blockNames();
        QCOMPARE(blocks.size(), size_t(17));
        QCOMPARE(blocks.back(), std::string("conv5_block3"));
        QVERIFY(network.preprocessing() == Preprocessing::Caffe);
        // conv5_block3: three conv/BN pairs; conv5_block1 adds the projection.
        QCOMPARE(network.lastBlocks(1).size(), size_t(6));
        QCOMPARE(network.lastBlocks(3).size(), size_t(20));
    }

    void outputShapeAtSeveralSizes_data() {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("grid");
        QTest::newRow("224 (Keras default)") << 224 << 7;
        QTest::newRow("160") << 160 << 5;
        QTest::newRow("97 (odd)") << 97 << 4;
        QTest::newRow("32 (Keras minimum)") << 32 << 1;
    }

    void outputShapeAtSeveralSizes() {
        QFETCH(int, size);
        QFETCH(int, grid);
        auto network = createBackbone({"resnet50", 1.0, size});
        torch::NoGradGuard noGrad;
        const auto features = network->forward(torch::rand({1, 3, size, size}) * 255 - 120);
        QCOMPARE(features.sizes(), (at::IntArrayRef{1, 2048, grid, grid}));
        QCOMPARE(network->embed(torch::zeros({2, 3, size, size})).sizes(),
                 (at::IntArrayRef{2, 2048}));
    }

    void importsGeneratedH5_data() {
        QTest::addColumn<bool>("legacyNames");
        QTest::newRow("tf.keras names (conv2_block1_1_conv)") << false;
        QTest::newRow("keras 2.2 names (res2a_branch2a)") << true;
    }

    void importsGeneratedH5() {
        QFETCH(bool, legacyNames);
        ResNet50 source({"resnet50", 1.0, 64});
        randomiseBatchNorms(source);
        auto layers =
            KerasH5Writer::layersFrom(source.toKerasWeights(), KerasH5Writer::layerOrder(source));
        if (legacyNames) {
            for (auto& layer : layers) {
                const std::string old = legacyName(layer.name);
                for (auto& weight : layer.weights) {
                    weight.first = old + weight.first.substr(layer.name.size());
                }
                layer.name = old;
            }
            QCOMPARE(layers.front().name, std::string("conv1"));
        }
        QTemporaryDir dir;
        const QString file = dir.filePath("resnet50_notop.h5");
        KerasH5Writer::writeWeights(toPath(file), layers);
        const ImportedModel imported = KerasH5Importer::import(toPath(file), 64);
        QCOMPARE(imported.backbone->spec().architecture, std::string("resnet50"));
        QVERIFY(imported.backbone->preprocessing() == Preprocessing::Caffe);
        torch::NoGradGuard noGrad;
        const auto input = torch::rand({2, 3, 64, 64}) * 255 - 120;
        const auto expected = source.forward(input);
        QVERIFY(expected.abs().sum().item<double>() > 0);
        QVERIFY(torch::allclose(imported.backbone->forward(input), expected, 1e-5, 1e-5));
    }

    void otherResNetsAreNotResNet50() {
        std::vector<std::string> names = {"conv1_conv", "conv5_block3_3_conv",
                                          "conv4_block7_1_conv"};
        QCOMPARE(detectArchitecture(names), std::string());
        names = {"conv1_conv", "conv5_block3_3_conv", "post_bn"};
        QCOMPARE(detectArchitecture(names), std::string());
        names = {"conv1_conv", "conv5_block3_3_conv"};
        QCOMPARE(detectArchitecture(names), std::string("resnet50"));
    }
};

QTEST_GUILESS_MAIN(TestResNet50)
#include "TestResNet50.moc"
