// SPDX-License-Identifier: MIT
// The fast inference path (frozen TorchScript, BatchNorm folded, oneDNN) against the eager
// modules, which Grad-CAM and fine-tuning keep using: the same embeddings up to float
// rounding, for even and odd input sizes (TensorFlow's asymmetric padding), any batch size,
// from several threads at once; other architectures and sizes fall back to the eager path.
#include <torch/script.h>
#include "support/TorchInclude.h"

#include <QTest>

#include <sstream>
#include <thread>

#include "nn/BackboneScript.h"
#include "nn/InferenceBackbone.h"
#include "nn/MobileNetV2.h"
#include "nn/ResNet50.h"
#include "support/ComputeThreads.h"

using namespace tl;

namespace {

// Weights and BatchNorm statistics that keep activations in a sensible range through 50
// layers, so that a wrong padding or fold shows as a large difference.
void randomize(torch::nn::Module& network, uint64_t seed) {
    torch::manual_seed(static_cast<int64_t>(seed));
    torch::NoGradGuard noGrad;
    for (auto& item : network.named_parameters()) {
        auto& parameter = item.value();
        if (parameter.dim() == 4) {
            const double fanIn = double(parameter.numel()) / parameter.size(0);
            parameter.normal_(0, std::sqrt(2.0 / fanIn));
        } else if (item.key().find("weight") != std::string::npos) {
            parameter.uniform_(0.5, 1.5);
        } else {
            parameter.uniform_(-0.2, 0.2);
        }
    }
    for (auto& item : network.named_buffers()) {
        if (item.key().find("running_mean") != std::string::npos) {
            item.value().uniform_(-0.2, 0.2);
        } else if (item.key().find("running_var") != std::string::npos) {
            item.value().uniform_(0.5, 2.0);
        }
    }
}

double relativeDifference(const torch::Tensor& a, const torch::Tensor& b) {
    return (a - b).abs().max().item<double>() / std::max(1.0, b.abs().max().item<double>());
}

torch::Tensor eagerEmbedding(Backbone& backbone, const torch::Tensor& input) {
    torch::NoGradGuard noGrad;
    return backbone.embed(input);
}

}  // namespace

class TestInferenceBackbone : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ComputeThreads::configure(2); }

    void frozenPathMatchesTheEagerModules_data() {
        QTest::addColumn<double>("alpha");
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("shifted");
        QTest::newRow("0.35 @ 160") << 0.35 << 160 << true;
        QTest::newRow("0.35 @ 97 (odd sizes)") << 0.35 << 97 << true;
        QTest::newRow("1.0 @ 96") << 1.0 << 96 << true;
        QTest::newRow("0.5 @ 112, explicit padding") << 0.5 << 112 << false;
    }

    void frozenPathMatchesTheEagerModules() {
        QFETCH(double, alpha);
        QFETCH(int, size);
        QFETCH(bool, shifted);
        auto network = std::make_shared<MobileNetV2>(BackboneSpec{"mobilenet_v2", alpha, size});
        randomize(*network, 1);
        network->eval();
        InferenceBackbone::Options options;
        options.shiftedKernelPadding = shifted;
        const InferenceBackbone fast(network, options);
        QVERIFY(fast.isFrozen());
        QCOMPARE(QString::fromStdString(fast.pathName()), QStringLiteral("frozen-folded"));
        const auto input = torch::rand({3, 3, size, size}) * 2 - 1;
        const auto expected = eagerEmbedding(*network, input);
        const auto embedded = fast.embed(input);
        QCOMPARE(embedded.sizes(), expected.sizes());
        const double difference = relativeDifference(embedded, expected);
        qInfo("max |frozen - eager| / max |eager| = %.3g", difference);
        QVERIFY2(difference < 1e-5, qPrintable(QString::number(difference)));
        // The check means something: the photos' embeddings differ from each other.
        QVERIFY(relativeDifference(expected[0], expected[1]) > 1e-2);
    }

    void batchSizeAndThreadsDoNotChangeTheEmbeddings() {
        auto network = std::make_shared<MobileNetV2>(BackboneSpec{"mobilenet_v2", 0.35, 96});
        randomize(*network, 2);
        const InferenceBackbone fast(network);
        const auto input = torch::rand({6, 3, 96, 96}) * 2 - 1;
        const auto together = fast.embed(input);
        for (int64_t i = 0; i < 6; ++i) {
            QVERIFY(relativeDifference(fast.embed(input.narrow(0, i, 1)),
                                       together.narrow(0, i, 1)) < 1e-5);
        }
        // Two threads with one LibTorch thread each, as the feature extractor runs them.
        torch::Tensor first, second;
        std::thread a([&] {
            ComputeThreads::useOneThreadInThisThread();
            first = fast.embed(input.narrow(0, 0, 3));
        });
        std::thread b([&] {
            ComputeThreads::useOneThreadInThisThread();
            second = fast.embed(input.narrow(0, 3, 3));
        });
        a.join();
        b.join();
        QVERIFY(relativeDifference(torch::cat({first, second}), together) < 1e-5);
    }

    // LibTorch re-initialises a thread's count at its first parallel region (and recreates
    // its thread pool): a worker's single thread must survive that.
    void oneThreadStaysOneThread() {
        int before = 0, after = 0, other = 0;
        std::thread worker([&] {
            ComputeThreads::useOneThreadInThisThread();
            before = ComputeThreads::effectiveInThisThread();
            torch::ones({1 << 22}).sum();  // a parallel region
            after = ComputeThreads::effectiveInThisThread();
        });
        worker.join();
        std::thread configured([&] {
            ComputeThreads::applyToThisThread();
            torch::ones({1 << 22}).sum();
            other = ComputeThreads::effectiveInThisThread();
        });
        configured.join();
        QCOMPARE(before, 1);
        QCOMPARE(after, 1);
        QCOMPARE(other, 2);
        QCOMPARE(ComputeThreads::effectiveInThisThread(), 2);
    }

    void otherInputSizesAndArchitecturesUseTheEagerModules() {
        auto network = std::make_shared<MobileNetV2>(BackboneSpec{"mobilenet_v2", 0.35, 96});
        randomize(*network, 3);
        const InferenceBackbone fast(network);
        const auto larger = torch::rand({2, 3, 128, 128});
        QVERIFY(torch::equal(fast.embed(larger), eagerEmbedding(*network, larger)));

        auto resnet = std::make_shared<ResNet50>(BackboneSpec{"resnet50", 1.0, 64});
        const InferenceBackbone eager(resnet);
        QVERIFY(!eager.isFrozen());
        QCOMPARE(QString::fromStdString(InferenceBackbone::pathNameFor(*resnet)),
                 QStringLiteral("eager"));
        const auto input = torch::rand({2, 3, 64, 64});
        QVERIFY(torch::equal(eager.embed(input), eagerEmbedding(*resnet, input)));
    }

    // The training package's backbone.pt is this script, saved: it must compute the same.
    void savedScriptComputesTheSame() {
        auto network = std::make_shared<MobileNetV2>(BackboneSpec{"mobilenet_v2", 0.35, 96});
        randomize(*network, 4);
        std::stringstream bytes;
        scriptMobileNetV2(*network).save(bytes);
        torch::jit::Module loaded = torch::jit::load(bytes);
        const auto input = torch::rand({2, 3, 96, 96}) * 2 - 1;
        torch::NoGradGuard noGrad;
        const auto embedded = loaded.forward({input}).toTensor();
        QVERIFY(relativeDifference(embedded, eagerEmbedding(*network, input)) < 1e-5);
    }
};

QTEST_GUILESS_MAIN(TestInferenceBackbone)
#include "TestInferenceBackbone.moc"
